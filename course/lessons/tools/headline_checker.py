"""Headline and readability checker on :mod:`course.toolkit.headlines` (English and Arabic).

Type a headline: see its length against what search results show, and any
repeated word, shouting or vagueness. Paste a paragraph: see its readability
score (Flesch reading ease for English, OSMAN for Arabic) and what would
make it easier.
"""
from __future__ import annotations

import html

from ...i18n import _
from ...toolkit.headlines import MAX_LENGTH, check_headline, readability
from .base import Tool, items, live_region, status, text_box


class HeadlineChecker(Tool):
    """``HeadlineChecker()``: a headline box and a paragraph box, each checked as you type."""

    def __init__(self):
        super().__init__()
        self.headline = text_box(_("w4.tool.headline.label"), _("w4.tool.headline.placeholder"))
        self.paragraph = text_box(_("w4.tool.headline.text_label"), _("w4.tool.headline.text_placeholder"),
                                  area=True)
        self.headline_result, self.text_result = live_region(), live_region()
        self.headline.observe(lambda _c: self.check_headline(), names="value")
        self.paragraph.observe(lambda _c: self.check_text(), names="value")
        self._lay_out(_("w4.tool.headline.title"),
                      [self.headline, self.headline_result, self.paragraph, self.text_result])
        self.check_headline()
        self.check_text()

    def check_headline(self) -> bool | None:
        """Check the headline typed; True if nothing needs changing, None if the box is empty."""
        text = self.headline.value.strip()
        if not text:
            self.headline_result.value = status(html.escape(_("w4.tool.headline.nothing_yet")))
            return None
        result = check_headline(text)
        line = html.escape(_("w4.tool.headline.length", length=result.length, limit=MAX_LENGTH))
        if result.ok:
            self.headline_result.value = status(f"✔ {html.escape(_('w4.tool.headline.ok'))} {line}")
        else:
            self.headline_result.value = status(f"⚠ {line}" + items(i.text for i in result.issues))
        return result.ok

    def check_text(self) -> str | None:
        """Score the paragraph; returns its band (easy, fair, hard) or None."""
        text = self.paragraph.value.strip()
        if not text:
            self.text_result.value = status(html.escape(_("w4.tool.headline.text_nothing_yet")))
            return None
        result = readability(text)
        if result.score is None:
            self.text_result.value = status(items(i.text for i in result.issues))
            return None
        head = _("w4.tool.headline.score", measure=_(f"w4.tool.headline.measure.{result.language}"),
                 score=f"{result.score:.0f}", band=_(f"w4.tool.headline.band.{result.band}"))
        icon = "✔" if not result.issues else "⚠"
        self.text_result.value = status(f"{icon} {html.escape(head)}" + items(i.text for i in result.issues))
        return result.band
