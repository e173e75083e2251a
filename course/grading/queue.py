"""The grading queue: submissions found in inbound, each taken by exactly one grading worker.

Rows live in ``course_grading_queue`` (PostgreSQL). A worker *takes* a row
with ``SELECT ... FOR UPDATE SKIP LOCKED``: the row stays locked by the
worker's open transaction while it grades, other workers skip it and take the
next, and the worker's last step marks it done and commits. A worker that
dies (even by ``kill -9``) loses its connection, PostgreSQL rolls the
transaction back and drops the lock, and the row is ``waiting`` again for the
others. While a row is held, its learner is held too (an advisory lock of the
transaction), so one learner's submissions are never graded side by side: the
gate's attempt count stays exact.

States: ``waiting``; ``done`` (graded or refused: its ledger row exists);
``superseded`` (a newer submission of the same learner and week is waiting:
only the newest is graded, as in a single run); ``failed`` (a fault of the
grader, tried again by the next run); ``gone`` (the inbound folder vanished).
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from ..storage import grading_queue_table as queue_table
from ..storage import now
from . import inbound

LEARNER_LOCKS = 7201   # the first key of the learners' advisory locks (the second: hashtext(learner))


@dataclass
class Job:
    """One taken row: the submission to grade, held until :meth:`finish` (or the worker's death)."""
    id: int
    entry: str
    learner: str
    week: str
    received_at: dt.datetime
    worker: str
    taken_at: dt.datetime
    conn: sa.Connection

    def newer_waiting(self) -> bool:
        """Whether a newer submission of the same learner and week waits (so this one is superseded)."""
        q = queue_table.c
        return self.conn.execute(sa.select(q.id).where(
            q.learner == self.learner, q.week == self.week, q.state == "waiting",
            q.received_at > self.received_at).limit(1)).first() is not None

    def finish(self, state: str, problem: str | None = None) -> None:
        """Mark the row ``state`` and commit: the row lock and the learner's lock go with it."""
        self.conn.execute(queue_table.update().where(queue_table.c.id == self.id).values(
            state=state, worker=self.worker, taken_at=self.taken_at, done_at=now(), problem=problem))
        self.conn.commit()


class GradingQueue:
    """The queue of one course database (PostgreSQL only)."""

    def __init__(self, db_url: str):
        # Connections are kept (a new one costs the server a process); a dead worker's go with it.
        self.engine = sa.create_engine(db_url, pool_size=2, max_overflow=2)
        if self.engine.dialect.name != "postgresql":
            raise ValueError("the grading queue needs PostgreSQL (FOR UPDATE SKIP LOCKED)")

    def close(self) -> None:
        self.engine.dispose()

    def add(self, entries: Iterable[inbound.Entry]) -> int:
        """Queue these submissions (one already queued is left as it is); returns how many are new."""
        rows = [dict(entry=e.name, learner=e.learner, week=e.week, received_at=e.received_at, state="waiting")
                for e in entries]
        if not rows:
            return 0
        with self.engine.begin() as conn:
            done = conn.execute(insert(queue_table).on_conflict_do_nothing(index_elements=["entry"])
                                .returning(queue_table.c.id), rows)
            return len(done.all())

    def retry_failed(self, week: str) -> int:
        """Put the week's failed rows back to waiting (a new run tries them again); returns how many."""
        q = queue_table.c
        with self.engine.begin() as conn:
            return conn.execute(queue_table.update().where(q.week == week, q.state == "failed")
                                .values(state="waiting")).rowcount

    @contextlib.contextmanager
    def take(self, week: str, worker: str, learners: Iterable[str] | None = None) -> Iterator[Job | None]:
        """The oldest waiting row of ``week`` no other worker holds, locked with its learner until the
        job is finished (None when there is none). Leaving without :meth:`Job.finish` leaves it waiting."""
        q = queue_table.c
        query = (sa.select(q.id, q.entry, q.learner, q.week, q.received_at)
                 .where(q.week == week, q.state == "waiting")
                 .order_by(q.received_at, q.id).limit(1).with_for_update(skip_locked=True))
        if learners:
            query = query.where(q.learner.in_(list(learners)))
        with self.engine.connect() as conn:
            try:
                row = conn.execute(query).first()
                if row is None:
                    conn.rollback()
                    yield None
                    return
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(LEARNER_LOCKS, sa.func.hashtext(row.learner))))
                yield Job(id=row.id, entry=row.entry, learner=row.learner, week=row.week,
                          received_at=row.received_at, worker=worker, taken_at=now(), conn=conn)
            finally:
                if conn.in_transaction():
                    conn.rollback()

    def waiting(self, week: str, learners: Iterable[str] | None = None) -> int:
        """How many rows of ``week`` (of ``learners``) are waiting, held by a worker or not."""
        q = queue_table.c
        query = sa.select(sa.func.count()).where(q.week == week, q.state == "waiting")
        if learners:
            query = query.where(q.learner.in_(list(learners)))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def states(self, week: str) -> dict[str, int]:
        """How many rows of ``week`` are in each state."""
        q = queue_table.c
        with self.engine.connect() as conn:
            return dict(conn.execute(sa.select(q.state, sa.func.count()).where(q.week == week)
                                     .group_by(q.state)).all())
