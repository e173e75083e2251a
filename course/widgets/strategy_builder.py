"""The capstone's strategy builder: the learner's own seven-step strategy, saved as structured answers.

``StrategyBuilder(question, steps, rubric, store=...)`` shows, from top to bottom:

- the rubric first, in a collapsed panel ("How your strategy will be marked"):
  every criterion with its points and what each number of points means, so the
  learner knows before writing what the mentor will look for;
- one guided text area per step (its title, guiding question and an example
  as placeholder);
- gentle instant checks as the learner types (steps still empty; an objective
  without a number or a date): advice, never a verdict or points;
- **Save** (the strategy is also saved as the learner types) and **Export**,
  which writes ``my_strategy.html`` and ``my_strategy.pdf`` beside the notebook
  in the learner's language (:mod:`course.widgets.strategy_document`) and
  links to them.

The answer is saved in the answers file like every widget's, as
``{step_id: text}`` (empty steps left out), and restored when the notebook
runs again. Each step keeps at most :data:`MAX_STEP_CHARS` characters (a
longer one is saved cut, with a message), so the answers file stays far below
its limit. The widget has no answer key and gives no score: a mentor grades
the strategy against the rubric after the learner submits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..answers import STEP_CHARS, AnswerStore, AnswerStoreError
from ..i18n import _, current_language, direction
from .base import Feedback, Status, button, esc, html_block, speaks
from .assistive import assistive
from .style import style_widget

MAX_STEP_CHARS = STEP_CHARS     # the grader cuts any step to the same length
NUMBER = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec "
          "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
          "كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين").split()
DATE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])|[\u0661\u0662][\u0660-\u0669]{3}"
                  r"|\b[0-9]{1,2}[/.-][0-9]{1,2}\b"
                  r"|(?<!\w)(?:ب|في|و)?(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
                  + r")(?!\w)", re.IGNORECASE)
CSS = """<style>
.course-strategy textarea { min-height: 5.5em; font-size: 1em; }
.course-strategy .course-step { margin: 10px 0 2px; }
.course-strategy .course-step small { color: #555; }
.course-strategy .widget-accordion, .course-strategy .jupyter-widget-Accordion { max-width: 40em; }
</style>"""


@dataclass(frozen=True)
class StepSpec:
    """One step: its id and the texts the learner reads (title, guiding question, example)."""
    id: str
    title: str
    question: str = ""
    placeholder: str = ""


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion: its id, title, points and what each number of points means."""
    id: str
    title: str
    points: int
    levels: dict[int, str]


def has_number(text: str) -> bool:
    return bool(NUMBER.search(text or ""))


def has_date(text: str) -> bool:
    return bool(DATE.search(text or ""))


def points_text(points: int) -> str:
    """``1 point``, ``2 points``, ... in the current language (Arabic has its own one, two and zero)."""
    special = {0: "capstone.no_points", 1: "capstone.point", 2: "capstone.two_points"}
    return _(special[points]) if points in special else _("capstone.points", count=points)


def rubric_html(rubric: list[Criterion]) -> str:
    """The rubric as the learner reads it before writing."""
    total = sum(c.points for c in rubric)
    parts = [f"<p>{esc(_('capstone.rubric_intro', total=total))}</p><ol>"]
    for c in rubric:
        levels = "".join(f"<li>{esc(_('capstone.level', points=points_text(n), text=c.levels.get(n, '')))}</li>"
                         for n in sorted(c.levels, reverse=True))
        parts.append(f"<li><b>{esc(_('capstone.criterion', title=c.title, points=points_text(c.points)))}</b>"
                     f"<ul>{levels}</ul></li>")
    parts.append("</ol>")
    return html_block("".join(parts))


class StrategyBuilder(w.VBox):
    """``StrategyBuilder(question, steps, rubric, store=store)``: the capstone, saved as ``{step_id: text}``."""

    def __init__(self, question: str, steps: list[StepSpec], rubric: list[Criterion], *,
                 store: AnswerStore, folder: Path | str | None = None):
        super().__init__(layout=w.Layout(width="auto", max_width="100%"))
        if store is None:
            raise ValueError("a strategy builder saves to an assessment's answers store (store=)")
        if len(steps) < 2 or len({s.id for s in steps}) != len(steps):
            raise ValueError("a strategy needs two or more steps with different ids")
        self.question, self.store = question, store
        self.steps, self.rubric = list(steps), list(rubric)
        self.folder = Path(folder) if folder is not None else store.path.parent
        self.language, self.direction = current_language(), direction()
        self.last_feedback: Feedback | None = None
        self.exported = None
        self._restoring = False
        self.rubric_panel = w.Accordion(children=[w.HTML(rubric_html(self.rubric), layout=w.Layout(width="auto"))],
                                        selected_index=None, layout=w.Layout(width="auto", max_width="40em"))
        self.rubric_panel.set_title(0, _("capstone.rubric_title"))
        self.boxes: dict[str, w.Textarea] = {}
        body: list[w.Widget] = []
        for number, step in enumerate(self.steps, 1):
            label = w.HTML(html_block(
                f"<b>{esc(_('capstone.step_label', number=number, total=len(self.steps), title=step.title))}</b>"
                + (f"<br><small>{esc(step.question)}</small>" if step.question else ""), css="course-step"),
                layout=w.Layout(width="auto"))
            box = w.Textarea(value="", placeholder=step.placeholder, tooltip=step.title, rows=4,
                             continuous_update=True, layout=w.Layout(width="100%", max_width="40em"))
            box.add_class("course-text")
            box.observe(self._on_change, names="value")
            self.boxes[step.id] = box
            body += [label, box]
        self.checks = w.HTML(layout=w.Layout(width="auto"))
        self.feedback = w.HTML(layout=w.Layout(width="auto", min_height="1.5em"))
        # links go in an output area: JupyterLab resolves them beside the notebook and opens them itself
        self.links = w.Output(layout=w.Layout(width="auto"))
        self.save_button = button(_("capstone.save"), icon="save", tooltip=_("capstone.save_tooltip"))
        self.save_button.on_click(lambda _b: self.save())
        self.export_button = button(_("capstone.export"), icon="download", tooltip=_("capstone.export_tooltip"))
        self.export_button.on_click(lambda _b: self.export())
        note = w.HTML(html_block(f"<small>{esc(_('capstone.mentor_cell'))}</small>"), layout=w.Layout(width="auto"))
        self.add_class("course-widget")
        self.add_class("course-strategy")
        if self.direction == "rtl":
            self.add_class("course-rtl")
        self.children = [style_widget(), assistive(), w.HTML(CSS, layout=w.Layout(display="none")), self.rubric_panel, *body,
                         self.checks,
                         w.HBox([self.save_button, self.export_button], layout=w.Layout(flex_flow="row wrap",
                                                                                        width="auto")),
                         self.feedback, self.links, note]
        self._restore()
        self._update_checks()

    # -- the answer ---------------------------------------------------------------------------
    @property
    def links_html(self) -> str:
        """The links shown after Export (empty before)."""
        return "".join(o["data"]["text/html"] for o in self.links.outputs)

    @property
    def value(self) -> dict[str, str]:
        """``{step_id: text}`` of every step written (cut to :data:`MAX_STEP_CHARS`)."""
        return {sid: box.value[:MAX_STEP_CHARS] for sid, box in self.boxes.items() if box.value.strip()}

    @value.setter
    def value(self, answer: dict[str, Any] | None) -> None:
        if answer is not None and not isinstance(answer, dict):
            raise ValueError("a strategy is a table of steps")
        answer = answer or {}
        for sid, box in self.boxes.items():
            text = answer.get(sid, "")
            box.value = text[:MAX_STEP_CHARS] if isinstance(text, str) else ""

    def is_answered(self, value: Any) -> bool:
        return isinstance(value, dict) and any(isinstance(v, str) and v.strip() for v in value.values())

    @speaks
    def describe(self, value: Any) -> str:
        """The strategy in words: each written step's title and text."""
        if not isinstance(value, dict):
            return str(value)
        return "\n".join(f"{s.title}: {value[s.id]}" for s in self.steps if isinstance(value.get(s.id), str))

    def missing(self) -> list[StepSpec]:
        """The steps still empty."""
        return [s for s in self.steps if not self.boxes[s.id].value.strip()]

    @speaks
    def advice(self) -> list[str]:
        """The gentle checks: what is still to write, what the objective lacks, steps too long."""
        notes = []
        missing = self.missing()
        if missing:
            notes.append(_("capstone.still_to_write",
                           steps=_("capstone.list_separator").join(s.title for s in missing)))
        objective = self.boxes.get("objectives") or self.boxes[self.steps[0].id]
        if objective.value.strip():
            if not has_number(objective.value):
                notes.append(_("capstone.objective_number"))
            if not has_date(objective.value):
                notes.append(_("capstone.objective_date"))
        for s in self.steps:
            if len(self.boxes[s.id].value) > MAX_STEP_CHARS:
                notes.append(_("capstone.too_long", step=s.title, limit=f"{MAX_STEP_CHARS:,}"))
        return notes

    # -- actions ------------------------------------------------------------------------------
    @speaks
    def save(self) -> Feedback:
        """Save the strategy to the answers file (an empty one is cleared); say what happened."""
        value = self.value
        try:
            if self.is_answered(value):
                self.store.save(self.question, value)
                feedback = Feedback(Status.SAVED, _("capstone.saved", written=len(value), total=len(self.steps)))
            else:
                self.store.clear(self.question)
                feedback = Feedback(Status.INFO, _("capstone.nothing_saved"))
        except AnswerStoreError as exc:
            feedback = Feedback(Status.PROBLEM, str(exc))
        return self._show(feedback)

    @speaks
    def export(self):
        """Save, then write the one-page HTML and PDF beside the notebook and link to them."""
        from .strategy_document import Step, export
        self.save()
        steps = [Step(s.title, s.question, self.boxes[s.id].value[:MAX_STEP_CHARS]) for s in self.steps]
        made = self.exported = export(self.folder, steps, self.language)
        links = []
        if made.html is not None:
            name = esc(made.html.name)
            links.append(f'<a href="{name}" target="_blank" rel="noopener">{esc(_("capstone.open_html", name=made.html.name))}</a>')
            links.append(f'<a href="{name}" download>{esc(_("capstone.download_html", name=made.html.name))}</a>')
        if made.pdf is not None:
            name = esc(made.pdf.name)
            links.append(f'<a href="{name}" download>{esc(_("capstone.download_pdf", name=made.pdf.name))}</a>')
        shown = html_block(f"{esc(_('capstone.exported'))}<ul>" + "".join(f"<li>{a}</li>" for a in links) + "</ul>")
        self.links.outputs = ({"output_type": "display_data", "metadata": {},
                               "data": {"text/html": shown, "text/plain": " ".join(p.name for p in (made.html, made.pdf)
                                                                                     if p is not None)}},) if links else ()
        if made.problem:
            self._show(Feedback(Status.PROBLEM, made.problem))
        return made

    def __repr__(self) -> str:
        try:
            return self.describe(self.value) or f"StrategyBuilder({self.question!r})"
        except Exception:  # noqa: BLE001 - a repr must never fail
            return f"StrategyBuilder({getattr(self, 'question', '')!r})"

    # -- internals ----------------------------------------------------------------------------
    def _show(self, feedback: Feedback) -> Feedback:
        self.last_feedback = feedback
        self.feedback.value = feedback.to_html()
        return feedback

    def _on_change(self, _change=None) -> None:
        if self._restoring:
            return
        self._update_checks()
        self.save()

    @speaks
    def _update_checks(self) -> None:
        notes = self.advice()
        if not notes:
            self.checks.value = Feedback(Status.INFO, _("capstone.all_written")).to_html()
            return
        self.checks.value = html_block(
            "<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>",
            css="course-feedback course-info", extra=' role="status" aria-live="polite"')

    @speaks
    def _restore(self) -> None:
        if not self.store.has(self.question):
            return
        saved = self.store.get(self.question)
        self._restoring = True
        try:
            self.value = saved
        except (ValueError, TypeError):
            self._show(Feedback(Status.PROBLEM, _("widget.saved_invalid")))
            return
        finally:
            self._restoring = False
        self._show(Feedback(Status.SAVED, _("capstone.saved", written=len(self.value), total=len(self.steps))))
