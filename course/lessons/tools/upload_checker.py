"""YouTube upload checker on :mod:`course.toolkit.youtube`.

:class:`UploadChecker` takes the title, description and tags a learner is
about to paste into YouTube Studio and says, as they type, how much of each
limit they use, which chapters YouTube will read from the description, and
each problem in a sentence. Nothing is uploaded, saved or sent.
"""
from __future__ import annotations

import html

from ipywidgets import HTML

from ...i18n import _
from ...toolkit.youtube import (
    DESCRIPTION_MAX_BYTES, TAGS_MAX_CHARACTERS, TITLE_MAX_CHARACTERS, UploadReport, check_upload,
    description_bytes, tags_length, title_length,
)
from .base import Tool, block, code, items, live_region, status, text_box


def report_html(report: UploadReport, title: str, description: str, tags: str) -> str:
    """HTML: how much of each limit is used, the chapters found and the problems to fix."""
    counts = [
        _("tool.youtube.title_count", length=title_length(title), limit=TITLE_MAX_CHARACTERS),
        _("tool.youtube.description_count", size=description_bytes(description), limit=DESCRIPTION_MAX_BYTES),
        _("tool.youtube.tags_count", length=tags_length(tags), limit=TAGS_MAX_CHARACTERS),
    ]
    out = items(counts)
    if report.found_chapters:
        out += html.escape(_("tool.youtube.chapters_found", count=len(report.found_chapters)))
        out += "<ul>" + "".join(
            f'<li>{code(ch.stamp)} <span dir="auto">{html.escape(ch.title)}</span></li>'
            for ch in report.found_chapters) + "</ul>"
    else:
        out += f"<p>{html.escape(_('tool.youtube.no_chapters'))}</p>"
    if report.ok:
        out += f"<p><b>✔ {html.escape(_('tool.youtube.all_good'))}</b></p>"
    else:
        out += f"<p><b>{html.escape(_('tool.youtube.problems'))}</b></p>" + items(report.findings, "⚠")
    return out


class UploadChecker(Tool):
    """``UploadChecker()``: a video's title, description and tags; see what YouTube would refuse or ignore."""

    def __init__(self):
        super().__init__()
        self.title = text_box(_("tool.youtube.video_title"), _("tool.youtube.video_title_placeholder"))
        self.description = text_box(_("tool.youtube.description"), _("tool.youtube.description_placeholder"),
                                    area=True)
        self.tags = text_box(_("tool.youtube.tags"), _("tool.youtube.tags_placeholder"))
        for box in (self.title, self.description, self.tags):
            box.observe(lambda _c: self.check(), names="value")
        self.result = live_region()
        note = HTML(block(f"<i>{html.escape(_('tool.youtube.intro'))}</i>"))
        self._lay_out(_("tool.youtube.title"), [note, self.title, self.description, self.tags, self.result])
        self.check()

    def check(self) -> UploadReport | None:
        """Check what is typed; returns the report, or None while all three boxes are empty."""
        title, description, tags = self.title.value, self.description.value, self.tags.value
        if not (title.strip() or description.strip() or tags.strip()):
            self.result.value = status(html.escape(_("tool.youtube.nothing_yet")))
            return None
        report = check_upload(title, description, tags)
        self.result.value = status(report_html(report, title, description, tags))
        return report
