"""The live chats as a learner sees them, read from the file the grader publishes in the exchange.

Mentors schedule chats with `course chat` (:mod:`course.chat_schedule`, which keeps them in the course
database); after every change, and at `course release` and `course init`, the grader writes
``<exchange>/<course>/live_chats.json`` and a calendar per language (``live_chats.en.ics``,
``live_chats.ar.ics``) beside the gate folder, readable by everyone. This module reads only those
files (never the database, the gradebook or nbgrader), so a learner's kernel can use it:

    from course.live_chats import upcoming, calendar_data_url
    for chat in upcoming():            # chat.week, .starts (aware), .minutes, .topic, .link, .zone
        ...
    href = calendar_data_url()         # <a download="live_chats.ics" href="…">, in the page's language

When nothing was published yet (a course made before chats were data) the syllabus's live chats are
shown, as before.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGUAGES, current_language
from .layout import CourseLayout

FILE_NAME = "live_chats.json"
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class LiveChat:
    """One live chat: ``starts`` is an aware datetime (convert it with ``astimezone()`` to show it on
    the learner's clock), ``zone`` the IANA time zone the mentor planned it in, ``topic`` in the
    current language."""
    id: int
    week: str
    starts: dt.datetime
    minutes: int
    topic: str
    link: str | None
    zone: str

    @property
    def ends(self) -> dt.datetime:
        return self.starts + dt.timedelta(minutes=self.minutes)


def chats_file(layout: CourseLayout) -> Path:
    return layout.exchange / layout.course_id / FILE_NAME


def calendar_file(layout: CourseLayout, language: str | None = None) -> Path:
    """The published calendar (.ics) in ``language`` (default: the current one)."""
    code = language or current_language()
    return layout.exchange / layout.course_id / f"live_chats.{code if code in LANGUAGES else 'en'}.ics"


def _topic(topics: dict, language: str) -> str:
    return topics.get(language) or topics.get("en") or next(iter(topics.values()), "")


def _from_file(path: Path, language: str) -> list[LiveChat] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return [LiveChat(id=int(c["id"]), week=str(c["week"]), starts=dt.datetime.fromisoformat(c["starts"]),
                         minutes=int(c["minutes"]), topic=_topic(c.get("topic") or {}, language),
                         link=c.get("link") or None, zone=str(c.get("zone") or "UTC"))
                for c in data["chats"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return []       # unreadable: show no chats rather than break the page


def _from_syllabus(layout: CourseLayout, language: str) -> list[LiveChat]:
    syllabus = layout.syllabus
    return [LiveChat(id=i, week=c.week, starts=c.starts, minutes=c.minutes, topic=c.topics.get(language),
                     link=None, zone=syllabus.timezone)
            for i, c in enumerate(syllabus.live_chats, 1)]


def all_chats(layout: CourseLayout | None = None) -> list[LiveChat]:
    """Every published chat, earliest first (the syllabus's when nothing was published)."""
    layout = layout or CourseLayout.at()
    language = current_language()
    chats = _from_file(chats_file(layout), language)
    if chats is None:
        chats = _from_syllabus(layout, language)
    return sorted(chats, key=lambda c: (c.starts, c.id))


def upcoming(layout: CourseLayout | None = None, now: dt.datetime | None = None) -> list[LiveChat]:
    """The chats not over yet, earliest first, topics in the current language."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return [c for c in all_chats(layout) if c.ends > now]


def calendar_data_url(layout: CourseLayout | None = None, language: str | None = None) -> str | None:
    """The published calendar as a ``data:`` URL, for ``<a download="live_chats.ics" href="…">`` on a
    page (a learner's server cannot link to a file outside its workspace); None when there is none."""
    layout = layout or CourseLayout.at()
    try:
        data = calendar_file(layout, language).read_bytes()[:MAX_BYTES]
    except OSError:
        return None
    return "data:text/calendar;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


def upcoming_for_home(syllabus=None, layout: CourseLayout | None = None,
                      now: dt.datetime | None = None) -> list[LiveChat]:
    """The home page's chats: :func:`upcoming`, keeping only weeks of ``syllabus`` when given."""
    chats = upcoming(layout, now)
    if syllabus is not None:
        weeks = set(syllabus.week_ids)
        chats = [c for c in chats if c.week in weeks]
    return chats
