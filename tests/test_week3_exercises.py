"""Week 3's lessons: every practice exercise accepts its right answer and rejects a wrong one, the facts the
exercises and the assessment state agree with X's counting (twitter-text), YouTube's limits and the week's
data, the charts explain themselves, and every lesson has what the course asks of it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from exercise_cases import ALL_AUDIT, right_and_wrong

from course.authoring.lesson_source import read_lesson
from course import i18n
from course.i18n import catalogue
from course.lessons import registry, week3
from course.lessons.week3 import charts, numbers
from course.syllabus import load_syllabus
from course.toolkit.hashtags import X_MAX_LENGTH, find_hashtags, post_length
from course.toolkit.youtube import check_chapters, description_bytes, tags_length

ROOT = Path(__file__).resolve().parent.parent
WEEK = load_syllabus().week("week3_twitter_youtube")
SOURCES = [ROOT / WEEK.id / "src" / name.replace(".ipynb", ".md") for name in WEEK.lessons]

pytestmark = pytest.mark.usefixtures("english")


# -- every exercise: a right answer passes, a wrong one fails ------------------------------------

CASES = {
    # lesson 1, writing for X
    "weighted_length": ("259", "371"),
    "presentation_forms": (False, True),
    "long_post_in_timeline": ("show_more", "cut"),
    "reply_quote_repost": ({"thread": "story", "reply": "answer", "quote": "comment", "repost": "pass_on"},
                           {"thread": "story", "reply": "comment", "quote": "answer", "repost": "pass_on"}),
    "join_a_trend": (["read", "grief", "fit", "spam"], ["read", "followers"]),
    "private_list": ("private", "public"),
    "community_notes": (False, True),
    "accessible_post": (["alt", "camel", "emoji_end", "captions"], ["alt", "fancy_font"]),
    "format_explorer": ("thread", "post"),
    # lesson 2, analytics on X
    "what_counts": (["likes", "replies", "reposts", "quotes"],
                    ["likes", "replies", "reposts", "quotes", "clicks", "visits"]),
    "x_engagement_rate": ("2", "4"),
    "impressions_are_not_people": (False, True),
    "link_posts_two_rates": ("clicks", "better"),
    "monthly_report": (["export", "rates", "compare", "findings", "change"],
                       ["export", "findings", "rates", "compare", "change"]),
    # lesson 3, YouTube
    "channel_owner": ("org_account", "volunteer"),
    "which_chapters_work": (["good", "good_long"], ["good", "too_short"]),
    "arabic_description": ("2500", "5000"),
    "tags_count": ("27", "25"),
    "which_is_a_short": ("vertical_150", "square_210"),
    "altered_content": (["voice", "flood", "crowd"], ["voice", "filter"]),
    "read_retention": ("start", "end"),
    "traffic_explorer": ("event", "testimonial"),
    # lesson 4, video testimonials
    "what_the_chart_shows": ("share", "views"),
    "consent_checklist": (ALL_AUDIT, ["review"]),
    "withdrawn_consent": ("remove", "keep"),
    "risks_and_fixes": ({"face": "behind", "street": "neutral", "name": "first_name", "metadata": "export"},
                        {"face": "neutral", "street": "behind", "name": "first_name", "metadata": "export"}),
    "story_order": (["moment", "problem", "change", "ask"], ["ask", "moment", "problem", "change"]),
    # lesson 5, misinformation
    "sift_order": (["stop", "investigate", "find", "trace"], ["investigate", "stop", "find", "trace"]),
    "lateral_reading": ("lateral", "about"),
    "old_photo": ("recycled", "real"),
    "rumour_signal": ("questions", "success"),
    "triage_matching": ({"low_low": "watch", "low_high": "direct", "high_low": "short", "high_high": "full"},
                        {"low_low": "short", "low_high": "direct", "high_low": "watch", "high_high": "full"}),
    "truth_sandwich_order": (["fact", "warn", "why", "fact_again"], ["warn", "fact", "why", "fact_again"]),
    "quote_the_rumour": (False, True),
    # lesson 6, influencers and partners
    "engaged_people": ("800", "1600"),
    "best_partner_in_chart": ("a3", "a1"),
    "vet_a_partner": (["insights", "real", "values", "disclose"], ["insights", "followers_only"]),
    "paid_partnership": (True, False),
}
EXERCISES = registry.functions(3, "exercise")


answered, test_every_exercise_has_a_right_and_a_wrong_answer_here, test_right_answer_passes, \
    test_wrong_answer_fails = right_and_wrong(3, CASES)


def test_an_empty_consent_checklist_gets_all_the_advice_most_important_first():
    """Does a learner who ticks nothing get advice for every consent item, the heaviest first?"""
    checklist = week3.consent_checklist()
    feedback = checklist.check()
    assert len(feedback.details) == len(checklist.items)
    heaviest = max(checklist.items, key=lambda i: i.weight)
    assert feedback.details[0].startswith(heaviest.label)


def test_the_week_is_deep_enough():
    """At least 25 exercises in at least 6 widget kinds, and no lesson without exercises."""
    kinds = {type(f()).__name__ for f in EXERCISES.values()}
    assert len(EXERCISES) >= 25 and len(kinds) >= 6, kinds


# -- facts the exercises state agree with X's counting (twitter-text) -------------------------------
def test_length_exercise_agrees_with_twitter_text():
    """Is 230 Arabic letters and spaces, a space, a 64-character link, a space and two emoji really 259 on X?"""
    letters = ("سلام " * 46)[:week3.writing.LETTERS]
    link = "https://bukra-youth.org/" + "a" * (week3.writing.LINK_CHARS - 24)
    assert len(letters) == 230 and len(link) == 64
    post = f"{letters} {link} \U0001F64C\U0001F3FD\u270A"
    assert post_length(post) == week3.weighted_length().answer == 259


def test_presentation_forms_weigh_two_and_basic_arabic_one():
    """Do presentation forms (and 'fancy font' letters) weigh 2 each on X, basic Arabic letters and Latin 1?"""
    assert post_length("\u0633") == 1 and post_length("a") == 1
    assert post_length("\uFEB1") == 2 and post_length("\uFDF2") == 2 and post_length("\uFB50") == 2
    assert post_length("\U0001D401") == 2            # mathematical bold B, from a "font generator"
    assert post_length("\U0001F468\u200D\U0001F469\u200D\U0001F467") == 2   # a family emoji is one emoji
    assert post_length("https://example.org/" + "x" * 200) == 23
    assert not week3.presentation_forms().answer


def test_campaign_hashtag_of_the_lesson_is_linked_whole():
    """Are the lesson's example hashtags, Arabic and English, linked whole?"""
    for tag in ("#SafeStreets", "#شوارع_آمنة"):
        assert find_hashtags(f"Join us {tag}") == [tag]


