"""The "Ask your mentor" widget: questions saved beside the lesson, reloaded, never a crash."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from course import i18n
from course.questions import FILE_NAME, MAX_CHARS, QuestionStore
from course.widgets import AskMentor, Status

AT = dt.datetime(2026, 12, 15, 18, 4, 5, tzinfo=dt.timezone.utc)


def clock(*times):
    """A clock that returns the given times in turn (then the last one again)."""
    values = list(times)
    return lambda: values.pop(0) if len(values) > 1 else values[0]


def on_disk(folder: Path) -> list[dict]:
    return json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))["questions"]


def test_a_question_is_saved_with_lesson_and_utc_time(tmp_path):
    """Does sending a question write it, with the lesson's name and the UTC time, to the week folder?"""
    ask = AskMentor("01_pages_and_roles", tmp_path, clock=clock(AT))
    ask.value = "  How do I remove an admin who left?  "
    feedback = ask.send()
    assert feedback.status is Status.SAVED
    assert on_disk(tmp_path) == [{"lesson": "01_pages_and_roles", "asked_at": "2026-12-15T18:04:05Z",
                                  "text": "How do I remove an admin who left?"}]
    assert ask.value == ""                       # the box is ready for the next question
    assert "How do I remove an admin who left?" in ask.history.value


