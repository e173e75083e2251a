"""What every exercise widget shares: prompt, Check, hints, attempts, show-answer, saving, RTL.

A widget file only builds its answer controls and says three things about an
answer: whether it is given (:meth:`Exercise.is_answered`), how to say it in
words (:meth:`Exercise.describe`) and, in practice mode, what feedback it
earns (:meth:`Exercise.evaluate`, which returns a :class:`Feedback`; the
share of credit comes from :mod:`course.scoring`). This base lays it out.

Two modes, one class:

- **practice** (``store=None``, lessons): a Check button gives instant,
  specific feedback; hints come one at a time; attempts are counted; a
  "Show answer" button appears after ``show_answer_after`` checked attempts
  (``None``: never) while the answer is not yet found.

Feedback that teaches: after a wrong Check a widget says why *that* answer is
wrong and never names the right one (the learner still has tries). The full
explanation, which does name it (:meth:`Exercise.explanation`), comes only
when the answer is found or when the learner presses "Show answer", beside
the answer itself.
- **assessment** (``store=`` an :class:`~course.answers.AnswerStore`): every
  change is saved at once and reloaded when the notebook runs again; nothing
  says whether the answer is right (that comes with grading). The widget
  never receives the answer key in this mode.

Feedback never relies on colour alone (an icon and words), sits in a
``role="status"`` live region for screen readers, and every control is a
standard, focusable ipywidgets control. In Arabic the box gets the class
``course-rtl`` and its HTML parts ``dir="rtl"``.
"""
from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import ipywidgets as w
from traitlets import TraitError

from .. import practice_log
from ..answers import AnswerStore, AnswerStoreError
from ..i18n import _, current_language, direction, language
from .assistive import assistive, named_by_tooltip, names_answer, prompt_of
from .style import style_widget


class Status(str, Enum):
    RIGHT = "right"
    PARTLY = "partly"
    WRONG = "wrong"
    EMPTY = "empty"       # nothing answered yet
    INFO = "info"         # a neutral message (the answer, a move, a score)
    SAVED = "saved"       # assessment mode: stored, no verdict
    PROBLEM = "problem"   # something went wrong (saving, a saved answer that no longer fits)


ICONS = {Status.RIGHT: "✔", Status.PARTLY: "◐", Status.WRONG: "✘", Status.EMPTY: "…",
         Status.INFO: "ℹ", Status.SAVED: "✎", Status.PROBLEM: "⚠"}
_WORDS = {Status.RIGHT: "widget.status.right", Status.PARTLY: "widget.status.partly",
          Status.WRONG: "widget.status.wrong"}

def esc(text: Any) -> str:
    """Plain text made safe for HTML, line breaks kept."""
    return html.escape(str(text)).replace("\n", "<br>")


def html_block(inner_html: str, *, tag: str = "div", css: str = "", extra: str = "") -> str:
    """``inner_html`` wrapped in a block that carries the current text direction."""
    cls = f' class="{css}"' if css else ""
    return f'<{tag}{cls} dir="{direction()}"{extra}>{inner_html}</{tag}>'


@dataclass(frozen=True)
class Feedback:
    """What a widget tells the learner: a status, a message and per-item details."""

    status: Status
    message: str = ""
    details: tuple[str, ...] = ()
    share: float | None = None   # how much of the answer is right (0..1), when that applies

    @property
    def correct(self) -> bool | None:
        """True when right, False when wrong or partly right, None when there was no verdict."""
        if self.status is Status.RIGHT:
            return True
        if self.status in (Status.PARTLY, Status.WRONG):
            return False
        return None

    def text(self) -> str:
        """The feedback as plain text (icon, verdict word, message, details)."""
        word = _(_WORDS[self.status]) if self.status in _WORDS else ""
        parts = [ICONS[self.status], word, self.message, *self.details]
        return " ".join(p for p in parts if p)

    def to_html(self) -> str:
        word = _(_WORDS[self.status]) if self.status in _WORDS else ""
        inner = f'<span class="course-icon" aria-hidden="true">{ICONS[self.status]}</span> '
        inner += f"<b>{esc(word)}</b> " if word else ""
        inner += esc(self.message)
        if self.details:
            inner += "<ul>" + "".join(f"<li>{esc(d)}</li>" for d in self.details) + "</ul>"
        return html_block(inner, css=f"course-feedback course-{self.status.value}",
                          extra=' role="status" aria-live="polite"')


def verdict(share: float) -> Status:
    """The status that a share of credit earns."""
    if share >= 1 - 1e-9:
        return Status.RIGHT
    return Status.PARTLY if share > 0 else Status.WRONG


