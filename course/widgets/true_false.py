"""True or false: is a statement right?

``why`` explains the statement: one text, the explanation, shown once the
answer is found or shown. ``nudge`` is what a wrong choice reads instead: what
to think about, without the verdict (the learner may try again). (The older
``why={True: ..., False: ...}`` still works: the wrong choice's own text is its
nudge.) Without a nudge, a wrong Check asks the learner to think again and
keeps the explanation back.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from .base import Exercise, Feedback, Status, names_answer, require_mode


def evaluate_true_false(chosen: bool, answer: bool, why: Mapping[bool, str], nudge: str = "") -> Feedback:
    if chosen is answer:
        return Feedback(Status.RIGHT, why.get(answer, ""), share=1.0)
    own = why.get(chosen, "")
    if not own or own == why.get(answer, ""):   # the explanation gives the verdict: keep it back
        own = nudge or _("truefalse.think_again")
    return Feedback(Status.WRONG, own, share=0.0)


class TrueFalse(Exercise):
    """``TrueFalse(question, statement, answer=True, why="...", nudge="...")``."""

    def __init__(self, question: str, statement: str, *, answer: bool | None = None,
                 why: str | Mapping[bool, str] = "", nudge: str = "", store: AnswerStore | None = None,
                 hints: Sequence[str] = (), show_answer_after: int | None = 2):
        require_mode(answer, store)
        if answer is not None and not isinstance(answer, bool):
            raise ValueError("answer must be True or False")
        super().__init__(question, statement, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.answer, self.nudge = answer, nudge
        self.why = dict(why) if isinstance(why, Mapping) else {True: why, False: why}
        self.toggle = w.ToggleButtons(
            options=[(_("truefalse.true"), True), (_("truefalse.false"), False)], value=None,
            tooltips=[_("truefalse.true_tooltip"), _("truefalse.false_tooltip")],
            style={"button_width": "auto"}, layout=w.Layout(width="auto"))
        self._finish([names_answer(self.toggle)], observe=[self.toggle])

    @property
    def value(self) -> bool | None:
        return self.toggle.value

    @value.setter
    def value(self, chosen: bool | None) -> None:
        if chosen is not None and not isinstance(chosen, bool):
            raise ValueError("a true/false answer is True, False or None")
        self.toggle.value = chosen

    def describe(self, value) -> str:
        return _("truefalse.true") if value else _("truefalse.false")

    def evaluate(self, value) -> Feedback:
        return evaluate_true_false(value, self.answer, self.why, self.nudge)

    def reference_text(self) -> str | None:
        return None if self.answer is None else self.describe(self.answer)

    def explanation(self) -> str:
        return self.why.get(self.answer, "") if self.answer is not None else ""
