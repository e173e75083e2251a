"""A mentor's words to learners: replies to their questions, notes, and the comments a mentor reuses.

Every reply or note is a row of ``course_messages``; after each one the
learner's whole list is published to ``<exchange>/<course>/messages/<learner>.json``
(written atomically, readable by that learner only, like their gate file),
where the learner's course home and the lesson the question came from read it
(:mod:`course.learner_messages`). Comment snippets are rows of
``course_comment_snippets``, one list per mentor.
"""
from __future__ import annotations

import datetime as dt
import json
import os

import sqlalchemy as sa

from ..grading import files
from ..json_file import write_atomically
from ..layout import CourseLayout
from ..learner_messages import messages_file
from ..storage import Ledger
from ..storage.ledger import naive_utc, now
from ..storage.tables import comment_snippets_table, messages_table

MAX_TEXT = 4000
MAX_SNIPPET = 500


class MessageError(ValueError):
    """A message that cannot be sent; the message says why."""


def messages_dir(layout: CourseLayout):
    return layout.exchange / layout.course_id / "messages"


def _clean(text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise MessageError("write something first: the message is empty")
    if len(text) > limit:
        raise MessageError(f"the message is longer than {limit} characters")
    return text


def reply(layout: CourseLayout, learner: str, week: str, lesson: str, question: str, asked_at: dt.datetime | None,
          text: str, by: str = "") -> int:
    """Answer ``learner``'s ``question`` (asked from ``lesson`` of ``week``); returns the message's id."""
    text = _clean(text, MAX_TEXT)
    return _add(layout, [learner], dict(kind="reply", week=week, lesson=lesson, question=question,
                                        asked_at=naive_utc(asked_at) if asked_at else None, text=text, by=by))[0]


def note(layout: CourseLayout, learners: list[str], text: str, by: str = "") -> list[int]:
    """A short note to each of ``learners`` (one learner, or all of a mentor's)."""
    text = _clean(text, MAX_TEXT)
    if not learners:
        raise MessageError("no learner to send the note to")
    return _add(layout, list(learners), dict(kind="note", text=text, by=by))


def _add(layout: CourseLayout, learners: list[str], row: dict) -> list[int]:
    ledger = Ledger(layout.db_url)
    try:
        roster = ledger.roster()
        for learner in learners:
            messages_file(messages_dir(layout), learner)     # a plain id, or ValueError
            if roster and learner not in roster:
                raise MessageError(f"{learner} is not a learner of this course")
        ids = []
        with ledger.engine.begin() as conn:
            for learner in learners:
                ids.append(conn.execute(messages_table.insert().values(learner=learner, at=now(), **row))
                           .inserted_primary_key[0])
        mentors = ledger.mentors()
        for learner in learners:
            publish(layout, ledger, learner, mentors)
        return ids
    finally:
        ledger.close()


def sent(layout: CourseLayout, learner: str | None = None) -> list[dict]:
    """Every message sent (or only ``learner``'s), oldest first."""
    ledger = Ledger(layout.db_url)
    try:
        return _rows(ledger, learner)
    finally:
        ledger.close()


def _rows(ledger: Ledger, learner: str | None) -> list[dict]:
    query = sa.select(messages_table).order_by(messages_table.c.at, messages_table.c.id)
    if learner is not None:
        query = query.where(messages_table.c.learner == learner)
    with ledger.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def publish(layout: CourseLayout, ledger: Ledger, learner: str, mentors: dict[str, dict] | None = None):
    """Write ``learner``'s messages file from the table and share it with that learner only."""
    mentors = ledger.mentors() if mentors is None else mentors
    folder = messages_dir(layout)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o711)
    out = [{"id": r["id"], "kind": r["kind"], "text": r["text"], "at": r["at"].isoformat(),
            "mentor": (mentors.get(r["by"] or "") or {}).get("name") or "",
            "week": r["week"] or "", "lesson": r["lesson"] or "", "question": r["question"] or ""}
           for r in _rows(ledger, learner)]
    path = messages_file(folder, learner)
    write_atomically(path, json.dumps({"learner": learner, "messages": out}, ensure_ascii=False))
    files.share_gate(path, learner)
    return path


def answered(layout: CourseLayout) -> dict[tuple[str, str, str], list[dict]]:
    """The replies to each question, by (learner, lesson, question text)."""
    out: dict[tuple[str, str, str], list[dict]] = {}
    for r in sent(layout):
        if r["kind"] == "reply":
            out.setdefault((r["learner"], r["lesson"] or "", r["question"] or ""), []).append(r)
    return out


def snippets(layout: CourseLayout, mentor: str = "") -> list[str]:
    """The comments ``mentor`` saved for reuse, oldest first."""
    ledger = Ledger(layout.db_url)
    try:
        with ledger.engine.connect() as conn:
            rows = conn.execute(sa.select(comment_snippets_table.c.text)
                                .where(comment_snippets_table.c.mentor == (mentor or ""))
                                .order_by(comment_snippets_table.c.id))
            return [r.text for r in rows]
    finally:
        ledger.close()


def add_snippet(layout: CourseLayout, mentor: str, text: str) -> None:
    """Keep ``text`` among ``mentor``'s reusable comments (once)."""
    text = _clean(text, MAX_SNIPPET)
    if text in snippets(layout, mentor):
        return
    ledger = Ledger(layout.db_url)
    try:
        with ledger.engine.begin() as conn:
            conn.execute(comment_snippets_table.insert().values(mentor=mentor or "", text=text, added=now()))
    finally:
        ledger.close()
