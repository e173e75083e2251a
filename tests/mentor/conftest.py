"""A simulated cohort for the mentor dashboard's tests, with a roster, a question and a damaged file.

``course.demo.run_demo`` takes eight learners through the four weeks (strong,
partial, blank and broken profiles). On top of it this adds what a real
cohort has and the demo does not: a roster with two mentors (two learners
left without a roster row), a question asked from a lesson that reaches the
mentor with a real submission, and a damaged questions file in one
submitted folder.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

ASKED_AT = dt.datetime(2026, 12, 16, 10, 30, tzinfo=dt.timezone.utc)
QUESTION = "كيف أحذف مشرفاً غادر المنظمة؟ And can an Analyst read private messages?"
MENTORS = "id,name,languages\nm_rima,Rima Haddad,ar en\nm_sami,Sami Nasser,ar\n"
LEARNERS = ("id,name,country,language,mentor\n"
            "learner001,أمل منصور,Jordan,ar,m_rima\n"
            "learner002,Omar Khaled,Egypt,en,m_rima\n"
            "learner003,نور,Lebanon,ar,m_sami\n"
            "learner004,Lina,Tunisia,en,m_sami\n"
            "learner005,Yousef,Morocco,ar,m_rima\n"
            "learner006,Sara,Iraq,ar,m_sami\n")


def build_demo(root: Path):
    """The demo cohort plus roster, one question handed in, and one damaged questions file."""
    from course import grading
    from course.demo import run_demo
    from course.storage import Ledger
    from course.questions import FILE_NAME
    from course.roster import import_roster
    from course.widgets import AskMentor

    layout = run_demo(root, learners=8, out=io.StringIO())
    (root / "learners.csv").write_text(LEARNERS, encoding="utf-8")
    (root / "mentors.csv").write_text(MENTORS, encoding="utf-8")
    ledger = Ledger(layout.db_url)
    try:
        import_roster(ledger, root / "learners.csv", root / "mentors.csv")
    finally:
        ledger.close()
    # learner002 failed week 2 (a mentor had unlocked it), asks from the lesson and hands in again
    workspace = root / "learners" / "learner002"
    ask = AskMentor("01_pages_and_roles", workspace / "week2_groups_pages", clock=lambda: ASKED_AT)
    ask.value = QUESTION
    ask.send()
    grading.submit(layout, "week2_groups_pages", "learner002", workspace)
    grading.grade(layout, "week2_groups_pages", learners=["learner002"])
    (layout.submitted / "learner001" / "week3_twitter_youtube" / FILE_NAME).write_text(
        "{damaged", encoding="utf-8")
    return layout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo course (built once per test module: about 40 s)."""
    return build_demo(tmp_path_factory.mktemp("demo"))
