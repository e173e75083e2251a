"""`course grade` with the gradebook and the course tables in PostgreSQL gives exactly what it gives on SQLite."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from handing_in import hand_in

from course import gate
from course.gradebook import cell_grades, cohort_scores
from course.layout import CourseLayout
from course.scaffold import init_course
from course.storage import Ledger
from postgres import postgres_server  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow
W1 = "week1_facebook"
LEARNERS = {"full1": "full", "part1": "partial", "blank1": "blank", "broke1": "broken", "retry1": "partial"}


def course_grade(layout, env) -> str:
    done = subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def run_course(root, db_url: str | None, monkeypatch) -> tuple[CourseLayout, list[str]]:
    """A cohort course on ``db_url`` (None: SQLite): everyone hands in week 1, `course grade`, one
    learner hands in again, `course grade`. Returns the layout and what the two runs printed."""
    if db_url:
        monkeypatch.setenv("COURSE_DB_URL", db_url)
    else:
        monkeypatch.delenv("COURSE_DB_URL", raising=False)
    init_course(root, solo=False)
    layout = CourseLayout.at(root)
    assert layout.db_url.startswith("postgresql+psycopg" if db_url else "sqlite")
    for learner, quality in LEARNERS.items():
        hand_in(layout, learner, quality)
    printed = [course_grade(layout, os.environ.copy())]
    hand_in(layout, "retry1", "full")
    printed.append(course_grade(layout, os.environ.copy()))
    return layout, printed


def outcome(layout) -> dict:
    """Everything grading decides, without ids and times: attempts, gradebook cells and totals, gates."""
    ledger = Ledger(layout.db_url)
    try:
        attempts = sorted((a["learner"], a["week"], a["score"], a["max_score"], a["pending_points"], a["problem"],
                           a["submitted_by"]) for a in ledger.attempts())
        events = sorted((e["learner"], e["week"], e["kind"], e["cause"], e["score"]) for e in ledger.events())
    finally:
        ledger.close()
    cells = sorted((c.learner, c.week, c.question, c.auto_score, c.needs_manual_grade, c.max_score)
                   for c in cell_grades(layout.db_url, layout.course_id))
    totals = {k: (s.score, s.max_score, s.pending_points) for k, s in cohort_scores(layout.db_url, layout.course_id).items()}
    gates = {learner: {w: e.state for w, e in (gate.read(layout.gate_dir, learner) or {}).items()}
             for learner in LEARNERS}
    return dict(attempts=attempts, events=events, cells=cells, totals=totals, gates=gates)


def test_course_grade_on_postgresql_gives_what_it_gives_on_sqlite(postgres_server, tmp_path, monkeypatch):
    """The same submissions graded by `course grade` twice (a pass, a fail, a blank, a broken file, a
    second attempt): are the attempts, the gradebook's cells and totals, the unlocks and the published
    gates the same on PostgreSQL as on SQLite, and does PostgreSQL hold them (nothing in a SQLite file)?"""
    on_sqlite, printed_sqlite = run_course(tmp_path / "sqlite", None, monkeypatch)
    # Given as a plain postgresql:// URL, as a maintainer may write it: psycopg 3 is used all the same.
    plain = postgres_server.create_database().replace("postgresql+psycopg://", "postgresql://")
    on_postgres, printed_postgres = run_course(tmp_path / "postgres", plain, monkeypatch)

    expected = outcome(on_sqlite)
    assert len(expected["attempts"]) == len(LEARNERS) + 1 and expected["cells"]    # the comparison has substance
    assert outcome(on_postgres) == expected
    assert printed_postgres == printed_sqlite
    assert not (on_postgres.grading / "gradebook.db").exists()
    engine = sa.create_engine(on_postgres.db_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    engine.dispose()
    assert {"grade", "submitted_assignment", "course_attempts", "course_grading_queue"} <= names
