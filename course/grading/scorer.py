"""Scoring a submission against its key, in the grader's own process. Pure: no I/O.

Every automatic question's answer comes from the answers file and is scored
with :func:`course.answer_key.score_answer`; a written answer waits for a
mentor (or scores 0 at once when it was left blank). The result is a list
of :class:`QuestionResult`, one per question in the key's order: what the
gradebook records and what the feedback page shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..answer_key import AnswerKey, KeyEntry, score_answer
from .submission import Handed, structured_answer


@dataclass(frozen=True)
class QuestionResult:
    question: str
    title: str
    lesson: str
    kind: str
    max_points: float
    points: float | None          # None: a written answer waiting for a mentor
    answer: Any                   # as saved (ids, text, numbers)
    answer_words: str             # the answer as the learner saw it
    explanation: str = ""
    right_answer: str = ""        # in words; shown only once answers may be shown

    @property
    def cell(self) -> str:
        """The gradebook cell that holds this question's points."""
        return self.question if self.kind == "manual" else f"{self.question}_check"

    @property
    def verdict(self) -> str:
        """``right``, ``partly``, ``wrong``, ``blank`` or ``pending`` (waiting for a mentor)."""
        if self.points is None:
            return "pending"
        if self.answer in (None, "", [], {}):
            return "blank"
        if self.points >= self.max_points:
            return "right"
        return "partly" if self.points > 0 else "wrong"


def _labels(entry: KeyEntry, language: str = "en") -> dict:
    card_text = getattr(entry, "card_text", None)
    return dict(card_text("labels", language) if card_text else getattr(entry, "labels", None) or {})


def _text(entry: KeyEntry, name: str, language: str) -> Any:
    card_text = getattr(entry, "card_text", None)
    return card_text(name, language) if card_text else getattr(entry, name, "")


def in_words(entry: KeyEntry, answer: Any, language: str = "en") -> str:
    """An answer as the learner saw it, in ``language``: option labels rather than ids."""
    if answer in (None, "", [], {}):
        return ""
    labels = _labels(entry, language)
    word = lambda value: str(labels.get(str(value), value))   # noqa: E731
    if entry.kind == "truefalse":
        from .. import i18n
        if isinstance(answer, bool):
            with i18n.language(language):
                return i18n._("truefalse.true" if answer else "truefalse.false")
        return str(answer)
    if getattr(entry, "structured", False):
        if not isinstance(answer, dict):
            return ""
        return "\n".join(f"{word(step)}: {answer[step]}" for step in entry.steps if isinstance(answer.get(step), str))
    if entry.kind == "pairs" and isinstance(answer, dict):
        return "; ".join(f"{word(left)} → {word(right)}" for left, right in answer.items())
    if isinstance(answer, (list, tuple)):
        separator = " → " if entry.kind == "order" else "; "
        return separator.join(word(a) for a in answer)
    if isinstance(answer, dict):
        return "; ".join(f"{k}: {v}" for k, v in answer.items())
    return word(answer) if entry.kind in ("choice", "choices", "weighted", "order") else str(answer)


def score(key: AnswerKey, handed: Handed, language: str = "en") -> list[QuestionResult]:
    """Every question of ``key`` scored from ``handed``, in the key's order; the words a card shows
    (title, answer, right answer, explanation) in ``language``. Scores never depend on it."""
    results = []
    for qid, entry in key.entries.items():
        if entry.kind == "manual" and getattr(entry, "structured", False):
            # a strategy: the steps saved in the answers file, read as data; a mentor grades it
            answer, _notes = structured_answer(handed.answers.get(qid), entry.steps)
            points = 0.0 if not answer else None
        elif entry.kind == "manual":
            text = handed.written.get(qid, "")
            points = 0.0 if not text else None
            answer = text
        else:
            answer = handed.answers.get(qid)
            points = score_answer(entry, answer)
        right = "" if entry.kind in ("manual", "rules") else in_words(entry, entry.reference_answer(), language)
        if entry.kind == "rules":
            right = str(_text(entry, "reference", language) or entry.answer)
        results.append(QuestionResult(
            question=qid, title=_text(entry, "title", language) or qid, lesson=getattr(entry, "lesson", "") or "",
            kind=entry.kind, max_points=entry.points, points=points, answer=answer,
            answer_words=(in_words(entry, answer, language) if entry.kind != "manual" or isinstance(answer, dict)
                          else answer),
            explanation=_text(entry, "explanation", language) or "", right_answer=right))
    return results


def total(results: list[QuestionResult]) -> tuple[float, float, float]:
    """(points earned so far, maximum, points still waiting for a mentor)."""
    earned = sum(r.points for r in results if r.points is not None)
    pending = sum(r.max_points for r in results if r.points is None)
    return round(earned, 2), round(sum(r.max_points for r in results), 2), round(pending, 2)
