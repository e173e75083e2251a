"""Every learner's progress through every week: the gradebook, the course's records and the
submissions still waiting, turned into states by the gate. Light on purpose (no nbgrader
import), so `course progress` answers fast even for thousands of learners."""
from __future__ import annotations

import datetime as dt
import re

from .gradebook import cohort_scores
from .layout import CourseLayout
from .storage import Ledger, naive_utc
from .progress import WeekProgress, cohort_progress

INBOUND_NAME = re.compile(r"^(?P<learner>[^+]+)\+(?P<week>[^+]+)\+(?P<stamp>[^+]+)(\+.*)?$")


def parse_stamp(text: str) -> dt.datetime:
    """nbgrader's timestamps ("2026-12-10 10:00:00.123456 UTC") as naive UTC."""
    parts = text.strip().split(" ")
    if len(parts) == 3 and parts[2] == "UTC":
        fmt = "%Y-%m-%d %H:%M:%S.%f" if "." in parts[1] else "%Y-%m-%d %H:%M:%S"
        return dt.datetime.strptime(" ".join(parts[:2]), fmt)
    from dateutil import parser   # other forms nbgrader accepts
    return naive_utc(parser.parse(text))


def waiting_submissions(layout: CourseLayout, ledger: Ledger) -> dict[str, set[str]]:
    """Weeks each learner handed in that are not graded yet (newer than their last attempt)."""
    inbound = layout.exchange / layout.course_id / "inbound"
    newest: dict[tuple[str, str], dt.datetime] = {}
    for entry in inbound.glob("*+*+*") if inbound.exists() else ():
        m = INBOUND_NAME.match(entry.name)
        if not m:
            continue
        try:
            stamp = parse_stamp(m["stamp"])
        except (ValueError, OverflowError):
            continue
        key = (m["learner"], m["week"])
        newest[key] = max(stamp, newest.get(key, stamp))
    graded: dict[tuple[str, str], dt.datetime] = {}
    for row in ledger.attempts():
        key = (row["learner"], row["week"])
        graded[key] = max(row["submitted_at"], graded.get(key, row["submitted_at"]))
    out: dict[str, set[str]] = {}
    for (learner, week), stamp in newest.items():
        if (learner, week) not in graded or stamp > graded[(learner, week)]:
            out.setdefault(learner, set()).add(week)
    return out


def cohort(layout: CourseLayout, ledger: Ledger | None = None) -> dict[str, dict[str, WeekProgress]]:
    """Every known learner's progress through every week, from the gradebook and the ledger."""
    own = ledger is None
    ledger = ledger or Ledger(layout.db_url)
    try:
        scores = cohort_scores(layout.db_url, layout.course_id)
        records = ledger.records(scores, waiting_submissions(layout, ledger))
        return cohort_progress(layout.syllabus, records)
    finally:
        if own:
            ledger.close()
