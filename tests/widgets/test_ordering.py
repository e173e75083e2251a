"""Ordering: put steps in order with up and down buttons."""
from __future__ import annotations

import pytest

from course.widgets import Ordering
from course.widgets.base import Status
from course.widgets.ordering import start_order

STEPS = {"objectives": "Set objectives", "audience": "Know the audience", "channels": "Pick channels",
         "monitor": "Monitor"}
RIGHT = ["objectives", "audience", "channels", "monitor"]


def lesson(**kw):
    return Ordering("order", "Put the steps in order.", STEPS, answer=RIGHT, why="Goals come first.", **kw)


def test_start_order_is_shuffled_the_same_way_every_run_and_never_right():
    """Is the first order stable across runs, and in practice never already the answer?"""
    assert lesson().value == lesson().value
    assert lesson().value != RIGHT and sorted(lesson().value) == sorted(RIGHT)
    assert start_order(["a", "b"], "seed", avoid=["a", "b"]) != ["a", "b"]


def test_right_order_passes():
    """Does the right order earn a correct verdict with the explanation?"""
    widget = lesson()
    widget.value = RIGHT
    feedback = widget.check()
    assert feedback.status is Status.RIGHT and "Goals come first." in widget.feedback.value


def test_wrong_order_fails_and_says_which_way_steps_should_move():
    """Does an order with nothing in place fail, telling each step to come earlier or later?"""
    widget = lesson()
    widget.value = ["monitor", "objectives", "audience", "channels"]
    feedback = widget.check()
    assert feedback.status is Status.WRONG and feedback.share == 0
    assert "“Monitor” should come later." in feedback.details
    assert "“Set objectives” should come earlier." in feedback.details


def test_partial_credit_by_position():
    """Do two of four steps in place earn half, as 'partly right'?"""
    widget = lesson()
    widget.value = ["objectives", "audience", "monitor", "channels"]
    feedback = widget.check()
    assert feedback.status is Status.PARTLY and feedback.share == 0.5
    assert "Steps in the right place: 2 of 4." in feedback.message


def test_buttons_move_steps_and_announce_it():
    """Do the up and down buttons swap neighbours, and is the move announced?"""
    widget = lesson(shuffle=False)
    assert widget.value == list(STEPS)
    widget.down_buttons[0].click()
    assert widget.value == ["audience", "objectives", "channels", "monitor"]
    assert "“Set objectives” is now in place 2." in widget.feedback.value
    widget.up_buttons[3].click()
    assert widget.value == ["audience", "objectives", "monitor", "channels"]
    assert "1.</b> Know the audience" in widget.labels[0].value


def test_first_up_and_last_down_are_disabled():
    """Are the impossible moves disabled, and labelled with the step they move?"""
    widget = lesson(shuffle=False)
    assert widget.up_buttons[0].disabled and widget.down_buttons[-1].disabled
    assert not widget.up_buttons[1].disabled
    assert widget.up_buttons[1].tooltip == "Move “Know the audience” up"
    widget.move(0, -1)   # nothing happens at the edge
    assert widget.value == list(STEPS)


def test_answer_must_list_every_step():
    """Is an answer that leaves out a step refused?"""
    with pytest.raises(ValueError):
        Ordering("o", "p", STEPS, answer=RIGHT[:-1])
    with pytest.raises(ValueError):
        lesson().value = ["objectives", "objectives", "audience", "channels"]


def test_assessment_saves_only_after_a_move_or_save(store, saved, fresh):
    """Is nothing saved for an untouched list, but every move and 'Save this order' saved and reloaded?"""
    widget = Ordering("order", "Put in order.", STEPS, store=store)
    assert saved() == {} and widget.save_button in widget.button_row.children
    widget.save_button.click()
    assert saved() == {"order": widget.value}
    widget.down_buttons[0].click()
    assert saved() == {"order": widget.value}
    assert "Saved:" in widget.feedback.value and "→" in widget.feedback.value
    assert Ordering("order", "Put in order.", STEPS, store=fresh()).value == widget.value