def button(label: str, *, icon: str = "", tooltip: str | None = None, visible: bool = True,
           keep_size: bool = False) -> w.Button:
    """A standard (focusable) button; ``keep_size`` stops it shrinking beside long text on phones."""
    return w.Button(description=label, tooltip=tooltip or label, icon=icon,
                    layout=w.Layout(width="auto", display=None if visible else "none",
                                    flex="0 0 auto" if keep_size else None,
                                    min_width="2.6em" if keep_size else None))


def speaks(method):
    """Run a widget method in the language the widget was built in (its messages stay in it)."""
    @functools.wraps(method)
    def in_own_language(self, *args, **kwargs):
        with language(self.language):
            return method(self, *args, **kwargs)
    return in_own_language


class Exercise(w.VBox):
    """The shared frame of an exercise. Subclasses build controls, then call :meth:`_finish`."""

    check_label = "widget.check"     # message key of the Check button
    counts_attempts = True           # False for a self-audit, where checking is not a try

    def __init__(self, question: str, prompt: str, *, store: AnswerStore | None = None,
                 hints: Sequence[str] = (), show_answer_after: int | None = 2):
        super().__init__(layout=w.Layout(width="auto", max_width="100%"))
        if show_answer_after is not None and show_answer_after < 0:
            raise ValueError("show_answer_after must be 0 or more (or None: never)")
        self.question, self.store = question, store
        self.hints, self.hints_shown = tuple(hints), 0
        self.attempts, self.show_answer_after, self.answer_shown = 0, show_answer_after, False
        self.solved = False   # the learner found the answer: nothing left to show
        self.practice_name: str | None = None   # the lesson exercise's name (see course.practice_log)
        self.last_feedback: Feedback | None = None
        self.language, self.direction = current_language(), direction()
        self._restoring = False
        self.prompt_text = prompt
        self.prompt = prompt_of(w.HTML(html_block(f"<b>{esc(prompt)}</b>"), layout=w.Layout(width="auto")))
        self.feedback = w.HTML(layout=w.Layout(width="auto", min_height="1.5em"))
        self.hint_area = w.HTML(layout=w.Layout(width="auto"))
        self.answer_area = w.HTML(layout=w.Layout(width="auto"))
        self.attempts_label = w.HTML(layout=w.Layout(width="auto"))
        self.check_button = button(_(self.check_label), icon="check")
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button = button(self._hint_label(), icon="lightbulb-o",
                                  tooltip=_("widget.hint_tooltip"))
        self.hint_button.on_click(lambda _b: self.hint())
        self.answer_button = button(_("widget.show_answer"), icon="eye", visible=False)
        self.answer_button.on_click(lambda _b: self.show_answer())
        self.add_class("course-widget")
        if self.direction == "rtl":
            self.add_class("course-rtl")

    # -- what a subclass provides ------------------------------------------------------------
    @property
    def value(self) -> Any:
        raise NotImplementedError

    @value.setter
    def value(self, value: Any) -> None:
        raise NotImplementedError

    def is_answered(self, value: Any) -> bool:
        return value not in (None, "", [], {})

    def describe(self, value: Any) -> str:
        """The answer in words, as the learner would say it."""
        return str(value)

    def evaluate(self, value: Any) -> Feedback:
        """Practice mode: the feedback an answer earns."""
        raise NotImplementedError

    def reference_text(self) -> str | None:
        """Practice mode: the right answer in words (None: nothing to show)."""
        return None

    def explanation(self) -> str:
        """Practice mode: why the right answer is right. It may name the answer, so it is shown only
        when the answer is found or shown, never after a wrong Check."""
        return ""

    def __repr__(self) -> str:
        """Plain text for places that cannot show widgets (feedback pages, a diff, a terminal)."""
        try:
            with language(self.language):
                value = self.value
                shown = self.describe(value) if self.is_answered(value) and not self.practice else ""
                return self.prompt_text + (f"\n{_('grade.your_answer')}: {shown}" if shown else "")
        except Exception:  # noqa: BLE001 - a repr must never fail (e.g. while being built)
            return f"{type(self).__name__}({getattr(self, 'question', '')!r})"

    # -- layout -------------------------------------------------------------------------------
    @property
    def practice(self) -> bool:
        return self.store is None

    def _finish(self, body: Iterable[w.Widget], *, observe: Iterable[w.Widget] = (),
                checkable: bool = True, extra_buttons: Iterable[w.Widget] = ()) -> None:
        """Lay out prompt, ``body``, buttons and feedback; watch ``observe`` for changes;
        in assessment mode, bring back the saved answer."""
        buttons = []
        if self.practice and checkable:
            buttons.append(self.check_button)
            if self.show_answer_after is not None and self.reference_text() is not None:
                buttons.append(self.answer_button)
                self._update_answer_button()
        buttons.extend(extra_buttons)
        if self.hints:
            buttons.append(self.hint_button)
        self.button_row = w.HBox(buttons, layout=w.Layout(flex_flow="row wrap", width="auto"))
        row = [self.button_row] if buttons else []
        self.children = [style_widget(), assistive(), self.prompt, *body, *row, self.hint_area,
                         self.feedback, self.answer_area, self.attempts_label]
        for control in observe:
            control.observe(self._on_change, names="value")
        if self.store is not None:
            self._restore()

    # -- actions ------------------------------------------------------------------------------
    @speaks
    def check(self) -> Feedback:
        """Practice mode: give feedback on the current answer (and count the attempt)."""
        if not self.practice:
            raise RuntimeError("an assessment widget shows no verdict before grading")
        value = self.value
        if not self.is_answered(value):
            feedback = Feedback(Status.EMPTY, _("widget.not_answered"))
        else:
            feedback = self.evaluate(value)
            self.solved = self.solved or feedback.status is Status.RIGHT
            if self.counts_attempts:
                self.attempts += 1
                self.attempts_label.value = html_block(esc(_("widget.attempts", count=self.attempts)),
                                                       tag="small")
            if self.practice_name:
                practice_log.record(self.practice_name, self.solved)
        self._show(feedback)
        self._update_answer_button()
        return feedback

    @speaks
    def hint(self) -> str | None:
        """Reveal the next hint; None when there is none left."""
        if self.hints_shown >= len(self.hints):
            return None
        self.hints_shown += 1
        items = "".join(f"<li>{esc(h)}</li>" for h in self.hints[:self.hints_shown])
        self.hint_area.value = html_block(f"<b>{esc(_('widget.hints'))}</b><ol>{items}</ol>",
                                          extra=' role="status" aria-live="polite"')
        self.hint_button.description = self._hint_label()
        self.hint_button.disabled = self.hints_shown >= len(self.hints)
        return self.hints[self.hints_shown - 1]

    @speaks
    def show_answer(self) -> str | None:
        """Practice mode: show the right answer (once the button is offered)."""
        text = self.reference_text() if self.practice else None
        if text is None:
            return None
        self.answer_shown = True
        why = self.explanation().strip()
        self.answer_area.value = Feedback(Status.INFO, _("widget.answer_is", answer=text),
                                          (why,) if why else ()).to_html()
        self._update_answer_button()
        return text

    # -- internals ----------------------------------------------------------------------------
    def _hint_label(self) -> str:
        if self.hints and self.hints_shown >= len(self.hints):
            return _("widget.no_more_hints")
        return _("widget.hint", number=self.hints_shown + 1, total=len(self.hints))

    def _update_answer_button(self) -> None:
        ready = (self.show_answer_after is not None and not self.answer_shown and not self.solved
                 and self.attempts >= self.show_answer_after)
        self.answer_button.layout.display = None if ready else "none"

    def _show(self, feedback: Feedback | None) -> None:
        self.last_feedback = feedback
        self.feedback.value = feedback.to_html() if feedback else ""

    def _on_change(self, _change=None) -> None:
        self._changed()

    @speaks
    def _changed(self, note: Feedback | None = None) -> None:
        """The answer changed: in practice, the old verdict goes; in an assessment, save it."""
        if self._restoring:
            return
        if self.practice:
            self._show(note)
            return
        self._save()

    def _save(self) -> None:
        value = self.value
        try:
            if self.is_answered(value):
                self.store.save(self.question, value)
                feedback = Feedback(Status.SAVED, _("widget.saved", answer=self.describe(value)))
            else:
                self.store.clear(self.question)
                feedback = Feedback(Status.INFO, _("widget.cleared"))
        except AnswerStoreError as exc:
            feedback = Feedback(Status.PROBLEM, str(exc))
        self._show(feedback)

    def _restore(self) -> None:
        if not self.store.has(self.question):
            return
        saved = self.store.get(self.question)
        self._restoring = True
        try:
            self.value = saved
        except (ValueError, TypeError, KeyError, TraitError):
            self._show(Feedback(Status.PROBLEM, _("widget.saved_invalid")))
            return
        finally:
            self._restoring = False
        self._show(Feedback(Status.SAVED, _("widget.saved", answer=self.describe(self.value))))


def require_mode(answer: Any, store: AnswerStore | None, *, what: str = "answer") -> None:
    """Practice needs the answer; an assessment must not have it (keys stay with the grader)."""
    if store is None and answer is None:
        raise ValueError(f"give {what}= (practice) or store= (assessment)")
    if store is not None and answer is not None:
        raise ValueError(f"give either {what}= (practice) or store= (assessment), not both: "
                         "in an assessment the answer key belongs in grading/keys/")


__all__ = ["Exercise", "Feedback", "Status", "ICONS", "verdict", "require_mode", "esc",
           "html_block", "button", "style_widget", "speaks", "names_answer", "named_by_tooltip"]
