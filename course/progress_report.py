"""`course progress` for mentors: one row per learner with name, mentor, each week's state and score,
the attempts left in the week they are on, and a flag where the mentor should look.

Three forms: a table that fits an 80-column terminal (a letter and a score per week, a legend and the
details below it), CSV with one column per fact (``week1_state``, ``week1_score``,
``week1_max_score``, ``week1_attempts_left``; numbers as numbers, so a spreadsheet can sum them) and
JSON. Read from the same :func:`course.cohort.cohort` as the gate and the dashboard.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .cohort import cohort
from .layout import CourseLayout
from .progress import State, WeekProgress
from .storage import Ledger
from .syllabus import Syllabus

LETTERS = {State.PASSED: "P", State.FAILED: "F", State.AWAITING_REVIEW: "R", State.SUBMITTED: "S",
           State.UNLOCKED: "open", State.LOCKED: "-"}
LEGEND = ("P passed, F failed, R a written answer decides (to review), S handed in (not graded yet), "
          "open: nothing handed in yet, - locked, * opened by a mentor; "
          "left: attempts left in the week the learner is on; ! see below.")
NAME_WIDTH = 18


@dataclass
class LearnerRow:
    id: str
    name: str = ""
    mentor: str = ""
    country: str = ""
    language: str = ""
    weeks: dict[str, WeekProgress] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # what the mentor should look at, in words
    opened: list[str] = field(default_factory=list)     # weeks a mentor opened: by whom and why

    def current(self, syllabus: Syllabus) -> WeekProgress | None:
        """The week the learner is on: the first open week not passed (None when all are passed)."""
        for week in syllabus.weeks:
            wp = self.weeks[week.id]
            if wp.is_open and wp.state is not State.PASSED:
                return wp
        return None


class UnknownMentor(ValueError):
    """``--mentor`` names no mentor of the roster."""


def learner_rows(layout: CourseLayout, mentor: str | None = None) -> list[LearnerRow]:
    """Every learner's row (only ``mentor``'s learners when given), in id order."""
    from .nearest import did_you_mean
    ledger = Ledger(layout.db_url)
    try:
        progress = cohort(layout, ledger)
        roster, mentors = ledger.roster(), ledger.mentors()
        if mentor is not None and mentor not in mentors:
            raise UnknownMentor(f"{mentor!r} is not a mentor of this course"
                                + (did_you_mean(mentor, mentors) if mentors else " (no mentors imported yet)")
                                + "; `course roster` lists the mentors.")
        attempts, events = ledger.attempts(), ledger.events()
    finally:
        ledger.close()
    syllabus = layout.syllabus
    attempts_of: dict[str, list[dict]] = {}
    for a in attempts:
        attempts_of.setdefault(a["learner"], []).append(a)
    events_of: dict[str, list[dict]] = {}
    for e in events:
        events_of.setdefault(e["learner"], []).append(e)
    rows = []
    for lid, weeks in progress.items():
        r = roster.get(lid) or {}
        if mentor is not None and r.get("mentor") != mentor:
            continue
        row = LearnerRow(id=lid, name=r.get("name") or "", mentor=r.get("mentor") or "",
                         country=r.get("country") or "", language=r.get("language") or "", weeks=weeks)
        row.problems = _problems(syllabus, weeks, attempts_of.get(lid, []))
        row.opened = _opened(syllabus, weeks, events_of.get(lid, []))
        rows.append(row)
    return rows


def _problems(syllabus: Syllabus, weeks: dict[str, WeekProgress], attempts: list[dict]) -> list[str]:
    """A refused hand-in newer than the week's last graded one, and a week closed with no attempts left."""
    out = []
    for week in syllabus.weeks:
        mine = [a for a in attempts if a["week"] == week.id]       # oldest first
        graded = [a for a in mine if a["problem"] is None]
        refused = [a for a in mine if a["problem"] not in (None, "duplicate")]
        if refused and (not graded or refused[-1]["submitted_at"] > graded[-1]["submitted_at"]):
            last = refused[-1]
            out.append(f"week {week.number}: hand-in of {last['submitted_at']:%Y-%m-%d %H:%M} UTC "
                       f"refused: {last['problem']}")
        wp = weeks[week.id]
        if wp.state is State.FAILED and not wp.can_submit:
            out.append(f"week {week.number}: failed with no attempts left (`course unlock` gives new ones)")
    return out


def _opened(syllabus: Syllabus, weeks: dict[str, WeekProgress], events: list[dict]) -> list[str]:
    out = []
    for week in syllabus.weeks:
        overrides = [e for e in events if e["week"] == week.id and e["kind"] == "override"]
        if weeks[week.id].overridden and overrides:
            last = overrides[-1]
            out.append(f"week {week.number} opened by {last['by'] or 'someone unnamed'}: {last['cause']}")
    return out


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def _cell(wp: WeekProgress) -> str:
    cell = LETTERS[wp.state]
    if wp.score is not None and wp.state is not State.LOCKED:
        cell += f" {wp.score:g}/{wp.max_score:g}"
    return cell + ("*" if wp.overridden else "")


