""""Ask your mentor": a box for a question about the lesson, saved beside the notebook.

``AskMentor("01_pages_and_roles")`` shows a text area, a "Send to my mentor"
button and the learner's earlier questions about that lesson. Each question
is saved with the lesson's name and the time (UTC) to ``mentor_questions.json``
in the notebook's folder (:mod:`course.questions`): the week folder, which
nbgrader submits whole, so the question reaches the mentor with the week's
next submission and shows on the mentor dashboard.

When the lesson runs in a learner's lab, the box also shows the mentor's
answers to the learner's questions about that lesson (published to the
learner by the mentor's marking page, :mod:`course.home_messages`).

An empty question earns a friendly message and saves nothing. A question
longer than ``max_chars`` is cut there: the first part is sent and the rest
stays in the box, with a message saying so. A damaged questions file is kept
aside and reported; saving then starts a fresh file. Nothing here raises.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from ..i18n import _, current_language, direction
from ..questions import MAX_CHARS, Question, QuestionStore, QuestionStoreError, utc_now
from .base import Feedback, Status, button, esc, html_block, speaks
from .assistive import assistive, names_answer, prompt_of
from .style import style_widget


def split_at_limit(text: str, limit: int) -> tuple[str, str]:
    """``text`` cut to at most ``limit`` characters (at a space when one is near the end),
    and the rest."""
    if len(text) <= limit:
        return text, ""
    cut = limit
    space = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    if space >= limit - 200 and space > 0:
        cut = space
    return text[:cut].rstrip(), text[cut:].lstrip()


class AskMentor(w.VBox):
    """``AskMentor(lesson, folder=None)``: questions for the mentor about ``lesson``."""

    def __init__(self, lesson: str, folder: Path | str | None = None, *, max_chars: int = MAX_CHARS,
                 clock: Callable[[], dt.datetime] | None = None):
        super().__init__(layout=w.Layout(width="auto", max_width="100%"))
        if not isinstance(lesson, str) or not lesson.strip():
            raise ValueError("give the lesson's name, e.g. AskMentor('01_pages_and_roles')")
        if not 1 <= max_chars <= MAX_CHARS:
            raise ValueError(f"max_chars must be between 1 and {MAX_CHARS}")
        self.lesson, self.max_chars = lesson.strip(), max_chars
        self.clock = clock or utc_now
        self.language, self.direction = current_language(), direction()
        self.last_feedback: Feedback | None = None
        self.store = QuestionStore(folder)
        self.title = prompt_of(w.HTML(html_block(f"<b>{esc(_('ask.title'))}</b><br>{esc(_('ask.intro'))}"),
                                      layout=w.Layout(width="auto")))
        self.box = w.Textarea(value="", placeholder=_("ask.placeholder"), tooltip=_("ask.placeholder"),
                              rows=4, continuous_update=True,
                              layout=w.Layout(width="100%", max_width="40em"))
        self.box.add_class("course-text")
        names_answer(self.box)
        self.send_button = button(_("ask.send"), icon="paper-plane", tooltip=_("ask.send_tooltip"))
        self.send_button.on_click(lambda _b: self.send())
        self.feedback = w.HTML(layout=w.Layout(width="auto", min_height="1.5em"))
        self.history = w.HTML(layout=w.Layout(width="auto"))
        self.replies = w.HTML(layout=w.Layout(width="auto"))
        self.add_class("course-widget")
        if self.direction == "rtl":
            self.add_class("course-rtl")
        self.children = [style_widget(), assistive(), self.title, self.box,
                         w.HBox([self.send_button], layout=w.Layout(width="auto")),
                         self.feedback, self.replies, self.history]
        if self.store.problem:
            self._show(Feedback(Status.PROBLEM, self.store.problem))
        self._show_history()
        self._show_replies()

    @property
    def value(self) -> str:
        return self.box.value

    @value.setter
    def value(self, text: str) -> None:
        self.box.value = text or ""

    @property
    def questions(self) -> list[Question]:
        """The learner's questions about this lesson, oldest first."""
        return self.store.for_lesson(self.lesson)

    @speaks
    def send(self) -> Feedback:
        """Save the question in the box; say what happened (never raises)."""
        text = self.box.value or ""
        if not text.strip():
            return self._show(Feedback(Status.EMPTY, _("ask.empty")))
        sent, rest = split_at_limit(text.strip(), self.max_chars)
        try:
            self.store.add(self.lesson, sent, at=self.clock())
        except QuestionStoreError as exc:
            return self._show(Feedback(Status.PROBLEM, str(exc)))
        self.box.value = rest
        self._show_history()
        if rest:
            return self._show(Feedback(Status.INFO, _("ask.too_long", limit=f"{self.max_chars:,}",
                                                      rest=f"{len(rest):,}")))
        return self._show(Feedback(Status.SAVED, _("ask.sent")))

    def __repr__(self) -> str:
        """Plain text where widgets cannot show (a terminal, a diff, a feedback page)."""
        try:
            lines = [_("ask.title")] + [f"- {_clean(q.text)[:200]}" for q in self.questions]
            return "\n".join(lines)
        except Exception:  # noqa: BLE001 - a repr must never fail
            return f"AskMentor({getattr(self, 'lesson', '')!r})"

    # -- internals ----------------------------------------------------------------------------
    def _show(self, feedback: Feedback) -> Feedback:
        self.last_feedback = feedback
        self.feedback.value = feedback.to_html()
        return feedback

    def _show_replies(self) -> None:
        """The mentor's answers to the learner's questions about this lesson (course/home_messages.py)."""
        from ..home_messages import replies_for_lesson
        found = replies_for_lesson(self.lesson)
        if not found:
            self.replies.value = ""
            return
        items = "".join(f"<li><small>{esc(_('ask.asked_at', when=m.at.strftime('%Y-%m-%d %H:%M')))}</small><br>"
                        f"<i>{esc(_clean(m.question))}</i><br><b>{esc(_clean(m.text))}</b></li>" for m in found)
        self.replies.value = html_block(f"<b>{esc(_('mentor_words.lesson_replies'))}</b><ul>{items}</ul>")

    def _show_history(self) -> None:
        earlier = self.questions
        if not earlier:
            self.history.value = ""
            return
        items = "".join(
            f"<li><small>{esc(_('ask.asked_at', when=q.asked_at.strftime('%Y-%m-%d %H:%M')))}</small>"
            f"<br>{esc(_clean(q.text))}</li>" for q in reversed(earlier))
        self.history.value = html_block(
            f"<b>{esc(_('ask.earlier', count=len(earlier)))}</b><ul>{items}</ul>")


def _clean(text: str) -> str:
    """Control characters out (they make no sense on screen); line breaks stay."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
