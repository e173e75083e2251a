"""TextAnswer: a short text checked against the exercise's rules."""
from __future__ import annotations

import pytest

from course.widgets import Rule, TextAnswer
from course.widgets.base import Status

RULES = [Rule(r'"digital rights"', "Put the exact phrase in quotes"),
         Rule(r"(^|\s)site:smex\.org\b", "Search only smex.org"),
         Rule(lambda text: len(text) <= 60, "Stay under 60 characters")]


def lesson(**kw):
    return TextAnswer("query", "Write the search.", rules=RULES, example='"digital rights" site:smex.org', **kw)


def test_text_meeting_every_rule_passes():
    """Does a text that meets every rule earn a correct verdict, each rule ticked?"""
    widget = lesson()
    widget.value = '"digital rights" site:smex.org'
    feedback = widget.check()
    assert feedback.status is Status.RIGHT
    assert "✔ Put the exact phrase in quotes" in feedback.details


def test_text_meeting_no_rule_fails_listing_what_is_missing():
    """Does a text that meets no content rule fail, saying what each missing rule asks?"""
    widget = lesson()
    widget.value = "digital rights " * 10
    feedback = widget.check()
    assert feedback.status is Status.WRONG
    assert "✘ Put the exact phrase in quotes" in feedback.details and "✘ Search only smex.org" in feedback.details


def test_partial_credit_per_rule():
    """Does meeting two of three rules earn 'partly right' with the count?"""
    widget = lesson()
    widget.value = "digital rights site:smex.org"
    feedback = widget.check()
    assert feedback.status is Status.PARTLY and feedback.share == pytest.approx(2 / 3)
    assert "2 of the 3 things" in feedback.message


def test_rules_as_tuples_and_case():
    """Can rules be plain (pattern, message) pairs, ignoring case unless told otherwise?"""
    widget = TextAnswer("h", "Hashtag", rules=[("^#", "Start with #"), Rule("(?-i:Make)", "Capital M")])
    widget.value = "#makeitaccessible"
    assert widget.check().share == 0.5


def test_a_failing_predicate_does_not_break_the_lesson():
    """If a rule's function raises on odd input, is the rule just not met?"""
    widget = TextAnswer("t", "Number?", rules=[Rule(lambda t: int(t) > 3, "A number above 3")])
    widget.value = "abc"
    assert widget.check().status is Status.WRONG


def test_blank_text_is_not_an_attempt():
    """Is whitespace only treated as no answer?"""
    widget = lesson()
    widget.value = "   "
    assert widget.check().status is Status.EMPTY and widget.attempts == 0


def test_bad_rule_is_caught_when_written():
    """Is a broken regular expression refused when the exercise is written, not when a learner checks?"""
    with pytest.raises(Exception):
        Rule("(unclosed", "oops")


def test_show_answer_shows_the_example():
    """After two tries, does Show answer show the example answer?"""
    widget = lesson()
    widget.value = "x"
    widget.check(), widget.check()
    assert widget.show_answer() == '"digital rights" site:smex.org'


def test_assessment_has_no_rules_and_saves_text(store, saved, fresh):
    """In an assessment, are rules and example refused (they are the key) and the text saved and reloaded?"""
    with pytest.raises(ValueError):
        TextAnswer("q", "Write", rules=RULES, store=store)
    with pytest.raises(ValueError):
        TextAnswer("q", "Write", example="x", store=store)
    widget = TextAnswer("q", "Write", store=store, multiline=True)
    widget.box.value = "site:smex.org"
    assert saved() == {"q": "site:smex.org"}
    assert TextAnswer("q", "Write", store=fresh()).value == "site:smex.org"
    widget.box.value = ""
    assert saved() == {}
