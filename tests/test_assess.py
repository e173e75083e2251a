"""Assessment (course/assess.py): one factory per widget, answers saved, grading with partial credit."""
from __future__ import annotations

import pandas as pd
import pytest

from course import i18n
from course.assess import KEYS_ENV, Assessment, GradeResult, PendingResult
from course.widgets import (ChartExplorer, Checklist, Matching, MultipleChoice, NumberAnswer, Ordering,
                            SingleChoice, TextAnswer, TrueFalse)

KEY = '''
[questions.q_single]
points = 2
kind = "choice"
answer = "blog"

[questions.q_multi]
points = 2
kind = "choices"
answer = ["camel", "short"]

[questions.q_tf]
points = 1
kind = "truefalse"
answer = false

[questions.q_order]
points = 3
kind = "order"
answer = ["a", "b", "c"]

[questions.q_pairs]
points = 2
kind = "pairs"
answer = { rana = "admin", ali = "moderator" }

[questions.q_text]
points = 2
kind = "rules"
reference = '"digital rights" site:smex.org'
rules = [ { pattern = '"digital rights"', about = "phrase" }, { pattern = 'site:smex\\.org', about = "site" } ]

[questions.q_number]
points = 2
kind = "number"
answer = 3.5
tolerance = 0.05

[questions.q_audit]
points = 2
kind = "weighted"
weights = { twofa = 3, manager = 1 }

[questions.q_chart]
points = 1
kind = "choice"
answer = "sat"
'''
DATA = pd.DataFrame({"day": ["Mon", "Sat"], "reach": [10, 30]})


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.delenv(KEYS_ENV, raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    before = i18n._current
    i18n.set_language("en")
    yield
    i18n._current = before


@pytest.fixture
def keys(tmp_path, monkeypatch):
    folder = tmp_path / "keys"
    folder.mkdir()
    (folder / "wk.toml").write_text(KEY, encoding="utf-8")
    return folder


def build(assessment):
    """Every kind of question, as an assessment notebook would create them."""
    return {
        "q_single": assessment.single_choice("q_single", "Where?", {"story": "A story", "blog": "A blog post"}),
        "q_multi": assessment.multiple_choice("q_multi", "Which?", {"camel": "Camel", "short": "Short", "many": "Many"}),
        "q_tf": assessment.true_false("q_tf", "SMS codes resist phishing."),
        "q_order": assessment.ordering("q_order", "Order.", {"a": "A", "b": "B", "c": "C"}),
        "q_pairs": assessment.matching("q_pairs", "Match.", {"rana": "Rana", "ali": "Ali"},
                                       {"admin": "Admin", "moderator": "Moderator"}),
        "q_text": assessment.text("q_text", "Search?"),
        "q_number": assessment.number("q_number", "Rate?", unit="%"),
        "q_audit": assessment.checklist("q_audit", "Tick.", [("twofa", "2FA", 3), ("manager", "Manager", 1)]),
        "q_chart": assessment.chart("q_chart", "Best day?", DATA, x="day", metrics={"reach": "Reach"},
                                    options={"mon": "Monday", "sat": "Saturday"}),
    }


RIGHT = {"q_single": "blog", "q_multi": ["camel", "short"], "q_tf": False, "q_order": ["a", "b", "c"],
         "q_pairs": {"rana": "admin", "ali": "moderator"}, "q_text": '"digital rights" site:smex.org',
         "q_number": 3.5, "q_audit": ["twofa", "manager"], "q_chart": "sat"}
WRONG = {"q_single": "story", "q_multi": ["many"], "q_tf": True, "q_order": ["c", "a", "b"],
         "q_pairs": {"rana": "moderator", "ali": "admin"}, "q_text": "rights", "q_number": 35,
         "q_audit": [], "q_chart": "mon"}


def test_each_factory_builds_its_widget_bound_to_the_store(tmp_path):
    """Does each factory give the right widget type, in assessment mode, on the assessment's store?"""
    widgets = build(Assessment("wk", folder=tmp_path))
    kinds = [SingleChoice, MultipleChoice, TrueFalse, Ordering, Matching, TextAnswer, NumberAnswer,
             Checklist, ChartExplorer]
    for widget, kind in zip(widgets.values(), kinds):
        assert type(widget) is kind and not widget.practice


def test_factories_refuse_an_answer_key(tmp_path):
    """Can a notebook author pass the answer to an assessment widget? (It must be refused.)"""
    assessment = Assessment("wk", folder=tmp_path)
    with pytest.raises(ValueError):
        assessment.single_choice("q", "Where?", {"a": "A"}, answer="a")
    with pytest.raises(ValueError):
        assessment.ordering("q", "Order", {"a": "A", "b": "B"}, answer=["a", "b"])
    with pytest.raises(ValueError):
        assessment.text("q", "Write", rules=[("x", "has x")])


def answer_all(tmp_path, answers):
    widgets = build(Assessment("wk", folder=tmp_path))
    for qid, value in answers.items():
        widgets[qid].value = value
    return Assessment("wk", folder=tmp_path)   # the notebook run again (as nbgrader does)


def test_right_answers_earn_full_marks(tmp_path, keys, monkeypatch):
    """Does every widget's right answer, saved and reloaded, earn all its points?"""
    assessment = answer_all(tmp_path, RIGHT)
    build(assessment)
    monkeypatch.setenv(KEYS_ENV, str(keys))
    for qid in RIGHT:
        result = assessment.grade(qid)
        assert isinstance(result, GradeResult) and result.points == result.max_points, qid
        assert "✔ Right" in result._repr_html_()


def test_wrong_answers_earn_nothing(tmp_path, keys, monkeypatch):
    """Does every widget's wrong answer earn 0, and say so?"""
    assessment = answer_all(tmp_path, WRONG)
    build(assessment)
    monkeypatch.setenv(KEYS_ENV, str(keys))
    for qid in WRONG:
        result = assessment.grade(qid)
        assert result.points == 0 and repr(result) == "0.0", qid
        assert "✘ Not right" in result._repr_html_()


def test_partial_credit_shows_in_points_and_card(tmp_path, keys, monkeypatch):
    """Is partial credit graded, its points the plain-text result nbgrader reads, the card 'partly right'?"""
    assessment = answer_all(tmp_path, {"q_order": ["a", "c", "b"], "q_pairs": {"rana": "admin"}})
    build(assessment)
    monkeypatch.setenv(KEYS_ENV, str(keys))
    order = assessment.grade("q_order")
    assert repr(order) == "1.0" and order.verdict == "partly"
    html = order._repr_html_()
    assert "◐ Partly right" in html and "1 of 3 points" in html and "A → C → B" in html
    pairs = assessment.grade("q_pairs")
    assert pairs.points == 1 and "Rana → Admin" in pairs._repr_html_()


def test_without_keys_the_learner_sees_the_answer_and_no_verdict(tmp_path):
    """Before submitting, does grade() show what was saved, in words, with no verdict?"""
    assessment = answer_all(tmp_path, {"q_multi": ["camel", "many"]})
    build(assessment)
    result = assessment.grade("q_multi")
    assert isinstance(result, PendingResult)
    html = result._repr_html_()
    assert "Camel; Many" in html and "Saved." in html
    for word in ("Right", "Not right", "points"):
        assert word not in html


def test_autograde_without_keys_is_an_error(tmp_path, monkeypatch):
    """Does a grader without keys fail loudly instead of giving marks?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(RuntimeError, match=KEYS_ENV):
        Assessment("wk", folder=tmp_path).grade("q_single")


def test_missing_answers_file_is_noted_on_the_card(tmp_path, keys, monkeypatch):
    """When no answers file exists, does the graded card score 0 and say the file was not found?"""
    monkeypatch.setenv(KEYS_ENV, str(keys))
    result = Assessment("wk", folder=tmp_path).grade("q_single")
    assert result.points == 0
    html = result._repr_html_()
    assert "(no answer)" in html and "No saved answers file was found" in html


def test_corrupt_answers_file_is_reported_not_fatal(tmp_path, keys, monkeypatch):
    """With a damaged answers file, do the widgets start empty and grading score 0 with the reason?"""
    (tmp_path / "assessment.answers.json").write_text("{not json", encoding="utf-8")
    assessment = Assessment("wk", folder=tmp_path)
    widgets = build(assessment)
    assert widgets["q_single"].value is None
    monkeypatch.setenv(KEYS_ENV, str(keys))
    result = assessment.grade("q_single")
    assert result.points == 0 and "could not be read" in result._repr_html_()


def test_one_line_answers_still_grade(tmp_path, keys, monkeypatch):
    """Does grade(question, value) for an answer typed in a code cell still work?"""
    monkeypatch.setenv(KEYS_ENV, str(keys))
    assert Assessment("wk", folder=tmp_path).grade("q_number", 150 / 3000 * 70).points == 2
