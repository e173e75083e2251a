"""The dashboard's figures on hand-made data: right numbers, titles that say what they show, meaning beyond colour."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from course.mentor import figures as F
from course.mentor.data import item_analysis
from course.syllabus import load_syllabus

S = load_syllabus()
WEEKS = [w.id for w in S.weeks]


def progress(rows: list[tuple]) -> pd.DataFrame:
    """(learner, week number, state, score, submissions) rows as a progress table (max 10 points)."""
    out = []
    for learner, number, state, score, submissions in rows:
        out.append({"learner": learner, "week": WEEKS[number - 1], "week_number": number, "state": state,
                    "score": score, "max_score": 10.0 if score is not None else None,
                    "submissions": submissions})
    frame = pd.DataFrame(out)
    frame["score"] = pd.to_numeric(frame["score"])
    frame["max_score"] = pd.to_numeric(frame["max_score"])
    return frame


COHORT = progress([
    ("a", 1, "passed", 9.0, 1), ("a", 2, "passed", 10.0, 1), ("a", 3, "unlocked", None, 0), ("a", 4, "locked", None, 0),
    ("b", 1, "failed", 4.0, 2), ("b", 2, "locked", None, 0), ("b", 3, "locked", None, 0), ("b", 4, "locked", None, 0),
    ("c", 1, "unlocked", None, 1), ("c", 2, "locked", None, 0), ("c", 3, "locked", None, 0), ("c", 4, "locked", None, 0),
    ("d", 1, "passed", 7.0, 1), ("d", 2, "submitted", None, 1), ("d", 3, "locked", None, 0), ("d", 4, "locked", None, 0),
])


def grades(rows: list[tuple]) -> pd.DataFrame:
    """(learner, week number, question, max, score or None=waiting) rows as a grades table."""
    from course.gradebook import CellGrade
    from course.mentor.data import grades_frame
    return grades_frame([CellGrade(learner=l, week=WEEKS[n - 1], timestamp=None, submission=f"{l}-{n}",
                                   notebook="assessment", question=q, cell_type="code", max_score=m,
                                   auto_score=s, manual_score=None, extra_credit=None,
                                   needs_manual_grade=s is None, late_penalty=0.0)
                         for l, n, q, m, s in rows], {w: i + 1 for i, w in enumerate(WEEKS)})


GRADES = grades([
    ("a", 1, "q1_easy", 2, 2), ("b", 1, "q1_easy", 2, 2), ("c", 1, "q1_easy", 2, 1),
    ("a", 1, "q2_hard", 2, 0), ("b", 1, "q2_hard", 2, 1), ("c", 1, "q2_hard", 2, 0),
    ("a", 1, "q3_written", 2, None), ("b", 1, "q3_written", 2, None),
    ("a", 2, "q1_mid", 4, 4), ("b", 2, "q1_mid", 4, 0),
])
ITEMS = item_analysis(GRADES, min_answers=2)   # every graded question has enough answers to be ranked


def assert_readable(fig: go.Figure, title: str):
    """Title says what it shows, axes have titles with units, every trace has words on hover."""
    assert fig.layout.title.text.startswith(title)
    axes = [a for name, a in fig.layout.to_plotly_json().items() if name.startswith(("xaxis", "yaxis"))]
    titled = [a["title"]["text"] for a in axes if a.get("title", {}).get("text")]
    assert titled and all("(" in t for t in titled)       # a unit or what is counted, in brackets
    for trace in fig.data:
        assert trace.hoverinfo == "text" and all(isinstance(h, str) and h for h in trace.hovertext)
    json.loads(fig.to_json())                              # it can be sent to a browser


def test_funnel_counts_opened_handed_in_and_passed():
    """Does the funnel count, per week, learners who opened it, handed in anything, and passed?"""
    counts = F.funnel_counts(COHORT, S).set_index("week_number")
    assert counts.loc[1, ["learners", "opened", "submitted", "passed"]].tolist() == [4, 4, 4, 2]
    assert counts.loc[2, ["opened", "submitted", "passed"]].tolist() == [2, 2, 1]
    assert counts.loc[3, ["opened", "submitted", "passed"]].tolist() == [1, 0, 0]
    assert counts.loc[4, ["opened", "submitted", "passed"]].tolist() == [0, 0, 0]


def test_funnel_figure_shows_the_counts_in_words_and_patterns():
    """Do the funnel's bars carry their numbers as text and differ in pattern, not only colour?"""
    fig = F.funnel(COHORT, S)
    assert_readable(fig, F.FUNNEL_TITLE)
    assert [t.name for t in fig.data] == ["Opened the week", "Handed in the assessment", "Passed"]
    assert [list(t.y) for t in fig.data] == [[4, 2, 1, 0], [4, 2, 0, 0], [2, 1, 0, 0]]
    assert [list(t.text) for t in fig.data] == [list(t.y) for t in fig.data]
    assert len({t.marker.pattern.shape for t in fig.data}) == 3
    assert "Passed: 2 of 4 learners (50 %)" in fig.data[2].hovertext[0]
    assert "Week 1: Facebook" in fig.data[0].hovertext[0]


