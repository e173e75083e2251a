"""A short written answer checked against rules the exercise gives: a post, a headline, a query.

Each :class:`Rule` is a regular expression or a function of the text, plus a
plain-language message saying what it asks for ("Put the exact phrase in
quotes"). Checking lists every rule with ✔ or ✘; credit is the share of rules
met (:func:`course.scoring.share_met`), as for the ``rules`` key kind. In an
assessment the rules are the answer key, so they stay in ``grading/keys/``
and the widget only saves the text.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _
from ..scoring import share_met
from .base import ICONS, Exercise, Feedback, Status, names_answer, require_mode, verdict

MAX_CHARS = 5000   # longer than any post or headline; keeps the answers file small


@dataclass(frozen=True)
class Rule:
    """What an answer must do: ``check`` (a regex searched in the text, or a function
    returning True/False) and ``message``, the plain-language request shown to the learner."""

    check: str | Callable[[str], bool]
    message: str
    ignore_case: bool = True

    def __post_init__(self):
        if isinstance(self.check, str):
            re.compile(self.check)   # a broken pattern fails when the exercise is written
        elif not callable(self.check):
            raise TypeError("a rule's check is a regular expression or a function")

    def passes(self, text: str) -> bool:
        if isinstance(self.check, str):
            return re.search(self.check, text, re.IGNORECASE if self.ignore_case else 0) is not None
        try:
            return bool(self.check(text))
        except Exception:   # a learner's odd input must not break the lesson
            return False


def as_rule(rule: Rule | tuple) -> Rule:
    return rule if isinstance(rule, Rule) else Rule(*rule)


def evaluate_text(text: str, rules: Sequence[Rule], why: str = "") -> Feedback:
    results = [rule.passes(text) for rule in rules]
    share = share_met(results)
    details = tuple(f"{ICONS[Status.RIGHT] if ok else ICONS[Status.WRONG]} {rule.message}"
                    for rule, ok in zip(rules, results))
    message = why if share >= 1 else _("text.summary", met=sum(results), total=len(rules))
    return Feedback(verdict(share), message, details, share)


class TextAnswer(Exercise):
    """``TextAnswer(question, prompt, rules=[Rule(regex_or_function, message), ...], example="...")``."""

    def __init__(self, question: str, prompt: str, *, rules: Sequence[Rule | tuple] | None = None,
                 example: str | None = None, placeholder: str | None = None, multiline: bool = False,
                 why: str = "", store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(rules or None, store, what="rules")
        if store is not None and example is not None:
            raise ValueError("an example answer would show learners a full-marks answer in an assessment")
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.rules = [as_rule(r) for r in rules] if rules else None
        self.example, self.why = example, why
        kind = w.Textarea if multiline else w.Text
        self.box = kind(value="", placeholder=placeholder or _("text.placeholder"),
                        tooltip=_("text.tooltip"), continuous_update=True,
                        layout=w.Layout(width="100%", max_width="40em"))
        self.box.add_class("course-text")
        names_answer(self.box)
        self._finish([self.box], observe=[self.box])

    @property
    def value(self) -> str:
        return self.box.value

    @value.setter
    def value(self, text: str | None) -> None:
        if text is not None and not isinstance(text, str):
            raise ValueError("a written answer is text")
        self.box.value = (text or "")[:MAX_CHARS]

    def is_answered(self, value) -> bool:
        return bool(value and value.strip())

    def evaluate(self, value) -> Feedback:
        return evaluate_text(value[:MAX_CHARS], self.rules, self.why)

    def reference_text(self) -> str | None:
        return self.example

    def explanation(self) -> str:
        return self.why
