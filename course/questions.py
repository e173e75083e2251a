"""Questions a learner asks their mentor from a lesson, kept in the week folder.

The "Ask your mentor" widget saves each question, with the lesson's name and
the time (UTC), to ``mentor_questions.json`` in the notebook's folder: the
week folder of the learner's workspace. nbgrader submits the whole week
folder, so the questions reach the mentors with the week's submission, where
the mentor dashboard reads them (``grading/submitted/<learner>/<week>/``).

The file is a JSON object ``{"format": 1, "questions": [{"lesson", "asked_at",
"text"}, ...]}``. Writes are atomic (a temporary file, then ``os.replace``);
before each write the file is read again, so two lessons of one week open at
the same time both keep their questions. A damaged, oversized or unreadable
file is kept aside under a new name, reported in plain words (``problem``)
and treated as empty: never a crash. Entries that do not look like questions
are skipped. The learner's side and the mentor's side share this module;
the mentor's side reads with ``keep_aside=False`` and never moves a file.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .i18n import _
from .json_file import read_json, reason_of, set_aside, write_atomically

FILE_NAME = "mentor_questions.json"
FORMAT = 1
MAX_CHARS = 2000             # one question; longer ones are cut (the widget says so)
MAX_BYTES = 2 * 1024 * 1024  # a file larger than this is not trusted


class QuestionStoreError(Exception):
    """A question could not be saved; the message says why, in the learner's language."""


@dataclass(frozen=True)
class Question:
    lesson: str
    asked_at: dt.datetime   # aware, UTC
    text: str

    def as_json(self) -> dict:
        return {"lesson": self.lesson, "asked_at": format_utc(self.asked_at), "text": self.text}

    @classmethod
    def from_json(cls, entry) -> "Question | None":
        """The question an entry of the file holds, or None when it is not one."""
        if not isinstance(entry, dict):
            return None
        lesson, text, when = entry.get("lesson"), entry.get("text"), entry.get("asked_at")
        if not isinstance(lesson, str) or not isinstance(text, str) or not text.strip():
            return None
        asked_at = parse_utc(when)
        if asked_at is None:
            return None
        return cls(lesson=lesson, asked_at=asked_at, text=text[:MAX_CHARS])


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def format_utc(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text) -> dt.datetime | None:
    """An ISO 8601 time as an aware UTC datetime (a time without offset is taken as UTC)."""
    if not isinstance(text, str):
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def questions_path(folder: Path | str | None = None) -> Path:
    return Path(folder or os.getcwd()) / FILE_NAME


class QuestionStore:
    """The questions of one week folder, oldest first."""

    def __init__(self, folder: Path | str | None = None, keep_aside: bool = True):
        self.path = questions_path(folder)
        self.keep_aside = keep_aside
        self.problem: str | None = None   # set when the file could not be read: what the learner reads
        self.reason: str | None = None    # ... and just why (for the mentor's dashboard)
        self._questions = self._load()

    def all(self) -> list[Question]:
        return list(self._questions)

    def for_lesson(self, lesson: str) -> list[Question]:
        return [q for q in self._questions if q.lesson == lesson]

    def add(self, lesson: str, text: str, at: dt.datetime | None = None) -> Question:
        """Save one question (cut to ``MAX_CHARS``) and write the file atomically.

        The file is read again first, so questions saved meanwhile by another
        notebook of the same week are kept. Raises :class:`QuestionStoreError`
        (and changes nothing) when the file cannot be written."""
        if not text or not text.strip():
            raise ValueError("a question needs some text")
        question = Question(lesson=lesson, asked_at=at or utc_now(), text=text.strip()[:MAX_CHARS])
        current = self._load() if self.path.exists() else []
        self._write(current + [question])
        self._questions = current + [question]
        return question

    def _write(self, questions: list[Question]) -> None:
        payload = {"format": FORMAT, "questions": [q.as_json() for q in questions]}
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise QuestionStoreError(_("ask.file_full", limit=MAX_BYTES // 1024 // 1024))
        try:
            write_atomically(self.path, text)
        except OSError as exc:
            raise QuestionStoreError(_("ask.cannot_save", path=self.path.name,
                                       problem=exc.strerror or exc)) from None

    def _load(self) -> list[Question]:
        if not self.path.exists():
            return []
        try:
            data = read_json(self.path, MAX_BYTES)
            if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
                raise ValueError(_("ask.problem.not_questions"))
            found = (Question.from_json(e) for e in data["questions"])
            return sorted((q for q in found if q is not None), key=lambda q: q.asked_at)
        except (OSError, ValueError, RecursionError) as exc:
            problem = reason_of(exc)
            backup = set_aside(self.path, move=self.keep_aside)
            self.reason = problem
            self.problem = _("ask.corrupt", path=self.path.name, problem=problem, backup=backup.name)
            return []
