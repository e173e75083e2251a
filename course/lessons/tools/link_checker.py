"""Look before you click: a link checker and realistic messages to practise on.

Both use :func:`course.toolkit.links.inspect_link`, which reads the link
only (the public-suffix list is bundled; nothing is fetched). The most
important line is *where the link really goes* (its registered domain);
when the learner says which site they expect, any other site is flagged.
Links are shown as text, never as something to click.
"""
from __future__ import annotations

import html

import ipywidgets as w

from ...i18n import _
from ...toolkit.links import LinkReport, inspect_link
from ...widgets.base import button
from ..ui import card_html
from .base import Tool, block, code, items, live_region, status, text_box


def report_html(report: LinkReport) -> str:
    """HTML: where a link really goes and what looks wrong with it."""
    if report.registered_domain:
        where = _("tool.link.goes_to", site=report.registered_domain)
    elif report.host:
        where = _("tool.link.goes_to", site=report.host)
    else:
        where = _("tool.link.no_site")
    out = f"<b>{html.escape(where)}</b>"
    if report.findings:
        out += items(report.findings, "⚠")
    else:
        out += "<br>" + html.escape(_("tool.link.nothing_found"))
    return out


class LinkChecker(Tool):
    """``LinkChecker()``: paste a link (and the site you expect); see where it really goes."""

    def __init__(self):
        super().__init__()
        self.url = text_box(_("tool.link.url"), "https://…")
        self.expected = text_box(_("tool.link.expected"), _("tool.link.expected_placeholder"))
        for box in (self.url, self.expected):
            box.observe(lambda _c: self.check(), names="value")
        self.result = live_region()
        self._lay_out(_("tool.link.title"), [self.url, self.expected, self.result])
        self.check()

    def check(self) -> LinkReport | None:
        url = self.url.value.strip()
        if not url:
            self.result.value = status(html.escape(_("tool.link.nothing_yet")))
            return None
        report = inspect_link(url, self.expected.value.strip() or None)
        self.result.value = status(report_html(report))
        return report


class PhishingMessage(w.VBox):
    """One message as it would arrive, with a button that inspects its link."""

    def __init__(self, sender: str, text: str, url: str, expected: str | None = None):
        super().__init__(layout=w.Layout(width="auto", max_width="100%"))
        self.add_class("course-widget")
        self.url, self.expected = url, expected
        body = f"{html.escape(text)}<br>{code(url)}"
        self.message = w.HTML(card_html(sender, body, note=_("tool.link.not_clickable")))
        self.look_button = button(_("tool.link.look"), icon="search")
        self.look_button.on_click(lambda _b: self.look())
        self.result = live_region()
        self.children = [self.message, self.look_button, self.result]

    def look(self) -> LinkReport:
        report = inspect_link(self.url, self.expected)
        self.result.value = block(report_html(report), extra=' role="status" aria-live="polite"')
        return report
