"""A feedback page for a submission that could not be graded, saying why and what to do.

It goes where nbgrader's feedback goes (``grading/feedback/<learner>/<week>/``
and the exchange), so the learner receives it exactly like ordinary
feedback, from the Assignment List or their home page.
"""
from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

from nbgrader.utils import notebook_hash

from .i18n import _, direction


def problem_page(week_title: str, problem: str) -> str:
    return (f'<!DOCTYPE html><html lang="{html.escape(_("home.lang"))}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(_('problem.title'))}</title></head>"
            f'<body dir="{direction()}" style="font-family: sans-serif; max-width: 40em; margin: 1em auto; padding: 0 1em">'
            f"<h1>{html.escape(week_title)}</h1>"
            f'<p role="alert">⚠ <b>{html.escape(_("problem.not_graded"))}</b></p>'
            f"<p>{html.escape(problem)}</p>"
            f"<p>{html.escape(_('problem.not_counted'))}</p></body></html>")


def release_problem_feedback(layout, week, learner: str, folder: Path, problem: str) -> Path | None:
    """Write the page for this submission and put it in the exchange; None if it has no secret."""
    secret_file = folder / "submission_secret.txt"
    if not secret_file.is_file():
        return None
    page = problem_page(f"Week {week.number}: {week.title}", problem)
    local = layout.feedback / learner / week.id
    local.mkdir(parents=True, exist_ok=True)
    (local / f"{week.assessment_name}.html").write_text(page, encoding="utf-8")
    for name in ("timestamp.txt", "submission_secret.txt"):
        if (folder / name).is_file():
            shutil.copy(folder / name, local / name)
    outbound = layout.exchange / layout.course_id / "feedback"
    outbound.mkdir(parents=True, exist_ok=True)
    checksum = notebook_hash(secret=secret_file.read_text(), notebook_id=week.assessment_name)
    tmp = outbound / f"{checksum}-tmp.html"
    tmp.write_text(page, encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, outbound / f"{checksum}.html")
    return outbound / f"{checksum}.html"
