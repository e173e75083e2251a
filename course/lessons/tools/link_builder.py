"""Tracking link builder on :mod:`course.toolkit.tracking`: fill in the page and the three UTM values,
see the link and whether analytics will count it right (lowercase, no spaces, https)."""
from __future__ import annotations

import html

import ipywidgets as w

from ...i18n import _
from ...toolkit.tracking import build_link
from .base import Tool, block, code, items, live_region, status, text_box

FIELDS = ("page", "source", "medium", "campaign", "content")


class TrackingLinkBuilder(Tool):
    """``TrackingLinkBuilder()``: boxes for the page address and the UTM values; the link is built and
    checked as you type."""

    def __init__(self):
        super().__init__()
        self.boxes = {f: text_box(_(f"w4.tool.link.{f}"), _(f"w4.tool.link.{f}_placeholder")) for f in FIELDS}
        for box in self.boxes.values():
            box.observe(lambda _c: self.build(), names="value")
        self.result = live_region()
        intro = w.HTML(block(html.escape(_("w4.tool.link.intro"))))
        self._lay_out(_("w4.tool.link.title"), [intro, *self.boxes.values(), self.result])
        self.build()

    def build(self) -> str | None:
        """Build the link from the boxes; returns it when it is valid and clean, else None."""
        values = {f: box.value for f, box in self.boxes.items()}
        if not any(v.strip() for v in values.values()):
            self.result.value = status(html.escape(_("w4.tool.link.nothing_yet")))
            return None
        link = build_link(values["page"], values["source"], values["medium"], values["campaign"],
                          values["content"])
        parts = []
        if link.url:
            parts.append(html.escape(_("w4.tool.link.your_link")) + " " + code(link.url))
        if link.ok:
            parts.append("✔ " + html.escape(_("w4.tool.link.ok")))
        else:
            parts.append("⚠ " + html.escape(_("w4.tool.link.fix")) + items(i.text for i in link.issues))
        if link.suggestion:
            parts.append(html.escape(_("w4.tool.link.suggestion")) + " " + code(link.suggestion))
        self.result.value = status("<br>".join(parts))
        return link.url if link.ok else None