def test_funnel_summary_in_words():
    """Does the funnel come with a sentence a screen reader can read?"""
    summary = F.funnel_summary(F.funnel_counts(COHORT, S))
    assert summary.startswith("Of 4 learners. Week 1: 4 opened, 4 handed in, 2 passed;")


def test_score_bins_put_each_score_in_its_band_and_the_top_score_in_the_last():
    """Are 40 %, 70 % and 90 % counted in their 10 % bands, and 100 % in the 90-100 % band?"""
    bins = F.score_bins(COHORT, S)
    week1 = bins[bins["week"] == WEEKS[0]].set_index("start")["learners"]
    assert week1[40] == 1 and week1[70] == 1 and week1[90] == 1 and week1.sum() == 3
    week2 = bins[bins["week"] == WEEKS[1]].set_index("start")["learners"]
    assert week2[90] == 1 and week2.sum() == 1            # 10/10 is in the top band, not outside
    assert set(bins["pass_mark"]) == {70.0}


def test_score_figure_draws_the_pass_mark_as_a_labelled_line_in_every_week():
    """Does each week's histogram have the pass mark as a dashed line with a text label?"""
    fig = F.score_distributions(COHORT, S)
    assert_readable(fig, F.SCORES_TITLE)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == len(S.weeks) and all(s.x0 == 70 and s.line.dash == "dash" for s in lines)
    labels = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("pass mark")]
    assert labels == ["pass mark 70 %"] * len(S.weeks)
    assert "Score 40–49 %: 1 learner" in fig.data[0].hovertext[4]


def test_item_analysis_table_orders_questions_hardest_first():
    """Is the hardest question (lowest mean share) first, and one with no graded answer last?"""
    assert ITEMS["question"].tolist() == ["q2_hard", "q1_mid", "q1_easy", "q3_written"]
    hard = ITEMS.set_index("question").loc["q2_hard"]
    assert (hard.graded, hard.full_marks, hard.share_full) == (3, 0, 0.0)
    assert hard.mean_share == pytest.approx((0 + 0.5 + 0) / 3)
    easy = ITEMS.set_index("question").loc["q1_easy"]
    assert easy.full_marks == 2 and easy.share_full == pytest.approx(2 / 3)
    written = ITEMS.set_index("question").loc["q3_written"]
    assert written.graded == 0 and written.pending == 2


def test_item_analysis_chart_follows_the_table_and_says_what_it_leaves_out():
    """Are the bars in the table's order (hardest at the top) with their numbers, and the ungraded one named as left out?"""
    fig = F.item_analysis_chart(ITEMS)
    assert_readable(fig, F.ITEMS_TITLE)
    bar = fig.data[0]
    assert list(bar.y) == ["W1 · q2_hard", "W2 · q1_mid", "W1 · q1_easy"]
    assert list(bar.x) == pytest.approx([100 / 6, 50, 100 * 5 / 6])
    assert bar.text[0] == "17 % · 0/3 full marks"
    assert fig.layout.yaxis.autorange == "reversed"          # first row drawn at the top
    assert "not shown: 1 question with no graded answer yet" in fig.layout.title.subtitle.text
    assert "Full marks: 0 of 3 graded answers (0 %)" in bar.hovertext[0]


