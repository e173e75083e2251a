"""Assessment (course/assess.py): one factory per widget, answers saved; the grader scores them as data."""
from __future__ import annotations

import pandas as pd
import pytest

from course import i18n
from course.answer_key import load_key
from course.assess import Assessment, PendingResult
from course.grading import scorer
from course.grading.submission import Handed
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


def graded(tmp_path, keys, answers):
    """Answer in the kernel, then score the saved answers file in the grader, as `course grade` does."""
    answer_all(tmp_path, answers)
    saved = Assessment("wk", folder=tmp_path).store.all()
    return {r.question: r for r in scorer.score(load_key(keys, "wk"), Handed(answers=saved))}


def test_right_answers_earn_full_marks(tmp_path, keys):
    """Does every widget's right answer, saved by the widget and scored by the grader, earn all its points?"""
    results = graded(tmp_path, keys, RIGHT)
    for qid in RIGHT:
        assert results[qid].points == results[qid].max_points and results[qid].verdict == "right", qid


def test_wrong_answers_earn_nothing(tmp_path, keys):
    """Does every widget's wrong answer earn 0 and read as 'wrong'?"""
    results = graded(tmp_path, keys, WRONG)
    for qid in WRONG:
        assert results[qid].points == 0 and results[qid].verdict in ("wrong", "blank"), qid


def test_partial_credit_is_scored(tmp_path, keys):
    """Is partial credit given for an order half right and one pair of two?"""
    results = graded(tmp_path, keys, {"q_order": ["a", "c", "b"], "q_pairs": {"rana": "admin"}})
    assert results["q_order"].points == 1 and results["q_order"].verdict == "partly"
    assert results["q_pairs"].points == 1


def test_the_kernel_never_gives_a_verdict(tmp_path, keys, monkeypatch):
    """Even with every grading variable of the old design set, does grade() only confirm what was saved?"""
    monkeypatch.setenv("COURSE_KEYS_DIR", str(keys))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assessment = answer_all(tmp_path, {"q_multi": ["camel", "many"]})
    build(assessment)
    result = assessment.grade("q_multi")
    assert isinstance(result, PendingResult)
    html = result._repr_html_()
    assert "Camel; Many" in html and "Saved." in html
    for word in ("Right", "Not right", "points"):
        assert word not in html


def test_the_learner_side_cannot_import_a_key():
    """Do the modules a notebook imports (assessment, widgets, lessons, home page) stay free of the key
    reader, the grading package and the course's storage?"""
    import subprocess, sys
    code = ("import sys, course.assess, course.widgets, course.home, course.lessons.week1\n"
            "bad = [m for m in sys.modules if m.startswith(('course.grading', 'course.storage', 'course.authoring'))"
            " or m == 'course.answer_key']; print(bad); sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_first_run_shows_no_warning(tmp_path):
    """Before anything is answered (no answers file yet), does the card say "(no answer)" and warn of nothing?"""
    html = Assessment("wk", folder=tmp_path).grade("q_single")._repr_html_()
    assert "(no answer)" in html and 'role="note"' not in html and "⚠" not in html


def test_corrupt_answers_file_is_reported_not_fatal(tmp_path):
    """With a damaged answers file, do the widgets start empty and the card give the reason?"""
    (tmp_path / "assessment.answers.json").write_text("{not json", encoding="utf-8")
    assessment = Assessment("wk", folder=tmp_path)
    widgets = build(assessment)
    assert widgets["q_single"].value is None
    assert "could not be read" in assessment.grade("q_single")._repr_html_()
