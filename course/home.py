"""The learner's home page (``START_HERE.ipynb``): schedule, own progress, links, mentor, live chats.

It reads the published gate each time it runs, so after a pass the next week
shows up without restarting JupyterLab. The learner and course come from the
environment that ``course lab`` sets (``COURSE_ROOT``, ``COURSE_LEARNER``).
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from . import gate
from .i18n import _, direction
from .layout import CourseLayout
from .syllabus import Syllabus, Week

STATE_ICONS = {"locked": "🔒", "unlocked": "📖", "submitted": "⏳", "awaiting_review": "👀",
               "passed": "✅", "failed": "↻"}
_STYLE = """<style>
.course-home table {border-collapse: collapse; width: 100%; max-width: 60em}
.course-home td, .course-home th {border-bottom: 1px solid #ccc; padding: 6px; vertical-align: top; text-align: start}
.course-home small {color: #555}
@media (max-width: 600px) {
  .course-home thead {display: none}
  .course-home tr, .course-home td {display: block; border: 0; padding: 2px 0}
  .course-home tr {border-bottom: 1px solid #ccc; padding: 6px 0}
}
</style>"""


def _learner(layout: CourseLayout) -> str:
    from .scaffold import default_learner_id, solo_learner
    return os.environ.get("COURSE_LEARNER") or solo_learner(layout) or default_learner_id()


def _esc(text) -> str:
    return html.escape(str(text))


def _week_links(week: Week, workspace: Path) -> str:
    folder = workspace / week.id
    if not folder.exists():
        return _esc(_("home.fetch_hint"))
    names = list(week.lessons) + [week.assessment]
    links = [f'<a href="{week.id}/{n}">{_esc(n.removesuffix(".ipynb").replace("_", " "))}</a>'
             for n in names if (folder / n).exists()]
    feedback = sorted(folder.glob(f"feedback/*/{week.assessment_name}.html"))
    if feedback:
        rel = feedback[-1].relative_to(workspace).as_posix()
        links.append(f'<a href="{_esc(rel)}">{_esc(_("home.feedback"))}</a>')
    return "<br>".join(links)


def _status(entry) -> str:
    state = entry.state if entry else "locked"
    parts = [f"{STATE_ICONS.get(state, '')} <b>{_esc(_('gate.state.' + state))}</b>"]
    if entry and entry.score is not None:
        parts.append(_esc(_("home.score", score=f"{entry.score:g}", max_score=f"{entry.max_score:g}")))
    if entry and entry.message:
        parts.append(f"<br><small>{_esc(entry.message)}</small>")
    elif entry and state == "awaiting_review":
        parts.append(f"<br><small>{_esc(_('home.awaiting_review'))}</small>")
    elif entry and state == "failed" and entry.can_submit:
        parts.append(f"<br><small>{_esc(_('home.try_again'))}</small>")
    return " ".join(parts)


def progress_html(layout: CourseLayout | None = None, learner: str | None = None,
                  workspace: Path | None = None) -> str:
    """The home page's schedule and progress table, as HTML."""
    layout = layout or CourseLayout.at()
    learner = learner or _learner(layout)
    workspace = workspace or Path.cwd()
    syllabus = layout.syllabus
    entries = gate.read(layout.gate_dir, learner) or {}
    rows = []
    for week in syllabus.weeks:
        entry = entries.get(week.id)
        links = _week_links(week, workspace) if entry and entry.is_open else ""
        rows.append(
            f"<tr><td>{week.number}</td>"
            f"<td><b>{_esc(week.title)}</b> <small>({_esc(week.stage)})</small><br>"
            f"<small>{_esc(_('home.dates', opens=f'{week.opens:%d %b}', due=f'{week.due:%d %b %Y %H:%M}'))}</small></td>"
            f"<td>{_status(entry)}</td><td>{links}</td></tr>")
    head = "".join(f"<th>{_esc(_(k))}</th>" for k in
                   ("home.col.week", "home.col.topic", "home.col.progress", "home.col.open"))
    return (f'{_STYLE}<div class="course-home" dir="{direction()}" lang="{_esc(_("home.lang"))}">'
            f"<h3>{_esc(_('home.hello', learner=learner))}</h3>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{_mentor_html(syllabus)}</div>")


def _mentor_html(syllabus: Syllabus) -> str:
    chats = "".join(
        f"<li>{_esc(_('home.chat', week=syllabus.week(c.week).number, when=f'{c.starts:%a %d %b, %H:%M (UTC%z)}', minutes=c.minutes, topic=c.topic))}</li>"
        for c in syllabus.live_chats)
    return (f"<p>{_esc(_('home.mentor', mentor=syllabus.mentor, contact=syllabus.mentor_contact))}</p>"
            f"<p><b>{_esc(_('home.live_chats'))}</b></p><ul>{chats}</ul>")


def show() -> None:
    """Display the home page in a notebook."""
    from IPython.display import HTML, display
    display(HTML(progress_html()))
