"""Single choice: one right option among several.

Practice mode (lessons): pass ``answer`` and, per option, ``why`` it is right
or wrong; the Check button gives that feedback at once. Assessment mode: pass
``store`` (an :class:`~course.answers.AnswerStore`); each choice is saved at
once and reloaded when the notebook runs again, and no verdict is shown.
"""
from __future__ import annotations

import html

import ipywidgets as w

from ..answers import AnswerStore
from ..i18n import _, direction


class SingleChoice(w.VBox):
    def __init__(self, question: str, prompt: str, options: dict[str, str], *,
                 answer: str | None = None, why: dict[str, str] | None = None,
                 store: AnswerStore | None = None):
        if (answer is None) == (store is None):
            raise ValueError("give either answer= (practice) or store= (assessment)")
        if answer is not None and answer not in options:
            raise ValueError(f"answer {answer!r} is not one of the options {list(options)}")
        super().__init__()
        self.question, self.options, self.answer = question, dict(options), answer
        self.why, self.store = dict(why or {}), store
        self.prompt = w.HTML(f'<div dir="{direction()}"><b>{html.escape(prompt)}</b></div>')
        self.choices = w.RadioButtons(
            options=[(label, key) for key, label in self.options.items()],
            value=None, description="", layout=w.Layout(width="auto"),
            style={"description_width": "0px"},
        )
        self.choices.add_class("course-choice")
        self.feedback = w.HTML(layout=w.Layout(min_height="1.5em"))
        children = [self.prompt, self.choices]
        if store is None:
            self.check_button = w.Button(description=_("widget.check"), tooltip=_("widget.check"),
                                         icon="check", button_style="")
            self.check_button.on_click(lambda _b: self.check())
            children.append(self.check_button)
        else:
            saved = store.get(question)
            if saved in self.options:
                self.choices.value = saved
                self._show(_("widget.saved", answer=self.options[saved]))
            self.choices.observe(self._save, names="value")
        children.append(self.feedback)
        self.children = children
        self.add_class("course-widget")

    @property
    def value(self) -> str | None:
        return self.choices.value

    @value.setter
    def value(self, key: str | None) -> None:
        self.choices.value = key

    def check(self) -> bool | None:
        """Practice mode: show why the chosen option is right or wrong; None if nothing chosen."""
        chosen = self.choices.value
        if chosen is None:
            self._show(_("widget.not_answered"))
            return None
        right = chosen == self.answer
        why = self.why.get(chosen, "")
        self._show(_("widget.correct" if right else "widget.incorrect", why=why))
        return right

    def _save(self, change) -> None:
        if change["new"] is None:
            return
        self.store.save(self.question, change["new"])
        self._show(_("widget.saved", answer=self.options[change["new"]]))

    def _show(self, text: str) -> None:
        self.feedback.value = f'<div role="status" aria-live="polite" dir="{direction()}">{html.escape(text)}</div>'
