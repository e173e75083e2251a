"""Objective checker on :mod:`course.toolkit.objectives`: is an objective specific, measurable and dated?
English or Arabic, Western or Arabic-Indic digits."""
from __future__ import annotations

import html

from ...i18n import _
from ...toolkit.objectives import check_objective
from .base import Tool, items, live_region, status, text_box


class ObjectiveChecker(Tool):
    """``ObjectiveChecker()``: write an objective, see at once which of the three parts it has."""

    def __init__(self):
        super().__init__()
        self.box = text_box(_("w4.tool.objective.label"), _("w4.tool.objective.placeholder"), area=True)
        self.box.observe(lambda _c: self.check(), names="value")
        self.result = live_region()
        self._lay_out(_("w4.tool.objective.title"), [self.box, self.result])
        self.check()

    def check(self) -> bool | None:
        """Check the objective; True if specific, measurable and dated, None if the box is empty."""
        text = self.box.value.strip()
        if not text:
            self.result.value = status(html.escape(_("w4.tool.objective.nothing_yet")))
            return None
        result = check_objective(text)
        lines = []
        for part, ok in (("specific", result.specific), ("measurable", result.measurable), ("dated", result.dated)):
            lines.append(("✔ " if ok else "✘ ") + _(f"w4.tool.objective.{part}"))
        if result.numbers:
            lines.append(_("w4.tool.objective.numbers", numbers=", ".join(result.numbers)))
        if result.deadline:
            lines.append(_("w4.tool.objective.deadline", deadline=result.deadline))
        advice = items(i.text for i in result.issues)
        verdict = _("w4.tool.objective.ok") if result.ok else _("w4.tool.objective.not_yet")
        self.result.value = status(html.escape(verdict) + items(lines) + advice)
        return result.ok
