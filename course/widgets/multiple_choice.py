"""Multiple choice, "choose all that apply", with partial credit.

Credit is right ticks minus wrong ticks over the number of right options,
never below zero (:func:`course.scoring.share_choices`), the same rule as the
``choices`` key kind. Feedback explains every wrongly ticked option and says
how many right options are still missing, without naming them (so a wrong
option's ``why`` must not name a right one either).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from ..scoring import share_choices
from .base import Exercise, Feedback, esc, html_block, names_answer, require_mode, verdict
from .single_choice import check_options


def evaluate_choices(picked: Sequence[str], answer: Iterable[str], why: Mapping[str, str],
                     labels: Mapping[str, str]) -> Feedback:
    right = set(answer)
    share = share_choices(picked, right)
    details = [_("choices.wrong_pick", option=labels[p], why=why.get(p, "")).strip()
               for p in picked if p not in right]
    missing = len(right - set(picked))
    if missing:
        details.append(_("choices.missing", count=missing))
    good = [why[p] for p in picked if p in right and why.get(p)]
    message = " ".join(good) if not details else _("choices.summary", right=len(right & set(picked)),
                                                   total=len(right))
    return Feedback(verdict(share), message, tuple(details), share)


class MultipleChoice(Exercise):
    """``MultipleChoice(question, prompt, {id: label}, answer=[ids], why={id: reason})``."""

    def __init__(self, question: str, prompt: str, options: Mapping[str, str], *,
                 answer: Sequence[str] | None = None, why: Mapping[str, str] | None = None,
                 store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(answer, store)
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.options = check_options(options, None)
        if answer is not None:
            unknown = [a for a in answer if a not in self.options]
            if unknown or not answer:
                raise ValueError(f"answer must list option ids from {list(self.options)}; got {list(answer)}")
        self.answer = list(answer) if answer is not None else None
        self.why = dict(why or {})
        self.boxes = {key: w.Checkbox(value=False, description=label, indent=False,
                                      layout=w.Layout(width="auto", max_width="100%"))
                      for key, label in self.options.items()}
        group = names_answer(w.VBox(list(self.boxes.values()), layout=w.Layout(width="auto")))
        hint = w.HTML(html_block(f"<i>{esc(_('choices.all_that_apply'))}</i>"))
        self._finish([hint, group], observe=self.boxes.values())

    @property
    def value(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.value]

    @value.setter
    def value(self, keys: Iterable[str] | None) -> None:
        keys = set(keys or [])
        unknown = keys - set(self.options)
        if unknown:
            raise ValueError(f"not options: {sorted(unknown)}")
        restoring, self._restoring = self._restoring, True   # one save for the whole change
        try:
            for key, box in self.boxes.items():
                box.value = key in keys
        finally:
            self._restoring = restoring
        self._changed()

    def describe(self, value) -> str:
        return "; ".join(self.options.get(k, str(k)) for k in value) if value else _("grade.no_answer")

    def evaluate(self, value) -> Feedback:
        return evaluate_choices(value, self.answer, self.why, self.options)

    def reference_text(self) -> str | None:
        return self.describe(self.answer) if self.answer is not None else None

    def explanation(self) -> str:
        return " ".join(self.why[k] for k in self.answer or [] if self.why.get(k))
