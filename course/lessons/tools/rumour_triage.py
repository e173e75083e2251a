"""Rumour triage card on :mod:`course.toolkit.rumours`.

:class:`RumourTriage` asks how far a rumour has spread and how much harm it
can do, and answers with what to do (from "don't amplify it, watch it" to
"correct it quickly with a truth sandwich and alert partners"), beside the
four SIFT checks to make before saying anything about it.
"""
from __future__ import annotations

import html

import ipywidgets as w

from ...i18n import _
from ...toolkit.rumours import LEVELS, SIFT, TriageCard, triage
from .base import Tool, block, items, live_region, status


def _choice(axis: str) -> w.RadioButtons:
    """Low / medium / high for one axis, each with what it looks like."""
    choice = w.RadioButtons(options=[(_(f"tool.rumour.{axis}.{level}"), level) for level in LEVELS],
                            value=None, description="", layout=w.Layout(width="auto", max_width="100%"),
                            style={"description_width": "0px"})
    choice.add_class("course-choice")
    return choice


def card_html(card: TriageCard) -> str:
    """HTML: the action in bold and its steps in order."""
    return f"<b>{html.escape(_(card.action_key))}</b>" + "<ol>" + "".join(
        f"<li>{html.escape(_(key))}</li>" for key in card.step_keys) + "</ol>"


class RumourTriage(Tool):
    """``RumourTriage()``: rate a rumour's reach and harm; see what to do, with the SIFT checks."""

    def __init__(self):
        super().__init__()
        self.reach = _choice("reach")
        self.harm = _choice("harm")
        self.sift = {move: w.Checkbox(value=False, description=_(f"tool.rumour.sift.{move}"), indent=False,
                                      layout=w.Layout(width="auto", max_width="100%"))
                     for move in SIFT}
        for widget in (self.reach, self.harm, *self.sift.values()):
            widget.observe(lambda _c: self.update(), names="value")
        self.result = live_region()

        def label(key: str) -> w.HTML:
            return w.HTML(block(f"<b>{html.escape(_(key))}</b>"))

        self._lay_out(_("tool.rumour.title"), [
            w.HTML(block(html.escape(_("tool.rumour.intro")))),
            label("tool.rumour.sift_title"), *self.sift.values(),
            label("tool.rumour.reach_question"), self.reach,
            label("tool.rumour.harm_question"), self.harm,
            self.result])
        self.update()

    def update(self) -> TriageCard | None:
        """Show the card for the levels chosen; returns it, or None until both are chosen."""
        if self.reach.value is None or self.harm.value is None:
            self.result.value = status(html.escape(_("tool.rumour.nothing_yet")))
            return None
        card = triage(self.reach.value, self.harm.value)
        out = card_html(card)
        unchecked = [move for move, box in self.sift.items() if not box.value]
        if unchecked:
            out += "⚠ " + html.escape(_("tool.rumour.sift_first")) + items(
                _(f"tool.rumour.sift.{move}") for move in unchecked)
        self.result.value = status(out)
        return card
