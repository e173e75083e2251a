"""Answer keys: the instructor-only ``grading/keys/<week>.toml`` files and how answers are scored.

A key file has one table per question::

    [questions.q1_who_sees]
    points = 1
    kind = "choice"            # one option id is right
    answer = "friends"

    [questions.q2_query]
    points = 2
    kind = "rules"             # a one-line answer; partial credit per rule met
    reference = '"youth employment" site:ilo.org'
    rules = [
      { pattern = 'site:\\s*ilo\\.org', about = "searches only ilo.org" },
      { pattern = '"[^"]+"', about = "uses an exact phrase" },
    ]

Other kinds: ``choices`` (choose all that apply; ``answer`` is a list; right
picks minus wrong picks, never below 0) and ``number`` (``answer`` and
``tolerance``). A ``manual`` entry describes a written answer that a mentor
grades: its ``scheme`` (the marking scheme) and a ``reference`` answer.
Keys live only on the grader's side: this module holds the
scoring logic, never a key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = ("choice", "choices", "rules", "number", "manual")


class AnswerKeyError(ValueError):
    """A key file is missing or malformed, or names no such question."""


@dataclass(frozen=True)
class KeyEntry:
    question: str
    kind: str
    points: float
    answer: Any = None
    rules: tuple[tuple[str, str], ...] = ()   # (regex, what it checks)
    tolerance: float = 0.0
    scheme: str = ""                         # marking scheme of a written answer

    def reference_answer(self) -> Any:
        """An answer that earns full marks (used to build reference submissions)."""
        return self.answer


@dataclass(frozen=True)
class AnswerKey:
    week: str
    entries: dict[str, KeyEntry]

    def question(self, question: str) -> KeyEntry:
        try:
            return self.entries[question]
        except KeyError:
            raise AnswerKeyError(f"the key of {self.week} has no question {question!r}") from None

    @property
    def total_points(self) -> float:
        return sum(e.points for e in self.entries.values())

    @property
    def auto_points(self) -> float:
        return sum(e.points for e in self.entries.values() if e.kind != "manual")


def key_path(keys_dir: Path, week: str) -> Path:
    return Path(keys_dir) / f"{week}.toml"


def load_key(keys_dir: Path, week: str) -> AnswerKey:
    """Read and validate the key of ``week``; errors name the file and the field."""
    path = key_path(keys_dir, week)
    return _load(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=32)
def _load(path_text: str, _mtime: int) -> AnswerKey:
    path = Path(path_text)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnswerKeyError(f"{path}: answer key not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise AnswerKeyError(f"{path}: not valid TOML ({exc})") from None
    questions = raw.get("questions")
    if not isinstance(questions, dict) or not questions:
        raise AnswerKeyError(f"{path}: needs [questions.<id>] tables")
    entries = {}
    for qid, table in questions.items():
        where = f"{path}: questions.{qid}"
        kind = table.get("kind")
        if kind not in KINDS:
            raise AnswerKeyError(f"{where}.kind must be one of {', '.join(KINDS)}, got {kind!r}")
        points = table.get("points")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
            raise AnswerKeyError(f"{where}.points must be a positive number")
        rules = ()
        answer = table.get("answer")
        if kind == "rules":
            raw_rules = table.get("rules")
            if not isinstance(raw_rules, list) or not raw_rules:
                raise AnswerKeyError(f"{where}.rules must list {{pattern, about}} tables")
            try:
                rules = tuple((r["pattern"], r.get("about", "")) for r in raw_rules)
                for pattern, _about in rules:
                    re.compile(pattern)
            except (KeyError, TypeError, re.error) as exc:
                raise AnswerKeyError(f"{where}.rules: bad rule ({exc})") from None
            answer = table.get("reference")
            if not isinstance(answer, str):
                raise AnswerKeyError(f"{where}.reference must be a full-marks answer")
        elif kind == "manual":
            if not isinstance(table.get("scheme"), str) or not isinstance(table.get("reference"), str):
                raise AnswerKeyError(f"{where} needs a marking `scheme` and a `reference` answer")
            answer = table["reference"]
        elif kind == "choices" and not isinstance(answer, list):
            raise AnswerKeyError(f"{where}.answer must be a list of option ids")
        elif kind == "choice" and not isinstance(answer, str):
            raise AnswerKeyError(f"{where}.answer must be an option id")
        elif kind == "number" and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
            raise AnswerKeyError(f"{where}.answer must be a number")
        entries[qid] = KeyEntry(question=qid, kind=kind, points=float(points), answer=answer,
                                rules=rules, tolerance=float(table.get("tolerance", 0)),
                                scheme=str(table.get("scheme", "")))
    entry_week = path.stem
    key = AnswerKey(week=entry_week, entries=entries)
    for entry in entries.values():
        if entry.kind != "manual" and score_answer(entry, entry.reference_answer()) != entry.points:
            raise AnswerKeyError(f"{path}: the reference answer of {entry.question} does not score full marks")
    return key


def score_answer(entry: KeyEntry, answer: Any) -> float:
    """Points earned by ``answer``; anything malformed or missing earns 0."""
    if answer is None:
        return 0.0
    if entry.kind == "choice":
        return entry.points if answer == entry.answer else 0.0
    if entry.kind == "choices":
        if not isinstance(answer, (list, tuple, set)):
            return 0.0
        picked, right = set(map(str, answer)), set(entry.answer)
        share = (len(picked & right) - len(picked - right)) / len(right)
        return round(entry.points * max(share, 0.0), 2)
    if entry.kind == "number":
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return 0.0
        return entry.points if abs(value - entry.answer) <= entry.tolerance else 0.0
    if entry.kind == "rules":
        if not isinstance(answer, str) or not answer.strip():
            return 0.0
        met = sum(1 for pattern, _ in entry.rules if re.search(pattern, answer, re.IGNORECASE))
        return round(entry.points * met / len(entry.rules), 2)
    return 0.0
