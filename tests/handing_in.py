"""A learner hands in an assessment of known quality: fetch, answer (full, partial, blank, broken), submit."""
from __future__ import annotations

import shutil
from pathlib import Path

from course import grading
from course.answer_key import load_key
from course.reference import fill


def hand_in(layout, learner: str, quality: str = "full", week: str = "week1_facebook",
            workspace: Path | None = None) -> Path:
    """Submit ``learner``'s ``week`` answered at ``quality``; returns the learner's workspace."""
    workspace = workspace or layout.root / "learners" / learner
    shutil.rmtree(workspace / week, ignore_errors=True)
    folder = grading.fetch(layout, week, learner, workspace)
    fill(folder / "assessment.ipynb", layout.week_folder(week) / "assessment.ipynb", load_key(layout.keys, week),
         quality)
    grading.submit(layout, week, learner, workspace)
    return workspace
