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

Other kinds, one per answer widget:

- ``choices`` (choose all that apply): ``answer`` is a list; right picks minus
  wrong picks over the number of right options, never below 0;
- ``truefalse``: ``answer = true`` or ``false``;
- ``number``: ``answer`` and ``tolerance``;
- ``order`` (put steps in order): ``answer`` lists the ids in order; partial
  credit for each step in its right place;
- ``pairs`` (matching): ``answer`` is a table ``{ left_id = "right_id" }``;
  partial credit for each pair matched right;
- ``weighted`` (a checklist): ``weights = { item_id = 2, bad_item = -1 }``;
  the ticked items' weights over all positive weights, within 0..full marks.

A ``manual`` entry describes a written answer that a mentor grades: its
``scheme`` (the marking scheme) and a ``reference`` answer. A manual entry
with ``steps`` (a list of step ids) is a structured answer (the capstone
strategy): it is saved by a widget in the answers file as ``{step_id: text}``,
its ``reference`` is a table of one text per step and its ``items`` name the
steps; a mentor grades it all the same.

The course's keys are built from ``grading/assessments/<week>.toml`` by
``course build`` (see :mod:`course.authoring`), and carry what a feedback card
needs too: ``title``, ``lesson`` (the lesson file to revisit), ``prompt``,
``explanation`` (why the right answer is right) and the labels of the answer's
ids (``options``, ``items``, or ``left`` and ``right`` tables), so an answer can
be shown in words. A table named by a language (``[questions.<id>.ar]``) holds
the same card texts in that language, and for a one-line answer a
``reference`` in it, which must score full marks too: one key, the same
scores, whatever the language. All of these are optional when a key is
written by hand.

Keys live only on the grader's side: this module holds the scoring logic,
never a key. The shares come from :mod:`course.scoring`, which the practice widgets use too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import scoring

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TRANSLATED = ("ar",)     # languages a key may hold card texts in, beside English
KINDS = ("choice", "choices", "truefalse", "rules", "number", "order", "pairs", "weighted",
         "manual")


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
    steps: tuple[str, ...] = ()              # a structured written answer's step ids, in order
    title: str = ""                          # short name, for feedback cards
    lesson: str = ""                         # the lesson notebook to revisit
    prompt: str = ""
    explanation: str = ""                    # why the right answer is right
    labels: dict[str, str] = field(default_factory=dict)   # answer id -> words shown to the learner
    translations: dict[str, dict] = field(default_factory=dict)   # language -> the card's texts in it

    def card_text(self, name: str, language: str = "en") -> Any:
        """A feedback card's ``title``, ``prompt``, ``explanation``, ``labels``, (one-line answers)
        ``reference`` or (structured answers) ``scheme`` in ``language``, the English one when it has none."""
        mine = self.translations.get(language, {})
        if name == "labels":
            return {**self.labels, **mine.get("labels", {})}
        if name == "reference":
            return mine.get("reference") or self.answer
        return mine.get(name) or getattr(self, name)

    @property
    def structured(self) -> bool:
        """A mentor-graded answer saved in steps by a widget (``{step_id: text}`` in the answers file)."""
        return self.kind == "manual" and bool(self.steps)

    def reference_answer(self) -> Any:
        """An answer that earns full marks (used to build reference submissions)."""
        if self.structured:
            return dict(self.answer)
        if self.kind == "weighted":
            return [item for item, weight in self.answer.items() if weight > 0]
        if self.kind in ("choices", "order"):
            return list(self.answer)
        if self.kind == "pairs":
            return dict(self.answer)
        return self.answer

    def wrong_answer(self) -> Any:
        """A well-formed answer that earns no points (used to build failing submissions)."""
        if self.kind == "choice":
            return "none"
        if self.kind in ("choices", "weighted"):
            return []
        if self.kind == "truefalse":
            return not self.answer
        if self.kind == "number":
            return self.answer + 10 * self.tolerance + 1
        if self.kind == "order":
            return list(self.answer[1:]) + [self.answer[0]]
        if self.kind == "pairs":
            return {left: "none" for left in self.answer}
        return ""


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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswerKeyError(f"{path}: answer key not found") from None
    return parse_key(text, path)