# -- facts the YouTube exercises state agree with the limits (shared CONTENT table) ------------------
def chapters_work(listing: str) -> bool:
    """YouTube's rules for chapters: first at 0:00, at least three, ascending, each at least 10 seconds."""
    times = []
    for stamp in re.findall(r"(\d+):(\d\d)", listing):
        times.append(int(stamp[0]) * 60 + int(stamp[1]))
    gaps = [b - a for a, b in zip(times, times[1:])]
    return bool(times) and times[0] == 0 and len(times) >= 3 and all(g >= 10 for g in gaps)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chapter_answers_follow_the_rules(lang):
    """In either language, are exactly the chapter lists the exercise calls right those that meet every rule?"""
    with i18n.language(lang):
        widget = week3.which_chapters_work()
        for key, listing in week3.youtube.chapter_lists().items():
            assert chapters_work(listing) is (key in widget.answer), listing


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chapter_answers_agree_with_the_upload_checker(lang):
    """Does the toolkit behind the upload checker find problems in exactly the lists the exercise calls wrong?"""
    with i18n.language(lang):
        widget = week3.which_chapters_work()
        lists = week3.youtube.chapter_lists()
    if lang == "ar":
        assert all(re.search("[\u0600-\u06FF]", listing) for listing in lists.values())
    for key, listing in lists.items():
        chapters, problems = check_chapters(listing.replace(" · ", "\n"))
        assert (len(chapters) >= 3 and not problems) is (key in widget.answer), listing


