"""Matching: pair each item on the left with one on the right, using dropdowns.

One dropdown per left item (labelled with that item, so screen readers name
it). Credit is the share of pairs matched right
(:func:`course.scoring.share_pairs`), as for the ``pairs`` key kind; the
feedback names each wrong pair, with the ``clues`` sentence for that left item
when given (what to look for, never its partner). ``why`` explains each right
pair, so it is shown only once every pair is right or the answer is shown.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from ..scoring import share_pairs
from .base import Exercise, Feedback, Status, esc, html_block, names_answer, require_mode, verdict


def evaluate_pairs(given: Mapping[str, str], answer: Mapping[str, str], left: Mapping[str, str],
                   right: Mapping[str, str], why: Mapping[str, str],
                   clues: Mapping[str, str] | None = None) -> Feedback:
    share = share_pairs(given, answer)
    if share >= 1:
        return Feedback(Status.RIGHT, " ".join(why.get(k, "") for k in answer).strip(), share=1.0)
    clues = clues or {}
    details = [_("pairs.wrong", left=left[k], right=right[given[k]], why=clues.get(k, "")).strip()
               for k in answer if k in given and given[k] != answer[k]]
    missing = sum(1 for k in answer if k not in given)
    if missing:
        details.append(_("pairs.missing", count=missing))
    matched = sum(1 for k in answer if given.get(k) == answer[k])
    return Feedback(verdict(share), _("pairs.summary", right=matched, total=len(answer)),
                    tuple(details), share)


class Matching(Exercise):
    """``Matching(question, prompt, {left_id: label}, {right_id: label}, answer={left_id: right_id},
    why={left_id: why its pair is right}, clues={left_id: what to look for when its pair is wrong})``."""

    def __init__(self, question: str, prompt: str, left: Mapping[str, str], right: Mapping[str, str], *,
                 answer: Mapping[str, str] | None = None, why: Mapping[str, str] | None = None,
                 clues: Mapping[str, str] | None = None,
                 store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(answer, store)
        if not left or not right or "" in right:
            raise ValueError("give items on both sides (ids must not be empty)")
        if answer is not None and (set(answer) != set(left) or not set(answer.values()) <= set(right)):
            raise ValueError("answer must pair every left id with a right id")
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.left, self.right = dict(left), dict(right)
        self.answer = dict(answer) if answer is not None else None
        self.why, self.clues = dict(why or {}), dict(clues or {})
        choices = [(_("widget.pick"), "")] + [(label, key) for key, label in self.right.items()]
        self.dropdowns: dict[str, w.Dropdown] = {}
        rows = []
        for key, label in self.left.items():
            dropdown = w.Dropdown(options=choices, value="", description=label,
                                  tooltip=_("pairs.tooltip", item=label),
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="auto", max_width="100%"))
            dropdown.add_class("course-match")   # the item above its dropdown: long items wrap on phones
            self.dropdowns[key] = dropdown
            rows.append(dropdown)
        intro = w.HTML(html_block(f"<i>{esc(_('pairs.intro'))}</i>"))
        self._finish([intro, names_answer(w.VBox(rows, layout=w.Layout(width="auto")))], observe=rows)

    @property
    def value(self) -> dict[str, str]:
        return {key: d.value for key, d in self.dropdowns.items() if d.value}

    @value.setter
    def value(self, pairs: Mapping[str, str] | None) -> None:
        pairs = dict(pairs or {})
        if not set(pairs) <= set(self.left) or not set(pairs.values()) <= set(self.right):
            raise ValueError("pairs must use the ids of the items")
        restoring, self._restoring = self._restoring, True   # one save for the whole change
        try:
            for key, dropdown in self.dropdowns.items():
                dropdown.value = pairs.get(key) or ""   # "": the "Choose…" entry
        finally:
            self._restoring = restoring
        self._changed()

    def describe(self, value) -> str:
        return "; ".join(f"{self.left.get(k, k)} → {self.right.get(v, v)}" for k, v in value.items())

    def evaluate(self, value) -> Feedback:
        return evaluate_pairs(value, self.answer, self.left, self.right, self.why, self.clues)

    def reference_text(self) -> str | None:
        return self.describe(self.answer) if self.answer is not None else None

    def explanation(self) -> str:
        return " ".join(self.why[k] for k in self.answer or {} if self.why.get(k))
