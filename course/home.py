"""The learner's home page (``START_HERE.ipynb``): schedule, own progress, links, mentor, live chats.

It reads the published gate each time it runs, so after a pass the next week
shows up without restarting JupyterLab. The learner and course come from the
environment that ``course lab`` sets (``COURSE_ROOT``, ``COURSE_LEARNER``).
Everything is in the learner's language: the page itself
(:func:`home_notebook_text`), the table, the lock reasons (rebuilt from the
gate in the page's language) and the live chats; Latin runs inside Arabic
(a learner id, a score, a time zone) are bidi-isolated. Status icons are
inline SVG with a text label, so they show without an emoji font. A switch
(:func:`language_switch`) lets the learner change language.
"""
from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from . import gate
from .i18n import _, current_language, direction, language, set_language
from .layout import CourseLayout
from .progress import State, WeekProgress
from .syllabus import Syllabus, Week

_SVG = '<svg class="course-state-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" ' \
       'focusable="false" style="vertical-align:-3px">{}</svg>'
STATE_ICONS = {
    "locked": _SVG.format('<rect x="3" y="7" width="10" height="8" rx="1.5" fill="#5f6368"/>'
                          '<path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="#5f6368" stroke-width="1.8"/>'),
    "unlocked": _SVG.format('<path d="M1 3.5C3.5 2.5 5.8 2.7 7.6 4v10C5.8 12.7 3.5 12.5 1 13.5z'
                            'M15 3.5C12.5 2.5 10.2 2.7 8.4 4v10c1.8-1.3 4.1-1.5 6.6-.5z" fill="#1a73e8"/>'),
    "submitted": _SVG.format('<circle cx="8" cy="8" r="6.5" fill="none" stroke="#b06000" stroke-width="1.8"/>'
                             '<path d="M8 4v4.5l3 2" fill="none" stroke="#b06000" stroke-width="1.8"/>'),
    "awaiting_review": _SVG.format('<path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z" fill="none" '
                                   'stroke="#7b1fa2" stroke-width="1.6"/><circle cx="8" cy="8" r="2.3" fill="#7b1fa2"/>'),
    "passed": _SVG.format('<circle cx="8" cy="8" r="8" fill="#188038"/>'
                          '<path d="M4 8.4l2.7 2.7L12 5.6" fill="none" stroke="#fff" stroke-width="2"/>'),
    "failed": _SVG.format('<path d="M13 8a5 5 0 1 1-1.5-3.6" fill="none" stroke="#c5221f" stroke-width="2"/>'
                          '<path d="M12.3 1.5v3.4H8.9" fill="none" stroke="#c5221f" stroke-width="2"/>'),
}
_STYLE = """<style>
.course-home table {border-collapse: collapse; width: 100%; max-width: 60em}
.course-home td, .course-home th {border-bottom: 1px solid #ccc; padding: 6px; vertical-align: top; text-align: start}
.course-home small {color: #555}
.course-home[dir="rtl"] {text-align: right}
@media (max-width: 600px) {
  .course-home thead {display: none}
  .course-home tr, .course-home td {display: block; border: 0; padding: 2px 0}
  .course-home tr {border-bottom: 1px solid #ccc; padding: 6px 0}
}
</style>"""
HOME_CODE = "from course.home import show\nshow()"
_INTRO_KEYS = ("home.page.title", "home.page.about", "home.page.how", "home.page.step1", "home.page.step2",
               "home.page.step3", "home.page.step4", "home.page.run")


def _learner(layout: CourseLayout) -> str:
    from .scaffold import default_learner_id, solo_learner
    return os.environ.get("COURSE_LEARNER") or solo_learner(layout) or default_learner_id()


def _esc(text) -> str:
    return html.escape(str(text))


def _iso(text, ltr: bool = False) -> str:
    """``text`` escaped and bidi-isolated (a learner id, a score, a time inside an Arabic sentence)."""
    return f'<bdi dir="ltr">{_esc(text)}</bdi>' if ltr else f"<bdi>{_esc(text)}</bdi>"


def _html(key: str, **values: str) -> str:
    """The message ``key`` as HTML: its text escaped, ``values`` (already HTML) filled in."""
    return _esc(_(key)).format(**values) if values else _esc(_(key))


def _day(day: dt.date, weekday: bool = False) -> str:
    """A date in words of the current language (``13 Dec 2026`` / ``13 ديسمبر 2026``)."""
    month = _("home.months").split(",")[day.month - 1]
    text = _("home.day", day=f"{day.day:02d}", month=month, year=day.year)
    if weekday:
        text = _("home.weekday_day", weekday=_("home.weekdays").split(",")[day.weekday()],
                 day=f"{day.day:02d}", month=month)
    return text


def _when(moment: dt.datetime, weekday: bool = False) -> str:
    """A date and time with its UTC offset, as HTML: the time and offset kept left to right."""
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    date = _day(moment.date(), weekday) if weekday else _day(moment.date())
    return _html("home.date_time", date=_esc(date), time=_iso(f"{moment:%H:%M}", ltr=True),
                 zone=_iso(zone, ltr=True))