def parse_key(text: str, path: Path) -> AnswerKey:
    """The key in ``text`` (the file ``path``, named in errors; its stem is the week)."""
    path = Path(path)
    try:
        raw = tomllib.loads(text)
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
            steps = table.get("steps", [])
            if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps) or len(set(steps)) != len(steps):
                raise AnswerKeyError(f"{where}.steps must list different step ids")
            reference = table.get("reference")
            fits = (isinstance(reference, dict) and list(reference) == steps
                    and all(isinstance(v, str) for v in reference.values())) if steps else isinstance(reference, str)
            if not isinstance(table.get("scheme"), str) or not fits:
                raise AnswerKeyError(f"{where} needs a marking `scheme` and a `reference` answer"
                                     + (" (a table of one text per step)" if steps else ""))
            answer = dict(reference) if steps else reference
        elif kind == "choices" and not isinstance(answer, list):
            raise AnswerKeyError(f"{where}.answer must be a list of option ids")
        elif kind == "choice" and not isinstance(answer, str):
            raise AnswerKeyError(f"{where}.answer must be an option id")
        elif kind == "number" and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
            raise AnswerKeyError(f"{where}.answer must be a number")
        elif kind == "truefalse" and not isinstance(answer, bool):
            raise AnswerKeyError(f"{where}.answer must be true or false")
        elif kind == "order" and (not isinstance(answer, list) or len(answer) < 2
                                  or not all(isinstance(a, str) for a in answer)
                                  or len(set(answer)) != len(answer)):
            raise AnswerKeyError(f"{where}.answer must list two or more different item ids in order")
        elif kind == "pairs" and (not isinstance(answer, dict) or not answer
                                  or not all(isinstance(v, str) for v in answer.values())):
            raise AnswerKeyError(f"{where}.answer must be a table {{ left_id = \"right_id\" }}")
        elif kind == "weighted":
            answer = table.get("weights")
            if (not isinstance(answer, dict) or not answer
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in answer.values())
                    or not any(v > 0 for v in answer.values())):
                raise AnswerKeyError(f"{where}.weights must be a table {{ item_id = number }} "
                                     "with at least one positive weight")
            answer = {k: float(v) for k, v in answer.items()}
        entries[qid] = KeyEntry(question=qid, kind=kind, points=float(points), answer=answer,
                                rules=rules, tolerance=float(table.get("tolerance", 0)),
                                scheme=str(table.get("scheme", "")),
                                steps=tuple(table.get("steps", ())) if kind == "manual" else (),
                                **_card_fields(table, where),
                                translations={lang: _card_fields(table[lang], f"{where}.{lang}", keep_reference=True)
                                              for lang in TRANSLATED if isinstance(table.get(lang), dict)})
    entry_week = path.stem
    key = AnswerKey(week=entry_week, entries=entries)
    for entry in entries.values():
        if entry.kind != "manual" and score_answer(entry, entry.reference_answer()) != entry.points:
            raise AnswerKeyError(f"{path}: the reference answer of {entry.question} does not score full marks")
        for lang, texts in entry.translations.items():
            if "reference" in texts and score_answer(entry, texts["reference"]) != entry.points:
                raise AnswerKeyError(f"{path}: the {lang} reference answer of {entry.question} "
                                     "does not score full marks")
    return key


def _card_fields(table: dict, where: str, keep_reference: bool = False) -> dict:
    """The optional fields a feedback card shows, checked to be text."""
    out = {}
    if keep_reference and isinstance(table.get("reference"), str):
        out["reference"] = table["reference"]
    if keep_reference and isinstance(table.get("scheme"), str):
        out["scheme"] = table["scheme"]
    for name in ("title", "lesson", "prompt", "explanation"):
        value = table.get(name, "")
        if not isinstance(value, str):
            raise AnswerKeyError(f"{where}.{name} must be text")
        out[name] = value
    labels = {}
    for name in ("options", "items", "left", "right"):
        table_of_labels = table.get(name, {})
        if not isinstance(table_of_labels, dict) or not all(isinstance(v, str) for v in table_of_labels.values()):
            raise AnswerKeyError(f"{where}.{name} must be a table {{ id = \"label\" }}")
        labels.update(table_of_labels)
    out["labels"] = labels
    return out


def score_answer(entry: KeyEntry, answer: Any) -> float:
    """Points earned by ``answer``; anything malformed or missing earns 0. Pure: no I/O."""
    if answer is None:
        return 0.0
    share = 0.0
    if entry.kind == "choice":
        share = 1.0 if answer == entry.answer else 0.0
    elif entry.kind == "truefalse":
        share = 1.0 if isinstance(answer, bool) and answer is entry.answer else 0.0
    elif entry.kind == "choices":
        if isinstance(answer, (list, tuple, set)):
            share = scoring.share_choices(answer, entry.answer)
    elif entry.kind == "number":
        try:
            value = float(answer)
        except (TypeError, ValueError, OverflowError):
            return 0.0
        share = 1.0 if scoring.within(value, entry.answer, entry.tolerance) else 0.0
    elif entry.kind == "rules":
        if isinstance(answer, str) and answer.strip():
            share = scoring.share_met([bool(re.search(pattern, answer, re.IGNORECASE))
                                       for pattern, _ in entry.rules])
    elif entry.kind == "order":
        if isinstance(answer, (list, tuple)) and all(isinstance(a, str) for a in answer):
            share = scoring.share_order(answer, entry.answer)
    elif entry.kind == "pairs":
        if isinstance(answer, dict):
            share = scoring.share_pairs(answer, entry.answer)
    elif entry.kind == "weighted":
        if isinstance(answer, (list, tuple, set)):
            share = scoring.share_weighted(answer, entry.answer)
    return round(entry.points * share, 2)