def test_description_and_tag_limits():
    """5,000 bytes hold 2,500 basic Arabic letters; the tags count commas and the quotes of a tag with a space."""
    assert len("ب".encode("utf-8")) == 2 and len("b".encode("utf-8")) == 1
    assert week3.arabic_description().answer * 2 == week3.youtube.DESCRIPTION_MAX_BYTES == 5000
    typed = ",".join(f'"{t}"' if " " in t else t for t in week3.youtube.TAGS)
    assert len(typed) == week3.tags_count().answer == tags_length(list(week3.youtube.TAGS)) == 27
    assert description_bytes("ب" * 2500) == 5000
    assert (week3.youtube.TITLE_MAX, week3.youtube.TAGS_MAX) == (100, 500)


def test_short_answer_follows_the_three_minute_rule():
    """Is the only Short the square or vertical video of at most 180 seconds?"""
    videos = {"vertical_150": ("vertical", 150), "horizontal_60": ("horizontal", 60),
              "vertical_240": ("vertical", 240), "square_210": ("square", 210)}
    shorts = [k for k, (shape, seconds) in videos.items() if shape != "horizontal" and seconds <= 180]
    assert shorts == [week3.which_is_a_short().answer]


def test_channel_titles_fit_youtube():
    """Do the channel's titles keep to 100 characters, and is a thread's first post within 280?"""
    titles = numbers.videos()["title"]
    assert titles.str.len().max() <= week3.youtube.TITLE_MAX
    assert X_MAX_LENGTH == 280


# -- facts the data exercises state agree with the data ------------------------------------------
def test_format_explorer_answer_matches_the_data():
    """Do threads bring the most profile visits per post of the formats offered?"""
    widget = week3.format_explorer()
    visits = numbers.x_posts().groupby("format")["profile_visits"].mean()
    assert visits[list(widget.options)].idxmax() == widget.answer
    assert f"{visits['thread']:.0f} profile visits" in widget.why["thread"]
    assert visits["quote"] < visits["post"]                              # "fewer than single posts"


def test_engagement_rate_on_x_answer():
    """Is (52 + 9 + 14 + 5) / 4,000 x 100 = 2 %, and would counting clicks and visits give 4 %?"""
    assert week3.x_engagement_rate().answer == pytest.approx(2.0)
    post = week3.x_analytics.POST
    wider = sum(post[k] for k in ("likes", "replies", "reposts", "quotes", "clicks", "visits"))
    assert wider / post["impressions"] * 100 == pytest.approx(4.0)


def test_two_rates_tell_two_stories_about_links():
    """Are link posts last by the course's rate and first by X's wider figure?"""
    table = numbers.by_media(numbers.x_posts())
    assert table["rate"].idxmin() == "link" and table["x_rate"].idxmax() == "link"
    assert (table["x_rate"] > table["rate"]).all()
    impressions = numbers.x_posts().groupby("media")["impressions"].mean()
    assert impressions.idxmin() == "link"                                # "link posts were in fact shown less"


def test_retention_answer_matches_the_data():
    """Do recorded events lose the most viewers in the first 5 %, more than anywhere later?"""
    curves = numbers.retention_by_kind()
    event = curves["event"]
    first = 100 - event.loc[5]
    assert first > 40 and all(event.loc[p] - event.loc[p + 5] < first / 3 for p in range(5, 100, 5))
    assert event.loc[100] < 10                                           # "fewer than one in ten reach the end"
    assert week3.read_retention().answer == "start"


def test_traffic_explorer_answer_matches_the_data():
    """Do recorded events get the largest average share of views from outside links?"""
    widget = week3.traffic_explorer()
    share = numbers.videos().groupby("kind")["share_external"].mean()
    assert share[list(widget.options)].idxmax() == widget.answer


def test_testimonial_chart_question_matches_the_data():
    """Are testimonials watched for a larger share than explainers, with about as many views?"""
    table = numbers.watched_by_kind()
    assert table.loc["testimonial", "watched"] > table.loc["explainer", "watched"] + 10
    assert 0.8 < table.loc["testimonial", "views"] / table.loc["explainer", "views"] < 1.25


