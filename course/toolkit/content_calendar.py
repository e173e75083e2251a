"""A content plan as a calendar file: posts with a date, time and owner, written as iCalendar (.ics).

A learner types a plan one post a line (``2026-03-08 18:00 | Women's Day video | Rana``), or repeats
one slot every week, and gets a ``.ics`` file that Google Calendar, Outlook, Apple Calendar and phone
calendars import. The file is written with the `icalendar` library; each event carries its time zone,
so a plan made in Beirut opens at the right hour in Tunis. Nothing here saves or sends anything.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

#: Campaign dates that fall on the same day every year (month, day) -> key of their name.
#: Dates that move (Ramadan, Eid, a national day, a report launch) are added by the team.
YEARLY_DATES = (
    ((3, 8), "womens_day"),            # International Women's Day
    ((6, 20), "refugee_day"),          # World Refugee Day
    ((8, 12), "youth_day"),            # International Youth Day
    ((10, 11), "girl_day"),            # International Day of the Girl Child
    ((11, 25), "violence_day"),        # International Day for the Elimination of Violence against Women
    ((12, 10), "human_rights_day"),    # Human Rights Day
)

LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}):(\d{2})\s*\|\s*([^|]+?)\s*(?:\|\s*([^|]*?)\s*)?$")


@dataclass(frozen=True)
class PlannedPost:
    """One post of the plan: when it goes out (time-zone aware), what it is, who posts it."""

    start: datetime
    title: str
    owner: str = ""
    minutes: int = 30


@dataclass(frozen=True)
class LineProblem:
    """A line of a typed plan that could not be read: its number (from 1), the line, and why (a code)."""

    number: int
    line: str
    code: str      # "format", "date", "time"


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name`` (``Asia/Beirut``); ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def parse_plan(text: str, time_zone: str = "Asia/Beirut") -> tuple[list[PlannedPost], list[LineProblem]]:
    """Read a plan typed one post a line, ``YYYY-MM-DD HH:MM | what | who`` (who is optional).
    Empty lines and lines starting with ``#`` are skipped; the posts come back in time order."""
    tz = zone(time_zone)
    posts, problems = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            problems.append(LineProblem(number, line.strip(), "format"))
            continue
        day_text, hour, minute, title, owner = match.groups()
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            problems.append(LineProblem(number, line.strip(), "date"))
            continue
        if int(hour) > 23 or int(minute) > 59:
            problems.append(LineProblem(number, line.strip(), "time"))
            continue
        start = datetime(day.year, day.month, day.day, int(hour), int(minute), tzinfo=tz)
        posts.append(PlannedPost(start, title, owner or ""))
    return sorted(posts, key=lambda p: p.start), problems


def repeat_weekly(post: PlannedPost, weeks: int) -> list[PlannedPost]:
    """``post`` and the same slot in each of the next ``weeks - 1`` weeks (same local time, even across a
    change to summer time)."""
    if weeks < 1:
        raise ValueError("repeat at least once")
    return [PlannedPost(post.start + timedelta(weeks=n), post.title, post.owner, post.minutes) for n in range(weeks)]


def yearly_dates(first: date, last: date) -> list[tuple[date, str]]:
    """The fixed campaign dates (:data:`YEARLY_DATES`) between ``first`` and ``last``, in order."""
    found = []
    for year in range(first.year, last.year + 1):
        for (month, day), key in YEARLY_DATES:
            moment = date(year, month, day)
            if first <= moment <= last:
                found.append((moment, key))
    return sorted(found)


def _uid(post: PlannedPost) -> str:
    digest = hashlib.sha256(f"{post.start.isoformat()}|{post.title}|{post.owner}".encode()).hexdigest()[:16]
    return f"{digest}@content-plan.course.example"


def calendar_ics(posts: list[PlannedPost], name: str, *, reminder_minutes: int | None = 60,
                 stamp: datetime | None = None, owner_label: str = "Posted by") -> bytes:
    """The plan as an iCalendar file: one event per post, a reminder ``reminder_minutes`` before each
    (None: no reminder). ``stamp`` (the time the file was made) defaults to now, in UTC."""
    stamp = stamp or datetime.now(ZoneInfo("UTC"))
    cal = Calendar()
    cal.add("prodid", "-//Social Media for Advocacy//content plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for post in posts:
        event = Event()
        event.add("uid", _uid(post))
        event.add("dtstamp", stamp)
        event.add("dtstart", post.start)
        event.add("dtend", post.start + timedelta(minutes=post.minutes))
        event.add("summary", post.title)
        if post.owner:
            event.add("description", f"{owner_label}: {post.owner}")
        if reminder_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", post.title)
            alarm.add("trigger", timedelta(minutes=-reminder_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
