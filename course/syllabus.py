"""Typed loader of ``syllabus.toml``: the weeks, their notebooks, pass marks and dates.

Errors name the bad field (``weeks[2].pass_mark``) and say what was expected,
so a maintainer editing the file knows what to fix. Texts a learner reads
(course and week titles, stages, mentor lines, live-chat topics) may be given
in several languages, ``title = { en = "...", ar = "..." }``, or as one plain
string for every language; the loader returns the current language's text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import LANGUAGES, current_language

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACKAGED_SYLLABUS = Path(__file__).with_name("syllabus.toml")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class SyllabusError(ValueError):
    """The syllabus file is missing, unreadable or has a bad field."""


@dataclass(frozen=True)
class Text:
    """A text in one or more languages: the current language's, else English, else the first given."""
    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> "Text":
        return cls((("", text),))

    def get(self, language: str | None = None) -> str:
        table = dict(self.values)
        if "" in table:
            return table[""]
        return table.get(language or current_language()) or table.get("en") or self.values[0][1]

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class LiveChat:
    week: str
    starts: dt.datetime
    minutes: int
    topics: Text

    @property
    def topic(self) -> str:
        return self.topics.get()


@dataclass(frozen=True)
class Week:
    id: str
    number: int
    titles: Text
    stages: Text
    lessons: tuple[str, ...]
    assessment: str
    pass_mark: float
    attempts: int
    opens: dt.date
    due: dt.datetime

    @property
    def title(self) -> str:
        return self.titles.get()

    @property
    def stage(self) -> str:
        return self.stages.get()

    @property
    def assessment_name(self) -> str:
        """The nbgrader notebook id of the assessment (file name without .ipynb)."""
        return self.assessment.removesuffix(".ipynb")

    def points_needed(self, max_score: float) -> float:
        """Points needed to pass when the assessment is worth ``max_score``."""
        return round(self.pass_mark * max_score, 2)


@dataclass(frozen=True)
class Syllabus:
    course_id: str
    titles: Text
    mottos: Text
    language: str
    cohort_names: Text
    start: dt.date
    timezone: str
    mentors: Text
    mentor_contacts: Text
    weeks: tuple[Week, ...]
    live_chats: tuple[LiveChat, ...] = field(default=())
    late_penalty_per_day: float = 0.0
    source: Path | None = None

    @property
    def title(self) -> str:
        return self.titles.get()

    @property
    def motto(self) -> str:
        return self.mottos.get()

    @property
    def cohort_name(self) -> str:
        return self.cohort_names.get()

    @property
    def mentor(self) -> str:
        return self.mentors.get()

    @property
    def mentor_contact(self) -> str:
        return self.mentor_contacts.get()

    @property
    def week_ids(self) -> list[str]:
        return [w.id for w in self.weeks]

    def week(self, week_id: str) -> Week:
        """The week called ``week_id``; raises SyllabusError naming the known weeks."""
        for w in self.weeks:
            if w.id == week_id:
                return w
        from .nearest import did_you_mean
        raise SyllabusError(
            f"unknown week {week_id!r}; the syllabus has: {', '.join(self.week_ids)}"
            + did_you_mean(str(week_id), self.week_ids)
        )

    def previous(self, week: Week) -> Week | None:
        return self.weeks[week.number - 2] if week.number > 1 else None

    def next(self, week: Week) -> Week | None:
        return self.weeks[week.number] if week.number < len(self.weeks) else None

    def chats_for(self, week_id: str) -> list[LiveChat]:
        return [c for c in self.live_chats if c.week == week_id]


def load_syllabus(path: Path | str | None = None) -> Syllabus:
    """Read and validate a syllabus file (the packaged one by default)."""
    path = Path(path) if path else PACKAGED_SYLLABUS
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SyllabusError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SyllabusError(f"{path}: not valid TOML ({exc})") from None
    try:
        return _parse(raw, path)
    except SyllabusError as exc:
        raise SyllabusError(f"{path}: {exc}") from None


