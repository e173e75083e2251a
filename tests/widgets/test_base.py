"""The shared behaviour of every exercise widget (course/widgets/base.py), tried on SingleChoice."""
from __future__ import annotations

import pytest

from course.answers import AnswerStoreError
from course.i18n import language
from course.widgets import SingleChoice
from course.widgets.base import Feedback, Status, style_widget, verdict

OPTIONS = {"page": "A Page", "group": "A group", "profile": "A profile"}
WHY = {"page": "Pages speak to the public.", "group": "Members talk to each other.",
       "profile": "A profile is one person."}


def practice(**kw):
    return SingleChoice("q", "Where do volunteers plan together?", OPTIONS, answer="group", why=WHY, **kw)


def test_feedback_never_relies_on_colour_alone():
    """Does every verdict carry an icon and words, inside a polite live region?"""
    for status, icon, word in [(Status.RIGHT, "✔", "Correct."), (Status.PARTLY, "◐", "Partly right."),
                               (Status.WRONG, "✘", "Not quite.")]:
        html = Feedback(status, "because").to_html()
        assert icon in html and word in html and "because" in html
        assert 'role="status"' in html and 'aria-live="polite"' in html


def test_feedback_escapes_html():
    """Is text from an exercise shown as text, never run as HTML?"""
    html = Feedback(Status.INFO, "<script>alert(1)</script>").to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_verdict_of_shares():
    """Do full, some and no credit map to right, partly and wrong?"""
    assert [verdict(s) for s in (1.0, 0.5, 0.0)] == [Status.RIGHT, Status.PARTLY, Status.WRONG]


def test_check_without_answer_is_not_an_attempt():
    """Does checking an empty answer ask for one without counting a try?"""
    widget = practice()
    widget.check_button.click()
    assert widget.last_feedback.status is Status.EMPTY
    assert widget.attempts == 0


def test_attempts_are_counted_and_shown():
    """Does each checked answer count as one attempt, shown to the learner?"""
    widget = practice()
    widget.value = "page"
    widget.check_button.click()
    widget.check_button.click()
    assert widget.attempts == 2
    assert "Attempts so far: 2" in widget.attempts_label.value


def test_show_answer_appears_only_after_two_tries_by_default():
    """Is the Show answer button hidden until the second checked try, then shows the answer?"""
    widget = practice()
    assert widget.answer_button in widget.button_row.children
    assert widget.answer_button.layout.display == "none"
    widget.value = "page"
    widget.check_button.click()
    assert widget.answer_button.layout.display == "none"
    widget.check_button.click()
    assert widget.answer_button.layout.display is None
    widget.answer_button.click()
    assert "The answer: A group" in widget.answer_area.value
    assert widget.answer_shown and widget.answer_button.layout.display == "none"


def test_no_show_answer_once_the_answer_is_found():
    """After a right answer (even following wrong tries), is Show answer gone for good?"""
    widget = practice()
    widget.value = "page"
    widget.check()
    widget.check()
    assert widget.answer_button.layout.display is None     # two wrong tries: the answer may be shown
    widget.value = "group"
    widget.check()
    assert widget.last_feedback.status is Status.RIGHT
    assert widget.answer_button.layout.display == "none"
    widget.value = "page"                                   # trying another option afterwards
    widget.check()
    assert widget.answer_button.layout.display == "none"


@pytest.mark.parametrize("after, visible_from", [(0, 0), (1, 1), (3, 3)])
def test_show_answer_after_is_configurable(after, visible_from):
    """Does show_answer_after set after how many tries the answer may be shown?"""
    widget = practice(show_answer_after=after)
    widget.value = "page"
    for tries in range(4):
        assert (widget.answer_button.layout.display is None) == (tries >= visible_from)
        widget.check()


def test_show_answer_never_when_none():
    """Can an exercise offer no Show answer button at all?"""
    widget = practice(show_answer_after=None)
    assert widget.answer_button not in widget.button_row.children
    widget.value = "page"
    for _ in range(5):
        widget.check()
    assert widget.answer_button.layout.display == "none"


def test_hints_come_one_at_a_time():
    """Does the Hint button reveal one more hint per click and stop at the last?"""
    widget = practice(hints=["Think of talking.", "Who can post in a group?"])
    assert widget.hint_button.description == "Hint 1 of 2"
    widget.hint_button.click()
    assert "Think of talking." in widget.hint_area.value
    assert "Who can post" not in widget.hint_area.value
    assert widget.hint_button.description == "Hint 2 of 2"
    widget.hint_button.click()
    assert "Who can post in a group?" in widget.hint_area.value
    assert widget.hint_button.disabled and widget.hint_button.description == "No more hints"
    assert widget.hint() is None


