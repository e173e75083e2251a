"""``course demo``: a simulated cohort through all four weeks, for newcomers and tests.

Learners take turns in four profiles: *strong* (everything right), *partial*
(half right: fails, and stays locked), *blank* (hands in an empty notebook)
and *broken* (hands in a file that is not a notebook). Every fourth learner
is a *retry*: partial first, then strong on the second attempt. One partial
learner is unlocked by a mentor so the override path shows too. In the last
week, whose capstone only a mentor can mark, a demo mentor gives the strong
learners' capstones full marks, so they complete the course.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

from . import grading
from .answer_key import load_key
from .layout import CourseLayout
from .reference import fill
from .scaffold import init_course

PROFILES = ("strong", "partial", "blank", "broken")


def profile_of(index: int) -> str:
    return PROFILES[index % len(PROFILES)]


def run_demo(root: Path | str, learners: int = 8, out: TextIO | None = None) -> CourseLayout:
    out = out or sys.stdout   # looked up now: sys.stdout may have been replaced since this module was imported
    layout = init_course(root, solo=False)
    ids = [f"learner{i + 1:03d}" for i in range(learners)]
    mentor_unlocked = False
    for week in layout.syllabus.weeks:
        key = load_key(layout.keys, week.id)
        submitted = 0
        for i, learner in enumerate(ids):
            profile = profile_of(i)
            retry = profile == "strong" and i % 8 == 4
            attempts = ["partial", "full"] if retry else [
                {"strong": "full", "partial": "partial", "blank": "blank", "broken": "broken"}[profile]]
            for quality in attempts:
                if not _hand_in(layout, week, key, learner, quality):
                    break
                submitted += 1
                if len(attempts) > 1:
                    grading.grade(layout, week.id, learners=[learner])
        report = grading.grade(layout, week.id)
        out.write(f"{week.id}: {submitted} submissions, graded {len(report.graded)}, "
                  f"could not grade {len(report.problems)}, newly unlocked {len(report.unlocked)}\n")
        if week is layout.syllabus.weeks[-1]:
            marked = _mentor_marks_capstones(layout, week, [i for n, i in enumerate(ids) if profile_of(n) == "strong"])
            grading.refresh_feedback(layout, week.id)
            out.write(f"{week.id}: the demo mentor marked {marked} written answer(s) of the strong learners\n")
        if not mentor_unlocked and len(ids) > 1:
            grading.unlock(layout, ids[1], layout.syllabus.weeks[1].id,
                            "demo: missed the deadline for a family emergency", by="demo mentor")
            mentor_unlocked = True
    return layout


def _mentor_marks_capstones(layout, week, learners: list[str]) -> int:
    """What a mentor does in the formgrader: full marks on every written answer of ``learners``
    still waiting in ``week`` (the last week's capstone decides it). Returns how many were marked."""
    from nbgrader.api import Gradebook, MissingEntry
    marked = 0
    with Gradebook(layout.db_url, layout.course_id) as gb:
        for learner in learners:
            try:
                notebook = gb.find_submission_notebook(week.assessment_name, week.id, learner)
            except MissingEntry:
                continue
            for grade in notebook.grades:
                if grade.needs_manual_grade:
                    grade.manual_score = grade.max_score
                    marked += 1
        gb.db.commit()
    return marked


def _hand_in(layout, week, key, learner, quality) -> bool:
    """Fetch (if needed), answer and submit; False when the gate refuses."""
    workspace = layout.root / "learners" / learner
    folder = workspace / week.id
    try:
        if folder.exists():
            shutil.rmtree(folder)
        grading.fetch(layout, week.id, learner, workspace)
        fill(folder / week.assessment, layout.week_folder(week.id) / week.assessment, key, quality)
        grading.submit(layout, week.id, learner, workspace)
        return True
    except grading.PipelineError:
        return False
