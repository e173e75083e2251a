"""A small cohort for the mentor's commands: a fresh course (every week released), copied per test,
with a roster of six learners and two mentors."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from course.layout import CourseLayout
from course.roster import import_roster
from course.storage import Ledger

W1, W2, W3 = "week1_facebook", "week2_groups_pages", "week3_twitter_youtube"
LEARNERS = """id,name,country,language,mentor
learner01,Amal Haddad,Lebanon,ar,m_rima
learner02,Hadi Saleh,Jordan,ar,m_sami
learner03,Nour Khalil,Syria,ar,m_rima
learner04,John Smith,Egypt,en,m_sami
learner05,Layla Aziz,Iraq,ar,m_rima
learner16,Omar Farouk,Yemen,ar,m_sami
"""
MENTORS = "id,name,languages\nm_rima,Rima,ar en\nm_sami,Sami,ar\n"


@pytest.fixture(scope="session")
def fresh_course(tmp_path_factory) -> Path:
    from course.scaffold import init_course
    root = tmp_path_factory.mktemp("fresh") / "course"
    init_course(root, solo=False)
    return root


@pytest.fixture
def bare_course(fresh_course, tmp_path) -> CourseLayout:
    """A course of its own for one test, no roster yet."""
    root = tmp_path / "course"
    shutil.copytree(fresh_course, root, symlinks=True)
    return CourseLayout.at(root)


@pytest.fixture
def course(bare_course, tmp_path) -> CourseLayout:
    """A course of its own for one test, with the roster above imported."""
    (tmp_path / "learners.csv").write_text(LEARNERS, encoding="utf-8")
    (tmp_path / "mentors.csv").write_text(MENTORS, encoding="utf-8")
    ledger = Ledger(bare_course.db_url)
    try:
        import_roster(ledger, tmp_path / "learners.csv", tmp_path / "mentors.csv")
    finally:
        ledger.close()
    return bare_course


def graded(layout: CourseLayout, learner: str, week: str, score: float | None, max_score: float = 30.0,
           days_ago: int = 3, problem: str | None = None, pending: float = 0.0) -> None:
    """Record an attempt in the ledger as a grading run would (a refused one when ``problem`` is given)."""
    ledger = Ledger(layout.db_url)
    try:
        when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)
        ledger.record_attempt(learner, week, when, score=score, max_score=None if problem else max_score,
                              pending_points=pending, problem=problem)
    finally:
        ledger.close()
