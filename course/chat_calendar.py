"""The live chats as a calendar file (.ics, RFC 5545) a learner or mentor imports into their calendar.

One event per chat, at the time and in the time zone the mentor planned it (with its VTIMEZONE, so
calendars show it on the reader's own clock), its topic in one language, the week it belongs to and
the link. Each chat keeps its uid (``chat-<id>@<course>``), so importing a newer file updates the
events instead of doubling them.
"""
from __future__ import annotations

import datetime as dt

import icalendar

from .i18n import _, language
from .layout import CourseLayout


def calendar_bytes(layout: CourseLayout, scheduled: list, code: str) -> bytes:
    """The calendar of ``scheduled`` chats (:class:`course.chat_schedule.Chat`) in language ``code``."""
    syllabus = layout.syllabus
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{layout.course_id}//live chats//{code.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    with language(code):
        cal.add("x-wr-calname", f"{syllabus.title}: {_('home.live_chats')}")
        for chat in scheduled:
            if chat.week not in syllabus.week_ids:
                continue
            week = syllabus.week(chat.week)
            event = icalendar.Event()
            event.add("uid", f"chat-{chat.id}@{layout.course_id}")
            event.add("dtstamp", stamp)
            event.add("dtstart", chat.local_start)
            event.add("dtend", chat.local_start + dt.timedelta(minutes=chat.minutes))
            event.add("summary", chat.topic(code))
            about = _("gate.week_name", number=week.number, title=week.title)
            about = about[:1].upper() + about[1:]
            event.add("description", f"{about}\n{chat.link}" if chat.link else about)
            if chat.link:
                event.add("url", chat.link)
                event.add("location", chat.link)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