def test_rumour_week_stands_out():
    """Is the rumour week the one with the most replies per 1,000 impressions, by far?"""
    weeks = numbers.replies_by_week(numbers.x_posts())["per_1000"]
    assert weeks.idxmax() == numbers.RUMOUR_WEEK
    assert weeks.max() > 2.5 * weeks.drop(numbers.RUMOUR_WEEK).median()


def test_partner_answer_is_the_best_option_and_not_the_biggest():
    """Is the answer the option with the most engaged people of the audience, and not the biggest account?"""
    widget = week3.best_partner_in_chart()
    table = numbers.accounts().set_index("handle")
    engaged = {key: table.loc[handle, "engaged"] for key, handle in widget.options.items()}
    assert max(engaged, key=engaged.get) == widget.answer
    assert widget.options[widget.answer] != table["followers"].idxmax()
    assert week3.engaged_people().answer == 800


# -- the facts behind the week's assessment ------------------------------------------------------
@pytest.fixture(scope="module")
def key():
    from course.answer_key import load_key
    return load_key(ROOT / "grading" / "keys", WEEK.id)


def options_of(question: str) -> dict[str, str]:
    prefix = f"assessment.{WEEK.id}.{question}.options."
    return {k.removeprefix(prefix): v for k, v in catalogue("en").items() if k.startswith(prefix)}


def test_room_left_matches_twitter_text(key):
    """Is the room left in q1's post what twitter-text says: 280 minus the post's weighted length?"""
    post = ("سلام " * 36)[:180] + " https://bukra-youth.org/" + "p" * 72 + " #شوارع_آمنة"
    assert len(post.split(" https")[0]) == 180 and len("https://bukra-youth.org/" + "p" * 72) == 96
    assert len("#شوارع_آمنة") == 11 and find_hashtags(post) == ["#شوارع_آمنة"]
    assert key.question("q1_room_left").answer == X_MAX_LENGTH - post_length(post) == 64


def test_only_the_presentation_forms_post_is_too_long(key):
    """Of q2's four drafts, is only the one in presentation forms over 280 on X?"""
    drafts = {
        "link": "a" * 250 + " https://example.org/" + "b" * 116,
        "arabic": "ب" * 279,
        "forms": "\uFE91" * 150,
        "emoji": "a" * 270 + "\U0001F468\u200D\U0001F469\u200D\U0001F467\u270A\U0001F44D\U0001F64C",
    }
    assert set(drafts) == set(options_of("q2_over_the_limit"))
    over = [k for k, text in drafts.items() if post_length(text) > X_MAX_LENGTH]
    assert over == [key.question("q2_over_the_limit").answer]


def test_number_keys_are_right(key):
    """q3: (96 + 12 + 20 + 4) / 6,400 x 100; q13: 60,000 x 3 % x 45 %."""
    assert key.question("q3_rate_on_x").answer == pytest.approx(numbers.engagement_rate_on_x(96, 12, 20, 4, 6400),
                                                                abs=0.005)
    assert key.question("q13_partner_reach").answer == pytest.approx(numbers.engaged_audience(60000, 3, 45))
    assert numbers.engaged_audience(900000, 0.6, 5) < numbers.engaged_audience(60000, 3, 45) / 2


def test_chart_keys_match_the_data(key):
    """q5: English video posts have the highest course rate (clearly); q8: explainers get most from search."""
    frame = week3.x_posts_for_assessment()
    english = frame[frame["language"] == "en"].groupby("media")["engagement_rate"].mean().sort_values()
    assert english.index[-1] == key.question("q5_media_chart").answer
    assert english.iloc[-1] - english.iloc[-2] > 0.3
    assert frame.groupby("media")["x_rate"].mean().idxmax() == "link"   # the other metric tells another story
    search = week3.videos_for_assessment().groupby("kind")["share_search"].mean()
    assert search.idxmax() == key.question("q8_traffic_chart").answer


