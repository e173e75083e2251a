"""Answer keys (course/answer_key.py): the key kinds the widgets need, and pure scoring."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from course.answer_key import KINDS, AnswerKeyError, KeyEntry, load_key, score_answer
from course.layout import CHECKOUT
from course.syllabus import load_syllabus

KEY = '''
[questions.order_q]
points = 4
kind = "order"
answer = ["objectives", "audience", "channels", "monitor"]

[questions.pairs_q]
points = 3
kind = "pairs"
answer = { rana = "admin", ali = "moderator", sara = "analyst" }

[questions.tf_q]
points = 1
kind = "truefalse"
answer = false

[questions.audit_q]
points = 2
kind = "weighted"
weights = { twofa = 3, manager = 1, share_password = -2 }

[questions.many_q]
points = 2
kind = "choices"
answer = ["camel", "short"]

[questions.rate_q]
points = 2
kind = "number"
answer = 3.5
tolerance = 0.05

[questions.text_q]
points = 2
kind = "rules"
reference = '"digital rights" site:smex.org'
rules = [ { pattern = '"digital rights"', about = "exact phrase" }, { pattern = 'site:smex\\.org', about = "one site" } ]
'''


@pytest.fixture
def key(tmp_path):
    (tmp_path / "wk.toml").write_text(KEY, encoding="utf-8")
    return load_key(tmp_path, "wk")


def test_every_kind_is_known():
    """Does the key format list the kinds the widgets need?"""
    assert {"order", "pairs", "truefalse", "weighted", "choices", "number", "rules"} <= set(KINDS)


def test_reference_answers_score_full_marks_and_wrong_ones_zero(key):
    """For every kind, does the reference answer earn all points and the built wrong answer none?"""
    for entry in key.entries.values():
        assert score_answer(entry, entry.reference_answer()) == entry.points, entry.kind
        assert score_answer(entry, entry.wrong_answer()) == 0, entry.kind
        assert score_answer(entry, None) == 0


def test_order_gives_credit_per_position(key):
    """Do two of four steps in place earn half the points?"""
    entry = key.question("order_q")
    assert score_answer(entry, ["objectives", "audience", "monitor", "channels"]) == 2
    assert score_answer(entry, ["monitor", "channels", "audience", "objectives"]) == 0


def test_pairs_give_credit_per_pair(key):
    """Does each right pair earn its share, and a half-answered matching part of the points?"""
    entry = key.question("pairs_q")
    assert score_answer(entry, {"rana": "admin", "ali": "analyst"}) == 1
    assert score_answer(entry, {"rana": "admin", "ali": "moderator", "sara": "analyst"}) == 3


def test_truefalse_needs_a_real_bool(key):
    """Is only the boolean false right, not the text 'false' or 0?"""
    entry = key.question("tf_q")
    assert score_answer(entry, False) == 1
    assert score_answer(entry, "false") == 0 and score_answer(entry, 0) == 0 and score_answer(entry, True) == 0


def test_weighted_checklist(key):
    """Is a checklist scored by weights, a harmful tick costing points, never below zero?"""
    entry = key.question("audit_q")
    assert entry.reference_answer() == ["twofa", "manager"]
    assert score_answer(entry, ["twofa"]) == 1.5
    assert score_answer(entry, ["twofa", "manager", "share_password"]) == 1
    assert score_answer(entry, ["manager", "share_password"]) == 0


@pytest.mark.parametrize("question, answer", [
    ("order_q", "objectives"), ("order_q", [1, 2]), ("order_q", {"a": 1}),
    ("pairs_q", ["admin"]), ("pairs_q", "admin"),
    ("audit_q", "twofa"), ("audit_q", {"twofa": True}),
    ("many_q", "camel"), ("rate_q", "three"), ("rate_q", [3.5]), ("text_q", 42), ("text_q", "   "),
])
def test_malformed_answers_score_zero(key, question, answer):
    """Does an answer of the wrong shape (a damaged answers file) score 0 instead of crashing?"""
    assert score_answer(key.question(question), answer) == 0


def test_score_answer_is_pure(key):
    """Does scoring leave the answer and the key untouched and give the same result every time?"""
    entry = key.question("pairs_q")
    answer = {"rana": "admin", "ali": "admin"}
    before_answer, before_key = copy.deepcopy(answer), copy.deepcopy(entry.answer)
    assert score_answer(entry, answer) == score_answer(entry, answer) == 1
    assert answer == before_answer and entry.answer == before_key


@pytest.mark.parametrize("table, words", [
    ('kind = "order"\nanswer = ["a"]', "two or more"),
    ('kind = "order"\nanswer = ["a", "a"]', "two or more different"),
    ('kind = "pairs"\nanswer = ["a"]', "table"),
    ('kind = "pairs"\nanswer = { a = 1 }', "table"),
    ('kind = "truefalse"\nanswer = "false"', "true or false"),
    ('kind = "weighted"\nweights = { a = -1 }', "positive weight"),
    ('kind = "weighted"\nanswer = ["a"]', "weights"),
])
def test_malformed_keys_are_refused_with_the_field_named(tmp_path, table, words):
    """Is a key that cannot work refused when loaded, naming the question and the problem?"""
    (tmp_path / "bad.toml").write_text(f"[questions.q]\npoints = 1\n{table}\n", encoding="utf-8")
    with pytest.raises(AnswerKeyError, match=words) as error:
        load_key(tmp_path, "bad")
    assert "questions.q" in str(error.value)


def test_the_course_keys_still_load():
    """Do the four weeks' keys load, every reference scoring full marks and every wrong answer zero?"""
    for path in sorted((CHECKOUT / "grading" / "keys").glob("*.toml")):
        key = load_key(Path(path.parent), path.stem)
        for entry in key.entries.values():
            if entry.kind != "manual":
                assert score_answer(entry, entry.reference_answer()) == entry.points
                assert score_answer(entry, entry.wrong_answer()) == 0


