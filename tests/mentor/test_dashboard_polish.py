"""Dashboard polish: times in the cohort's time zone, questions by their titles in the mentor's language."""
from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest

from course.layout import CourseLayout
from course.mentor.data import load_course
from course.mentor.view import MentorDashboard, when


def test_times_are_shown_in_the_cohorts_time_zone():
    """Is a UTC time from the gradebook shown on the cohort's clock, named by its city, summer time included?"""
    assert when(dt.datetime(2026, 12, 15, 18, 4), "Asia/Beirut") == "2026-12-15 20:04 Beirut"
    assert when(pd.Timestamp("2027-06-15 18:04"), "Asia/Beirut") == "2027-06-15 21:04 Beirut"
    assert when(dt.datetime(2026, 12, 15, 18, 4), "America/New_York") == "2026-12-15 13:04 New York"
    assert when(dt.datetime(2026, 12, 15, 18, 4)) == "2026-12-15 18:04 UTC"
    assert when(dt.datetime(2026, 12, 15, 18, 4), "Nowhere/Atlantis") == "2026-12-15 18:04 UTC"
    assert when(None, "Asia/Beirut") == "–" and when(pd.NaT, "Asia/Beirut") == "–"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A demo course of four learners (one completes the course)."""
    from course.demo import run_demo
    return run_demo(tmp_path_factory.mktemp("small"), learners=4, out=io.StringIO())


def test_the_dashboard_shows_times_on_the_cohorts_clock(small):
    """Do the header, the figures' subtitle and the tables give times in the syllabus's time zone (Beirut)?"""
    data = load_course(small)
    assert data.syllabus.timezone == "Asia/Beirut"
    board = MentorDashboard(data)
    read = pd.Timestamp(data.loaded_at).tz_localize("UTC").tz_convert("Asia/Beirut")
    assert f"data read {read:%Y-%m-%d %H:%M} Beirut" in board.subtitle()
    board.section("queue")
    text = board.text("queue")
    assert "UTC" not in text
    submitted = data.manual_queue["submitted_at"].iloc[0]
    local = pd.Timestamp(submitted).tz_localize("UTC").tz_convert("Asia/Beirut")
    assert f"{local:%Y-%m-%d %H:%M} Beirut" in text


def test_item_analysis_and_the_queue_name_questions_by_title_in_the_mentors_language(small):
    """Do the item analysis and the marking queue show each question's title (English, or Arabic for a
    mentor who reads Arabic) instead of its internal grade id?"""
    board = MentorDashboard(load_course(small))
    board.section("items")
    board.section("queue")
    items = board.text("items")
    assert "W1 · A look-alike link" in items and "<td>A look-alike link</td>" in items
    assert not re.search(r"W\d · q\d+_", items)               # no bar labelled by its grade id
    assert "<td>Your security plan</td>" in board.text("queue")
    arabic = MentorDashboard.from_environment(str(small.root), language="ar")
    arabic.section("items")
    assert "رابط مقلَّد" in arabic.text("items")


def test_course_dashboard_language_reaches_the_dashboards_kernel():
    """Does `course dashboard --language ar` give the dashboard's kernel COURSE_LANG=ar (Arabic titles)?"""
    from course.cli import build_parser
    from course.mentor.serve import voila_command
    assert build_parser().parse_args(["dashboard", "--language", "ar"]).language == "ar"
    _cmd, env = voila_command(CourseLayout.at(None), language="ar")
    assert env["COURSE_LANG"] == "ar"
