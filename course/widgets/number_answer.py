"""A numeric answer with a tolerance, e.g. an engagement rate or a budget.

Learners may type Arabic-Indic digits (٥٫٢), a decimal comma (5,2),
thousands separators (3,000 or ٣٬٠٠٠) or a trailing % or unit; see
:func:`parse_number`. A wrong answer is told whether it is too high or too
low, and nothing more: ``why`` (the worked answer) comes once the number is
found or shown. In an assessment the parsed number is saved, as for the ``number`` key kind.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

import ipywidgets as w

from ..answers import AnswerStore, AnswerStoreError
from ..i18n import _
from ..scoring import within
from .base import Exercise, Feedback, Status, esc, html_block, names_answer, require_mode, speaks

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER_AND_UNIT = re.compile(r"(.*?\d[\d\s.,\u00a0\u202f]*?)\s*([^\W\d_]{1,12}|%|٪)?")


def parse_number(text: str | None) -> float | None:
    """The number in ``text``, or None. Accepts Arabic-Indic digits, ``٫`` or ``,`` as the
    decimal mark, ``٬``/spaces/``,`` between thousands, and a trailing ``%`` or unit word."""
    if text is None or len(str(text)) > 64:
        return None
    s = str(text).strip().translate(_DIGITS)
    s = s.replace("٫", ".").replace("٬", ",").replace("\u2212", "-")
    found = _NUMBER_AND_UNIT.fullmatch(s)   # at most one short word or % after the number
    if not found:
        return None
    s = re.sub(r"[\s\u00a0\u202f]+", "", found.group(1))
    if "," in s and "." in s:
        s = s.replace(",", "")
    elif _THOUSANDS.match(s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def evaluate_number(value: float, answer: float, tolerance: float, why: str = "") -> Feedback:
    if within(value, answer, tolerance):
        return Feedback(Status.RIGHT, why, share=1.0)
    return Feedback(Status.WRONG, _("number.too_high" if value > answer else "number.too_low"), share=0.0)


class NumberAnswer(Exercise):
    """``NumberAnswer(question, prompt, answer=5.0, tolerance=0.01, unit="%", why="...")``."""

    def __init__(self, question: str, prompt: str, *, answer: float | None = None,
                 tolerance: float = 0.0, unit: str = "", why: str = "",
                 store: AnswerStore | None = None, hints: Sequence[str] = (),
                 show_answer_after: int | None = 2):
        require_mode(answer, store)
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
            raise ValueError("answer must be a number")
        super().__init__(question, prompt, store=store, hints=hints,
                         show_answer_after=show_answer_after)
        self.answer, self.tolerance, self.unit, self.why = answer, abs(tolerance), unit, why
        self.box = w.Text(value="", placeholder=_("number.placeholder"), tooltip=_("number.tooltip"),
                          continuous_update=True, layout=w.Layout(width="12em", max_width="100%"))
        names_answer(self.box)
        unit_label = w.HTML(html_block(esc(unit))) if unit else None
        row = w.HBox([self.box] + ([unit_label] if unit_label else []),
                     layout=w.Layout(width="auto", align_items="center"))
        self._finish([row], observe=[self.box])

    @property
    def text(self) -> str:
        return self.box.value

    @property
    def value(self) -> float | None:
        return parse_number(self.box.value)

    @value.setter
    def value(self, number: float | str | None) -> None:
        if number is None:
            self.box.value = ""
        elif isinstance(number, str):
            if number.strip() and parse_number(number) is None:
                raise ValueError(f"{number!r} is not a number")
            self.box.value = number
        elif isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ValueError("a numeric answer is a number")
        else:
            self.box.value = format_number(number)

    def describe(self, value) -> str:
        return f"{format_number(value)} {self.unit}".strip() if value is not None else self.text

    @speaks
    def check(self) -> Feedback:
        if self.box.value.strip() and self.value is None:
            feedback = Feedback(Status.PROBLEM, _("number.not_a_number", text=self.box.value))
            self._show(feedback)
            return feedback
        return super().check()

    def evaluate(self, value) -> Feedback:
        return evaluate_number(value, self.answer, self.tolerance, self.why)

    def reference_text(self) -> str | None:
        return None if self.answer is None else self.describe(self.answer)

    def explanation(self) -> str:
        return self.why

    def _save(self) -> None:
        if self.box.value.strip() and self.value is None:
            try:
                self.store.clear(self.question)
            except AnswerStoreError:
                pass   # the message below matters more
            self._show(Feedback(Status.PROBLEM, _("number.not_a_number", text=self.box.value)))
            return
        super()._save()
