"""NumberAnswer: a number within a tolerance; typed the way learners type numbers."""
from __future__ import annotations

import pytest

from course.widgets import NumberAnswer, parse_number
from course.widgets.base import Status


def lesson():
    return NumberAnswer("rate", "Engagement rate?", answer=3.5, tolerance=0.05, unit="%", why="84 / 2400 * 100")


@pytest.mark.parametrize("text, number", [
    ("3.5", 3.5), (" 3.5 % ", 3.5), ("3,5", 3.5), ("٣٫٥", 3.5), ("۳٫۵", 3.5), ("3,000", 3000.0),
    ("٣٬٠٠٠", 3000.0), ("1,234.5", 1234.5), ("-2", -2.0), ("\u22122", -2.0), ("12 USD", 12.0), ("1e3", 1000.0),
    ("abc", None), ("", None), ("nan", None), ("inf", None), ("3.5.1", None),
])
def test_parse_number(text, number):
    """Are Arabic-Indic digits, decimal commas, separators and units read as the learner meant?"""
    assert parse_number(text) == number


def test_right_number_within_tolerance_passes():
    """Does a number within the tolerance earn a correct verdict?"""
    widget = lesson()
    widget.box.value = "3.52"
    feedback = widget.check()
    assert feedback.status is Status.RIGHT and "84 / 2400" in widget.feedback.value


@pytest.mark.parametrize("typed, word", [("35", "too high"), ("0.035", "too low")])
def test_wrong_number_fails_and_says_which_way(typed, word):
    """Is a wrong number told whether it is too high or too low?"""
    widget = lesson()
    widget.box.value = typed
    feedback = widget.check()
    assert feedback.status is Status.WRONG and word in feedback.message
    assert "84 / 2400" not in widget.feedback.value   # the worked answer waits until it is found or shown


def test_not_a_number_is_explained_and_not_counted():
    """Is text that is not a number explained, without using an attempt?"""
    widget = lesson()
    widget.box.value = "three"
    feedback = widget.check()
    assert feedback.status is Status.PROBLEM and "“three” is not a number" in feedback.message
    assert widget.attempts == 0


def test_show_answer_with_unit():
    """Does Show answer give the number with its unit?"""
    widget = lesson()
    widget.value = 1
    widget.check(), widget.check()
    assert widget.show_answer() == "3.5 %"


def test_assessment_saves_the_parsed_number(store, saved, fresh):
    """Is the number (not the text) saved, cleared when the text is no number, and reloaded?"""
    widget = NumberAnswer("rate", "Rate?", store=store)
    widget.box.value = "٣٫٥"
    assert saved() == {"rate": 3.5}
    assert NumberAnswer("rate", "Rate?", store=fresh()).value == 3.5
    widget.box.value = "3.5 or so?"
    assert saved() == {} and "is not a number" in widget.feedback.value
