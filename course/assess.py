"""What an assessment notebook uses: its answer store, its widgets and the grading call.

An assessment starts with one read-only cell::

    from course.assess import Assessment
    assessment = Assessment("week1_facebook")

Every text is looked up by id in the learner's language (the week's
catalogue ``course/i18n/<lang>/assessment_<week>.toml``, written by ``course
build``): ``assessment.show("q1_page_or_profile")`` displays a question's
heading and context. Questions answered with a widget call a factory method
with the question id and the ids of its options: ``single_choice``,
``multiple_choice``, ``true_false``, ``ordering``, ``matching``, ``text``,
``number``, ``checklist`` or ``chart``, e.g.
``assessment.single_choice("q1_page_or_profile", options=["profile", "page"])``. The widget saves the learner's answer
to the answers file at every change and shows no verdict. A test cell
(read-only, with points) then calls ``assessment.grade("question_id")`` or,
for a one-line answer typed into a code cell,
``assessment.grade("question_id", variable)``.

| factory | answer saved | key kind in ``grading/keys/<week>.toml`` |
| --- | --- | --- |
| ``single_choice`` | option id | ``choice`` |
| ``multiple_choice`` | list of option ids | ``choices`` |
| ``true_false`` | true / false | ``truefalse`` |
| ``ordering`` | list of step ids in order | ``order`` |
| ``matching`` | ``{left_id: right_id}`` | ``pairs`` |
| ``text`` | the text | ``rules`` |
| ``number`` | the number | ``number`` |
| ``checklist`` | list of ticked item ids | ``weighted`` |
| ``chart`` | option id | ``choice`` |
| ``strategy`` | ``{step_id: text}`` | ``manual`` with ``steps`` (a mentor grades it) |

The answer key is never in the notebook, nor in the kernel, its environment
or anything it can open: the grader reads the answers file and the written
answers as data and scores them in its own process (``course.grading``). The
check cells only confirm what was saved; they have no say in the score.
"""
from __future__ import annotations

import html
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .answers import AnswerStore
from . import i18n
from .i18n import _, direction


class PendingResult:
    """Shown to the learner before submitting: what was saved, no verdict."""

    def __init__(self, question: str, answer: Any, note: str = ""):
        self.question, self.answer, self.note = question, answer, note

    def __repr__(self) -> str:
        return _("grade.pending")

    def _repr_html_(self) -> str:
        return _card(self.answer, _("grade.pending"), self.note)