def test_time_with_another_offset_is_stored_in_utc(tmp_path):
    """Is a time from a clock in Beirut (UTC+2) stored as UTC, not as local time?"""
    beirut = dt.datetime(2026, 12, 15, 20, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    ask = AskMentor("01_x", tmp_path, clock=clock(beirut))
    ask.value = "When is the live chat?"
    ask.send()
    assert on_disk(tmp_path)[0]["asked_at"] == "2026-12-15T18:04:05Z"


def test_earlier_questions_of_this_lesson_come_back_when_the_notebook_runs_again(tmp_path):
    """Does a new widget on the same folder show this lesson's earlier questions, and only this lesson's?"""
    first = AskMentor("01_pages_and_roles", tmp_path, clock=clock(AT, AT + dt.timedelta(minutes=5)))
    for text in ("First question?", "Second question?"):
        first.value = text
        first.send()
    other = AskMentor("02_insights", tmp_path, clock=clock(AT))
    other.value = "A question about insights?"
    other.send()

    again = AskMentor("01_pages_and_roles", tmp_path)
    assert [q.text for q in again.questions] == ["First question?", "Second question?"]
    assert "A question about insights?" not in again.history.value
    assert "2026-12-15 18:09 UTC" in again.history.value and "so far: 2" in again.history.value
    # the other lesson's question is kept in the same file
    assert len(on_disk(tmp_path)) == 3


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_an_empty_question_saves_nothing(tmp_path, text):
    """Does an empty or blank question give a friendly message and save nothing?"""
    ask = AskMentor("01_x", tmp_path)
    ask.value = text
    feedback = ask.send()
    assert feedback.status is Status.EMPTY
    assert "write your question first" in feedback.message
    assert not (tmp_path / FILE_NAME).exists()


def test_a_question_at_the_limit_is_saved_whole(tmp_path):
    """Is a question of exactly the limit saved in full, with no message about length?"""
    ask = AskMentor("01_x", tmp_path)
    ask.value = "a" * MAX_CHARS
    assert ask.send().status is Status.SAVED
    assert on_disk(tmp_path)[0]["text"] == "a" * MAX_CHARS and ask.value == ""


def test_a_very_long_question_is_cut_and_the_rest_stays_in_the_box(tmp_path):
    """Is a question over 2,000 characters cut at the limit (at a space), with a message, the rest kept?"""
    words = " ".join(f"word{i:04d}" for i in range(400))   # 3,599 characters
    ask = AskMentor("01_x", tmp_path)
    ask.value = words
    feedback = ask.send()
    saved = on_disk(tmp_path)[0]["text"]
    assert feedback.status is Status.INFO
    assert "2,000 characters" in feedback.message and f"{len(ask.value):,}" in feedback.message
    assert len(saved) <= MAX_CHARS and not saved.endswith(" ")
    assert words.startswith(saved) and saved.split()[-1] == words.split()[len(saved.split()) - 1]
    assert saved + " " + ask.value == words        # nothing is lost: sent part + what stays in the box


def test_a_corrupt_file_is_kept_aside_and_a_new_question_still_saves(tmp_path):
    """Does a damaged questions file give a message (not a crash), stay kept aside, and let saving go on?"""
    (tmp_path / FILE_NAME).write_text('{"questions": [ this is not json', encoding="utf-8")
    ask = AskMentor("01_x", tmp_path, clock=clock(AT))
    assert ask.last_feedback.status is Status.PROBLEM
    assert "could not be read" in ask.last_feedback.message
    aside = list(tmp_path.glob(f"{FILE_NAME}.unreadable-*"))
    assert len(aside) == 1 and "this is not json" in aside[0].read_text(encoding="utf-8")
    ask.value = "Still there?"
    assert ask.send().status is Status.SAVED
    assert [q["text"] for q in on_disk(tmp_path)] == ["Still there?"]


@pytest.mark.parametrize("content", ['["a list"]', '{"questions": "not a list"}', "\ufffe\x00\x01",
                                     '{"format": 1}'])
def test_a_file_that_holds_no_questions_is_kept_aside(tmp_path, content):
    """Is any file that does not hold a list of questions treated as damaged, never as questions?"""
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    ask = AskMentor("01_x", tmp_path)
    assert ask.questions == [] and ask.last_feedback.status is Status.PROBLEM
    assert not (tmp_path / FILE_NAME).exists()


def test_odd_entries_are_skipped_and_good_ones_kept(tmp_path):
    """Are entries that are not questions (no text, bad time, wrong type) skipped, the good ones shown?"""
    entries = [{"lesson": "01_x", "asked_at": "2026-12-15T18:04:05Z", "text": "Good one?"},
               {"lesson": "01_x", "asked_at": "yesterday", "text": "Bad time"},
               {"lesson": "01_x", "asked_at": "2026-12-15T18:04:05Z", "text": "   "},
               "just a string", {"lesson": 3, "asked_at": "2026-12-15T18:04:05Z", "text": "x"}]
    (tmp_path / FILE_NAME).write_text(json.dumps({"format": 1, "questions": entries}), encoding="utf-8")
    ask = AskMentor("01_x", tmp_path)
    assert [q.text for q in ask.questions] == ["Good one?"]
    assert ask.last_feedback is None


def test_a_question_that_cannot_be_written_gives_a_message_and_keeps_the_text(tmp_path):
    """When the folder cannot be written, does the learner get a message and keep the question in the box?"""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the week folder should be", encoding="utf-8")
    ask = AskMentor("01_x", blocker)
    ask.value = "Will this be saved?"
    feedback = ask.send()
    assert feedback.status is Status.PROBLEM and "could not be saved" in feedback.message
    assert ask.value == "Will this be saved?"


def test_two_lessons_open_at_once_keep_both_questions(tmp_path):
    """If two lessons of a week are open, does a question from each end up in the file (none overwritten)?"""
    a = AskMentor("01_a", tmp_path)
    b = AskMentor("02_b", tmp_path)   # built before a saves anything
    a.value = "From lesson A?"
    a.send()
    b.value = "From lesson B?"
    b.send()
    assert sorted(q["text"] for q in on_disk(tmp_path)) == ["From lesson A?", "From lesson B?"]


def test_arabic_question_is_saved_as_written_and_the_widget_reads_right_to_left(tmp_path):
    """Is an Arabic question stored as Arabic text (not escapes), with Arabic messages and RTL layout?"""
    question = "كيف أحذف مشرفاً غادر المنظمة؟"
    with i18n.language("ar"):
        ask = AskMentor("01_pages_and_roles", tmp_path, clock=clock(AT))
    assert "course-rtl" in ask._dom_classes and ask.send_button.description == "أرسل إلى مرشدي"
    ask.value = question
    feedback = ask.send()          # the widget speaks Arabic even if the notebook's language changed since
    assert feedback.status is Status.SAVED and re.search("[\u0600-\u06FF]", feedback.message)
    raw = (tmp_path / FILE_NAME).read_text(encoding="utf-8")
    assert question in raw and "\\u0643" not in raw
    again = AskMentor("01_pages_and_roles", tmp_path)
    assert again.questions[0].text == question and question in again.history.value


def test_learner_text_is_shown_as_text_not_html(tmp_path):
    """Is markup in a question shown literally (escaped), so it cannot change the page?"""
    ask = AskMentor("01_x", tmp_path)
    ask.value = "<script>alert(1)</script> & <b>bold</b>?"
    ask.send()
    assert "<script>" not in ask.history.value and "&lt;script&gt;" in ask.history.value


def test_a_lesson_name_is_required():
    """Is a widget without a lesson name refused when the lesson is written (not when a learner uses it)?"""
    with pytest.raises(ValueError):
        AskMentor("  ")


def test_repr_is_plain_text(tmp_path):
    """Does the widget read as plain text where widgets cannot show (a terminal, a feedback page)?"""
    ask = AskMentor("01_x", tmp_path)
    ask.value = "Plain?"
    ask.send()
    assert repr(ask) == "Ask your mentor\n- Plain?"


def test_mentor_side_reading_never_moves_a_learners_file(tmp_path):
    """Does reading a submitted folder (keep_aside=False) leave a damaged file where it is, and say why?"""
    (tmp_path / FILE_NAME).write_text("{damaged", encoding="utf-8")
    store = QuestionStore(tmp_path, keep_aside=False)
    assert store.all() == [] and store.reason == "it is damaged"
    assert (tmp_path / FILE_NAME).read_text(encoding="utf-8") == "{damaged"
