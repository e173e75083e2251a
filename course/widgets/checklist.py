"""A checklist, or self-audit, with a score: e.g. "which privacy settings have you set?".

Each item has a weight (how much it matters) and advice shown when it is not
ticked, most important first. The score is the ticked weight over the total
(:func:`course.scoring.share_weighted`, as for the ``weighted`` key kind).
There is no "right answer" to show, and checking is not an attempt: a
learner ticks what is true, reads the advice, acts, and checks again.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from ..scoring import share_weighted
from .base import Exercise, Feedback, names_answer, verdict


@dataclass(frozen=True)
class AuditItem:
    """One thing to check: ``id``, ``label``, ``weight`` (how much it matters), ``advice``."""

    id: str
    label: str
    weight: float = 1.0
    advice: str = ""


def as_item(item: AuditItem | tuple | Mapping) -> AuditItem:
    if isinstance(item, AuditItem):
        return item
    return AuditItem(**item) if isinstance(item, Mapping) else AuditItem(*item)


def _fmt(number: float) -> str:
    return f"{number:g}"


def evaluate_audit(ticked: Iterable[str], items: Sequence[AuditItem]) -> Feedback:
    ticked = set(ticked)
    weights = {i.id: i.weight for i in items}
    share = share_weighted(ticked, weights)
    total = sum(w for w in weights.values() if w > 0)
    todo = sorted((i for i in items if i.id not in ticked and i.weight > 0), key=lambda i: -i.weight)
    details = tuple(_("audit.advice", item=i.label, advice=i.advice).strip() for i in todo)
    message = _("audit.score", score=_fmt(round(share * total, 2)), total=_fmt(total),
                percent=round(share * 100))
    if not todo:
        message += " " + _("audit.all_done")
    return Feedback(verdict(share), message, details, share)


class Checklist(Exercise):
    """``Checklist(question, prompt, [AuditItem(id, label, weight, advice), ...])``."""

    check_label = "audit.check"
    counts_attempts = False

    def __init__(self, question: str, prompt: str, items: Sequence[AuditItem | tuple | Mapping], *,
                 store: AnswerStore | None = None, hints: Sequence[str] = ()):
        super().__init__(question, prompt, store=store, hints=hints, show_answer_after=None)
        self.items = [as_item(i) for i in items]
        if not self.items or len({i.id for i in self.items}) != len(self.items):
            raise ValueError("give items with different ids")
        if not any(i.weight > 0 for i in self.items):
            raise ValueError("at least one item needs a positive weight")
        self.boxes = {i.id: w.Checkbox(value=False, description=i.label, indent=False,
                                       layout=w.Layout(width="auto", max_width="100%"))
                      for i in self.items}
        self._finish([names_answer(w.VBox(list(self.boxes.values()), layout=w.Layout(width="auto")))],
                     observe=self.boxes.values())

    @property
    def value(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.value]

    @value.setter
    def value(self, keys: Iterable[str] | None) -> None:
        keys = set(keys or [])
        if not keys <= set(self.boxes):
            raise ValueError(f"not items: {sorted(keys - set(self.boxes))}")
        restoring, self._restoring = self._restoring, True   # one save for the whole change
        try:
            for key, box in self.boxes.items():
                box.value = key in keys
        finally:
            self._restoring = restoring
        self._changed()

    def is_answered(self, value) -> bool:
        # Practice: ticking nothing is an honest answer that earns all the advice.
        return True if self.practice else bool(value)

    def describe(self, value) -> str:
        labels = {i.id: i.label for i in self.items}
        return "; ".join(labels.get(k, str(k)) for k in value) if value else _("audit.none_ticked")

    def evaluate(self, value) -> Feedback:
        return evaluate_audit(value, self.items)

    @property
    def score(self) -> float:
        """The share (0..1) of the weight ticked now."""
        return share_weighted(self.value, {i.id: i.weight for i in self.items})
