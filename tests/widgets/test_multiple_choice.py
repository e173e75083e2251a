"""MultipleChoice: choose all that apply, with partial credit."""
from __future__ import annotations

import pytest

from course.widgets import MultipleChoice
from course.widgets.base import Status

OPTIONS = {"camel": "#SafeWaterNow", "short": "Short", "many": "Fifteen hashtags", "check": "Search it first"}
WHY = {"many": "A row of hashtags looks like spam.", "camel": "Screen readers read each word."}


def lesson():
    return MultipleChoice("m", "Which make a hashtag work?", OPTIONS, answer=["camel", "short", "check"], why=WHY)


def test_all_right_options_pass():
    """Do exactly the right ticks earn a correct verdict?"""
    widget = lesson()
    widget.value = ["camel", "short", "check"]
    feedback = widget.check()
    assert feedback.status is Status.RIGHT and feedback.share == 1.0
    assert "Screen readers read each word." in widget.feedback.value


def test_a_wrong_tick_fails_and_is_explained():
    """Is a wrong tick named with its reason, and does it cancel a right tick?"""
    widget = lesson()
    widget.value = ["camel", "many"]
    feedback = widget.check()
    assert feedback.status is Status.WRONG and feedback.share == 0.0
    assert "“Fifteen hashtags” should not be ticked. A row of hashtags looks like spam." in feedback.details


def test_missing_options_give_partial_credit_without_naming_them():
    """Do some right ticks earn 'partly right', with a count of what is missing but not which?"""
    widget = lesson()
    widget.boxes["camel"].value = True
    widget.boxes["short"].value = True
    feedback = widget.check()
    assert feedback.status is Status.PARTLY and feedback.share == pytest.approx(2 / 3)
    assert "◐" in widget.feedback.value
    assert "Right options not ticked yet: 1." in feedback.details
    assert "Search it first" not in widget.feedback.value


def test_nothing_ticked_is_not_an_attempt():
    """Is an empty answer met with a request, not a verdict?"""
    widget = lesson()
    assert widget.check().status is Status.EMPTY and widget.attempts == 0


def test_show_answer_lists_the_right_options():
    """After two tries, does Show answer list every right option?"""
    widget = lesson()
    widget.value = ["many"]
    widget.check(), widget.check()
    widget.answer_button.click()
    assert "#SafeWaterNow; Short; Search it first" in widget.answer_area.value


def test_answer_must_use_option_ids():
    """Is an answer naming an unknown option refused?"""
    with pytest.raises(ValueError):
        MultipleChoice("m", "p", OPTIONS, answer=["nope"])


def test_assessment_saves_the_ticked_list(store, saved, fresh):
    """Is the list of ticks saved at every change, emptied when unticked, and reloaded?"""
    widget = MultipleChoice("m", "Which?", OPTIONS, store=store)
    widget.boxes["short"].value = True
    widget.boxes["camel"].value = True
    assert saved() == {"m": ["camel", "short"]}
    widget.value = ["check"]
    assert saved() == {"m": ["check"]}
    assert MultipleChoice("m", "Which?", OPTIONS, store=fresh()).value == ["check"]
    widget.boxes["check"].value = False
    assert saved() == {}
    assert "nothing is saved" in widget.feedback.value
