"""Matching: pairs chosen with dropdowns, with partial credit per pair."""
from __future__ import annotations

import pytest

from course.widgets import Matching
from course.widgets.base import Status

LEFT = {"rana": "Rana manages who runs the Page", "ali": "Ali answers comments", "sara": "Sara reads insights"}
RIGHT = {"admin": "Admin", "moderator": "Moderator", "analyst": "Analyst"}
ANSWER = {"rana": "admin", "ali": "moderator", "sara": "analyst"}


def lesson():
    return Matching("roles", "Which access?", LEFT, RIGHT, answer=ANSWER,
                    why={"ali": "A moderator handles comments."},
                    clues={"ali": "Think of who works in the comments every day."})


def test_every_pair_right_passes():
    """Do all pairs right earn a correct verdict?"""
    widget = lesson()
    widget.value = ANSWER
    assert widget.check().status is Status.RIGHT


def test_wrong_pairs_fail_and_are_named():
    """Are wrong pairs named with their clue (not the explanation that names the partner), and none right
    called wrong?"""
    widget = lesson()
    widget.value = {"rana": "analyst", "ali": "admin", "sara": "moderator"}
    feedback = widget.check()
    assert feedback.status is Status.WRONG and feedback.share == 0
    assert ("“Ali answers comments” does not go with “Admin”. Think of who works in the comments every day."
            in feedback.details)
    assert "moderator handles" not in feedback.text()


def test_all_pairs_right_explain_each_pair():
    """Once every pair is right, does the feedback give the explanation of the pairs?"""
    widget = lesson()
    widget.value = ANSWER
    assert "A moderator handles comments." in widget.check().message


def test_partial_credit_per_pair_and_missing_count():
    """Does one right pair of three earn a third, with the unmatched ones counted?"""
    widget = lesson()
    widget.dropdowns["rana"].value = "admin"
    feedback = widget.check()
    assert feedback.status is Status.PARTLY and feedback.share == pytest.approx(1 / 3)
    assert "Items not matched yet: 2." in feedback.details


def test_dropdowns_are_labelled_and_start_empty():
    """Is each dropdown labelled with its item and set to 'Choose…' at first?"""
    widget = lesson()
    dropdown = widget.dropdowns["ali"]
    assert dropdown.description == "Ali answers comments" and dropdown.label == "Choose…"
    assert widget.value == {}


def test_answer_must_pair_every_item():
    """Is an answer that leaves an item out refused?"""
    with pytest.raises(ValueError):
        Matching("m", "p", LEFT, RIGHT, answer={"rana": "admin"})


def test_assessment_saves_pairs(store, saved, fresh):
    """Is each chosen pair saved, a reset pair removed, and the pairs reloaded?"""
    widget = Matching("roles", "Which access?", LEFT, RIGHT, store=store)
    widget.dropdowns["rana"].value = "admin"
    widget.dropdowns["sara"].value = "analyst"
    assert saved() == {"roles": {"rana": "admin", "sara": "analyst"}}
    widget.dropdowns["sara"].value = ""
    assert saved() == {"roles": {"rana": "admin"}}
    assert Matching("roles", "Which access?", LEFT, RIGHT, store=fresh()).value == {"rana": "admin"}
