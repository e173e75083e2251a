"""The questions file a lesson writes for the mentor: format, times, limits, and where it may live."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from course import grading
from course.layout import CourseLayout
from course.questions import FILE_NAME, MAX_BYTES, MAX_CHARS, QuestionStore, parse_utc
from course.scaffold import copy_course


def test_times_are_read_as_utc():
    """Are times with Z, with an offset, and without an offset all read as the same UTC moment?"""
    expected = dt.datetime(2026, 12, 15, 18, 4, tzinfo=dt.timezone.utc)
    assert parse_utc("2026-12-15T18:04:00Z") == expected
    assert parse_utc("2026-12-15T20:04:00+02:00") == expected
    assert parse_utc("2026-12-15T18:04:00") == expected
    assert parse_utc("15/12/2026") is None and parse_utc(None) is None


def test_the_store_cuts_text_and_refuses_empty_questions(tmp_path):
    """Does the store itself cut a question to the limit and refuse an empty one?"""
    store = QuestionStore(tmp_path)
    q = store.add("01_x", "b" * (MAX_CHARS + 50))
    assert len(q.text) == MAX_CHARS
    with pytest.raises(ValueError):
        store.add("01_x", "   ")
    assert len(QuestionStore(tmp_path).all()) == 1


def test_an_oversized_file_is_not_trusted(tmp_path):
    """Is a questions file larger than the limit kept aside rather than read?"""
    (tmp_path / FILE_NAME).write_text(json.dumps({"format": 1, "questions": []}) + " " * MAX_BYTES,
                                      encoding="utf-8")
    store = QuestionStore(tmp_path)
    assert store.all() == [] and "larger than" in store.problem
    assert not (tmp_path / FILE_NAME).exists()


def test_release_refuses_a_questions_file_in_a_week_source_folder(tmp_path):
    """Is a week refused for release while its source folder holds questions (they would reach every learner)?"""
    copy_course(tmp_path)
    layout = CourseLayout.at(tmp_path)
    stray = tmp_path / "week2_groups_pages" / FILE_NAME
    stray.write_text('{"format": 1, "questions": []}', encoding="utf-8")
    with pytest.raises(grading.PipelineError, match="would be released to every learner"):
        grading.prepare(layout)
    stray.unlink()
    grading.prepare(layout)   # and the week is fine once the file is gone


def test_a_new_course_does_not_copy_questions_from_the_checkout(tmp_path):
    """Does copying the course material leave a maintainer's stray questions file behind?"""
    source = tmp_path / "source"
    copy_course(source)
    (source / "week3_twitter_youtube" / FILE_NAME).write_text("{}", encoding="utf-8")
    copy_course(tmp_path / "copy", source=source)
    assert not (tmp_path / "copy" / "week3_twitter_youtube" / FILE_NAME).exists()
    assert (tmp_path / "copy" / "week3_twitter_youtube" / "assessment.ipynb").exists()
