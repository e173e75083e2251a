"""Ordering: put steps in the right order with up and down buttons (no drag and drop).

Each row is a place (1, 2, 3 ...) showing the step now there and two
buttons that swap it with its neighbour; keyboard users tab to a button and
press Enter, and the feedback area announces the move. Steps start in a
shuffled order that is the same every run (seeded by the question id) and,
in practice mode, never already right. Credit is the share of steps in their
right place (:func:`course.scoring.share_order`), as for the ``order`` key kind.

In an assessment nothing is saved until the learner moves a step or presses
"Save this order", so a notebook nobody touched scores zero.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from ..scoring import misplaced, share_order
from .base import (Exercise, Feedback, Status, button, esc, html_block, named_by_tooltip, names_answer,
                   require_mode, speaks, verdict)


def evaluate_order(given: Sequence[str], answer: Sequence[str], labels: Mapping[str, str],
                   why: str = "") -> Feedback:
    share = share_order(given, answer)
    if share >= 1:
        return Feedback(Status.RIGHT, why, share=1.0)
    details = tuple(_("order.earlier" if way < 0 else "order.later", step=labels[item])
                    for item, way in misplaced(given, answer).items())
    placed = round(share * len(answer))
    return Feedback(verdict(share), _("order.summary", placed=placed, total=len(answer)), details, share)


def start_order(items: Sequence[str], seed: str, avoid: Sequence[str] | None = None) -> list[str]:
    """A shuffled order, the same for the same seed, and never ``avoid`` when it can be helped."""
    order = list(items)
    random.Random(seed).shuffle(order)
    if avoid is not None and order == list(avoid) and len(order) > 1:
        order = order[1:] + order[:1]
    return order


class Ordering(Exercise):
    """``Ordering(question, prompt, {id: label}, answer=[ids in order], why="...")``."""

    def __init__(self, question: str, prompt: str, items: Mapping[str, str], *,
                 answer: Sequence[str] | None = None, why: str = "", shuffle: bool = True,
                 store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(answer, store)
        if len(items) < 2:
            raise ValueError("give at least two steps to order")
        if answer is not None and sorted(answer) != sorted(items):
            raise ValueError(f"answer must list every step id once: {list(items)}")
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.items, self.answer, self.why = dict(items), (list(answer) if answer else None), why
        self._order = start_order(self.items, question, self.answer) if shuffle else list(self.items)
        self.labels = [w.HTML(layout=w.Layout(width="auto", flex="1 1 auto")) for _i in self.items]
        # the arrows' names are their tooltips ("Move 'step' up"), kept current by _render
        self.up_buttons = [named_by_tooltip(button("↑", keep_size=True)) for _i in self.items]
        self.down_buttons = [named_by_tooltip(button("↓", keep_size=True)) for _i in self.items]
        rows = []
        for place, (label, up, down) in enumerate(zip(self.labels, self.up_buttons, self.down_buttons)):
            up.on_click(lambda _b, p=place: self.move(p, -1))
            down.on_click(lambda _b, p=place: self.move(p, +1))
            rows.append(w.HBox([label, up, down], layout=w.Layout(width="auto", align_items="center")))
        self.save_button = button(_("order.save"), icon="save", visible=store is not None)
        self.save_button.on_click(lambda _b: self._changed())
        self._render()
        self._finish([names_answer(w.VBox(rows, layout=w.Layout(width="auto")))],
                     extra_buttons=[self.save_button] if store is not None else [])

    @property
    def value(self) -> list[str]:
        return list(self._order)

    @value.setter
    def value(self, order: Sequence[str] | None) -> None:
        if order is None:
            return
        if not isinstance(order, (list, tuple)) or sorted(order) != sorted(self.items):
            raise ValueError("an order must list every step once")
        self._order = list(order)
        self._render()
        self._changed()

    @speaks
    def move(self, place: int, step: int) -> None:
        """Swap the step at ``place`` (0-based) with its neighbour above (-1) or below (+1)."""
        other = place + step
        if not 0 <= other < len(self._order):
            return
        self._order[place], self._order[other] = self._order[other], self._order[place]
        self._render()
        moved = self.items[self._order[other]]
        self._changed(Feedback(Status.INFO, _("order.moved", step=moved, place=other + 1)))

    def describe(self, value) -> str:
        return " → ".join(self.items.get(k, str(k)) for k in value)

    def evaluate(self, value) -> Feedback:
        return evaluate_order(value, self.answer, self.items, self.why)

    def reference_text(self) -> str | None:
        return self.describe(self.answer) if self.answer else None

    def explanation(self) -> str:
        return self.why

    def _render(self) -> None:
        last = len(self._order) - 1
        for place, key in enumerate(self._order):
            label = self.items[key]
            self.labels[place].value = html_block(f"<b>{place + 1}.</b> {esc(label)}")
            self.up_buttons[place].disabled = place == 0
            self.down_buttons[place].disabled = place == last
            self.up_buttons[place].tooltip = _("order.up", step=label)
            self.down_buttons[place].tooltip = _("order.down", step=label)
