"""A comment sorter: paste comments and your keyword filter's words; see what the filter would hide,
what looks like spam, which questions to answer first and what to read yourself.

Built on :mod:`course.toolkit.moderation`. What is typed stays in the widget: nothing is saved or sent.
"""
from __future__ import annotations

import html

from ipywidgets import HTML, Layout

from ...i18n import _
from ...toolkit.moderation import GROUPS, filter_words, sort_comments
from ...widgets.base import button
from .base import Tool, block, code, live_region, status, text_box



class CommentSorter(Tool):
    """``CommentSorter()``: comments one a line, filter words; the comments sorted in working order."""

    def __init__(self):
        super().__init__()
        self.comments = text_box(_("w2.tool.sort.label"), _("w2.tool.sort.placeholder"), area=True)
        self.words = text_box(_("w2.tool.sort.words"), _("w2.tool.sort.words_placeholder"))
        self.example_button = button(_("w2.tool.sort.example"), icon="pencil")
        self.example_button.on_click(lambda _b: self.load_example())
        self.sort_button = button(_("w2.tool.sort.run"), icon="sort")
        self.sort_button.on_click(lambda _b: self.run())
        self.result = live_region()
        note = block(f"<i>{html.escape(_('w2.tool.sort.how'))}</i>")
        from ipywidgets import HBox
        self._lay_out(_("w2.tool.sort.title"), [HTML(note), self.comments, self.words,
                                                HBox([self.example_button, self.sort_button],
                                                     layout=Layout(flex_flow="row wrap")), self.result])

    def load_example(self) -> None:
        # comments reach a Page in both languages; the example leads with the learner's
        self.comments.value = _("w2.tool.sort.example_text")
        self.words.value = _("w2.tool.sort.example_words")

    def run(self) -> list:
        """Sort the comments typed; returns them sorted."""
        found = sort_comments(self.comments.value, filter_words(self.words.value))
        if not found:
            self.result.value = status(html.escape(_("w2.tool.sort.nothing")))
            return []
        parts = []
        for group in GROUPS:
            mine = [s for s in found if s.group == group]
            if not mine:
                continue
            lines = "".join(
                f"<li>{code(s.text, 'auto')}"
                + (f" ({html.escape(_('w2.tool.sort.matched', word=s.word))})" if s.word else "") + "</li>"
                for s in mine)
            parts.append(f"<b>{html.escape(_(f'w2.tool.sort.group.{group}', count=len(mine)))}</b>"
                         f"<br>{html.escape(_(f'w2.tool.sort.advice.{group}'))}<ul>{lines}</ul>")
        parts.append(f"<i>{html.escape(_('w2.tool.sort.caveat'))}</i>")
        self.result.value = status("".join(parts))
        return found
