"""SingleChoice: one right option, in practice and in assessment mode."""
from __future__ import annotations

import pytest

from course.widgets import SingleChoice
from course.widgets.base import Status

OPTIONS = {"page": "A public Page", "group": "A private group", "profile": "A new personal profile"}
WHY = {"page": "A Page speaks to the public.", "group": "Members talk with each other.",
       "profile": "A profile belongs to one real person."}


def lesson():
    return SingleChoice("w1_where", "Where do volunteers plan together?", OPTIONS, answer="group", why=WHY)


def test_the_lessons_call_still_works():
    """Does the call used in the lessons, SingleChoice(question, prompt, options, answer=, why=), still build?"""
    widget = lesson()
    assert widget.value is None and widget.choices.options[0] == ("A public Page", "page")


def test_right_answer_passes_with_its_reason():
    """Is the right option called correct, with the reason written for it?"""
    widget = lesson()
    widget.value = "group"
    widget.check_button.click()
    assert widget.last_feedback.status is Status.RIGHT and widget.last_feedback.correct is True
    assert "✔" in widget.feedback.value and "Members talk with each other." in widget.feedback.value


def test_wrong_answer_fails_and_says_why():
    """Is a wrong option called wrong, with the reason that option is wrong (not only 'wrong')?"""
    widget = lesson()
    widget.value = "profile"
    feedback = widget.check()
    assert feedback.status is Status.WRONG and feedback.correct is False
    assert "✘" in widget.feedback.value and "one real person" in widget.feedback.value


def test_unknown_option_is_refused():
    """Is an answer that is not an option refused, both when writing and when answering?"""
    with pytest.raises(ValueError):
        SingleChoice("q", "p", OPTIONS, answer="nope")
    with pytest.raises(ValueError):
        lesson().value = "nope"


def test_needs_answer_or_store():
    """Is a widget with neither an answer nor a store refused?"""
    with pytest.raises(ValueError):
        SingleChoice("q", "p", OPTIONS)


def test_assessment_saves_every_change(store, saved):
    """Is each choice saved to the answers file at once, the last one winning?"""
    widget = SingleChoice("q1", "Where?", OPTIONS, store=store)
    widget.value = "page"
    assert saved() == {"q1": "page"}
    widget.choices.value = "group"
    assert saved() == {"q1": "group"}
    assert "Saved: A private group" in widget.feedback.value


def test_assessment_reloads_when_run_again(store, fresh):
    """When the notebook runs again, does the widget show the saved choice?"""
    SingleChoice("q1", "Where?", OPTIONS, store=store).value = "profile"
    again = SingleChoice("q1", "Where?", OPTIONS, store=fresh())
    assert again.value == "profile"
    assert again.last_feedback.status is Status.SAVED
