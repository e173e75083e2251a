"""Keyboard and screen-reader help for every course widget: one hidden, shared view in each box.

Plain ipywidgets cannot keep a key pressed on a radio button from reaching the
notebook (where ``d d`` deletes the cell), name a group of options by its
question, or say which toggle button is chosen. :func:`assistive` is a tiny
`anywidget <https://anywidget.dev>`_ (its JavaScript, ``assistive.js``, is sent
from Python: no JupyterLab extension to build) that does these in the page for
the ``.course-widget`` box it is shown in. A widget only marks its parts:

- :func:`names_answer` on the control(s) that take the answer; the box's prompt
  (class ``course-prompt``) becomes their accessible name;
- :func:`named_by_tooltip` on a button whose face is only a symbol (↑, ↓).

DESIGN.md ("Keyboard and assistive technology") says why keys are stopped where they are.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w

PROMPT, ANSWER, NAMED = "course-prompt", "course-answer", "course-named"


class Assistive(anywidget.AnyWidget):
    """Hidden: shown in a ``.course-widget`` box, it keeps keys in the box and sets its ARIA names."""

    _esm = Path(__file__).with_name("assistive.js").read_text(encoding="utf-8")


_shared: list[Assistive] = []


def assistive() -> Assistive:
    """The one hidden helper every course widget shows (made again if it was closed)."""
    if not _shared or getattr(_shared[0], "comm", True) is None:
        _shared[:] = [Assistive(layout=w.Layout(display="none"))]
    return _shared[0]


def names_answer(control: w.DOMWidget) -> w.DOMWidget:
    """Mark ``control`` as taking the answer: the exercise's prompt becomes its name."""
    control.add_class(ANSWER)
    return control


def prompt_of(control: w.DOMWidget) -> w.DOMWidget:
    """Mark ``control`` as the question that names the answer controls of its box."""
    control.add_class(PROMPT)
    return control


def named_by_tooltip(control: w.Button) -> w.Button:
    """Mark a button whose face is a symbol: screen readers say its tooltip instead."""
    control.add_class(NAMED)
    return control
