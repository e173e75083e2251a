"""Your threat model in four questions: a short form that turns answers into a one-page plan.

The four questions follow the usual threat-modelling steps (assets,
adversaries, likelihood and consequences, measures). The plan is shown on the
page only: nothing is saved, so learners copy it somewhere safe or talk it
through with their team.
"""
from __future__ import annotations

import html

from ipywidgets import HTML

from ...i18n import _
from ...widgets.base import button, esc
from .base import Tool, block, live_region, status, text_box

QUESTIONS = ("protect", "from_whom", "how_bad", "what_to_do")


class ThreatModel(Tool):
    """``ThreatModel()``: four boxes, one button, a plan."""

    def __init__(self):
        super().__init__()
        self.answers = {q: text_box(_(f"tool.threat.{q}"), _(f"tool.threat.{q}_example"), area=True)
                        for q in QUESTIONS}
        self.plan_button = button(_("tool.threat.make_plan"), icon="shield")
        self.plan_button.on_click(lambda _b: self.make_plan())
        self.plan = live_region()
        note = block(f"<i>{html.escape(_('tool.threat.not_saved'))}</i>")
        self._lay_out(_("tool.threat.title"), [HTML(note), *self.answers.values(), self.plan_button, self.plan])

    def make_plan(self) -> list[str]:
        """Show the plan; returns the questions still unanswered."""
        missing = [q for q, box in self.answers.items() if not box.value.strip()]
        rows = "".join(
            f"<li><b>{html.escape(_(f'tool.threat.{q}'))}</b><br>"
            f"{esc(box.value.strip()) or '<i>' + html.escape(_('tool.threat.empty')) + '</i>'}</li>"
            for q, box in self.answers.items())
        advice = _("tool.threat.next_missing") if missing else _("tool.threat.next_done")
        self.plan.value = status(f"<b>{html.escape(_('tool.threat.plan_title'))}</b><ol>{rows}</ol>"
                                 f"<p>{html.escape(advice)}</p>")
        return missing
