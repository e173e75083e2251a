"""Checklist: a weighted self-audit with a score and advice."""
from __future__ import annotations

import pytest

from course.widgets import AuditItem, Checklist
from course.widgets.base import Status

ITEMS = [AuditItem("twofa", "Two-step login", 3, "Turn on two-step login."),
         ("manager", "Password manager", 2, "Install a password manager."),
         {"id": "alerts", "label": "Login alerts", "weight": 1, "advice": "Turn on login alerts."}]


def audit():
    return Checklist("security", "Tick what is true.", ITEMS)


def test_everything_ticked_scores_full():
    """Does ticking every item give the full score and a 'done' message?"""
    widget = audit()
    widget.value = ["twofa", "manager", "alerts"]
    feedback = widget.check()
    assert feedback.status is Status.RIGHT and "6 of 6 (100 %)" in feedback.message
    assert "Everything is in place" in feedback.message and not feedback.details


def test_score_is_weighted_and_advice_comes_most_important_first():
    """Is the score the ticked weight over the total, with advice for unticked items by weight?"""
    widget = audit()
    widget.boxes["alerts"].value = True
    feedback = widget.check()
    assert feedback.status is Status.PARTLY and "1 of 6 (17 %)" in feedback.message
    assert feedback.details == ("Two-step login: Turn on two-step login.",
                                "Password manager: Install a password manager.")
    assert widget.score == pytest.approx(1 / 6)


def test_nothing_ticked_is_an_honest_answer():
    """Does ticking nothing still give a score of 0 and all the advice (a failing audit)?"""
    feedback = audit().check()
    assert feedback.status is Status.WRONG and len(feedback.details) == 3


def test_checking_is_not_an_attempt_and_there_is_no_answer_to_show():
    """Is there no attempt count and no Show answer for a self-audit?"""
    widget = audit()
    widget.check(), widget.check(), widget.check()
    assert widget.attempts == 0 and widget.answer_button not in widget.button_row.children
    assert widget.check_button.description == "Show my score"


def test_items_need_different_ids():
    """Are two items with the same id refused?"""
    with pytest.raises(ValueError):
        Checklist("c", "p", [("a", "A"), ("a", "B")])


def test_assessment_saves_ticks_without_a_score(store, saved, fresh):
    """In an assessment, are ticks saved and reloaded, and no score shown?"""
    widget = Checklist("security", "Tick.", ITEMS, store=store)
    widget.boxes["twofa"].value = True
    assert saved() == {"security": ["twofa"]}
    assert "of 6" not in widget.feedback.value and "Saved: Two-step login" in widget.feedback.value
    assert Checklist("security", "Tick.", ITEMS, store=fresh()).value == ["twofa"]