# Scoring of the original kinds and key-file errors.
COURSE_KEYS = Path(__file__).resolve().parent.parent / "grading" / "keys"


@pytest.mark.parametrize("week", load_syllabus().week_ids)
def test_every_week_has_a_valid_key(week):
    """Does every week's key load, with full-marks references and a marking scheme for the written answer?"""
    key = load_key(COURSE_KEYS, week)
    kinds = [e.kind for e in key.entries.values()]
    assert kinds.count("manual") >= 1 and len(kinds) >= 4
    if any(e.structured for e in key.entries.values()):
        # the capstone decides the week: the automatic points alone cannot reach the pass mark
        assert key.auto_points < 0.7 * key.total_points
    else:
        assert kinds.count("manual") == 1 and key.auto_points / key.total_points >= 0.7


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


CARD_KEY = '''
[questions.q1]
kind = "choice"
points = 2
title = "Page or profile?"
lesson = "01_presence_on_facebook.ipynb"
prompt = "What should the association create?"
answer = "page"
explanation = "A Page is public and has statistics."

[questions.q1.options]
page = "A Facebook Page"
profile = "A personal profile"

[questions.q2]
kind = "pairs"
points = 2
answer = { rana = "admin" }

[questions.q2.left]
rana = "Rana"

[questions.q2.right]
admin = "Admin"
'''


def test_feedback_card_fields_are_read(tmp_path):
    """Does a built key's title, lesson, prompt, explanation and labels reach the entry, and does a key
    without them (written by hand) load with empty defaults?"""
    (tmp_path / "wk.toml").write_text(CARD_KEY, encoding="utf-8")
    key = load_key(tmp_path, "wk")
    q1, q2 = key.question("q1"), key.question("q2")
    assert (q1.title, q1.lesson, q1.prompt) == ("Page or profile?", "01_presence_on_facebook.ipynb",
                                                "What should the association create?")
    assert q1.explanation == "A Page is public and has statistics."
    assert q1.labels == {"page": "A Facebook Page", "profile": "A personal profile"}
    assert q2.labels == {"rana": "Rana", "admin": "Admin"} and q2.title == "" and q2.explanation == ""


@pytest.mark.parametrize("table, field", [('title = 3', "title"), ('options = { a = 1 }', "options")])
def test_malformed_card_fields_are_refused(tmp_path, table, field):
    """Is a title that is not text, or a label that is not text, refused with the field named?"""
    (tmp_path / "bad.toml").write_text(f'[questions.q]\npoints = 1\nkind = "choice"\nanswer = "a"\n{table}\n',
                                       encoding="utf-8")
    with pytest.raises(AnswerKeyError, match=f"questions.q.{field}"):
        load_key(tmp_path, "bad")
