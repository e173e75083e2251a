"""The right-and-wrong tests every week's practice exercises share.

A week's test file lists ``CASES`` (exercise name -> (a right answer, a wrong one); ``ALL_AUDIT`` for a
checklist with every item ticked) and takes its tests from :func:`right_and_wrong`:

    answered, test_every_exercise_has_a_right_and_a_wrong_answer_here, test_right_answer_passes, \\
        test_wrong_answer_fails = right_and_wrong(2, CASES)
"""
from __future__ import annotations

import pytest

from course.lessons import registry
from course.widgets import Status
from course.widgets.base import Exercise

ALL_AUDIT = object()   # a checklist with every item ticked


def right_and_wrong(week_number: int, cases: dict):
    """``answered(name, value)`` and the three tests for week ``week_number``'s exercises."""
    exercises = registry.functions(week_number, "exercise")

    def answered(name: str, value) -> Exercise:
        widget = exercises[name]()
        widget.value = [i.id for i in widget.items] if value is ALL_AUDIT else value
        return widget

    def test_every_exercise_has_a_right_and_a_wrong_answer_here():
        assert set(cases) == set(exercises)
    test_every_exercise_has_a_right_and_a_wrong_answer_here.__doc__ = (
        f"Does this file test every practice exercise of week {week_number}, and nothing that is not one?")

    @pytest.mark.parametrize("name", sorted(cases))
    def test_right_answer_passes(name):
        """Does the exercise's right answer get the verdict 'correct'?"""
        feedback = answered(name, cases[name][0]).check()
        assert feedback.status is Status.RIGHT, feedback.text()

    @pytest.mark.parametrize("name", sorted(cases))
    def test_wrong_answer_fails(name):
        """Is a wrong answer told it is not (fully) right?"""
        feedback = answered(name, cases[name][1]).check()
        assert feedback.status in (Status.WRONG, Status.PARTLY), feedback.text()

    return answered, test_every_exercise_has_a_right_and_a_wrong_answer_here, test_right_answer_passes, \
        test_wrong_answer_fails
