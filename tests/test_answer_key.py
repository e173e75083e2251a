"""Answer keys: validation and scoring of every kind of answer."""
from pathlib import Path

import pytest

from course.answer_key import AnswerKeyError, KeyEntry, load_key, score_answer
from course.syllabus import load_syllabus

KEYS = Path(__file__).resolve().parent.parent / "grading" / "keys"


@pytest.mark.parametrize("week", load_syllabus().week_ids)
def test_every_week_has_a_valid_key(week):
    """Does every week's key load, with full-marks references and a marking scheme for the written answer?"""
    key = load_key(KEYS, week)
    kinds = [e.kind for e in key.entries.values()]
    assert kinds.count("manual") == 1 and len(kinds) >= 4
    assert key.auto_points / key.total_points >= 0.7


def test_choice_scores_only_the_right_option():
    """Does a single choice earn its points for the right option and nothing otherwise?"""
    e = KeyEntry("q", "choice", 2, answer="page")
    assert score_answer(e, "page") == 2
    assert score_answer(e, "group") == 0 and score_answer(e, None) == 0 and score_answer(e, ["page"]) == 0


def test_choices_give_partial_credit_and_punish_wrong_picks():
    """Does 'choose all that apply' give partial credit, minus wrong picks, never below zero?"""
    e = KeyEntry("q", "choices", 4, answer=["a", "b"])
    assert score_answer(e, ["a", "b"]) == 4
    assert score_answer(e, ["a"]) == 2
    assert score_answer(e, ["a", "c"]) == 0
    assert score_answer(e, ["c", "d"]) == 0
    assert score_answer(e, "a") == 0


def test_rules_give_a_share_per_rule_met():
    """Does a one-line answer earn points for each rule it meets, case-insensitively?"""
    e = KeyEntry("q", "rules", 3, answer="x",
                 rules=(("site:ilo\\.org", ""), ("filetype:pdf", ""), ('"youth unemployment"', "")))
    assert score_answer(e, '"Youth Unemployment" site:ilo.org filetype:PDF') == 3
    assert score_answer(e, "youth site:ilo.org") == 1
    assert score_answer(e, "") == 0 and score_answer(e, 42) == 0


def test_number_within_tolerance():
    """Is a calculation accepted within its tolerance and refused outside it or when not a number?"""
    e = KeyEntry("q", "number", 2, answer=5.0, tolerance=0.01)
    assert score_answer(e, 150 / 3000 * 100) == 2
    assert score_answer(e, 5.5) == 0 and score_answer(e, "five") == 0


def test_key_whose_reference_fails_is_refused(tmp_path):
    """Is a key refused when its own reference answer would not earn full marks?"""
    (tmp_path / "w.toml").write_text(
        '[questions.q]\npoints = 2\nkind = "rules"\nreference = "abc"\n'
        'rules = [{ pattern = "xyz", about = "" }]\n', encoding="utf-8")
    with pytest.raises(AnswerKeyError, match="does not score full marks"):
        load_key(tmp_path, "w")


@pytest.mark.parametrize("body,message", [
    ('[questions.q]\npoints = 2\nkind = "guess"\n', "kind must be one of"),
    ('[questions.q]\npoints = -1\nkind = "choice"\nanswer = "a"\n', "points must be a positive number"),
    ('[questions.q]\npoints = 1\nkind = "manual"\n', "needs a marking `scheme`"),
    ('nothing = 1\n', r"needs \[questions.<id>\] tables"),
])
def test_malformed_keys_name_the_problem(tmp_path, body, message):
    """Does a malformed key say which question and field is wrong?"""
    (tmp_path / "w.toml").write_text(body, encoding="utf-8")
    with pytest.raises(AnswerKeyError, match=message):
        load_key(tmp_path, "w")


def test_missing_key_is_reported(tmp_path):
    """Is a missing key file reported, not treated as an empty key?"""
    with pytest.raises(AnswerKeyError, match="answer key not found"):
        load_key(tmp_path, "week9")
