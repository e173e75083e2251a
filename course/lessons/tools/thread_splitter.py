"""Thread splitter on :mod:`course.toolkit.threads`.

:class:`ThreadSplitter` takes a text too long for one X post and shows it as
a numbered thread: each post with its number ("1/4", "١/٤" for Arabic text)
and its length as X counts it, cut only between words, at a sentence end
where it can.
"""
from __future__ import annotations

import html

from ...i18n import _
from ...toolkit.hashtags import X_MAX_LENGTH, post_length
from ...toolkit.threads import Thread, is_mostly_arabic, split_thread
from ..ui import card_html
from .base import Tool, code, live_region, status, text_box

#: A word too long for a post is shown cut to this many characters.
SHOWN_WORD = 30


def post_html(text: str) -> str:
    """A post's text as it will read: right to left when mostly Arabic (even when it starts with a link),
    its line breaks kept."""
    dir_ = "rtl" if is_mostly_arabic(text) else "ltr"
    return f'<div dir="{dir_}" style="white-space:pre-wrap;overflow-wrap:anywhere">{html.escape(text)}</div>'


def thread_html(thread: Thread) -> str:
    """HTML: the posts of a thread, each with its number and length, and what does not fit."""
    parts = [html.escape(_("tool.thread.summary", count=len(thread), limit=thread.limit))]
    for post in thread:
        heading = _("tool.thread.post_heading", number=post.number, total=post.total)
        if post.fits:
            note = _("tool.thread.length", length=post.length, limit=post.limit)
        else:
            note = "⚠ " + _("tool.thread.over", length=post.length, limit=post.limit)
        parts.append(card_html(heading, post_html(post.text), note=note))
    for word in thread.too_long_words:
        shown = word if len(word) <= SHOWN_WORD else word[:SHOWN_WORD] + "…"
        parts.append(f"⚠ {html.escape(_('tool.thread.word_too_long'))} {code(shown, 'auto')}")
    return "".join(f"<div>{part}</div>" for part in parts)


class ThreadSplitter(Tool):
    """``ThreadSplitter()``: paste a long text; see it as numbered X posts, each with its length."""

    def __init__(self):
        super().__init__()
        self.box = text_box(_("tool.thread.label"), _("tool.thread.placeholder"), area=True)
        self.box.observe(lambda _c: self.split(), names="value")
        self.result = live_region()
        self._lay_out(_("tool.thread.title"), [self.box, self.result])
        self.split()

    def split(self) -> Thread | None:
        """Split the text typed; returns the thread, or None when the box is empty."""
        text = self.box.value
        if not text.strip():
            self.result.value = status(html.escape(_("tool.thread.nothing_yet")))
            return None
        thread = split_thread(text)
        if len(thread) == 1 and thread.ok:
            length = post_length(thread[0].text)
            self.result.value = status(html.escape(_("tool.thread.one_post", length=length, limit=X_MAX_LENGTH))
                                       + post_html(thread[0].text))
        else:
            self.result.value = status(html.escape(_("tool.thread.how")) + thread_html(thread))
        return thread
