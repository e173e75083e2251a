"""The gate: turns a learner's graded attempts and mentor overrides into a state per week.

Pure logic, no I/O: the grader reads the gradebook and the override records,
calls :func:`learner_progress`, and publishes the result. States:

``locked``          the previous week is not passed and no mentor opened this one
``unlocked``        open, nothing submitted yet
``submitted``       a submission waits to be graded
``awaiting_review`` graded automatically, but the written answers decide the result
``passed``          an attempt reached the pass mark (a pass is never taken back)
``failed``          the latest attempt is below the pass mark; ``attempts_left`` says
                    whether the learner may try again
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from .syllabus import Syllabus, Week


class State(str, Enum):
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    SUBMITTED = "submitted"
    AWAITING_REVIEW = "awaiting_review"
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True)
class Attempt:
    """One graded submission of a week's assessment."""
    week: str
    submitted_at: dt.datetime
    score: float
    max_score: float
    pending_points: float = 0.0  # points of written answers not graded yet

    def verdict(self, week: Week) -> State:
        needed = week.points_needed(self.max_score)
        if self.max_score <= 0:
            return State.FAILED
        if self.score + 1e-9 >= needed:
            return State.PASSED
        if self.score + self.pending_points + 1e-9 < needed:
            return State.FAILED
        return State.AWAITING_REVIEW


@dataclass(frozen=True)
class Override:
    """A mentor opened ``week`` for a learner, for a recorded reason."""
    week: str
    at: dt.datetime
    reason: str
    by: str = ""


@dataclass(frozen=True)
class WeekProgress:
    week: str
    state: State
    score: float | None = None
    max_score: float | None = None
    needed: float | None = None
    attempts_used: int = 0
    attempts_left: int = 0
    blocked_by: str | None = None        # the week that must be passed first
    blocked_score: float | None = None   # the learner's best score there
    blocked_max: float | None = None
    blocked_needed: float | None = None
    overridden: bool = False
    opened_by: str = ""                  # who opened it, when a mentor did (their latest unlock)

    @property
    def is_open(self) -> bool:
        return self.state is not State.LOCKED

    @property
    def needs_unlock(self) -> bool:
        """Would a mentor's unlock change anything? Not when the week is passed or the learner may
        hand it in already; yes when it is locked or its attempts are used up."""
        return not (self.state is State.PASSED or self.can_submit)

    @property
    def can_submit(self) -> bool:
        if self.state in (State.UNLOCKED, State.SUBMITTED):
            return True
        # A learner may try again after a fail, or improve while a mentor has not yet reviewed.
        return self.state in (State.FAILED, State.AWAITING_REVIEW) and self.attempts_left > 0

    def as_dict(self) -> dict:
        return {"state": self.state.value, "score": self.score, "max_score": self.max_score}


@dataclass(frozen=True)
class LearnerRecord:
    """Everything the gate needs to know about one learner."""
    attempts: tuple[Attempt, ...] = ()
    overrides: tuple[Override, ...] = ()
    waiting: frozenset[str] = field(default_factory=frozenset)  # weeks with an ungraded submission


def learner_progress(syllabus: Syllabus, record: LearnerRecord) -> dict[str, WeekProgress]:
    """The state of every week of the syllabus for one learner, in week order."""
    result: dict[str, WeekProgress] = {}
    previous: WeekProgress | None = None
    for week in syllabus.weeks:
        overrides = [o for o in record.overrides if o.week == week.id]
        opened_by_pass = previous is None or previous.state is State.PASSED
        if not opened_by_pass and not overrides:
            result[week.id] = WeekProgress(
                week=week.id,
                state=State.LOCKED,
                blocked_by=previous.week,
                blocked_score=previous.score,
                blocked_max=previous.max_score,
                blocked_needed=previous.needed,
            )
        else:
            result[week.id] = _open_week(week, record, overrides, overridden=not opened_by_pass)
        previous = result[week.id]
    return result


def _open_week(week: Week, record: LearnerRecord, overrides: list[Override],
               overridden: bool) -> WeekProgress:
    attempts = sorted((a for a in record.attempts if a.week == week.id),
                      key=lambda a: a.submitted_at)
    # A mentor's unlock gives a fresh allowance: only attempts after it count.
    since = max((o.at for o in overrides), default=None)
    counted = [a for a in attempts if since is None or a.submitted_at > since]
    attempts_left = max(week.attempts - len(counted), 0)
    latest_unlock = max(overrides, key=lambda o: o.at) if overrides else None
    common = dict(week=week.id, attempts_used=len(counted), attempts_left=attempts_left,
                  overridden=overridden, opened_by=latest_unlock.by if latest_unlock and overridden else "")

    passes = [a for a in attempts if a.verdict(week) is State.PASSED]
    if passes:
        best = max(passes, key=lambda a: a.score)
        return WeekProgress(state=State.PASSED, score=best.score, max_score=best.max_score,
                            needed=week.points_needed(best.max_score), **common)
    if week.id in record.waiting:
        latest = attempts[-1] if attempts else None
        return WeekProgress(state=State.SUBMITTED,
                            score=latest.score if latest else None,
                            max_score=latest.max_score if latest else None,
                            needed=week.points_needed(latest.max_score) if latest else None,
                            **common)
    if not attempts:
        return WeekProgress(state=State.UNLOCKED, **common)
    latest = attempts[-1]
    return WeekProgress(state=latest.verdict(week), score=latest.score,
                        max_score=latest.max_score,
                        needed=week.points_needed(latest.max_score), **common)


def cohort_progress(syllabus: Syllabus, records: dict[str, LearnerRecord],
                    learners: Iterable[str] = ()) -> dict[str, dict[str, WeekProgress]]:
    """Progress of every learner in ``records`` plus ``learners`` with no record yet."""
    everyone = sorted(set(records) | set(learners))
    empty = LearnerRecord()
    return {lid: learner_progress(syllabus, records.get(lid, empty)) for lid in everyone}