TITLES = {(WEEKS[0], "q1_easy"): "Page or profile?", (WEEKS[0], "q2_hard"): "A look-alike link",
          (WEEKS[1], "q1_mid"): "Engagement rate by reach"}


def test_item_analysis_names_questions_by_their_titles():
    """Do the table and the chart name each question by its title (the grade id only where it has none),
    and does the hover text still give the grade id?"""
    items = item_analysis(GRADES, TITLES, min_answers=2)
    assert items.set_index("question")["title"].to_dict() == {
        "q2_hard": "A look-alike link", "q1_mid": "Engagement rate by reach", "q1_easy": "Page or profile?",
        "q3_written": "q3_written"}
    bar = F.item_analysis_chart(items).data[0]
    assert list(bar.y) == ["W1 · A look-alike link", "W2 · Engagement rate by reach", "W1 · Page or profile?"]
    assert "Grade id: q2_hard" in bar.hovertext[0]
    assert "A look-alike link (week 1)" in F.items_summary(items)


def test_only_questions_with_enough_answers_are_ranked_hardest():
    """Is a question answered (wrongly) by a single learner kept out of "hardest", listed after the questions
    with enough answers, greyed and marked on the chart, while the summary says how many answers each rests on?"""
    rows = [(learner, 1, "q_many", 2, score) for learner, score in zip("abcdef", [2, 2, 0, 1, 0, 0])]
    rows += [("a", 1, "q_single", 2, 0), ("a", 1, "q_easy", 2, 2), ("b", 1, "q_easy", 2, 2)]
    rows += [(learner, 1, "q_full", 2, 2) for learner in "abcde"]
    items = item_analysis(grades(rows), min_answers=5)
    assert items["question"].tolist() == ["q_many", "q_full", "q_easy", "q_single"]
    assert items.set_index("question")["ranked"].to_dict() == {
        "q_many": True, "q_full": True, "q_easy": False, "q_single": False}
    summary = F.items_summary(items, min_answers=5)
    assert summary.startswith("Hardest questions (ranked once they have 5 graded answers): q_many (week 1)")
    assert "based on 6 graded answers" in summary and "q_single" not in summary
    assert "2 questions have fewer graded answers and are not ranked yet" in summary
    fig = F.item_analysis_chart(items, min_answers=5)
    bar = fig.data[0]
    assert list(bar.marker.color) == [F.ORANGE, F.ORANGE, F.LIGHT_GREY, F.LIGHT_GREY]
    assert bar.text[3].endswith("(too few)") and "Not ranked: fewer than 5" in bar.hovertext[3]
    assert "grey: 2 questions with fewer than 5 graded answers, not ranked" in fig.layout.title.subtitle.text


def test_with_too_few_answers_no_question_is_called_hardest():
    """When no question has enough graded answers, does the summary say so, with the most any has?"""
    items = item_analysis(GRADES, min_answers=5)
    assert not items["ranked"].any()
    assert F.items_summary(items) == ("Too few answers to say which questions are hardest: a question is ranked "
                                      "once it has 5 graded answers, and the most any has is 3.")


@pytest.mark.parametrize("make", [
    lambda: F.funnel(COHORT.iloc[0:0], S),
    lambda: F.item_analysis_chart(item_analysis(grades([]))),
])
def test_a_figure_with_no_data_says_so_in_words(make):
    """Does an empty figure keep its title and say in words that there is nothing yet?"""
    fig = make()
    assert fig.layout.title.text
    assert any("No " in (a.text or "") for a in fig.layout.annotations)


def test_empty_score_figure_keeps_its_weeks_and_says_no_scores():
    """With no scores at all, does the score figure still show the weeks, and say there are no scores yet?"""
    fig = F.score_distributions(COHORT.assign(score=float("nan")), S)
    assert any(a.text == "No scores yet" for a in fig.layout.annotations)
    assert sum(sum(t.y) for t in fig.data) == 0
