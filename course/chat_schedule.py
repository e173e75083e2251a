"""Live chats as data a mentor changes: `course chat add / list / remove / ics`.

The chats live in the course database (``course_live_chats``). The first time they are used, the
syllabus's ``live_chats`` are copied in, so a course that never uses the command shows the same
chats as before; a removed chat keeps its row (``removed`` set), so they are never copied twice.
Every change is published at once for learners (:func:`publish`): a JSON file and a calendar per
language in the exchange, which :mod:`course.live_chats` reads on the learner's side.
"""
from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

from .i18n import LANGUAGES
from .json_file import write_bytes_atomically
from .layout import CourseLayout
from .live_chats import calendar_file, chats_file
from .nearest import nearest
from .storage import Ledger, live_chats_table, naive_utc, now
from .syllabus import Syllabus

MAX_MINUTES = 600
MAX_TOPIC = 200


class ChatError(ValueError):
    """A chat command's input is wrong; the message says what to write instead."""


@dataclass(frozen=True)
class Chat:
    id: int
    week: str
    starts: dt.datetime          # aware, UTC
    zone: str                    # IANA name it was planned in
    minutes: int
    topic_en: str
    topic_ar: str
    link: str | None

    @property
    def local_start(self) -> dt.datetime:
        """The start on the clock of the time zone it was planned in."""
        return self.starts.astimezone(zoneinfo.ZoneInfo(self.zone))

    def topic(self, language: str) -> str:
        return (self.topic_ar if language == "ar" else self.topic_en) or self.topic_en or self.topic_ar


# -- reading and seeding ------------------------------------------------------------------------
def _chat(row) -> Chat:
    return Chat(id=row.id, week=row.week, starts=row.starts.replace(tzinfo=dt.timezone.utc), zone=row.zone,
                minutes=row.minutes, topic_en=row.topic_en, topic_ar=row.topic_ar or "", link=row.link)


def _seed(conn: sa.Connection, syllabus: Syllabus) -> None:
    """Copy the syllabus's chats into an empty table (never touched before: no row, even removed)."""
    if conn.execute(sa.select(sa.func.count()).select_from(live_chats_table)).scalar():
        return
    for c in syllabus.live_chats:
        conn.execute(live_chats_table.insert().values(
            week=c.week, starts=naive_utc(c.starts), zone=syllabus.timezone, minutes=c.minutes,
            topic_en=c.topics.get("en"), topic_ar=c.topics.get("ar"), link=None, added=now(),
            added_by="syllabus.toml"))


def chats(layout: CourseLayout, ledger: Ledger | None = None) -> list[Chat]:
    """Every scheduled chat (not removed), earliest first."""
    own = ledger is None
    ledger = ledger or Ledger(layout.db_url)
    try:
        with ledger.engine.begin() as conn:
            _seed(conn, layout.syllabus)
            rows = conn.execute(sa.select(live_chats_table).where(live_chats_table.c.removed.is_(None))
                                .order_by(live_chats_table.c.starts, live_chats_table.c.id))
            return [_chat(r) for r in rows]
    finally:
        if own:
            ledger.close()


# -- checking what a mentor typed -----------------------------------------------------------------
@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_zone(name: str) -> str:
    """The IANA time zone ``name`` (case as IANA writes it), or ChatError with the nearest ones."""
    zones = _zones()
    typed = name.strip()
    exact = {z.lower(): z for z in zones}.get(typed.lower())
    if exact:
        return exact
    by_city: dict[str, list[str]] = {}
    for z in zones:
        by_city.setdefault(z.rsplit("/", 1)[-1].lower(), []).append(z)
    city = typed.rsplit("/", 1)[-1].lower().replace(" ", "_")
    close = (sorted(by_city.get(city, [])) or nearest(typed, zones)
             or [z for c in nearest(city, by_city) for z in sorted(by_city[c])][:3])
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise ChatError(f"--zone {name!r} is not a time zone name.{hint} Time zones are written as "
                    "Region/City, e.g. Asia/Beirut, Africa/Cairo, Europe/London or UTC.")


def parse_start(date: str, time: str, zone: str) -> dt.datetime:
    """``date`` (YYYY-MM-DD) and ``time`` (HH:MM, 24-hour) on the clock of ``zone``, as aware UTC."""
    try:
        day = dt.date.fromisoformat(date.strip())
    except ValueError:
        raise ChatError(f"--date {date!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-16.") from None
    try:
        clock = dt.datetime.strptime(time.strip(), "%H:%M").time()
    except ValueError:
        raise ChatError(f"--time {time!r} is not a time; write it as HH:MM on a 24-hour clock, e.g. 18:00 "
                        "(6 pm).") from None
    local = dt.datetime.combine(day, clock, zoneinfo.ZoneInfo(zone))
    back = local.astimezone(dt.timezone.utc).astimezone(local.tzinfo)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ChatError(f"{date} {time} does not exist in {zone}: the clocks jump forward then. "
                        "Choose another time.")
    return local.astimezone(dt.timezone.utc)