def _week_links(week: Week, workspace: Path) -> str:
    folder = workspace / week.id
    if not folder.exists():
        return _html("home.fetch_hint", menu=_iso("Nbgrader → Assignment List", ltr=True),
                     fetch=_iso("Fetch", ltr=True))
    links = []
    for number, name in enumerate(week.lessons, 1):
        if (folder / name).exists():
            links.append(f'<a href="{_esc(week.id)}/{_esc(name)}">'
                         f'{_esc(_("home.lesson_link", number=number, name=_pretty(name, folder)))}</a>')
    if (folder / week.assessment).exists():
        links.append(f'<a href="{_esc(week.id)}/{_esc(week.assessment)}">{_esc(_("home.assessment_link"))}</a>')
    feedback = sorted(folder.glob(f"feedback/*/{week.assessment_name}.html"))
    if feedback:
        rel = feedback[-1].relative_to(workspace).as_posix()
        links.append(f'<a href="{_esc(rel)}">{_esc(_("home.feedback"))}</a>')
    return "<br>".join(links)


def _pretty(name: str, folder: Path | None = None) -> str:
    """A lesson as the learner reads it: the first heading of their own copy (in their language),
    else its file name in words."""
    import json
    try:
        cells = json.loads((folder / name).read_text(encoding="utf-8")).get("cells", []) if folder else []
    except (OSError, ValueError):
        cells = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        for line in (source if isinstance(source, str) else "".join(source)).splitlines():
            if line.startswith("# "):
                return line[2:].strip().strip("*_ ")
    return name.removesuffix(".ipynb").replace("_", " ")


def reason(syllabus: Syllabus, week: Week, entries: dict[str, gate.GateEntry]) -> str:
    """Why a week is locked or closed, in the current language, rebuilt from the published gate."""
    entry = entries.get(week.id)
    if entry is None:
        return ""
    if entry.state == State.LOCKED.value:
        previous = syllabus.previous(week)
        prev = entries.get(previous.id) if previous else None
        if previous is None or prev is None:
            return entry.message
        wp = WeekProgress(week=week.id, state=State.LOCKED, blocked_by=previous.id,
                          blocked_score=prev.score, blocked_max=prev.max_score,
                          blocked_needed=(previous.points_needed(prev.max_score)
                                          if prev.max_score is not None else None))
        return gate.lock_message(syllabus, wp)
    if entry.state == State.FAILED.value and not entry.can_submit:
        return _("gate.no_attempts_left", attempts=week.attempts,
                 week=_("gate.week_name", number=week.number, title=week.title))
    return ""


def _status(syllabus: Syllabus, week: Week, entries: dict[str, gate.GateEntry]) -> str:
    entry = entries.get(week.id)
    state = entry.state if entry else "locked"
    parts = [f"{STATE_ICONS.get(state, '')} <b>{_esc(_('gate.state.' + state))}</b>"]
    if entry and entry.score is not None:
        score = _("home.score", score=f"{entry.score:g}", max_score=f"{entry.max_score:g}")
        parts.append(_iso(score, ltr=True))
    why = reason(syllabus, week, entries)
    if why:
        parts.append(f"<br><small>{_esc(why)}</small>")
    elif entry and state == "awaiting_review":
        parts.append(f"<br><small>{_esc(_('home.awaiting_review'))}</small>")
    elif entry and state == "failed" and entry.can_submit:
        parts.append(f"<br><small>{_esc(_('home.try_again'))}</small>")
    return " ".join(parts)


def progress_html(layout: CourseLayout | None = None, learner: str | None = None,
                  workspace: Path | None = None) -> str:
    """The home page's schedule and progress table, as HTML, in the current language."""
    layout = layout or CourseLayout.at()
    learner = learner or _learner(layout)
    workspace = workspace or Path.cwd()
    syllabus = layout.syllabus
    entries = _gate_entries(layout, learner)
    rows = []
    for week in syllabus.weeks:
        entry = entries.get(week.id)
        links = _week_links(week, workspace) if entry and entry.is_open else ""
        dates = _html("home.dates", opens=_esc(_day(week.opens)), due=_when(week.due))
        rows.append(
            f"<tr><td>{week.number}</td>"
            f"<td><b>{_esc(week.title)}</b> <small>({_esc(week.stage)})</small><br>"
            f"<small>{dates}</small></td>"
            f"<td>{_status(syllabus, week, entries)}</td><td>{links}</td></tr>")
    complete = ""
    if syllabus.weeks and all(getattr(entries.get(w.id), "state", "") == "passed" for w in syllabus.weeks):
        link = (f' <a href="certificate.pdf" download>{_esc(_("home.certificate"))}</a>'
                if (workspace / "certificate.pdf").is_file() else "")
        complete = (f'<p class="course-complete">{STATE_ICONS["passed"]} <b>{_esc(_("home.complete"))}</b> '
                    f'{_esc(_("home.complete_more"))}{link}</p>')
    head = "".join(f"<th>{_esc(_(k))}</th>" for k in
                   ("home.col.week", "home.col.topic", "home.col.progress", "home.col.open"))
    return (f'{_STYLE}<div class="course-home" dir="{direction()}" lang="{_esc(_("home.lang"))}">'
            f"<h3>{_html('home.hello', learner=_iso(learner))}</h3>{complete}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{_mentor_html(syllabus)}</div>")