class Assessment:
    """One week's assessment as seen from inside its notebook."""

    def __init__(self, week: str, notebook: str = "assessment", folder: Path | str | None = None):
        self.week = week
        self.store = AnswerStore(notebook, folder)
        self._describe: dict[str, Callable[[Any], str]] = {}
        if self.store.problem:
            from IPython.display import display, HTML
            display(HTML(f'<div role="alert" dir="{direction()}">⚠ {html.escape(self.store.problem)}</div>'))

    # -- texts, looked up by id in the learner's language -----------------------------------------
    def text_of(self, key: str) -> str | None:
        """The text ``assessment.<week>.<key>`` in the current language (English if untranslated)."""
        name = f"assessment.{self.week}.{key}"
        return i18n.catalogue(i18n.current_language()).get(name) or i18n.catalogue("en").get(name)

    def _need(self, key: str) -> str:
        text = self.text_of(key)
        if text is None:
            raise KeyError(f"no text assessment.{self.week}.{key}: run `course build {self.week}`")
        return text

    def _labels(self, question: str, name: str, given) -> dict[str, str]:
        """Labels by id: ``given`` as a table of labels, or ids whose labels are in the catalogue."""
        if given is None or isinstance(given, Mapping):
            return dict(given or {})
        return {i: self._need(f"{question}.{name}.{i}") for i in given}

    def _prompt(self, question: str, prompt: str | None) -> str:
        return prompt if prompt is not None else self._need(f"{question}.prompt")

    def _optional(self, question: str, name: str, kw: dict) -> None:
        if name not in kw and (text := self.text_of(f"{question}.{name}")) is not None:
            kw[name] = text

    def show(self, what: str) -> None:
        """Display the intro, the outro or a question's heading and context, in the learner's language."""
        from IPython.display import Markdown, display
        text = self._need(what if what in ("intro", "outro") else f"{what}.text")
        display(Markdown(f'<div dir="{direction()}" lang="{i18n.current_language()}">\n\n{text}\n\n</div>'))

    # -- one factory per widget: the widget gets the store, never an answer ----------------------
    # Each takes the question id and the ids of its options, items or pairs; the prompt and the
    # labels come from the week's catalogue (a literal prompt or table of labels may be given instead).
    def _register(self, widget):
        self._describe[widget.question] = widget.describe
        return widget

    def single_choice(self, question: str, prompt: str | None = None, options=None, **kw):
        """A single-choice question (key kind ``choice``)."""
        from .widgets.single_choice import SingleChoice
        return self._register(SingleChoice(question, self._prompt(question, prompt),
                                           self._labels(question, "options", options), store=self.store, **kw))

    def multiple_choice(self, question: str, prompt: str | None = None, options=None, **kw):
        """Choose all that apply (key kind ``choices``, partial credit)."""
        from .widgets.multiple_choice import MultipleChoice
        return self._register(MultipleChoice(question, self._prompt(question, prompt),
                                             self._labels(question, "options", options), store=self.store, **kw))

    def true_false(self, question: str, statement: str | None = None, **kw):
        """Is the statement true? (key kind ``truefalse``)."""
        from .widgets.true_false import TrueFalse
        return self._register(TrueFalse(question, self._prompt(question, statement), store=self.store, **kw))

    def ordering(self, question: str, prompt: str | None = None, items=None, **kw):
        """Put steps in order (key kind ``order``, partial credit by position)."""
        from .widgets.ordering import Ordering
        return self._register(Ordering(question, self._prompt(question, prompt),
                                       self._labels(question, "items", items), store=self.store, **kw))

    def matching(self, question: str, prompt: str | None = None, left=None, right=None, **kw):
        """Match each left item with a right one (key kind ``pairs``, partial credit per pair)."""
        from .widgets.matching import Matching
        return self._register(Matching(question, self._prompt(question, prompt), self._labels(question, "left", left),
                                       self._labels(question, "right", right), store=self.store, **kw))

    def text(self, question: str, prompt: str | None = None, **kw):
        """A short written answer scored by the key's rules (key kind ``rules``)."""
        from .widgets.text_answer import TextAnswer
        self._optional(question, "placeholder", kw)
        return self._register(TextAnswer(question, self._prompt(question, prompt), store=self.store, **kw))

    def number(self, question: str, prompt: str | None = None, **kw):
        """A numeric answer (key kind ``number``, with the key's tolerance)."""
        from .widgets.number_answer import NumberAnswer
        self._optional(question, "unit", kw)
        return self._register(NumberAnswer(question, self._prompt(question, prompt), store=self.store, **kw))

    def checklist(self, question: str, prompt: str | None = None, items: Sequence = (), **kw):
        """A checklist scored by the key's weights (key kind ``weighted``): items as (id, label) pairs,
        or ids whose labels are in the catalogue."""
        from .widgets.checklist import Checklist
        if items and all(isinstance(i, str) for i in items):
            items = list(self._labels(question, "items", items).items())
        return self._register(Checklist(question, self._prompt(question, prompt), items, store=self.store, **kw))

    def chart(self, question: str, prompt_or_data, data=None, *, options=None, metrics=None, **kw):
        """A chart to explore and a question about it (key kind ``choice``): ``chart(id, data, ...)``
        with texts from the catalogue, or ``chart(id, prompt, data, ...)``."""
        from .widgets.chart_explorer import ChartExplorer
        prompt = prompt_or_data if data is not None else self._need(f"{question}.prompt")
        data = data if data is not None else prompt_or_data
        if metrics is not None and not isinstance(metrics, Mapping):
            metrics = {m: self._need(f"{question}.chart.metrics.{m}") for m in metrics}
        for name in ("x_label", "filter_label"):
            if name not in kw and (text := self.text_of(f"{question}.chart.{name}")) is not None:
                kw[name] = text
        return self._register(ChartExplorer(question, prompt, data, options=self._labels(question, "options", options),
                                            metrics=metrics, store=self.store, **kw))

    def strategy(self, question: str, steps: Sequence[str], rubric: Mapping[str, int], **kw):
        """The capstone's strategy builder (key kind ``manual`` with steps: a mentor grades it against
        the rubric, shown first): ``steps`` are step ids, ``rubric`` maps each criterion id to its
        points; every text comes from the catalogue."""
        from .widgets.strategy_builder import Criterion, StepSpec, StrategyBuilder
        specs = [StepSpec(s, self._need(f"{question}.steps.{s}.title"),
                          self.text_of(f"{question}.steps.{s}.question") or "",
                          self.text_of(f"{question}.steps.{s}.placeholder") or "") for s in steps]
        criteria = [Criterion(c, self._need(f"{question}.rubric.{c}.title"), int(points),
                              {n: self._need(f"{question}.rubric.{c}.levels.{n}") for n in range(int(points), -1, -1)})
                    for c, points in rubric.items()]
        widget = StrategyBuilder(question, specs, criteria, store=self.store, **kw)
        self._describe[question] = widget.describe
        return widget

    # -- grading --------------------------------------------------------------------------------
    def answer(self, question: str) -> Any:
        return self.store.get(question)

    def grade(self, question: str, answer: Any = None):
        """Show what is saved for ``question``; no verdict (the grader scores it after submission)."""
        note = ""
        if answer is None:
            self.store.reload()
            answer = self.store.get(question)
            if self.store.problem:      # a damaged file is worth a word; a missing one only means
                note = self.store.problem   # nothing has been answered yet ("(no answer)" says it)
        return PendingResult(question, self._shown(question, answer), note)

    def _shown(self, question: str, answer: Any) -> Any:
        """The answer in words when a widget asked the question, else as given."""
        describe = self._describe.get(question)
        if describe is None or answer is None:
            return answer
        try:
            return describe(answer)
        except Exception:  # noqa: BLE001 - a damaged answer is still shown as it is
            return answer


def _card(answer: Any, verdict_html: str, note: str = "") -> str:
    if answer in (None, "", [], {}):
        shown = _("grade.no_answer")
    elif isinstance(answer, (list, tuple)):
        shown = ", ".join(str(a) for a in answer)
    else:
        shown = str(answer)
    return (f'<div class="course-grade" dir="{direction()}" '
            'style="border:1px solid #888;border-radius:6px;padding:6px 10px;max-width:40em">'
            f'<div>{_("grade.your_answer")}: <code>{html.escape(shown)}</code></div>'
            f"<div>{verdict_html}</div>"
            + (f'<div role="note">⚠ {html.escape(note)}</div>' if note else "")
            + "</div>")


__all__ = ["Assessment", "PendingResult"]
