"""Reads a whole cohort's scores from nbgrader's gradebook in one query.

For every (learner, week) with a graded submission it returns the score so
far, the maximum, and the points of written answers still waiting for a
mentor. Scores follow nbgrader: a manual score, when given, replaces the
automatic one; extra credit adds; late penalties subtract.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

# nbgrader's tables, named here (not imported: importing nbgrader costs seconds).
_assignment = sa.table("assignment", sa.column("id"), sa.column("name"), sa.column("course_id"))
_submitted_assignment = sa.table("submitted_assignment", sa.column("id"), sa.column("assignment_id"),
                                 sa.column("student_id"), sa.column("timestamp", sa.DateTime))
_submitted_notebook = sa.table("submitted_notebook", sa.column("id"), sa.column("assignment_id"),
                               sa.column("late_submission_penalty"))
_grade = sa.table("grade", sa.column("notebook_id"), sa.column("cell_id"), sa.column("auto_score"),
                  sa.column("manual_score"), sa.column("extra_credit"), sa.column("needs_manual_grade"))
_grade_cells = sa.table("grade_cells", sa.column("id"), sa.column("max_score"))


@dataclass(frozen=True)
class SubmissionScore:
    learner: str
    week: str
    timestamp: dt.datetime | None
    score: float
    max_score: float
    pending_points: float


def cohort_scores(db_url: str, course_id: str, learner: str | None = None,
                  week: str | None = None) -> dict[tuple[str, str], SubmissionScore]:
    """``{(learner, week): SubmissionScore}`` for every graded submission of the course
    (or only ``learner``'s, only ``week``'s: grading reads one score per learner graded)."""
    engine = sa.create_engine(db_url)
    sa_, a, sn, g, gc = _submitted_assignment.c, _assignment.c, _submitted_notebook.c, _grade.c, _grade_cells.c
    query = (
        sa.select(sa_.student_id, a.name, sa_.timestamp, sn.late_submission_penalty, g.auto_score,
                  g.manual_score, g.extra_credit, g.needs_manual_grade, gc.max_score, sn.id)
        .select_from(_submitted_assignment)
        .join(_assignment, sa_.assignment_id == a.id)
        .join(_submitted_notebook, sn.assignment_id == sa_.id)
        .join(_grade, g.notebook_id == sn.id)
        .join(_grade_cells, g.cell_id == gc.id)
        .where(a.course_id == course_id)
    )
    if learner is not None:
        query = query.where(sa_.student_id == learner)
    if week is not None:
        query = query.where(a.name == week)
    totals: dict[tuple[str, str], list] = {}
    penalties: dict[tuple[str, str], dict[str, float]] = {}
    try:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    except sa.exc.OperationalError:   # no gradebook yet: nothing graded
        return {}
    finally:
        engine.dispose()
    for who, which, stamp, penalty, auto, manual, extra, needs_manual, max_score, nb_id in rows:
        key = (who, which)
        entry = totals.setdefault(key, [stamp, 0.0, 0.0, 0.0])
        entry[2] += max_score or 0.0
        if needs_manual and manual is None:
            entry[3] += max_score or 0.0
        else:
            earned = manual if manual is not None else (auto or 0.0)
            entry[1] += earned + (extra or 0.0)
        penalties.setdefault(key, {})[nb_id] = penalty or 0.0
    out = {}
    for key, (stamp, score, max_score, pending) in totals.items():
        score = max(score - sum(penalties[key].values()), 0.0)
        out[key] = SubmissionScore(learner=key[0], week=key[1], timestamp=stamp,
                                   score=round(score, 2), max_score=round(max_score, 2),
                                   pending_points=round(pending, 2))
    return out