def test_chapter_key_follows_the_rules(key):
    """Does q6's list really fail only because its first chapter is under 10 seconds?"""
    listing = "0:00 Intro · 0:08 Lina's walk home · 1:30 What we ask · 2:45 Sign the petition"
    assert not chapters_work(listing)
    assert chapters_work(listing.replace("0:08", "0:10"))
    _chapters, problems = check_chapters(listing.replace(" · ", "\n"))
    assert [p.key for p in problems] == ["chapter_too_short"]
    assert key.question("q6_broken_chapters").answer == "short"


def test_assessment_keeps_its_balance(key):
    """10-15 questions, at least 70 % automatic points, enough to pass, the written answer at most ~20 %."""
    assert 10 <= len(key.entries) <= 15
    manual = key.total_points - key.auto_points
    assert key.auto_points >= 0.7 * key.total_points and 0 < manual <= 0.2 * key.total_points
    assert key.auto_points >= WEEK.points_needed(key.total_points)


def test_assessment_covers_every_lesson():
    """Does the assessment ask about every lesson of the week?"""
    texts = catalogue("en")
    text = "\n".join(v for k, v in texts.items() if k.startswith(f"assessment.{WEEK.id}.") and k.endswith(".text"))
    for number in range(1, len(WEEK.lessons) + 1):
        assert re.search(rf"\*lessons? [^*]*\b{number}\b", text), number


def test_assessment_does_not_repeat_week_one():
    """No week 3 question asks week 1's hashtag or engagement-by-reach question again."""
    texts = {k: v for k, v in catalogue("en").items() if k.startswith(f"assessment.{WEEK.id}.")}
    assert not any("CamelCase" in v or "screen reader" in v for v in texts.values())
    assert not any("by reach" in v for v in texts.values())


# -- charts explain themselves, and every lesson has what the course asks --------------------------
FIGURES = [lambda: charts.format_figure(numbers.x_posts()), lambda: charts.two_rates_figure(numbers.x_posts()),
           charts.retention_figure, charts.traffic_figure, charts.watched_figure,
           lambda: charts.replies_figure(numbers.x_posts()), charts.partners_figure]


@pytest.mark.parametrize("make", FIGURES, ids=range(len(FIGURES)))
def test_charts_explain_themselves(make):
    """Has each chart a title, axis titles, a takeaway with numbers, a resizing layout and phone-width title lines?"""
    fig, takeaway = make()
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.autosize is True
    assert takeaway and re.search(r"\d", takeaway)
    assert max(len(line) for line in fig.layout.title.text.split("<br>")) <= 40


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_lesson_reads_data_and_asks_about_it(source):
    """Does each lesson place a chart followed (later in the lesson) by an exercise, and say that screens change?"""
    placements = [(p.kind, p.name) for p in read_lesson(source).placements()]
    kinds = [k for k, _n in placements]
    assert "chart" in kinds and "exercise" in kinds[kinds.index("chart"):], placements
    text = source.read_text(encoding="utf-8")
    assert "**Screens change.**" in text and "mentor_corner:" in text and "remember:" in text


def test_the_week_takes_three_to_four_hours():
    """Do the lessons' minutes add up to between 3 and 4 hours?"""
    minutes = [int(re.search(r"(?m)^minutes: (\d+)$", s.read_text(encoding="utf-8"))[1]) for s in SOURCES]
    assert 5 <= len(minutes) <= 6 and 180 <= sum(minutes) <= 240


def test_the_week_places_its_three_tools_and_week_one_checkers():
    """Are the thread splitter, the upload checker, the rumour triage card and week 1's post and hashtag
    checkers each placed in the lesson that teaches their topic?"""
    placed = {p.name: s.name for s in SOURCES for p in read_lesson(s).placements() if p.kind == "tool"}
    assert placed == {"thread_splitter": "01_writing_for_x.md", "x_post_checker": "01_writing_for_x.md",
                      "x_hashtag_checker": "01_writing_for_x.md", "upload_checker": "03_youtube_channel.md",
                      "rumour_triage": "05_countering_misinformation.md"}
    for name in placed:
        assert registry.functions(3, "tool")[name]() is not None
