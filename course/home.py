"""The learner's home page (``START_HERE.ipynb``): schedule, own progress, links, mentor.

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

STATE_ICONS = {"locked": "🔒", "unlocked": "📖", "submitted": "⏳", "awaiting_review": "👀",
               "passed": "✅", "failed": "↻"}


def _learner(layout: CourseLayout) -> str:
    from .scaffold import default_learner_id, solo_learner
    return os.environ.get("COURSE_LEARNER") or solo_learner(layout) or default_learner_id()


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
        state = entry.state if entry else "locked"
        label = _(f"gate.state.{state}")
        score = (f"{entry.score:g}/{entry.max_score:g}" if entry and entry.score is not None else "")
        links = ""
        folder = workspace / week.id
        if entry and entry.is_open and folder.exists():
            names = list(week.lessons) + [week.assessment]
            links = " · ".join(f'<a href="{week.id}/{n}">{html.escape(n.removesuffix(".ipynb"))}</a>'
                               for n in names)
            feedback = sorted(folder.glob(f"feedback/*/{week.assessment_name}.html"))
            if feedback:
                rel = feedback[-1].relative_to(workspace).as_posix()
                links += f' · <a href="{rel}">feedback</a>'
        why = html.escape(entry.message) if entry and entry.message else ""
        rows.append(
            f"<tr><td>{week.number}</td><td><b>{html.escape(week.title)}</b><br>"
            f"<small>{week.opens:%d %b} – {week.due:%d %b %Y}</small></td>"
            f"<td>{STATE_ICONS.get(state, '')} {html.escape(label)} {score}<br><small>{why}</small></td>"
            f"<td>{links}</td></tr>")
    chats = "".join(
        f"<li>{c.starts:%a %d %b, %H:%M} ({c.minutes} min): {html.escape(c.topic)}</li>"
        for c in syllabus.live_chats)
    return (f'<div dir="{direction()}">'
            f"<h3>{html.escape(syllabus.title)}: {html.escape(learner)}</h3>"
            '<table><thead><tr><th>#</th><th>Week</th><th>Your progress</th><th>Open</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>Mentor: <b>{html.escape(syllabus.mentor)}</b> ({html.escape(syllabus.mentor_contact)})</p>"
            f"<p>Live chats:</p><ul>{chats}</ul></div>")


def show() -> None:
    """Display the home page in a notebook."""
    from IPython.display import HTML, display
    display(HTML(progress_html()))
