"""Single choice: one right option among several.

Practice mode (lessons): pass ``answer`` and, per option, ``why`` it is right
or wrong; the Check button gives that feedback at once. The reason for a wrong
option says why that option does not fit without naming the right one (the
learner may try again); the right option's reason is its full explanation. Assessment mode: pass
``store`` (an :class:`~course.answers.AnswerStore`); each choice is saved at
once and reloaded when the notebook runs again, and no verdict is shown.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from .base import Exercise, Feedback, Status, names_answer, require_mode


def evaluate_choice(chosen: str, answer: str, why: Mapping[str, str]) -> Feedback:
    """Right or wrong, with the reason written for the chosen option."""
    right = chosen == answer
    return Feedback(Status.RIGHT if right else Status.WRONG, why.get(chosen, ""),
                    share=1.0 if right else 0.0)


def check_options(options: Mapping[str, str], answer: str | None) -> dict[str, str]:
    if not options:
        raise ValueError("give at least one option")
    if answer is not None and answer not in options:
        raise ValueError(f"answer {answer!r} is not one of the options {list(options)}")
    return dict(options)


class SingleChoice(Exercise):
    """``SingleChoice(question, prompt, {id: label}, answer=id, why={id: reason})``."""

    def __init__(self, question: str, prompt: str, options: Mapping[str, str], *,
                 answer: str | None = None, why: Mapping[str, str] | None = None,
                 store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(answer, store)
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.options, self.answer = check_options(options, answer), answer
        self.why = dict(why or {})
        self.choices = w.RadioButtons(
            options=[(label, key) for key, label in self.options.items()],
            value=None, description="", tooltip=_("widget.choose"),
            layout=w.Layout(width="auto", max_width="100%"), style={"description_width": "0px"},
        )
        self.choices.add_class("course-choice")
        names_answer(self.choices)
        self._finish([self.choices], observe=[self.choices])

    @property
    def value(self) -> str | None:
        return self.choices.value

    @value.setter
    def value(self, key: str | None) -> None:
        if key is not None and key not in self.options:
            raise ValueError(f"{key!r} is not one of the options")
        self.choices.value = key

    def describe(self, value) -> str:
        return self.options.get(value, str(value))

    def evaluate(self, value) -> Feedback:
        return evaluate_choice(value, self.answer, self.why)

    def reference_text(self) -> str | None:
        return self.options[self.answer] if self.answer is not None else None

    def explanation(self) -> str:
        return self.why.get(self.answer, "") if self.answer is not None else ""
