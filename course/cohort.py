"""Every learner's progress through every week: the gradebook, the course's records and the
submissions still waiting, turned into states by the gate. Light on purpose (no nbgrader
import), so `course progress` answers fast even for thousands of learners."""
from __future__ import annotations

import datetime as dt
import os
import re

from .gradebook import cohort_scores
from .layout import CourseLayout
from .storage import Ledger, naive_utc
from .progress import WeekProgress, cohort_progress

INBOUND_NAME = re.compile(r"^(?P<learner>[^+]+)\+(?P<week>[^+]+)\+(?P<stamp>[^+]+)(\+.*)?$")


def waiting_submissions(layout: CourseLayout, ledger: Ledger) -> dict[str, set[str]]:
    """Weeks each learner handed in that are not graded yet: an inbound folder the course has not
    dealt with, handed in (by the course's clock: its change time) after the learner's last attempt."""
    inbound = layout.exchange / layout.course_id / "inbound"
    dealt_with: set[str] = set()
    graded: dict[tuple[str, str], dt.datetime] = {}
    for row in ledger.attempts():
        key = (row["learner"], row["week"])
        graded[key] = max(row["submitted_at"], graded.get(key, row["submitted_at"]))
        if row.get("entry"):
            dealt_with.add(row["entry"])
    out: dict[str, set[str]] = {}
    for entry in os.scandir(inbound) if inbound.is_dir() else ():
        m = INBOUND_NAME.match(entry.name)
        if not m or entry.name in dealt_with:
            continue
        try:
            changed = dt.datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_ctime, dt.timezone.utc)
        except OSError:
            continue
        key = (m["learner"], m["week"])
        if key not in graded or naive_utc(changed) > graded[key]:
            out.setdefault(m["learner"], set()).add(m["week"])
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
