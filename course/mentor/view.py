"""The mentor dashboard's widgets: a mentor filter over every table and figure.

The dashboard notebook (``grading/mentor_dashboard.ipynb``) builds one
:class:`MentorDashboard` and shows it::

    board = MentorDashboard.from_environment()   # COURSE_ROOT, else the checkout
    board.header()                               # the course and what the page holds
    board.show_all()                             # the mentor filter and every section

Each section is a heading, a one-line guide and an ``ipywidgets.Output``;
choosing a mentor in the Dropdown redraws every section with that mentor's
learners only. Tables come with a CSV download link of exactly what they
show. Learners' own text (names, questions) is always HTML-escaped. A course
that cannot be read yet shows one plain message instead of the sections; a
section that fails shows its error and leaves the others alone.

Two things keep the page reliable under Voila 0.5:

- a section is drawn by setting the ``Output``'s ``outputs`` (its state),
  never by capturing printed output with ``with out:``, which can hang Voila
  while it runs the notebook (voila-dashboards/voila#1428);
- the whole dashboard is *one* widget on the page. When the page opens, each
  widget on it waits at most two seconds for its state to arrive from the
  kernel; loading plotly's JavaScript for the first figure can hold the
  browser longer than that, and widgets still waiting then show "model not
  found". One widget is found before any figure is drawn.

``show(section)`` displays a single section on its own (handy in JupyterLab).
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import traceback
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import HTML, display

from ..layout import CourseLayout, LayoutError
from ..syllabus import SyllabusError
from . import figures
from .completions import COMPLETED, ONE_STEP
from .data import MIN_ANSWERS, NO_MENTOR, CourseData, DashboardError, load_course
from .export import download_link
from .risk import DEFAULT_INACTIVE_DAYS, at_risk

ALL = "__all__"   # the filter value for every learner
Part = str | dict   # a piece of a section: HTML, or a MIME bundle (a figure)

SECTIONS = {   # name -> (heading, one-line guide)
    "funnel": ("1. Cohort funnel",
               "How many learners opened each week, handed in its assessment, and passed it."),
    "scores": ("2. Scores per week",
               "Each learner's score (best passing, else latest) as a share of the week's points; "
               "the dashed line is the pass mark."),
    "items": ("3. Item analysis: the hardest questions",
              f"Every assessment question, hardest first among those with at least {MIN_ANSWERS} graded "
              "answers (fewer say little): revisit the top ones in the live chat."),
    "risk": ("4. Learners at risk",
             "Due date passed with nothing gradable handed in, failed a week twice or more, or "
             "inactive for the number of days set here."),
    "queue": ("5. Written answers waiting for your grade",
              "Mark them on the marking page (`course dashboard` prints its address): saving a mark "
              "updates the gate, progress and the learner's feedback at once. "
              "Answers that decide a pass come first."),
    "questions": ("6. Questions learners asked",
                  "From the “Ask your mentor” box of the lessons; they arrive with each submission."),
    "progress": ("7. Every learner, every week",
                 "The gate's state and score of each week for each learner (as `course progress`)."),
    "completions": ("8. Completions and certificates",
                    "Who passed every week, when, with each week's score and whether their certificate is "
                    "written (`course certificates` writes the missing ones); then who is one step away."),
}

CONTENTS = {   # name -> what the section shows, as listed at the top of the page
    "funnel": figures.FUNNEL_TITLE,
    "scores": figures.SCORES_TITLE,
    "items": figures.ITEMS_TITLE,
    "risk": "Learners at risk, each with the reason",
    "queue": "Written answers waiting for a mentor's grade, those that decide a pass first",
    "questions": "Questions learners asked their mentor from the lessons",
    "progress": "Every learner's state and score in every week",
    "completions": "Learners who completed the course, their certificates, and who is one step away",
}

RULE_WORDS = {"overdue": "due date passed", "failed_twice": "failed twice or more",
              "inactive": "inactive"}

STYLE = """<style>
.course-dash table.course-table { border-collapse: collapse; font-size: 0.92em; margin: 4px 0 6px 0; }
.course-dash .course-table th { text-align: start; background: #eef2f6; position: sticky; top: 0; }
.course-dash .course-table th, .course-dash .course-table td { padding: 4px 8px; border-bottom: 1px solid #d8dee4;
  vertical-align: top; }
.course-dash .course-table td { white-space: pre-wrap; overflow-wrap: break-word; max-width: 42em; text-align: start; }
.course-dash .course-scroll { max-height: 28em; overflow: auto; }
.course-dash .course-note { color: #444; }
.course-dash .course-problem { border-inline-start: 4px solid #c62828; padding-inline-start: 6px; }
.course-dash h2.course-section { margin: 1.4em 0 0.2em 0; }
.course-dash .course-download { display: inline-block; margin: 2px 0 8px 0; }
</style>"""


def figure_bundle(fig: go.Figure) -> dict:
    """The figure as plotly's own MIME type (drawn by JupyterLab and Voila without a network),
    with its title as plain text for places that cannot draw it."""
    bundle = pio.renderers["plotly_mimetype"].to_mimebundle(fig.to_dict())
    title = fig.layout.title.text or "figure"
    bundle["text/plain"] = title.split("<br>")[0]
    return bundle


def when(value, zone: str = "UTC") -> str:
    """A naive UTC time in the time zone ``zone`` (an IANA name such as ``Asia/Beirut``), named by its
    city: ``2026-12-15 20:04 Beirut`` ("–" when missing; ``... UTC`` for UTC or an unknown zone)."""
    if value is None or pd.isna(value):
        return "–"
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    try:
        local = stamp.tz_convert(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        zone, local = "UTC", stamp
    city = "UTC" if zone in ("UTC", "Etc/UTC") else zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{local:%Y-%m-%d %H:%M} {city}"


def table_html(frame: pd.DataFrame, empty: str) -> str:
    """A table as escaped HTML in a scrolling box, or the ``empty`` sentence when it has no rows."""
    if frame.empty:
        return f'<p class="course-note">{html.escape(empty)}</p>'
    body = frame.to_html(index=False, escape=True, na_rep="–", border=0, classes="course-table")
    return f'<div class="course-scroll">{body}</div>'


def _code(text: str) -> str:
    """Escaped text with `backticks` shown as code."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


class MentorDashboard:
    """The dashboard of one course: a mentor filter and one redrawable output per section."""

    def __init__(self, data: CourseData | None, *, error: str | None = None,
                 now: dt.datetime | None = None, inactive_days: int = DEFAULT_INACTIVE_DAYS,
                 root: str = ""):
        if data is None and not error:
            raise ValueError("give the course's data, or the error that stopped reading it")
        self.data, self.error, self.root = data, error, root
        self.now = now or (data.loaded_at if data is not None else None)
        self.outputs: dict[str, w.Output] = {}
        self.sections: dict[str, w.VBox] = {}
        self.picker = w.Dropdown(options=self.mentor_options(), value=ALL, description="Show",
                                 tooltip="Show every table and figure for one mentor's learners",
                                 layout=w.Layout(width="auto", min_width="24em"),
                                 style={"description_width": "initial"})
        self.picker.observe(self._redraw_all, names="value")
        self.inactive_days = w.BoundedIntText(
            value=inactive_days, min=1, max=120, step=1, description="Inactive after (days)",
            tooltip="A learner with no submission for this many days is listed as inactive",
            style={"description_width": "initial"}, layout=w.Layout(width="16em"))
        self.inactive_days.observe(lambda _c: self.redraw("risk"), names="value")
        self.renderers: dict[str, Callable[[CourseData], list[Part]]] = {
            "funnel": self._funnel, "scores": self._scores, "items": self._items, "risk": self._risk,
            "queue": self._queue, "questions": self._questions, "progress": self._progress,
            "completions": self._completions}

    @classmethod
    def from_environment(cls, root: str | None = None, language: str | None = None,
                         **options) -> "MentorDashboard":
        """The dashboard of the course at ``root`` (default: ``$COURSE_ROOT``, else this checkout), with
        question titles in ``language`` (default: ``$COURSE_LANG``, else the course's language).
        A course that cannot be read gives a dashboard that says why, never an exception."""
        layout = CourseLayout.at(root)
        try:
            data = load_course(layout, language or os.environ.get("COURSE_LANG") or None)
        except (DashboardError, LayoutError, SyllabusError) as exc:
            return cls(None, error=str(exc), root=str(layout.root), **options)
        return cls(data, root=str(layout.root), **options)

    # -- the filter ---------------------------------------------------------------------------------
    def mentor_options(self) -> list[tuple[str, str]]:
        if self.data is None:
            return [("All learners", ALL)]
        roster = self.data.roster
        options = [(f"All learners ({len(roster)})", ALL)]
        for m in self.data.mentors.itertuples():
            if m.learners:
                label = m.name if m.name == m.mentor else f"{m.name} ({m.mentor})"
                options.append((f"{label}: {m.learners} learner{'s' if m.learners != 1 else ''}", m.mentor))
        without = int((roster["mentor"] == NO_MENTOR).sum())
        if without and len(options) > 1:
            options.append((f"No mentor yet: {without} learner{'s' if without != 1 else ''}", NO_MENTOR))
        return options

    @property
    def mentor(self) -> str | None:
        """The chosen filter: a mentor's id, ``""`` for learners without one, None for everyone."""
        return None if self.picker.value == ALL else self.picker.value

    def select(self, mentor: str | None) -> None:
        """Choose a mentor (None: everyone); every section is redrawn."""
        self.picker.value = ALL if mentor is None else mentor

    @property
    def view(self) -> CourseData:
        """The course's data for the chosen mentor."""
        return self.data.for_mentor(self.mentor)

    def when(self, value) -> str:
        """A time as the dashboard shows it: in the cohort's time zone (syllabus ``[cohort] timezone``)."""
        return when(value, self.data.syllabus.timezone if self.data is not None else "UTC")

    def subtitle(self) -> str:
        label = dict((v, k) for k, v in self.picker.options)[self.picker.value]
        return f"Showing: {label} · data read {self.when(self.data.loaded_at)}"

    # -- displaying -------------------------------------------------------------------------------
    def header(self) -> None:
        """Display (as plain HTML) the course's name, what the page holds, and any problem."""
        if self.error:
            display(HTML(f'{STYLE}<div class="course-dash"><p class="course-problem">⚠ <b>The dashboard '
                         f'cannot show this course yet.</b><br>{html.escape(self.error)}</p></div>'))
            return
        s, data = self.data.syllabus, self.data
        contents = "".join(f'<li><a href="#course-{name}">{html.escape(title)}</a></li>'
                           for name, title in CONTENTS.items())
        problems = "".join(f'<p class="course-problem">⚠ {html.escape(p)}</p>' for p in data.problems)
        filter_note = ("" if len(self.picker.options) > 1 else
                       "<p class=\"course-note\">No learner has a mentor yet, so the filter shows everyone. "
                       "Import a roster with <code>course roster LEARNERS.csv --mentors MENTORS.csv</code>.</p>")
        display(HTML(
            f'{STYLE}<div class="course-dash"><p><b>{html.escape(s.title)}</b> · {html.escape(s.cohort_name)} · '
            f'{len(data.roster)} learners · {len(s.weeks)} weeks · data read {self.when(data.loaded_at)} '
            f'from <code>{html.escape(self.root)}</code></p>'
            f'<p>On this page:</p><ol>{contents}</ol>{problems}{filter_note}</div>'))

    def widget(self) -> w.VBox:
        """The whole dashboard as one widget: the mentor filter, then every section."""
        if self.error:
            return w.VBox()
        box = w.VBox([self.picker, *(self.section(name) for name in SECTIONS)],
                     layout=w.Layout(width="100%"))
        box.add_class("course-dash")
        return box

    def show_all(self) -> None:
        """Display the whole dashboard (nothing when the course cannot be read; the header says why)."""
        if not self.error:
            display(self.widget())

    def show(self, section: str) -> None:
        """Display one section on its own; it is redrawn whenever the filter changes."""
        if not self.error:
            display(self.section(section))

    def section(self, name: str) -> w.VBox:
        """One section's widget: heading, guide, its controls and its output (made once)."""
        if name not in self.renderers:
            raise ValueError(f"unknown section {name!r}; choose one of {', '.join(self.renderers)}")
        if name not in self.sections:
            heading, guide = SECTIONS[name]
            title = w.HTML(f'<h2 class="course-section" id="course-{name}">{html.escape(heading)}</h2>'
                           f'<p class="course-note">{_code(guide)}</p>', layout=w.Layout(width="100%"))
            out = self.outputs[name] = w.Output(layout=w.Layout(width="100%"))
            controls = [self.inactive_days] if name == "risk" else []
            self.sections[name] = w.VBox([title, *controls, out], layout=w.Layout(width="100%"))
            self.redraw(name)
        return self.sections[name]

    def redraw(self, section: str) -> None:
        """Draw ``section`` again for the chosen mentor."""
        out = self.outputs.get(section)
        if out is None or self.data is None:
            return
        try:
            parts = self.renderers[section](self.view)
        except Exception as exc:  # noqa: BLE001 - one broken section must not hide the others
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            parts = [f'<p class="course-problem">⚠ This section could not be drawn: {html.escape(last)}</p>']
        out.outputs = tuple({"output_type": "display_data", "data": self._bundle(part), "metadata": {}}
                            for part in parts)

    def text(self, section: str) -> str:
        """Everything a section shows, as text: its HTML and its figures' JSON (for tests and checks)."""
        out = self.outputs.get(section)
        if out is None:
            return ""
        return "\n".join(o["data"].get("text/html") or json.dumps(o["data"], ensure_ascii=False)
                         for o in out.outputs)

    @staticmethod
    def _bundle(part: Part) -> dict:
        if isinstance(part, dict):
            return part
        return {"text/html": part, "text/plain": "(a table or a note; open the dashboard to see it)"}

    def _redraw_all(self, _change=None) -> None:
        for section in self.outputs:
            self.redraw(section)

    # -- the sections: each returns its parts, top to bottom ------------------------------------------
    def _file(self, name: str) -> str:
        who = "all" if self.mentor is None else (self.mentor or "no-mentor")
        return f"{name}-{who}-{self.data.loaded_at:%Y-%m-%d}.csv"

    def _table(self, frame: pd.DataFrame, name: str, empty: str) -> list[Part]:
        parts: list[Part] = [table_html(frame, empty)]
        if not frame.empty:
            parts[0] += download_link(frame, self._file(name))
        return parts

    @staticmethod
    def _note(text: str) -> str:
        return f'<p class="course-note">{html.escape(text)}</p>'

    def _funnel(self, view: CourseData) -> list[Part]:
        return [figure_bundle(figures.funnel(view.progress, view.syllabus, self.subtitle())),
                self._note(figures.funnel_summary(figures.funnel_counts(view.progress, view.syllabus)))]

    def _scores(self, view: CourseData) -> list[Part]:
        return [figure_bundle(figures.score_distributions(view.progress, view.syllabus, self.subtitle())),
                self._note(figures.scores_summary(view.progress, view.syllabus))]

    def _items(self, view: CourseData) -> list[Part]:
        items = view.item_analysis
        shown = pd.DataFrame({
            "week": items["week_number"], "question": items["title"], "grade id": items["question"],
            "points": items["max_score"].map("{:g}".format), "graded answers": items["graded"],
            "ranked": items["ranked"].map({True: "yes", False: f"no: fewer than {MIN_ANSWERS} graded answers"}),
            "full marks": items["full_marks"],
            "share with full marks (%)": (100 * items["share_full"]).round(0).astype("Int64"),
            "mean share of points (%)": (100 * items["mean_share"]).round(0).astype("Int64"),
            "waiting for a mentor": items["pending"]})
        return [figure_bundle(figures.item_analysis_chart(items, self.subtitle())),
                self._note(figures.items_summary(items)),
                *self._table(shown, "item-analysis", "No graded answers yet.")]

    def at_risk(self, view: CourseData | None = None) -> pd.DataFrame:
        """The learners at risk among the chosen mentor's learners, at ``now``."""
        view = view or self.view
        return at_risk(view.progress, view.attempts, view.syllabus, self.now,
                       inactive_days=int(self.inactive_days.value), roster=view.roster)

    def _risk(self, view: CourseData) -> list[Part]:
        risk = self.at_risk(view)
        shown = pd.DataFrame({"learner": risk["learner"], "name": risk["name"], "mentor": risk["mentor"],
                              "week": risk["week_number"], "why": risk["rule"].map(RULE_WORDS),
                              "reason": risk["reason"]})
        count = risk["learner"].nunique()
        return [self._note(f"{count} learner{'s' if count != 1 else ''} at risk on {self.when(self.now)}."),
                *self._table(shown, "at-risk", "No learner is at risk by these rules today.")]

    def _queue(self, view: CourseData) -> list[Part]:
        queue = view.manual_queue
        now = pd.Timestamp(self.now)
        shown = pd.DataFrame({
            "learner": queue["learner"], "name": queue["name"], "mentor": queue["mentor"],
            "week": queue["week_number"],
            "question": [view.titles.get((wk, q)) or q for wk, q in zip(queue["week"], queue["question"])],
            "grade id": queue["question"],
            "points": queue["points"].map("{:g}".format),
            "submitted": queue["submitted_at"].map(self.when),
            "waiting (days)": (now - queue["submitted_at"]).dt.days.clip(lower=0),
            "decides pass or fail": queue["decides_result"].map({True: "yes: the learner waits", False: "no"})})
        blocking = int(queue["decides_result"].sum())
        return [self._note(f"{len(queue)} answer{'s' if len(queue) != 1 else ''} to grade; {blocking} of "
                           "them decide whether a learner passes (listed first)."),
                *self._table(shown, "manual-grading-queue", "Nothing waits for a mentor's grade.")]

    def _questions(self, view: CourseData) -> list[Part]:
        q = view.questions.sort_values("asked_at", ascending=False, kind="stable")
        names = self._names(view)
        shown = pd.DataFrame({"asked": q["asked_at"].map(self.when), "learner": q["learner"],
                              "name": q["learner"].map(names).fillna(""), "week": q["week_number"],
                              "lesson": q["lesson"], "question": q["text"]})
        parts = self._table(shown, "questions", "No questions yet. They arrive with each learner's "
                                                "submission of the week they were asked in.")
        parts += [f'<p class="course-problem">⚠ {html.escape(p)}</p>' for p in view.problems]
        return parts

    @staticmethod
    def _names(view: CourseData) -> dict[str, str]:
        return dict(zip(view.roster["learner"], view.roster["name"]))

    def _progress(self, view: CourseData) -> list[Part]:
        p = view.progress
        cell = p["state"].str.replace("_", " ")
        scored = p["score"].notna()
        cell = cell.where(~scored, cell + " " + p["score"].map("{:g}".format, na_action="ignore") + "/"
                          + p["max_score"].map("{:g}".format, na_action="ignore"))
        who = p["opened_by"].fillna("").where(p["opened_by"].fillna("") != "", "a mentor")
        cell = cell.where(~p["overridden"], cell + " (opened by " + who + ")")
        table = (p.assign(cell=cell).pivot(index="learner", columns="week_number", values="cell")
                 .rename(columns=lambda n: f"week {n}").reset_index())
        roster = view.roster[["learner", "name", "mentor"]]
        table = roster.merge(table, on="learner", how="left") if len(table.columns) > 1 else roster
        return self._table(table.fillna("–"), "progress", "No learners yet.")

    def _completions(self, view: CourseData) -> list[Part]:
        c = view.completions
        done = c[c["status"] == COMPLETED]
        near = c[c["status"] == ONE_STEP]
        issued = int((done["certificate"] == "issued").sum())
        waiting = int(near["waits_for_mentor"].sum())
        weeks = " · ".join(f"week {w.number}" for w in view.syllabus.weeks)
        shown = pd.DataFrame({
            "learner": c["learner"], "name": c["name"], "mentor": c["mentor"],
            "status": c["status"],
            "completed on (as on the certificate)": c["completed_on"].map(
                lambda d: "–" if d is None or pd.isna(d) else f"{d:%Y-%m-%d}"),
            f"scores ({weeks})": c["scores"], "next step": c["next_step"].replace("", "–"),
            "certificate": c["certificate"].replace("", "–"), "verification code": c["code"].replace("", "–")})
        note = (f"{len(done)} learner{'s' if len(done) != 1 else ''} completed the course; {issued} "
                f"certificate{'s' if issued != 1 else ''} written"
                + (f" ({len(done) - issued} to write: `course certificates`)" if issued < len(done) else "")
                + f". {len(near)} learner{'s are' if len(near) != 1 else ' is'} one step away"
                + (f", {waiting} of them waiting for a mentor." if waiting else "."))
        return [f'<p class="course-note">{_code(note)}</p>',
                *self._table(shown, "completions", "No learner has completed the course or is one step away yet.")]
