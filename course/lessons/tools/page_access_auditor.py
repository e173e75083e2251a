"""A Page access auditor: paste who has access to your Page, see what to fix, most urgent first.

Built on :mod:`course.toolkit.page_access`. What is typed stays in the widget: nothing is saved or sent.
"""
from __future__ import annotations

import html
from datetime import date

from ...data import load_page_access
from ...i18n import _
from ...toolkit.page_access import Member, audit, parse_access_list
from ...widgets.base import button
from .base import Tool, block, code, items, live_region, status, text_box

YES_NO = {True: "yes", False: "no"}


def example_list() -> str:
    """The course's sample access list (``page_access.csv``), one person a line, as the auditor reads it."""
    frame = load_page_access()
    names = {"full": "full control", "partial": "partial control", "task": "task access",
             "community": "community manager"}
    return "\n".join(f"{r.person.split(' (')[0]}, {names[r.access]}, {YES_NO[r.on_team]}, {YES_NO[r.two_step]}"
                     for r in frame.itertuples())


def issue_sentence(issue) -> str:
    """One audit finding in the current language."""
    values = dict(issue.values)
    if "access" in values:
        values["access"] = _(f"w2.tool.audit.access.{values['access']}")
    return _(f"w2.tool.audit.issue.{issue.code}", person=issue.person, **values)


class PageAccessAuditor(Tool):
    """``PageAccessAuditor()``: one person a line (name, access, on the team, two-step login); a list of fixes."""

    def __init__(self):
        super().__init__()
        self.box = text_box(_("w2.tool.audit.label"), _("w2.tool.audit.placeholder"), area=True)
        self.example_button = button(_("w2.tool.audit.example"), icon="list")
        self.example_button.on_click(lambda _b: self.load_example())
        self.audit_button = button(_("w2.tool.audit.run"), icon="check")
        self.audit_button.on_click(lambda _b: self.run())
        self.result = live_region()
        note = block(f"<i>{html.escape(_('w2.tool.audit.how'))}</i>")
        from ipywidgets import HTML, HBox, Layout
        self._lay_out(_("w2.tool.audit.title"), [HTML(note), self.box,
                                                 HBox([self.example_button, self.audit_button],
                                                      layout=Layout(flex_flow="row wrap")), self.result])

    def load_example(self) -> None:
        self.box.value = example_list()

    def run(self) -> list:
        """Audit the list typed; returns the findings (most urgent first)."""
        members, bad = parse_access_list(self.box.value)
        parts = [html.escape(_("w2.tool.audit.bad_line", number=n)) for n in bad]
        if not members:
            parts.append(html.escape(_("w2.tool.audit.nothing")))
            self.result.value = status("<br>".join(parts))
            return []
        issues = audit(members)
        if not issues:
            parts.append(html.escape(_("w2.tool.audit.clean", count=len(members))))
        else:
            urgent = [issue_sentence(i) for i in issues if i.urgency == 1]
            later = [issue_sentence(i) for i in issues if i.urgency > 1]
            parts.append(html.escape(_("w2.tool.audit.found", count=len(issues), people=len(members))))
            if urgent:
                parts.append(f"<b>{html.escape(_('w2.tool.audit.now'))}</b>" + items(urgent))
            if later:
                parts.append(f"<b>{html.escape(_('w2.tool.audit.soon'))}</b>" + items(later))
        self.result.value = status("<br>".join(parts))
        return issues
