"""TrueFalse: is the statement right?"""
from __future__ import annotations

import pytest

from course.i18n import language
from course.widgets import TrueFalse
from course.widgets.base import Status

STATEMENT = "An SMS code protects you on a fake login page."


def lesson(**kw):
    return TrueFalse("tf", STATEMENT, answer=False, why="The fake page asks for the code too.", **kw)


def test_right_answer_passes():
    """Does choosing False for a false statement earn a correct verdict and the reason?"""
    widget = lesson()
    widget.toggle.value = False
    assert widget.check().status is Status.RIGHT
    assert "The fake page asks for the code too." in widget.feedback.value


def test_wrong_answer_fails_and_keeps_the_shared_explanation_back():
    """With one explanation for both choices, does a wrong choice fail and ask to think again, keeping
    back the explanation (it gives the verdict away) until the answer is found or shown?"""
    widget = lesson()
    widget.value = True
    feedback = widget.check()
    assert feedback.status is Status.WRONG and "asks for the code" not in feedback.text()
    assert "Think again" in feedback.message


def test_separate_reasons_per_choice():
    """Can an exercise explain each choice separately?"""
    widget = TrueFalse("tf", STATEMENT, answer=False, why={True: "No: it can be phished.", False: "Yes."})
    widget.value = True
    assert widget.check().message == "No: it can be phished."


def test_no_choice_is_not_an_attempt():
    """Is checking with nothing chosen not counted?"""
    widget = lesson()
    assert widget.check().status is Status.EMPTY and widget.attempts == 0


def test_answer_must_be_a_bool():
    """Is an answer like 'false' (a string) refused?"""
    with pytest.raises(ValueError):
        TrueFalse("tf", STATEMENT, answer="false")


def test_arabic_labels():
    """Are the two buttons labelled in Arabic when the language is Arabic?"""
    with language("ar"):
        widget = lesson()
    assert [label for label, _ in widget.toggle.options] == ["صح", "خطأ"]
    assert "course-rtl" in widget._dom_classes


def test_assessment_saves_a_bool(store, saved, fresh):
    """Is the choice saved as true/false and reloaded on the next run?"""
    widget = TrueFalse("tf", STATEMENT, store=store)
    widget.toggle.value = False
    assert saved() == {"tf": False}
    assert "Saved: False" in widget.feedback.value
    assert TrueFalse("tf", STATEMENT, store=fresh()).value is False
