"""What an assessment notebook uses: its answer store, its widgets and the grading call.

An assessment starts with one read-only cell::

    from course.assess import Assessment
    assessment = Assessment("week1_facebook")

Questions answered with a widget call ``assessment.single_choice(...)``; the
widget saves the learner's choice to the answers file. A test cell (read-only,
with points) then calls ``assessment.grade("question_id")`` or, for a one-line
answer, ``assessment.grade("question_id", variable)``.

The answer key is never in the notebook. While grading, the grader points the
environment variable ``COURSE_KEYS_DIR`` at the instructor-only keys folder and
``grade`` scores the answer against ``<week>.toml`` there. Without a key (the
learner running the notebook) it only confirms what was saved; under nbgrader
autograde a missing key is an error, so a misconfigured grader scores 0, never
full marks.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from .answers import AnswerStore
from .answer_key import load_key, score_answer
from .i18n import _, direction

KEYS_ENV = "COURSE_KEYS_DIR"


class GradeResult:
    """The outcome of grading one question: shown as HTML, read by nbgrader as points.

    nbgrader takes a test cell's plain-text result as its partial credit, so
    ``repr`` is the number of points and nothing else.
    """

    def __init__(self, question: str, answer: Any, points: float, max_points: float):
        self.question, self.answer = question, answer
        self.points, self.max_points = round(points, 2), max_points

    def __repr__(self) -> str:
        return repr(float(self.points))

    def _repr_html_(self) -> str:
        if self.points >= self.max_points:
            verdict = _("grade.right")
        elif self.points > 0:
            verdict = _("grade.partly")
        else:
            verdict = _("grade.wrong")
        return _card(self.answer, f"<b>{verdict}</b> · "
                     + _("grade.points", points=_fmt(self.points), max_points=_fmt(self.max_points)))


class PendingResult:
    """Shown to the learner before submitting: what was saved, no verdict."""

    def __init__(self, question: str, answer: Any):
        self.question, self.answer = question, answer

    def __repr__(self) -> str:
        return _("grade.pending")

    def _repr_html_(self) -> str:
        return _card(self.answer, _("grade.pending"))


class Assessment:
    """One week's assessment as seen from inside its notebook."""

    def __init__(self, week: str, notebook: str = "assessment", folder: Path | str | None = None):
        self.week = week
        self.store = AnswerStore(notebook, folder)
        self._labels: dict[str, dict[str, str]] = {}
        if self.store.problem:
            from IPython.display import display, HTML
            display(HTML(f'<div role="alert" dir="{direction()}">⚠ {html.escape(self.store.problem)}</div>'))

    def single_choice(self, question: str, prompt: str, options: dict[str, str]):
        """A single-choice question whose answer is saved for grading."""
        from .widgets.single_choice import SingleChoice
        self._labels[question] = dict(options)
        return SingleChoice(question, prompt, options, store=self.store)

    def answer(self, question: str) -> Any:
        return self.store.get(question)

    def grade(self, question: str, answer: Any = None):
        """Score ``question`` (from the answers file unless ``answer`` is given)."""
        if answer is None:
            self.store.reload()
            answer = self.store.get(question)
        shown = self._labels.get(question, {}).get(answer, answer) if isinstance(answer, str) else answer
        keys_dir = os.environ.get(KEYS_ENV)
        if not keys_dir:
            if os.environ.get("NBGRADER_EXECUTION") == "autograde":
                raise RuntimeError(
                    f"The grader has no answer keys ({KEYS_ENV} is not set); "
                    "grade with the `course grade` command.")
            return PendingResult(question, shown)
        entry = load_key(Path(keys_dir), self.week).question(question)
        return GradeResult(question, shown, score_answer(entry, answer), entry.points)


def _fmt(number: float) -> str:
    return f"{number:g}"


def _card(answer: Any, verdict_html: str) -> str:
    if answer in (None, "", [], {}):
        shown = _("grade.no_answer")
    elif isinstance(answer, (list, tuple)):
        shown = ", ".join(str(a) for a in answer)
    else:
        shown = str(answer)
    return (f'<div class="course-grade" dir="{direction()}" '
            'style="border:1px solid #888;border-radius:6px;padding:6px 10px;max-width:40em">'
            f'<div>{_("grade.your_answer")}: <code>{html.escape(shown)}</code></div>'
            f"<div>{verdict_html}</div></div>")


__all__ = ["Assessment", "GradeResult", "PendingResult"]
