"""nbgrader as the course uses it: its configuration, releasing weeks, and the learner's exchange calls.

nbgrader stays the exchange, the gradebook, the formgrader and the place
feedback is fetched from. It never executes a submission here: scores come
from :mod:`course.grading.scorer` (see :mod:`course.grading.run`).
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat
from nbgrader.apps.api import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory
from traitlets.config import Config

from .. import gate
from ..errors import PipelineError
from ..layout import CourseLayout
from ..questions import FILE_NAME as QUESTIONS_FILE
from ..storage import Ledger, naive_utc
from ..syllabus import Week
from . import files


def nbgrader_config(layout: CourseLayout, week: Week | None = None) -> Config:
    """The course's nbgrader config, narrowed to one week's assessment notebook."""
    config = copy.deepcopy(layout.config)   # never change the layout's own config
    if week is not None:
        config.CourseDirectory.notebook_id = week.assessment_name
    return config


def api(layout: CourseLayout, week: Week | None = None) -> NbGraderAPI:
    config = nbgrader_config(layout, week)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        raise PipelineError(f"{what} failed: {detail[-1] if detail else 'no details'}")


def prepare(layout: CourseLayout) -> None:
    """Link week folders as nbgrader sources, create the course tables, publish the default gate,
    and make the instructor's folders private."""
    syllabus = layout.syllabus
    layout.source.mkdir(parents=True, exist_ok=True)
    for week in syllabus.weeks:
        target = layout.week_folder(week.id)
        if not (target / week.assessment).exists():
            raise PipelineError(f"{target / week.assessment} is missing: every week needs its assessment")
        stray = sorted(target.glob("*.answers.json*"))
        if stray:
            raise PipelineError(
                f"{stray[0]} must not be in the week's source folder: it would replace every "
                "learner's own answers during grading. Delete it and release again.")
        asked = sorted(target.glob(f"{QUESTIONS_FILE}*"))
        if asked:
            raise PipelineError(
                f"{asked[0]} must not be in the week's source folder: it holds questions asked "
                "from a lesson and would be released to every learner. Move it elsewhere and release again.")
        link = layout.source / week.id
        if link.is_symlink() or link.exists():
            if link.resolve() == target.resolve():
                continue
            if link.is_symlink():
                link.unlink()
            else:
                raise PipelineError(f"{link} is a real folder; remove it so it can link to {target}")
        link.symlink_to(os.path.relpath(target, layout.source), target_is_directory=True)
    Ledger(layout.db_url).close()
    gate.publish_default(layout.gate_dir, syllabus)
    files.protect(layout)


def release(layout: CourseLayout, week_id: str, force: bool = False) -> Path:
    """Generate the student version of a week and put it in the exchange."""
    syllabus = layout.syllabus
    week = syllabus.week(week_id)
    prepare(layout)
    released = layout.release / week.id
    has_submissions = any(layout.submitted.glob(f"*/{week.id}"))
    if has_submissions and released.exists() and not force:
        pass  # frozen: changing graded cells after submissions would break grading
    else:
        _check(api(layout, week).generate_assignment(week.id, force=True), f"Generating {week.id}")
        for lesson in week.lessons:
            src = layout.week_folder(week.id) / lesson
            if not src.exists():
                raise PipelineError(f"{src} is listed in the syllabus but missing")
            translations = sorted(src.parent.glob(f"{src.stem}.*.ipynb"))   # e.g. NN_topic.ar.ipynb
            for notebook in [src, *translations]:
                nb = nbformat.read(notebook, as_version=4)
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        cell.outputs, cell.execution_count = [], None
                nbformat.write(nb, released / notebook.name)
    from nbgrader.api import Gradebook
    with Gradebook(layout.db_url, layout.course_id) as gb:   # nbgrader computes lateness from this
        gb.update_or_create_assignment(week.id, duedate=naive_utc(week.due))
    config = nbgrader_config(layout, week)
    config.ExchangeReleaseAssignment.force = True
    run_exchange(config, "ReleaseAssignment", week.id, f"Releasing {week.id}")
    gate.publish_default(layout.gate_dir, syllabus)
    from .. import chat_schedule
    chat_schedule.publish(layout)        # the live chats, for learners' home pages and calendars
    files.protect(layout)
    return released


def release_all(layout: CourseLayout, force: bool = False) -> None:
    for week in layout.syllabus.weeks:
        release(layout, week.id, force=force)


def _learner_config(layout: CourseLayout, learner: str, workspace: Path) -> Config:
    config = nbgrader_config(layout)
    config.CourseDirectory.student_id = learner
    config.Exchange.assignment_dir = str(workspace)
    return config


def run_exchange(config: Config, action: str, week_id: str, what: str):
    config = copy.deepcopy(config)
    config.CourseDirectory.assignment_id = week_id
    coursedir = CourseDirectory(config=config)
    factory = ExchangeFactory(config=config)
    app = getattr(factory, action)(coursedir=coursedir, authenticator=Authenticator(config=config),
                                   config=config)
    try:
        return app.start()
    except (ExchangeError, RuntimeError) as exc:   # nbgrader raises RuntimeError for oversized folders
        raise PipelineError(f"{what}: {exc}") from None


def fetch(layout: CourseLayout, week_id: str, learner: str, workspace: Path) -> Path:
    """Fetch a released week into the learner's workspace (refused while it is locked)."""
    workspace.mkdir(parents=True, exist_ok=True)
    run_exchange(_learner_config(layout, learner, workspace), "FetchAssignment", week_id,
                 f"Cannot fetch {week_id}")
    return workspace / week_id


def submit(layout: CourseLayout, week_id: str, learner: str, workspace: Path) -> None:
    """Hand in the learner's copy of a week (refused while it is locked or used up)."""
    config = _learner_config(layout, learner, workspace)
    config.GatedExchangeSubmit.grade_command = []
    run_exchange(config, "Submit", week_id, f"Cannot submit {week_id}")


def fetch_feedback(layout: CourseLayout, week_id: str, learner: str, workspace: Path) -> None:
    run_exchange(_learner_config(layout, learner, workspace), "FetchFeedback", week_id,
                 f"Cannot fetch feedback for {week_id}")
