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
from nbgrader import api as nb


@dataclass(frozen=True)
class SubmissionScore:
    learner: str
    week: str
    timestamp: dt.datetime | None
    score: float
    max_score: float
    pending_points: float


def cohort_scores(db_url: str, course_id: str) -> dict[tuple[str, str], SubmissionScore]:
    """``{(learner, week): SubmissionScore}`` for every graded submission of the course."""
    engine = sa.create_engine(db_url)
    query = (
        sa.select(
            nb.SubmittedAssignment.student_id,
            nb.Assignment.name,
            nb.SubmittedAssignment.timestamp,
            nb.SubmittedNotebook.late_submission_penalty,
            nb.Grade.auto_score,
            nb.Grade.manual_score,
            nb.Grade.extra_credit,
            nb.Grade.needs_manual_grade,
            nb.GradeCell.max_score,
            nb.SubmittedNotebook.id,
        )
        .join(nb.Assignment, nb.SubmittedAssignment.assignment_id == nb.Assignment.id)
        .join(nb.SubmittedNotebook, nb.SubmittedNotebook.assignment_id == nb.SubmittedAssignment.id)
        .join(nb.Grade, nb.Grade.notebook_id == nb.SubmittedNotebook.id)
        .join(nb.GradeCell, nb.Grade.cell_id == nb.GradeCell.id)
        .where(nb.Assignment.course_id == course_id)
    )
    totals: dict[tuple[str, str], list] = {}
    penalties: dict[tuple[str, str], dict[str, float]] = {}
    try:
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    except sa.exc.OperationalError:   # no gradebook yet: nothing graded
        return {}
    finally:
        engine.dispose()
    for learner, week, stamp, penalty, auto, manual, extra, needs_manual, max_score, nb_id in rows:
        key = (learner, week)
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