def _parse(raw: dict[str, Any], path: Path) -> Syllabus:
    course = _table(raw, "course")
    cohort = _table(raw, "cohort")
    default_pass = _fraction(course.get("pass_mark", 0.7), "course.pass_mark")
    default_attempts = _positive_int(course.get("attempts", 3), "course.attempts")
    course_id = _text(course, "id", "course")
    if not _ID.match(course_id):
        raise SyllabusError("course.id must use only letters, digits, '_' or '-'")
    language = course.get("language", "en")
    if language not in ("en", "ar"):
        raise SyllabusError(f"course.language must be 'en' or 'ar', got {language!r}")

    raw_weeks = raw.get("weeks")
    if not isinstance(raw_weeks, list) or not raw_weeks:
        raise SyllabusError("weeks: at least one [[weeks]] table is required")
    weeks = []
    for i, w in enumerate(raw_weeks):
        where = f"weeks[{i}]"
        week_id = _text(w, "id", where)
        if not _ID.match(week_id):
            raise SyllabusError(f"{where}.id must use only letters, digits, '_' or '-'")
        lessons = w.get("lessons", [])
        if not isinstance(lessons, list) or not all(
            isinstance(n, str) and n.endswith(".ipynb") for n in lessons
        ):
            raise SyllabusError(f"{where}.lessons must be a list of .ipynb file names")
        assessment = _text(w, "assessment", where)
        if not assessment.endswith(".ipynb"):
            raise SyllabusError(f"{where}.assessment must be an .ipynb file name")
        weeks.append(Week(
            id=week_id,
            number=i + 1,
            titles=_texts(w, "title", where),
            stages=_texts(w, "stage", where, required=False),
            lessons=tuple(lessons),
            assessment=assessment,
            pass_mark=_fraction(w.get("pass_mark", default_pass), f"{where}.pass_mark"),
            attempts=_positive_int(w.get("attempts", default_attempts), f"{where}.attempts"),
            opens=_date(w.get("opens"), f"{where}.opens"),
            due=_datetime(w.get("due"), f"{where}.due"),
        ))
    ids = [w.id for w in weeks]
    duplicates = {x for x in ids if ids.count(x) > 1}
    if duplicates:
        raise SyllabusError(f"weeks: duplicate id {sorted(duplicates)[0]!r}")
    for earlier, later in zip(weeks, weeks[1:]):
        if later.opens < earlier.opens:
            raise SyllabusError(f"weeks[{later.number - 1}].opens is before the previous week opens")

    chats = []
    for i, c in enumerate(raw.get("live_chats", [])):
        where = f"live_chats[{i}]"
        week = _text(c, "week", where)
        if week not in ids:
            raise SyllabusError(f"{where}.week {week!r} is not one of the weeks: {', '.join(ids)}")
        chats.append(LiveChat(
            week=week,
            starts=_datetime(c.get("starts"), f"{where}.starts"),
            minutes=_positive_int(c.get("minutes", 60), f"{where}.minutes"),
            topics=_texts(c, "topic", where, required=False),
        ))

    return Syllabus(
        course_id=course_id,
        titles=_texts(course, "title", "course"),
        mottos=_texts(course, "motto", "course", required=False),
        language=language,
        cohort_names=_texts(cohort, "name", "cohort", required=False),
        start=_date(cohort.get("start"), "cohort.start"),
        timezone=str(cohort.get("timezone", "UTC")),
        mentors=_texts(cohort, "mentor", "cohort", required=False),
        mentor_contacts=_texts(cohort, "mentor_contact", "cohort", required=False),
        weeks=tuple(weeks),
        live_chats=tuple(sorted(chats, key=lambda c: c.starts)),
        late_penalty_per_day=_share(course.get("late_penalty_per_day", 0.0), "course.late_penalty_per_day"),
        source=path,
    )


def _table(raw: dict, name: str) -> dict:
    value = raw.get(name)
    if not isinstance(value, dict):
        raise SyllabusError(f"[{name}] table is missing")
    return value


def _text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SyllabusError(f"{where}.{key} is required and must be text")
    return value


def _texts(table: dict, key: str, where: str, required: bool = True) -> Text:
    """A plain string, or a table of languages (``{ en = "...", ar = "..." }``)."""
    value = table.get(key, None if required else "")
    if isinstance(value, str) and (value.strip() or not required):
        return Text.plain(value)
    if isinstance(value, dict) and value:
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise SyllabusError(f"{where}.{key} has an unknown language {unknown[0]!r}; "
                                f"use {' or '.join(LANGUAGES)}")
        if not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise SyllabusError(f"{where}.{key}: every language needs a text")
        return Text(tuple((lang, value[lang]) for lang in LANGUAGES if lang in value))
    raise SyllabusError(f"{where}.{key} is required and must be text, "
                        f'or one text per language like {{ en = "...", ar = "..." }}')


def _fraction(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise SyllabusError(f"{where} must be a share between 0 and 1 (0.7 = 70 %), got {value!r}")
    return float(value)


def _share(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise SyllabusError(f"{where} must be a share between 0 and 1 (0.1 = 10 % a day), got {value!r}")
    return float(value)


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SyllabusError(f"{where} must be a whole number of at least 1, got {value!r}")
    return value


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise SyllabusError(f"{where} must be a date like 2026-12-07, got {value!r}")


def _datetime(value: Any, where: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise SyllabusError(f"{where} needs a UTC offset, like 2026-12-13T23:59:00+02:00")
        return value
    raise SyllabusError(
        f"{where} must be a date and time with offset, like 2026-12-13T23:59:00+02:00, got {value!r}"
    )