def test_no_hint_button_without_hints():
    """Is the Hint button left out when an exercise has no hints?"""
    widget = practice()
    assert widget.hint_button not in widget.button_row.children


def test_changing_the_answer_clears_the_old_verdict():
    """After a new choice, does the verdict about the old one disappear?"""
    widget = practice()
    widget.value = "page"
    widget.check()
    assert "Not quite" in widget.feedback.value
    widget.value = "group"
    assert widget.feedback.value == ""


def test_assessment_mode_has_no_check_or_answer(store):
    """Does an assessment widget offer no Check and no Show answer, and refuse to judge?"""
    widget = SingleChoice("q", "Where?", OPTIONS, store=store)
    assert widget.check_button not in widget.button_row.children
    assert widget.answer_button not in widget.button_row.children
    with pytest.raises(RuntimeError):
        widget.check()
    assert widget.show_answer() is None


def test_assessment_mode_refuses_an_answer_key(store):
    """Can an answer key be slipped into an assessment widget? (It must not.)"""
    with pytest.raises(ValueError, match="grading/keys"):
        SingleChoice("q", "Where?", OPTIONS, answer="group", store=store)


def test_saving_shows_no_verdict(store):
    """Does saving in an assessment say 'saved' and never right or wrong?"""
    widget = SingleChoice("q", "Where?", OPTIONS, store=store)
    widget.value = "page"
    text = widget.last_feedback.text()
    assert "Saved: A Page" in text
    for word in ("Correct", "Not quite", "Partly", "✔", "✘"):
        assert word not in widget.feedback.value


def test_a_failed_save_is_reported_not_raised(store, monkeypatch):
    """When the answers file cannot be written, does the learner get a message instead of a crash?"""
    widget = SingleChoice("q", "Where?", OPTIONS, store=store)

    def broken(question, value):
        raise AnswerStoreError("Your answer could not be saved (disk full).")
    monkeypatch.setattr(store, "save", broken)
    widget.value = "page"
    assert widget.last_feedback.status is Status.PROBLEM
    assert "disk full" in widget.feedback.value


def test_a_saved_answer_that_no_longer_fits_is_reported(store):
    """If the options changed since the answer was saved, is the learner told to answer again?"""
    store.save("q", "old_option")
    widget = SingleChoice("q", "Where?", OPTIONS, store=store)
    assert widget.value is None
    assert widget.last_feedback.status is Status.PROBLEM
    assert "answer it again" in widget.feedback.value


def test_arabic_switches_direction():
    """Does an Arabic widget lay out right to left, with Arabic buttons?"""
    with language("ar"):
        widget = practice(hints=["تلميح"])
    assert "course-rtl" in widget._dom_classes and "course-widget" in widget._dom_classes
    assert 'dir="rtl"' in widget.prompt.value
    assert widget.check_button.description == "تحقّق"
    widget.value = "page"
    widget.check()   # outside the with block: the widget keeps its own language
    assert 'dir="rtl"' in widget.feedback.value and "ليس تماماً" in widget.feedback.value


def test_english_is_left_to_right():
    """Does an English widget stay left to right without the RTL class?"""
    widget = practice()
    assert "course-rtl" not in widget._dom_classes
    assert 'dir="ltr"' in widget.prompt.value


def test_rtl_style_is_injected_once():
    """Do all widgets share one hidden stylesheet that sets direction: rtl for course-rtl?"""
    first, second = practice(), practice()
    assert first.children[0] is second.children[0] is style_widget()
    assert ".course-rtl" in style_widget().value and "direction: rtl" in style_widget().value
    assert style_widget().layout.display == "none"


def test_controls_are_labelled_for_screen_readers():
    """Do the buttons and the choice group carry a label or tooltip?"""
    widget = practice(hints=["h"])
    for control in (widget.check_button, widget.hint_button, widget.answer_button, widget.choices):
        assert control.tooltip
    assert widget.check_button.description == "Check"


def test_widgets_stay_narrow_enough_for_phones():
    """Does no widget part ask for a fixed width wider than a phone?"""
    import re

    def widths(widget):
        yield widget.layout.width, widget.layout.max_width
        for child in getattr(widget, "children", ()):
            yield from widths(child)
    for width in (x for pair in widths(practice(hints=["h"])) for x in pair if x):
        match = re.fullmatch(r"(\d+)px", width)
        assert not match or int(match.group(1)) <= 320, width


def test_repr_is_readable_text():
    """Where widgets cannot be drawn (feedback pages), is the question shown as plain text?"""
    assert repr(practice()) == "Where do volunteers plan together?"
