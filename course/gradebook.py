"""Reads a whole cohort's scores from nbgrader's gradebook in one query.

``cell_grades`` gives every graded cell (what the mentor dashboard's item
analysis needs); ``cohort_scores`` sums them: for every (learner, week) with a
graded submission, the score so far, the maximum, and the points of written
answers still waiting for a mentor. Scores follow nbgrader: a manual score, when given, replaces the
automatic one; extra credit adds; late penalties subtract.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

import sqlalchemy as sa

# nbgrader's tables, named here (not imported: importing nbgrader costs seconds).
_assignment = sa.table("assignment", sa.column("id"), sa.column("name"), sa.column("course_id"))
_notebook = sa.table("notebook", sa.column("id"), sa.column("name"))
_submitted_assignment = sa.table("submitted_assignment", sa.column("id"), sa.column("assignment_id"),
                                 sa.column("student_id"), sa.column("timestamp", sa.DateTime))
_submitted_notebook = sa.table("submitted_notebook", sa.column("id"), sa.column("assignment_id"),
                               sa.column("notebook_id"), sa.column("late_submission_penalty"))
_grade = sa.table("grade", sa.column("notebook_id"), sa.column("cell_id"), sa.column("auto_score"),
                  sa.column("manual_score"), sa.column("extra_credit"), sa.column("needs_manual_grade"))
_base_cell = sa.table("base_cell", sa.column("id"), sa.column("name"))
_grade_cells = sa.table("grade_cells", sa.column("id"), sa.column("max_score"), sa.column("cell_type"))


class CellGrade(NamedTuple):
    """One graded cell of a learner's latest submission of a week (a tuple: thousands are read at once)."""
    learner: str
    week: str
    timestamp: dt.datetime | None
    submission: str             # nbgrader's submitted notebook id
    notebook: str
    question: str               # the cell's grade id
    cell_type: str
    max_score: float
    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None
    needs_manual_grade: bool
    late_penalty: float

    @property
    def score(self) -> float | None:
        """The manual score when given, else the automatic one, plus extra credit; None while the
        cell waits for a mentor."""
        if self.needs_manual_grade and self.manual_score is None:
            return None
        earned = self.manual_score if self.manual_score is not None else (self.auto_score or 0.0)
        return earned + (self.extra_credit or 0.0)


@dataclass(frozen=True)
class SubmissionScore:
    learner: str
    week: str
    timestamp: dt.datetime | None
    score: float
    max_score: float
    pending_points: float


def no_gradebook_yet(error: sa.exc.DBAPIError) -> bool:
    """Whether ``error`` says nbgrader's tables are not there yet (nothing graded): SQLite's "no such
    table" (an OperationalError), PostgreSQL's undefined table (SQLSTATE 42P01)."""
    return isinstance(error, sa.exc.OperationalError) or getattr(error.orig, "sqlstate", None) == "42P01"


def cell_grades(db_url: str | sa.Engine, course_id: str, learner: str | None = None,
                week: str | None = None) -> list[CellGrade]:
    """Every graded cell of the course (or only ``learner``'s, only ``week``'s), in one query
    (``db_url`` may be an open Engine, which is then kept open: a grading worker's, say)."""
    sa_, a, n, sn, g, bc, gc = (_submitted_assignment.c, _assignment.c, _notebook.c, _submitted_notebook.c,
                                _grade.c, _base_cell.c, _grade_cells.c)
    query = (
        sa.select(sa_.student_id, a.name, sa_.timestamp, sn.id, n.name, bc.name, gc.cell_type,
                  sa.func.coalesce(gc.max_score, 0.0), g.auto_score, g.manual_score, g.extra_credit,
                  g.needs_manual_grade, sa.func.coalesce(sn.late_submission_penalty, 0.0))
        .select_from(_submitted_assignment)
        .join(_assignment, sa_.assignment_id == a.id)
        .join(_submitted_notebook, sn.assignment_id == sa_.id)
        .join(_notebook, sn.notebook_id == n.id)
        .join(_grade, g.notebook_id == sn.id)
        .join(_grade_cells, g.cell_id == gc.id)
        .join(_base_cell, bc.id == gc.id)
        .where(a.course_id == course_id)
    )
    if learner is not None:
        query = query.where(sa_.student_id == learner)
    if week is not None:
        query = query.where(a.name == week)
    engine = db_url if isinstance(db_url, sa.Engine) else sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    except sa.exc.DBAPIError as error:
        if not no_gradebook_yet(error):
            raise
        return []   # nothing graded
    finally:
        if engine is not db_url:
            engine.dispose()
    return [CellGrade._make(row) for row in rows]   # the columns come in the tuple's order


def cohort_scores(db_url: str | sa.Engine, course_id: str, learner: str | None = None,
                  week: str | None = None) -> dict[tuple[str, str], SubmissionScore]:
    """``{(learner, week): SubmissionScore}`` for every graded submission of the course
    (or only ``learner``'s, only ``week``'s: grading reads one score per learner graded)."""
    totals: dict[tuple[str, str], list] = {}
    penalties: dict[tuple[str, str], dict[str, float]] = {}
    for cell in cell_grades(db_url, course_id, learner, week):
        key = (cell.learner, cell.week)
        entry = totals.setdefault(key, [cell.timestamp, 0.0, 0.0, 0.0])
        entry[2] += cell.max_score
        score = cell.score
        if score is None:
            entry[3] += cell.max_score
        else:
            entry[1] += score
        penalties.setdefault(key, {})[cell.submission] = cell.late_penalty
    out = {}
    for key, (stamp, score, max_score, pending) in totals.items():
        score = max(score - sum(penalties[key].values()), 0.0)
        out[key] = SubmissionScore(learner=key[0], week=key[1], timestamp=stamp,
                                   score=round(score, 2), max_score=round(max_score, 2),
                                   pending_points=round(pending, 2))
    return out


_comment = sa.table("comment", sa.column("notebook_id"), sa.column("cell_id"), sa.column("manual_comment"))


def mentor_comments(db_url: str, course_id: str, week: str) -> dict[tuple[str, str], str]:
    """``{(learner, cell name): comment}`` for every comment a mentor wrote on a week's latest submissions."""
    sa_, a, sn, c, bc = (_submitted_assignment.c, _assignment.c, _submitted_notebook.c, _comment.c,
                         _base_cell.c)
    query = (sa.select(sa_.student_id, bc.name, c.manual_comment)
             .select_from(_submitted_assignment)
             .join(_assignment, sa_.assignment_id == a.id)
             .join(_submitted_notebook, sn.assignment_id == sa_.id)
             .join(_comment, c.notebook_id == sn.id)
             .join(_base_cell, bc.id == c.cell_id)
             .where(a.course_id == course_id, a.name == week, c.manual_comment.is_not(None)))
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return {(r[0], r[1]): r[2] for r in conn.execute(query) if (r[2] or "").strip()}
    except sa.exc.DBAPIError as error:
        if not no_gradebook_yet(error):
            raise
        return {}
    finally:
        engine.dispose()
