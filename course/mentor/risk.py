"""Learners at risk of dropping out, each with a plain reason a mentor can act on.

Three rules, each a function of the progress and attempts tables
(:mod:`course.mentor.data`), the syllabus and the time ``now`` (a parameter,
so tests can move the clock):

``overdue``       a week is open for the learner, its due date (syllabus) has
                  passed, and nothing gradable was handed in for it. A learner
                  whose only submission could not be graded is flagged too,
                  with the reason the grader gave: for the mentor it is the
                  same situation.
``failed_twice``  two or more graded attempts of a week below the pass mark, and
                  the week is not passed (once passed, the struggle is over).
``inactive``      no submission of any week for ``inactive_days`` days (default
                  7); a learner who never submitted counts from the cohort's
                  start date. Learners who passed every week are left alone.

A learner may appear once per rule and week. Times are naive UTC; the days in the reasons are
on the cohort's clock (the syllabus's time zone).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..storage import naive_utc
from ..progress import State
from ..syllabus import Syllabus
from .data import CourseData

RISK_COLUMNS = ["learner", "name", "mentor", "week", "week_number", "rule", "reason"]
RULES = ("overdue", "failed_twice", "inactive")
DEFAULT_INACTIVE_DAYS = 7


def _utc(value: dt.datetime) -> dt.datetime:
    return naive_utc(value)


def _day(value, zone: str | None = None) -> str:
    """A day in words; a naive UTC time is first put on the cohort's clock (``zone``, the syllabus's)."""
    stamp = pd.Timestamp(value)
    if zone:
        try:
            stamp = stamp.tz_localize("UTC").tz_convert(zone) if stamp.tzinfo is None else stamp.tz_convert(zone)
        except Exception:  # noqa: BLE001 - an unknown zone: the UTC day
            pass
    return f"{stamp:%d %b %Y}".lstrip("0")


def _days(delta: dt.timedelta) -> str:
    days = delta.days
    if days < 1:
        return "less than a day"
    return "1 day" if days == 1 else f"{days} days"


def overdue(progress: pd.DataFrame, syllabus: Syllabus, now: dt.datetime) -> list[dict]:
    """Open weeks past their due date with nothing gradable handed in."""
    now = _utc(now)
    rows = []
    for week in syllabus.weeks:
        due = _utc(week.due)
        if due >= now:
            continue
        late = progress[(progress["week"] == week.id) & (progress["state"] != State.LOCKED.value)
                        & (progress["graded_attempts"] == 0) & (progress["state"] != State.SUBMITTED.value)]
        for _i, r in late.iterrows():
            when = f"week {week.number} ({week.title}) was due on {_day(due, syllabus.timezone)}, {_days(now - due)} ago"
            if r["last_problem"]:
                reason = f"{when}; the only submission could not be graded: {r['last_problem']}"
            else:
                reason = f"{when}, and nothing was handed in"
            rows.append({"learner": r["learner"], "week": week.id, "week_number": week.number,
                         "rule": "overdue", "reason": reason})
    return rows


def failed_twice(progress: pd.DataFrame, attempts: pd.DataFrame, syllabus: Syllabus,
                 times: int = 2) -> list[dict]:
    """Weeks a learner failed ``times`` or more times and has not passed."""
    passed = set(zip(*[progress.loc[progress["state"] == State.PASSED.value, c] for c in ("learner", "week")]))
    failed = attempts[attempts["verdict"] == State.FAILED.value]
    rows = []
    numbers = {w.id: w.number for w in syllabus.weeks}
    for (learner, week_id), group in failed.groupby(["learner", "week"], sort=True):
        if len(group) < times or (learner, week_id) in passed or week_id not in numbers:
            continue
        scores = ", ".join(f"{s:g}/{m:g}" for s, m in zip(group["score"], group["max_score"]))
        rows.append({"learner": learner, "week": week_id, "week_number": numbers[week_id],
                     "rule": "failed_twice",
                     "reason": f"failed week {numbers[week_id]} {len(group)} times (scores {scores}) "
                               "and has not passed it yet"})
    return rows


def inactive(progress: pd.DataFrame, attempts: pd.DataFrame, syllabus: Syllabus, now: dt.datetime,
             days: int = DEFAULT_INACTIVE_DAYS) -> list[dict]:
    """Learners with no submission for ``days`` days (counted from the cohort's start when
    they never submitted), unless they passed every week."""
    if days < 1:
        raise ValueError("inactive_days must be at least 1")
    now = _utc(now)
    start = dt.datetime.combine(syllabus.start, dt.time())
    if now < start:
        return []
    limit = dt.timedelta(days=days)
    finished = progress.groupby("learner")["state"].agg(lambda s: bool((s == State.PASSED.value).all()))
    last = attempts.groupby("learner")["submitted_at"].max() if len(attempts) else pd.Series(dtype=object)
    waiting = set(progress.loc[progress["state"] == State.SUBMITTED.value, "learner"])
    rows = []
    for learner in sorted(progress["learner"].unique()):
        if finished.get(learner, False) or learner in waiting:
            continue
        when = last.get(learner)
        if when is not None and not pd.isna(when):
            quiet = now - pd.Timestamp(when).to_pydatetime()
            if quiet > limit:
                rows.append({"learner": learner, "week": "", "week_number": None, "rule": "inactive",
                             "reason": f"no submission for {_days(quiet)} (the last on {_day(when, syllabus.timezone)})"})
        elif now - start > limit:
            rows.append({"learner": learner, "week": "", "week_number": None, "rule": "inactive",
                         "reason": f"no submission yet, {_days(now - start)} after the course started "
                                   f"on {_day(start)}"})
    return rows


def at_risk(progress: pd.DataFrame, attempts: pd.DataFrame, syllabus: Syllabus, now: dt.datetime, *,
            inactive_days: int = DEFAULT_INACTIVE_DAYS, roster: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every learner at risk, one row per rule (and week) with a plain reason; sorted by learner."""
    rows = (overdue(progress, syllabus, now) + failed_twice(progress, attempts, syllabus)
            + inactive(progress, attempts, syllabus, now, inactive_days))
    frame = pd.DataFrame(rows, columns=[c for c in RISK_COLUMNS if c not in ("name", "mentor")])
    if roster is not None and len(roster):
        frame = frame.merge(roster[["learner", "name", "mentor"]], on="learner", how="left")
    else:
        frame = frame.assign(name="", mentor="")
    frame[["name", "mentor"]] = frame[["name", "mentor"]].fillna("")
    frame["order"] = frame["rule"].map({r: i for i, r in enumerate(RULES)})
    frame = frame.sort_values(["learner", "order", "week_number"], kind="stable", na_position="last")
    frame["week_number"] = frame["week_number"].astype("Int64")
    return frame[RISK_COLUMNS].reset_index(drop=True)


def learners_at_risk(data: CourseData, now: dt.datetime | None = None,
                     inactive_days: int = DEFAULT_INACTIVE_DAYS) -> pd.DataFrame:
    """:func:`at_risk` for a loaded course (``now`` defaults to the time it was loaded)."""
    return at_risk(data.progress, data.attempts, data.syllabus, now or data.loaded_at,
                   inactive_days=inactive_days, roster=data.roster)


__all__ = ["at_risk", "learners_at_risk", "overdue", "failed_twice", "inactive", "RULES",
           "RISK_COLUMNS", "DEFAULT_INACTIVE_DAYS"]
