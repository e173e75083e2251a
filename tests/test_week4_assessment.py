"""Week 4's assessment: fourteen automatic questions worth 20 points above the capstone, each naming the
lesson that teaches it, no answer given away, written answers that accept Arabic and refuse keyword
stuffing, and every number and chart answer taken from the week's data."""
from __future__ import annotations

from pathlib import Path

import pytest

from course.answer_key import load_key, score_answer
from course.authoring.declaration import declaration_path, load_declaration
from course.lessons import week4
from course.lessons.week4 import analysis
from course.syllabus import load_syllabus

ROOT = Path(__file__).resolve().parent.parent
WEEK = load_syllabus().week("week4_blogging")
DECL = load_declaration(declaration_path(ROOT / "grading", WEEK.id), tuple(WEEK.lessons))
KEY = load_key(ROOT / "grading" / "keys", WEEK.id)
AUTOMATIC = [q for q in DECL.questions if not q.mentor_graded]

pytestmark = pytest.mark.usefixtures("english")


def points(question: str, answer) -> float:
    return score_answer(KEY.question(question), answer)


def full(question: str) -> float:
    return KEY.question(question).points


def test_fourteen_automatic_questions_worth_twenty_points_and_no_paragraph_question():
    """Are there 10-15 automatic questions worth 20 points in all, none of them a manual paragraph?"""
    assert 10 <= len(AUTOMATIC) <= 15
    assert sum(q["points"] for q in AUTOMATIC) == 20
    assert not [q for q in DECL.questions if q.kind == "manual"]


def test_the_capstone_stays_last_when_it_is_there():
    kinds = [q.kind for q in DECL.questions]
    assert "strategy" not in kinds or kinds[-1] == "strategy" and kinds.count("strategy") == 1


def test_every_question_names_a_lesson_of_the_week():
    for q in AUTOMATIC:
        lessons = q["lesson"] if isinstance(q["lesson"], list) else [q["lesson"]]
        assert set(lessons) <= set(WEEK.lessons), q.id


def test_no_question_lists_its_answer_in_its_own_text():
    """Does no context or prompt spell out the answer option's label?"""
    for q in AUTOMATIC:
        if q.kind in ("choice", "chart"):
            label = q["options"][q["answer"]]
            assert label not in q.get("context", "") + q["prompt"], q.id


@pytest.mark.parametrize("headline", ["What our survey found about drinking water in schools",
                                      "ما كشفه مسحنا عن مياه الشرب في مدارس بلدتنا",
                                      "مياه غير صالحة للشرب في ثلاثين مدرسة: نتائج المسح"])
def test_a_good_headline_scores_full_marks_in_english_or_arabic(headline):
    assert points("q3_headline", headline) == full("q3_headline")


@pytest.mark.parametrize("headline", ["water water water", "water water water water schools",
                                      "ماء ماء ماء في المدارس", "Water water everywhere in our schools",
                                      "water school survey water school survey"])
def test_keyword_stuffing_scores_nothing(headline):
    assert points("q3_headline", headline) == 0


@pytest.mark.parametrize("headline", ["WATER IN SCHOOLS!!!", "Our news", "Water"])
def test_a_shouting_or_empty_headline_loses_points(headline):
    assert points("q3_headline", headline) < full("q3_headline") / 2 + 0.01


@pytest.mark.parametrize("link", [
    "https://bukra-youth.example/donate?utm_source=newsletter&utm_medium=email&utm_campaign=school_water",
    "https://bukra-youth.example/donate/?utm_campaign=school_water&utm_medium=email&utm_source=newsletter",
])
def test_a_right_tracking_link_in_any_order_scores_full_marks(link):
    assert points("q8_newsletter_link", link) == full("q8_newsletter_link")


@pytest.mark.parametrize("link", [
    "https://bukra-youth.example/donate?utm_source=Newsletter&utm_medium=email&utm_campaign=school_water",
    "http://bukra-youth.example/donate?utm_source=newsletter&utm_medium=email&utm_campaign=school_water",
    "https://bukra-youth.example/donate?utm_source=newsletter&utm_medium=email",
    "https://bukra-youth.example/donate?utm_source=newsletter&utm_medium=email&utm_campaign=school water",
])
def test_a_link_that_would_split_or_lose_visits_loses_points(link):
    assert 0 < points("q8_newsletter_link", link) < full("q8_newsletter_link")


def test_number_answers_are_the_data():
    """Are the WhatsApp sign-up rate and the week's Facebook engagement rate computed from the datasets?"""
    visits = analysis.visits()
    whatsapp = visits[visits["source"] == "whatsapp"]
    assert (len(whatsapp), int(whatsapp["signed_up"].sum())) == (174, 22)
    assert KEY.question("q9_whatsapp_rate").answer == pytest.approx(22 / 174 * 100, abs=0.01)
    row = analysis.weeks().query("channel == 'facebook' and week == 4").iloc[0]
    assert (row["reach"], row["reactions"], row["comments"], row["shares"], row["link_clicks"]) == (8160, 221, 33, 31, 245)
    assert KEY.question("q13_engagement_rate").answer == pytest.approx(285 / 8160 * 100, abs=0.005)
    with_clicks = (285 + 245) / 8160 * 100
    assert points("q13_engagement_rate", f"{with_clicks:.2f}") == 0


def test_chart_answers_are_what_the_charts_show():
    """With Computer chosen, is Rania's story read to the end most? Does Instagram's reach hold while its
    sign-ups stay low?"""
    visits = week4.blog_visits()
    computer = visits[visits["device"] == "desktop"].groupby("post")["read_to_end"].mean()
    assert computer.idxmax() == "rania-volunteer-story" and KEY.question("q5_read_on_computers").answer == "story"
    weeks = week4.campaign_results()
    insta = weeks[weeks["channel"] == "instagram"].set_index("week")
    assert insta["reach"].min() > 6000 and insta["signups"].max() < 10
    totals = analysis.channel_totals(weeks)
    assert totals["signups"].idxmax() != "instagram"
    assert KEY.question("q14_instagram_weeks").answer == "add_link"


def test_the_split_source_numbers_match_the_data():
    counts = analysis.visits()["source"].value_counts()
    assert (counts["facebook"], counts["Facebook"]) == (464, 241)


@pytest.mark.parametrize("question", [q.id for q in AUTOMATIC])
def test_the_reference_answer_scores_full_marks_and_a_wrong_one_less(question):
    entry = KEY.question(question)
    assert score_answer(entry, entry.reference_answer()) == entry.points
    assert score_answer(entry, entry.wrong_answer()) < entry.points