def check_link(link: str | None) -> str | None:
    if link is None or not link.strip():
        return None
    parsed = urllib.parse.urlsplit(link.strip())
    if parsed.scheme not in ("https", "http") or not parsed.netloc or any(c.isspace() for c in link.strip()):
        raise ChatError(f"--link {link!r} is not a web address; give the whole address, starting with "
                        "https://, e.g. https://meet.example.org/advocacy-week2.")
    return link.strip()


def check_topic(text: str | None, option: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > MAX_TOPIC:
        raise ChatError(f"{option} is {len(text)} characters long; keep it under {MAX_TOPIC}.")
    return text


# -- changing the schedule ------------------------------------------------------------------------
def add(layout: CourseLayout, *, week: str, date: str, time: str, zone: str, minutes: int = 60,
        topic: str, topic_ar: str | None = None, link: str | None = None, by: str = "",
        now_: dt.datetime | None = None) -> tuple[Chat, list[str]]:
    """Schedule a chat; returns it and the warnings to show (a start in the past). Publishes at once."""
    week_id = layout.syllabus.week(week).id
    zone = check_zone(zone)
    starts = parse_start(date, time, zone)
    if not 1 <= minutes <= MAX_MINUTES:
        raise ChatError(f"--minutes {minutes} is not a length for a chat; give 1 to {MAX_MINUTES} minutes.")
    topic_en = check_topic(topic, "--topic")
    if not topic_en:
        raise ChatError("--topic is empty; say in a few words what the chat is about.")
    topic_ar = check_topic(topic_ar, "--topic-ar")
    link = check_link(link)
    warnings = []
    if starts < (now_ or dt.datetime.now(dt.timezone.utc)):
        warnings.append(f"{date} {time} ({zone}) is in the past: learners will not see it among the "
                        "coming chats. Remove it with `course chat remove ID` if that was a mistake.")
    if not topic_ar:
        warnings.append("no --topic-ar: learners who read Arabic will see the English topic.")
    ledger = Ledger(layout.db_url)
    try:
        with ledger.engine.begin() as conn:
            _seed(conn, layout.syllabus)
            same = conn.execute(sa.select(live_chats_table.c.id).where(
                live_chats_table.c.removed.is_(None), live_chats_table.c.week == week_id,
                live_chats_table.c.starts == naive_utc(starts))).first()
            if same:
                raise ChatError(f"chat {same.id} of {week_id} already starts then; nothing was added "
                                "(`course chat list` shows it).")
            new_id = conn.execute(live_chats_table.insert().values(
                week=week_id, starts=naive_utc(starts), zone=zone, minutes=minutes, topic_en=topic_en,
                topic_ar=topic_ar, link=link, added=now(), added_by=by or None)).inserted_primary_key[0]
        publish(layout, ledger)
        added = next(c for c in chats(layout, ledger) if c.id == new_id)
    finally:
        ledger.close()
    return added, warnings


def remove(layout: CourseLayout, chat_id: int) -> Chat:
    """Take a chat off the schedule (its row is kept, marked removed); publishes at once."""
    ledger = Ledger(layout.db_url)
    try:
        current = {c.id: c for c in chats(layout, ledger)}
        if chat_id not in current:
            known = ", ".join(str(i) for i in sorted(current)) or "none"
            raise ChatError(f"there is no chat {chat_id} (scheduled chats: {known}); nothing was removed. "
                            "`course chat list` shows them.")
        with ledger.engine.begin() as conn:
            conn.execute(live_chats_table.update().where(live_chats_table.c.id == chat_id).values(removed=now()))
        publish(layout, ledger)
        return current[chat_id]
    finally:
        ledger.close()


# -- publishing for learners ----------------------------------------------------------------------
def _write_public(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step with a file everyone may read (as the gate is written)."""
    write_bytes_atomically(path, data, mode=0o644)


def payload(layout: CourseLayout, scheduled: list[Chat]) -> dict:
    syllabus = layout.syllabus
    return {
        "course": layout.course_id,
        "published": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "timezone": syllabus.timezone,
        "chats": [{"id": c.id, "week": c.week, "week_number": syllabus.week(c.week).number,
                   "starts": c.starts.isoformat(), "zone": c.zone, "minutes": c.minutes,
                   "topic": {"en": c.topic_en, "ar": c.topic_ar or c.topic_en}, "link": c.link}
                  for c in scheduled if c.week in syllabus.week_ids],
    }


def publish(layout: CourseLayout, ledger: Ledger | None = None) -> Path:
    """Write ``live_chats.json`` and a calendar per language in the exchange, readable by learners."""
    from .chat_calendar import calendar_bytes
    scheduled = chats(layout, ledger)
    path = chats_file(layout)
    text = json.dumps(payload(layout, scheduled), ensure_ascii=False, indent=1) + "\n"
    _write_public(path, text.encode("utf-8"))
    for language in LANGUAGES:
        _write_public(calendar_file(layout, language), calendar_bytes(layout, scheduled, language))
    return path

