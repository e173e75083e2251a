"""Hashtag and post checkers on :mod:`course.toolkit.hashtags`.

:class:`HashtagChecker` checks one hashtag as typed (a space, a stray
character, lowercase words glued together, tatweel or short-vowel marks) and
suggests a fix. :class:`PostChecker` finds the hashtags of a whole post,
checks each, counts them and measures the post the way X does.
"""
from __future__ import annotations

import html

from ...i18n import _
from ...toolkit.hashtags import X_MAX_LENGTH, check_hashtag, find_hashtags, post_length
from .base import Tool, block, code, items, live_region, status, text_box

#: More hashtags than this in one post earned less engagement on the course's sample page.
MANY_HASHTAGS = 5


def hashtag_report(tag: str) -> str:
    """HTML: what is wrong with one hashtag, and a suggestion."""
    result = check_hashtag(tag)
    if result.ok:
        return f"✔ {code(result.tag, 'auto')} {html.escape(_('tool.hashtag.ok'))}"
    out = f"⚠ {code(result.tag, 'auto')}" + items(result.issues)
    if result.suggestion:
        out += html.escape(_("tool.hashtag.suggestion")) + " " + code(result.suggestion, "auto")
    return out


class HashtagChecker(Tool):
    """``HashtagChecker()``: type one hashtag, see at once whether it works and how to fix it."""

    def __init__(self):
        super().__init__()
        self.box = text_box(_("tool.hashtag.label"), _("tool.hashtag.placeholder"))
        self.box.observe(lambda _c: self.check(), names="value")
        self.result = live_region()
        self._lay_out(_("tool.hashtag.title"), [self.box, self.result])
        self.check()

    def check(self) -> bool | None:
        """Check the hashtag typed; True if it needs no change, None if the box is empty."""
        text = self.box.value.strip()
        if not text:
            self.result.value = status(html.escape(_("tool.hashtag.nothing_yet")))
            return None
        self.result.value = status(hashtag_report(text))
        return check_hashtag(text).ok


class PostChecker(Tool):
    """``PostChecker()``: paste a post; see its hashtags, a check of each, their number and its length on X."""

    def __init__(self):
        super().__init__()
        self.box = text_box(_("tool.post.label"), _("tool.post.placeholder"), area=True)
        self.box.observe(lambda _c: self.check(), names="value")
        self.result = live_region()
        self._lay_out(_("tool.post.title"), [self.box, self.result])
        self.check()

    def check(self) -> list[str]:
        """Check the post; returns the hashtags found."""
        text = self.box.value
        if not text.strip():
            self.result.value = status(html.escape(_("tool.post.nothing_yet")))
            return []
        tags = find_hashtags(text)
        parts = [html.escape(_("tool.post.found", count=len(tags)))]
        parts += [block(hashtag_report(tag)) for tag in tags]
        if len(tags) > MANY_HASHTAGS:
            parts.append("⚠ " + html.escape(_("tool.post.too_many", count=len(tags))))
        if "#" in text and not tags:
            parts.append("⚠ " + html.escape(_("tool.post.none_linked")))
        length = post_length(text)
        key = "tool.post.length_ok" if length <= X_MAX_LENGTH else "tool.post.length_over"
        parts.append(html.escape(_(key, length=length, limit=X_MAX_LENGTH)))
        self.result.value = status("<br>".join(parts))
        return tags