def _gate_entries(layout: CourseLayout, learner: str) -> dict[str, gate.GateEntry]:
    """The learner's published gate: in a hub through the exchange service (the learner cannot read the
    exchange), else from the gate folder."""
    from .hub import service_client
    if not service_client.in_hub():
        return gate.read(layout.gate_dir, learner) or {}
    try:
        return service_client.gate_entries(service_client.read_gate()) or {}
    except service_client.ServiceError:
        return {}


def countdown(starts: dt.datetime, now: dt.datetime | None = None, local: dt.tzinfo | None = None) -> str:
    """How long until a live chat, and when that is on the learner's own clock ("in 3 days, at 19:00
    your time"); empty once it has started. ``local`` is the time zone of the computer the course runs on."""
    from babel.dates import format_timedelta
    now = now or dt.datetime.now(dt.timezone.utc)
    if starts <= now:
        return ""
    there = starts.astimezone(local) if local is not None else starts.astimezone()
    how_long = format_timedelta(starts - now, locale=current_language(), add_direction=True, threshold=1.5)
    return _("home.chat_countdown", how_long=how_long, time=f"{there:%H:%M}")


def _mentor_html(syllabus: Syllabus, now: dt.datetime | None = None, local: dt.tzinfo | None = None) -> str:
    def line(c) -> str:
        text = _html("home.chat", week=_esc(syllabus.week(c.week).number), when=_when(c.starts, weekday=True),
                     minutes=_esc(c.minutes), topic=_esc(c.topic))
        soon = countdown(c.starts, now, local)
        return f"<li>{text}" + (f" <b>{_iso(soon)}</b>" if soon else "") + "</li>"
    chats = "".join(line(c) for c in syllabus.live_chats)
    mentor = (_html('home.mentor', mentor=_iso(syllabus.mentor), contact=_iso(syllabus.mentor_contact))
              if syllabus.mentor else _esc(_("home2.no_mentor")))
    return (f"<p>{mentor}</p>"
            f"<p><b>{_esc(_('home.live_chats'))}</b></p><ul>{chats}</ul>")


def home_notebook_text(code: str) -> str:
    """``START_HERE.ipynb`` in language ``code``: the welcome in markdown, then the cell that shows
    progress (hidden). The committed page is the English one; ``course lab`` writes the learner's."""
    import nbformat
    with language(code):
        title, about, how, *steps, run = (_(k) for k in _INTRO_KEYS)
        steps_md = "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1))
        body = f"# {title}\n\n{about}\n\n**{how}**\n\n{steps_md}\n\n{run}"
        if direction() == "rtl":
            body = f'<div dir="rtl" lang="{code}">\n\n{body}\n\n</div>'
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nb.cells = [nbformat.v4.new_markdown_cell(body),
                nbformat.v4.new_code_cell(HOME_CODE, metadata={"jupyter": {"source_hidden": True}})]
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:02d}"
    return nbformat.writes(nb) + "\n"


def language_switch(layout: CourseLayout | None = None, workspace: Path | None = None, on_change=None):
    """The English / العربية switch: remembers the choice for the workspace, shows the lessons in it,
    and calls ``on_change`` (the page re-renders) with a sentence telling to reopen lessons."""
    import ipywidgets as widgets

    from . import workspace_language
    workspace = workspace or Path.cwd()
    names = {"en": "English", "ar": "العربية"}
    toggle = widgets.ToggleButtons(options=[(names[c], c) for c in names], value=current_language(),
                                   description="", style={"button_width": "auto"})
    toggle.add_class("course-language-switch")

    def changed(change):
        code = change["new"]
        workspace_language.remember(workspace, code)
        set_language(code)
        workspace_language.localise(workspace, code)
        if on_change:
            on_change(_("home.switched"))
    toggle.observe(changed, names="value")
    return toggle


def show() -> None:
    """Display the home page in a notebook, the language switch above it."""
    from IPython.display import HTML, display
    shown = {}

    def rerender(sentence: str) -> None:
        shown["note"].update(HTML(f'<div class="course-home" dir="{direction()}" lang="{_esc(_("home.lang"))}" '
                                  f'role="status"><p><b>{_esc(sentence)}</b></p></div>'))
        shown["page"].update(HTML(progress_html()))
    display(language_switch(on_change=rerender))
    shown["note"] = display(HTML(""), display_id=True)
    shown["page"] = display(HTML(progress_html()), display_id=True)
