"""The cohort's roster: learners and mentors imported from CSV files.

``learners.csv`` has the columns ``id, name, country, language, mentor``;
``mentors.csv`` has ``id, name, languages`` (languages: ``en``, ``ar`` or
``en ar``) and, optionally, ``contact``: how learners reach the mentor (an
e-mail or web address, or a short sentence), shown on their course home. A learner whose mentor cell is empty gets one in balance: the
mentor with the fewest learners, preferring one who speaks the learner's
language. Every problem is reported with its row number and nothing is
imported until the whole file is right. Importing the same file again
updates the rows; it never duplicates them.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from .storage import Ledger, learners_table, mentors_table, now

LEARNER_COLUMNS = ("id", "name", "country", "language", "mentor")
MENTOR_COLUMNS = ("id", "name", "languages")
LANGUAGES = ("en", "ar")
_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MAX_ROWS = 20_000


class RosterError(ValueError):
    """The roster file has problems; ``problems`` lists each with its row number."""

    def __init__(self, path: str, problems: list[str]):
        self.problems = problems
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        super().__init__(f"{path}: nothing was imported; fix these rows and import again:\n  {shown}")


@dataclass(frozen=True)
class ImportResult:
    learners: int
    mentors: int
    assigned: dict[str, str]   # learner -> mentor chosen in balance


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(str(path), ["file not found"]) from None
    except UnicodeDecodeError:
        raise RosterError(str(path), ["the file is not UTF-8 text; save it as 'CSV UTF-8'"]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise RosterError(str(path), [f"row 1: the header lacks {', '.join(missing)} "
                                      f"(expected: {', '.join(columns)})"])
    reader.fieldnames = header
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise RosterError(str(path), [f"row {number}: more cells than columns"])
        cleaned = {k: (v or "").strip() for k, v in row.items()}
        if any(cleaned.values()):
            rows.append((number, cleaned))
        if len(rows) > MAX_ROWS:
            raise RosterError(str(path), [f"more than {MAX_ROWS} rows"])
    return rows


def read_mentors(path: Path) -> dict[str, dict]:
    problems, mentors = [], {}
    for number, row in _rows(path, MENTOR_COLUMNS):
        mid, langs = row["id"], row["languages"].replace(",", " ").split()
        if not _ID.match(mid):
            problems.append(f"row {number}: id {mid!r} may only use letters, digits, '.', '_', '@' or '-'")
        elif mid in mentors:
            problems.append(f"row {number}: mentor {mid!r} is listed twice (first on row {mentors[mid]['row']})")
        if not row["name"]:
            problems.append(f"row {number}: the name is empty")
        bad = [l for l in langs if l not in LANGUAGES]
        if bad:
            problems.append(f"row {number}: language {bad[0]!r} is not one of {', '.join(LANGUAGES)}")
        contact = row.get("contact")   # None: the file has no contact column (the contact is left as it was)
        if contact and len(contact) > 256:
            problems.append(f"row {number}: the contact is longer than 256 characters")
        mentors.setdefault(mid, {"id": mid, "name": row["name"], "languages": " ".join(langs),
                                 "contact": contact, "row": number})
    if problems:
        raise RosterError(str(path), problems)
    return mentors


def read_learners(path: Path, mentors: dict[str, dict]) -> list[dict]:
    problems, learners, seen = [], [], {}
    for number, row in _rows(path, LEARNER_COLUMNS):
        lid = row["id"]
        if not _ID.match(lid):
            problems.append(f"row {number}: id {lid!r} may only use letters, digits, '.', '_', '@' or '-'")
        elif lid in seen:
            problems.append(f"row {number}: learner {lid!r} is listed twice (first on row {seen[lid]})")
        seen.setdefault(lid, number)
        if not row["name"]:
            problems.append(f"row {number}: the name is empty")
        if row["language"] not in LANGUAGES:
            problems.append(f"row {number}: language {row['language']!r} is not one of {', '.join(LANGUAGES)}")
        if row["mentor"] and row["mentor"] not in mentors:
            problems.append(f"row {number}: mentor {row['mentor']!r} is not in the mentors list")
        learners.append({**row, "row": number})
    if problems:
        raise RosterError(str(path), problems)
    return learners


def assign_mentors(learners: list[dict], mentors: dict[str, dict],
                   existing: Counter | None = None) -> dict[str, str]:
    """Give every learner without a mentor the least-loaded one, preferring a shared language."""
    if not mentors:
        return {}
    load = Counter(existing or {})
    load.update(l["mentor"] for l in learners if l["mentor"])
    chosen = {}
    for learner in learners:
        if learner["mentor"]:
            continue
        speaks = [m for m in mentors if learner["language"] in mentors[m]["languages"].split()]
        pool = speaks or list(mentors)
        mentor = min(pool, key=lambda m: (load[m], m))
        load[mentor] += 1
        chosen[learner["id"]] = mentor
    return chosen


def import_roster(ledger: Ledger, learners_csv: Path, mentors_csv: Path | None = None) -> ImportResult:
    """Validate both files completely, then write them in one transaction."""
    mentors = read_mentors(Path(mentors_csv)) if mentors_csv else {}
    known = {**ledger.mentors(), **mentors}
    learners = read_learners(Path(learners_csv), known)
    others = Counter(r["mentor"] for r in ledger.roster().values()
                     if r["mentor"] and r["id"] not in {l["id"] for l in learners})
    assigned = assign_mentors(learners, known, others)
    with ledger.engine.begin() as conn:
        for m in mentors.values():
            values = {"name": m["name"], "languages": m["languages"]}
            if m["contact"] is not None:
                values["contact"] = m["contact"]
            if conn.execute(mentors_table.update().where(mentors_table.c.id == m["id"]).values(**values)).rowcount == 0:
                conn.execute(mentors_table.insert().values(id=m["id"], **values))
        for l in learners:
            values = {"name": l["name"], "country": l["country"], "language": l["language"],
                      "mentor": l["mentor"] or assigned.get(l["id"]), "in_roster": True}
            if conn.execute(learners_table.update().where(learners_table.c.id == l["id"]).values(**values)).rowcount == 0:
                conn.execute(learners_table.insert().values(id=l["id"], added=now(), **values))
    return ImportResult(learners=len(learners), mentors=len(mentors), assigned=assigned)


def mentor_of(ledger: Ledger) -> dict[str, str | None]:
    with ledger.engine.connect() as conn:
        return {r.id: r.mentor for r in conn.execute(sa.select(learners_table.c.id, learners_table.c.mentor))}


class UnknownLearner(ValueError):
    """A mentor named a learner the course does not know (nothing was changed)."""


def known_learners(ledger: Ledger, solo: str | None = None) -> dict[str, str]:
    """The learners a mentor may act on, id → name: the roster's; a course without a roster knows
    everyone who handed something in, and the solo learner."""
    roster = ledger.roster()
    if roster:
        return {lid: row["name"] or lid for lid, row in roster.items()}
    known = {lid: lid for lid in ledger.learners()}
    if solo:
        known.setdefault(solo, solo)
    return known


def require_known(ledger: Ledger, learner: str, solo: str | None = None) -> str:
    """``learner``'s name, or UnknownLearner naming the nearest known ids (by id or by name)."""
    from .nearest import nearest
    known = known_learners(ledger, solo)
    if learner in known:
        return known[learner]
    by_name = {name: lid for lid, name in known.items()}
    close = []
    for found in nearest(learner, [*known, *by_name]):
        lid = by_name.get(found, found) if found not in known else found
        if lid not in close:
            close.append(lid)
    where = "in the roster" if ledger.roster() else "known to this course"
    hint = (" Did you mean " + " or ".join(f"{lid} ({known[lid]})" if known[lid] != lid else lid
                                           for lid in close) + "?") if close else ""
    listing = ("" if known else " The course has no learners yet.")
    raise UnknownLearner(f"{learner!r} is not a learner {where}; nothing was changed.{hint}{listing} "
                         "`course progress` lists every learner.")
