"""The :class:`Ledger`: reads and writes the course tables of one database.

nbgrader keeps only a learner's latest submission; the gate needs every
attempt and every unlock, so the ledger keeps them (tables in
:mod:`course.storage.tables`). Opening a ledger brings the tables to the
newest schema first (:func:`course.storage.migrate.upgrade`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ..gradebook import SubmissionScore
from ..progress import Attempt, LearnerRecord, Override
from .migrate import upgrade
from .sqlite_tuning import tune
from .tables import attempts_table, events_table, learners_table, mentors_table


def now() -> dt.datetime:
    """The current time as naive UTC, as the tables store it."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def naive_utc(value: dt.datetime) -> dt.datetime:
    """``value`` as naive UTC (an aware time is converted; a naive one is taken as UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


@dataclass
class Ledger:
    """Reads and writes the course tables of one database."""
    db_url: str

    def __post_init__(self):
        options = {"connect_args": {"timeout": 30}} if self.db_url.startswith("sqlite") else {}
        self.engine = tune(sa.create_engine(self.db_url, **options))
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # learners ---------------------------------------------------------
    def add_learner(self, learner: str) -> None:
        with self.engine.begin() as conn:
            exists = conn.execute(sa.select(learners_table.c.id).where(
                learners_table.c.id == learner)).first()
            if not exists:
                conn.execute(learners_table.insert().values(id=learner, added=now(), in_roster=False))

    def learners(self) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(r[0] for r in conn.execute(sa.select(learners_table.c.id)))

    def roster(self) -> dict[str, dict]:
        """Learners imported from a roster file, by id (empty when the course has no roster)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(learners_table).where(learners_table.c.in_roster.is_(True)))
            return {r.id: dict(r._mapping) for r in rows}

    def mentors(self) -> dict[str, dict]:
        with self.engine.connect() as conn:
            return {r.id: dict(r._mapping) for r in conn.execute(sa.select(mentors_table))}

    # attempts ---------------------------------------------------------
    def has_attempt(self, learner: str, week: str, submitted_at: dt.datetime) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(attempts_table.c.id).where(
                attempts_table.c.learner == learner, attempts_table.c.week == week,
                attempts_table.c.submitted_at == naive_utc(submitted_at))).first() is not None

    def record_attempt(self, learner: str, week: str, submitted_at: dt.datetime, *,
                       score: float | None = None, max_score: float | None = None,
                       pending_points: float = 0.0, problem: str | None = None,
                       digest: str | None = None, entry: str | None = None,
                       submitted_by: str | None = None) -> None:
        """Record one graded (or ungradable) submission; recording it again updates the row.

        ``entry`` (the exchange inbound folder it came from) and ``submitted_by``
        (the account the exchange says handed it in) describe where the
        submission came from: once recorded, recording the attempt again
        without them keeps them."""
        values = dict(learner=learner, week=week, submitted_at=naive_utc(submitted_at),
                      graded_at=now(), score=score, max_score=max_score,
                      pending_points=pending_points, problem=problem, digest=digest)
        origin = {k: v for k, v in (("entry", entry), ("submitted_by", submitted_by)) if v is not None}
        with self.engine.begin() as conn:
            updated = conn.execute(attempts_table.update().where(
                attempts_table.c.learner == learner, attempts_table.c.week == week,
                attempts_table.c.submitted_at == values["submitted_at"]).values(**values, **origin)).rowcount
            if not updated:
                conn.execute(attempts_table.insert().values(**values, **origin))

    def last_graded(self, learner: str, week: str) -> dict | None:
        """The learner's newest graded attempt of a week (problems and duplicates excluded)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(attempts_table).where(
                attempts_table.c.learner == learner, attempts_table.c.week == week,
                attempts_table.c.problem.is_(None)).order_by(attempts_table.c.submitted_at.desc())).first()
            return dict(row._mapping) if row else None

    def attempts(self, learner: str | None = None) -> list[dict]:
        """Every recorded attempt (or only ``learner``'s), oldest submission first, as dicts of the
        table's columns."""
        query = sa.select(attempts_table).order_by(attempts_table.c.submitted_at)
        if learner is not None:
            query = query.where(attempts_table.c.learner == learner)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def has_entry(self, entry: str) -> bool:
        """Whether the submission in the exchange inbound folder ``entry`` is recorded (graded or refused)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(attempts_table.c.id).where(
                attempts_table.c.entry == entry).limit(1)).first() is not None

    # events -----------------------------------------------------------
    def record_event(self, learner: str, week: str, kind: str, cause: str,
                     score: str | None = None, by: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(events_table.insert().values(
                at=now(), learner=learner, week=week, kind=kind, cause=cause, score=score, by=by))

    def events(self, learner: str | None = None) -> list[dict]:
        query = sa.select(events_table).order_by(events_table.c.at, events_table.c.id)
        if learner:
            query = query.where(events_table.c.learner == learner)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # the gate's input -------------------------------------------------
    def records(self, latest: dict[tuple[str, str], SubmissionScore],
                waiting: dict[str, set[str]] | None = None,
                learner: str | None = None) -> dict[str, LearnerRecord]:
        """Each learner's (or only ``learner``'s) attempts and overrides; the newest attempt of a
        week takes its score from the gradebook, so a mentor's manual grade counts at once."""
        waiting = waiting or {}
        attempts: dict[str, list[Attempt]] = {}
        for row in self.attempts(learner):
            if row["problem"] is not None or row["score"] is None:
                continue
            score, max_score, pending = row["score"], row["max_score"], row["pending_points"] or 0.0
            current = latest.get((row["learner"], row["week"]))
            if current and current.timestamp and naive_utc(current.timestamp) == row["submitted_at"]:
                score, max_score, pending = current.score, current.max_score, current.pending_points
            attempts.setdefault(row["learner"], []).append(Attempt(
                week=row["week"], submitted_at=row["submitted_at"], score=score,
                max_score=max_score, pending_points=pending))
        overrides: dict[str, list[Override]] = {}
        for ev in self.events(learner):
            if ev["kind"] == "override":
                overrides.setdefault(ev["learner"], []).append(
                    Override(week=ev["week"], at=ev["at"], reason=ev["cause"], by=ev["by"] or ""))
        everyone = ({learner} if learner is not None else set(self.learners())) | set(attempts) | \
            set(overrides) | set(waiting)
        return {lid: LearnerRecord(attempts=tuple(attempts.get(lid, ())),
                                   overrides=tuple(overrides.get(lid, ())),
                                   waiting=frozenset(waiting.get(lid, ())))
                for lid in everyone}