def _short(text: str, width: int = NAME_WIDTH) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def table_text(syllabus: Syllabus, rows: list[LearnerRow]) -> str:
    """The table (fits 80 columns for ids and mentor ids of common length), its legend and details."""
    if not rows:
        return "(no learners yet)\n"
    header = ["learner", "name", "mentor", *(f"week {w.number}" for w in syllabus.weeks), "left", "!"]
    body = []
    for r in rows:
        current = r.current(syllabus)
        body.append([r.id, _short(r.name), r.mentor, *(_cell(r.weeks[w.id]) for w in syllabus.weeks),
                     "" if current is None else str(current.attempts_left), "!" if r.problems else ""])
    if not any(r.name for r in rows):          # no roster: no empty columns
        header, body = _drop(header, body, 1, 2)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(line)).rstrip() for line in [header, *body]]
    lines += ["", *_wrap(LEGEND, indent="")]
    for r in rows:
        for note in r.problems:
            lines += _wrap(f"{r.id}: {note}")
    for r in rows:
        for note in r.opened:
            lines += _wrap(f"{r.id}: {note}")
    return "\n".join(lines) + "\n"


def _drop(header: list[str], body: list[list[str]], *columns: int):
    keep = [i for i in range(len(header)) if i not in columns]
    return [header[i] for i in keep], [[line[i] for i in keep] for line in body]


def _wrap(text: str, width: int = 80, indent: str = "    ") -> list[str]:
    import textwrap
    return textwrap.wrap(text, width, subsequent_indent=indent, break_on_hyphens=False)


def csv_columns(syllabus: Syllabus) -> list[str]:
    columns = ["id", "name", "mentor", "country", "language"]
    for w in syllabus.weeks:
        columns += [f"week{w.number}_{fact}" for fact in ("state", "score", "max_score", "attempts_left")]
    return columns + ["problem"]


def csv_text(syllabus: Syllabus, rows: list[LearnerRow]) -> str:
    """One row per learner, one column per fact; empty where there is no number (a locked week)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(syllabus))
    for r in rows:
        cells = [r.id, r.name, r.mentor, r.country, r.language]
        for w in syllabus.weeks:
            wp = r.weeks[w.id]
            cells += [wp.state.value, _num(wp.score), _num(wp.max_score),
                      "" if wp.state is State.LOCKED else str(wp.attempts_left)]
        writer.writerow(cells + ["; ".join(r.problems)])
    return out.getvalue()


def json_data(syllabus: Syllabus, rows: list[LearnerRow]) -> dict:
    """Each learner's weeks as ``{state, score, max_score}`` (the form scripts already read)."""
    return {r.id: {w.id: r.weeks[w.id].as_dict() for w in syllabus.weeks} for r in rows}


OUTCOMES = (("passed", (State.PASSED,)), ("failed", (State.FAILED,)),
            ("waiting for a mentor (a written answer decides)", (State.AWAITING_REVIEW,)),
            ("handed in, not graded yet", (State.SUBMITTED,)))
SHOWN_PER_LINE = 12


def outcome_lines(syllabus: Syllabus, week_id: str, results: dict[str, WeekProgress],
                  names: dict[str, str]) -> list[str]:
    """Who passed ``week_id``, who failed, who waits for a mentor and who waits to be graded, by name
    and id (a long list is cut, pointing to `course progress`). Learners who have not handed it in
    are counted."""
    week = syllabus.week(week_id)
    lines = [f"Week {week.number} ({week_id}), every learner:"]
    for label, states in OUTCOMES:
        who = sorted(lid for lid, wp in results.items() if wp.state in states)
        if not who and label.startswith("handed in"):
            continue
        shown = ", ".join(f"{names[lid]} ({lid})" if names.get(lid) else lid for lid in who[:SHOWN_PER_LINE])
        more = f" and {len(who) - SHOWN_PER_LINE} more (`course progress`)" if len(who) > SHOWN_PER_LINE else ""
        lines.append(f"  {label}: {len(who)}" + (f": {shown}{more}" if who else ""))
    not_yet = sum(1 for wp in results.values() if wp.state in (State.UNLOCKED, State.LOCKED))
    lines.append(f"  not handed in yet: {not_yet}")
    return lines


def names_of(layout: CourseLayout) -> dict[str, str]:
    """Each roster learner's name, by id (empty without a roster)."""
    ledger = Ledger(layout.db_url)
    try:
        return {lid: row["name"] or "" for lid, row in ledger.roster().items()}
    finally:
        ledger.close()
