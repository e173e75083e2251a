"""Release, submit, collect, autograde and feedback, through nbgrader's Python API.

Everything runs in one process with the course's explicit configuration
(``grading/nbgrader_config.py``). Only the assessment notebook of a week is
graded; lesson notebooks are released beside it with their outputs cleared.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import fcntl
import fnmatch
import glob
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.apps.api import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory
from traitlets.config import Config

from . import gate, i18n
from .assess import KEYS_ENV
from .gradebook import cohort_scores
from .layout import CourseLayout
from .ledger import Ledger, naive_utc
from .errors import PipelineError
from .cohort import INBOUND_NAME as _INBOUND, cohort, waiting_submissions  # noqa: F401 (re-exported)
from .progress import LearnerRecord, State, WeekProgress, learner_progress
from .questions import FILE_NAME as QUESTIONS_FILE
from .syllabus import Week



@dataclass
class GradingReport:
    week: str
    graded: list[str] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)
    unlocked: list[tuple[str, str]] = field(default_factory=list)
    awaiting_review: list[str] = field(default_factory=list)   # the written answer decides the result
    to_review: list[str] = field(default_factory=list)         # graded now, written answer still ungraded
    duplicates: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)   # graded, with something to know
    results: dict[str, WeekProgress] = field(default_factory=dict)


# -- configuration ---------------------------------------------------------
def nbgrader_config(layout: CourseLayout, week: Week | None = None) -> Config:
    """The course's nbgrader config, narrowed to one week's assessment notebook."""
    config = copy.deepcopy(layout.config)   # never change the layout's own config
    if week is not None:
        config.CourseDirectory.notebook_id = week.assessment_name
    return config


def _api(layout: CourseLayout, week: Week | None = None) -> NbGraderAPI:
    config = nbgrader_config(layout, week)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        raise PipelineError(f"{what} failed: {detail[-1] if detail else 'no details'}")


@contextlib.contextmanager
def grading_lock(layout: CourseLayout):
    """One grading run at a time per course (a second run waits for the first)."""
    layout.grading.mkdir(parents=True, exist_ok=True)
    with open(layout.grading / ".grading.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# -- preparing and releasing ----------------------------------------------------
def prepare(layout: CourseLayout) -> None:
    """Link week folders as nbgrader sources, create the course tables, publish the default gate."""
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


def release(layout: CourseLayout, week_id: str, force: bool = False) -> Path:
    """Generate the student version of a week and put it in the exchange."""
    syllabus = layout.syllabus
    week = syllabus.week(week_id)
    prepare(layout)
    api = _api(layout, week)
    released = layout.release / week.id
    has_submissions = any(layout.submitted.glob(f"*/{week.id}"))
    if has_submissions and released.exists() and not force:
        pass  # frozen: changing graded cells after submissions would break grading
    else:
        _check(api.generate_assignment(week.id, force=True), f"Generating {week.id}")
        for lesson in week.lessons:
            src = layout.week_folder(week.id) / lesson
            if not src.exists():
                raise PipelineError(f"{src} is listed in the syllabus but missing")
            nb = nbformat.read(src, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            nbformat.write(nb, released / lesson)
    from nbgrader.api import Gradebook
    with Gradebook(layout.db_url, layout.course_id) as gb:   # nbgrader computes lateness from this
        gb.update_or_create_assignment(week.id, duedate=naive_utc(week.due))
    config = nbgrader_config(layout, week)
    config.ExchangeReleaseAssignment.force = True
    _run_exchange(config, "ReleaseAssignment", week.id, f"Releasing {week.id}")
    gate.publish_default(layout.gate_dir, syllabus)
    return released


def release_all(layout: CourseLayout, force: bool = False) -> None:
    for week in layout.syllabus.weeks:
        release(layout, week.id, force=force)


# -- the learner's side -----------------------------------------------------------
def _learner_config(layout: CourseLayout, learner: str, workspace: Path) -> Config:
    config = nbgrader_config(layout)
    config.CourseDirectory.student_id = learner
    config.Exchange.assignment_dir = str(workspace)
    return config


def _run_exchange(config: Config, action: str, week_id: str, what: str):
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
    _run_exchange(_learner_config(layout, learner, workspace), "FetchAssignment", week_id,
                  f"Cannot fetch {week_id}")
    return workspace / week_id


def submit(layout: CourseLayout, week_id: str, learner: str, workspace: Path) -> None:
    """Hand in the learner's copy of a week (refused while it is locked or used up)."""
    config = _learner_config(layout, learner, workspace)
    config.GatedExchangeSubmit.grade_command = []
    _run_exchange(config, "Submit", week_id, f"Cannot submit {week_id}")


def fetch_feedback(layout: CourseLayout, week_id: str, learner: str, workspace: Path) -> None:
    _run_exchange(_learner_config(layout, learner, workspace), "FetchFeedback", week_id,
                  f"Cannot fetch feedback for {week_id}")


# -- grading --------------------------------------------------------------------
def grade(layout: CourseLayout, week_id: str, learners: list[str] | None = None,
          deliver_to: Path | None = None, workers: int | None = None,
          progress: bool = False) -> GradingReport:
    """Collect and autograde every new submission of a week, give feedback, update the gate.

    Safe to run again at any time: a submission already graded is skipped, so
    an interrupted run is finished by the next one and nothing is counted twice.
    A submission that cannot be graded is reported with its reason (and told to
    the learner) while the others go on; the original is always kept.
    ``deliver_to`` (solo mode) is the learner's workspace: feedback and newly
    unlocked weeks are fetched into it at once.
    """
    from . import submission_checks as checks
    from . import workers as pool

    week = layout.syllabus.week(week_id)
    report = GradingReport(week=week.id)
    with grading_lock(layout):
        prepare(layout)
        api = _api(layout, week)
        _collect(layout, week, learners, report)
        ledger = Ledger(layout.db_url)
        try:
            before = _published_states(layout)
            roster = ledger.roster()
            released = {w.id: layout.release / w.id / w.assessment for w in layout.syllabus.weeks
                        if (layout.release / w.id / w.assessment).exists()}
            to_grade: dict[str, tuple[dt.datetime, str]] = {}
            for folder in sorted(layout.submitted.glob(f"*/{week.id}")):
                learner = folder.parent.name
                if learners and learner not in learners:
                    continue
                submitted_at = _submitted_at(api, folder)
                if ledger.has_attempt(learner, week.id, submitted_at):
                    continue
                if not roster:
                    ledger.add_learner(learner)
                fingerprint = checks.digest(folder, week)
                previous = ledger.last_graded(learner, week.id)
                problem = checks.problem(folder, week, layout.syllabus, released, learner, roster)
                if problem is None and previous and previous["digest"] == fingerprint:
                    report.duplicates[learner] = (
                        f"identical to the submission graded at {previous['submitted_at']:%Y-%m-%d %H:%M} UTC; "
                        "not counted as a new attempt")
                    ledger.record_attempt(learner, week.id, submitted_at, problem="duplicate",
                                          digest=fingerprint)
                    continue
                if problem:
                    _refuse(layout, ledger, week, learner, folder, submitted_at, problem, report)
                    continue
                note = checks.answers_note(folder, week)
                if note:
                    report.notes.setdefault(learner, []).append(note)
                late = (submitted_at - naive_utc(week.due)).total_seconds()
                if late > 0:
                    report.notes.setdefault(learner, []).append(
                        f"submitted {_duration(late)} after the due date")
                to_grade[learner] = (submitted_at, fingerprint)

            bar = _progress_bar(len(to_grade), week.id) if progress else None

            def done(outcome):
                submitted_at, fingerprint = to_grade[outcome.learner]
                if bar is not None:
                    bar.update(1)
                score = None
                if outcome.ok:
                    score = cohort_scores(layout.db_url, layout.course_id, outcome.learner, week.id).get(
                        (outcome.learner, week.id))
                if score is None:
                    # Not recorded as an attempt: the next run tries again, so a passing fault of
                    # the grader (a locked database, a worker killed) costs the learner nothing.
                    folder = layout.submitted / outcome.learner / week.id
                    reason = ("the grader could not run it: " + outcome.error) if not outcome.ok \
                        else "graded, but no score was found in the gradebook"
                    _refuse(layout, ledger, week, outcome.learner, folder, submitted_at,
                            reason + RETRIED, report, record=False)
                    return
                ledger.record_attempt(outcome.learner, week.id, submitted_at, score=score.score,
                                      max_score=score.max_score, pending_points=score.pending_points,
                                      digest=fingerprint)
                report.graded.append(outcome.learner)
                if score.pending_points:
                    report.to_review.append(outcome.learner)

            with _keys_visible(layout):
                pool.grade_all(str(layout.root), week.id, sorted(to_grade),
                               workers or pool.default_workers(), on_done=done)
            if bar is not None:
                bar.close()
            report.graded.sort()
            report.to_review.sort()
            publish_all(layout, ledger, report=report, before=before)
        finally:
            ledger.close()
    if deliver_to is not None:
        for learner in learners or []:
            _deliver(layout, week, learner, deliver_to, report)
    return report


def _collect(layout: CourseLayout, week: Week, learners: list[str] | None,
             report: GradingReport) -> None:
    """Collect each learner's newest submission separately, so one bad one stops nobody."""
    inbound = layout.exchange / layout.course_id / "inbound"
    names = sorted({m["learner"] for e in (inbound.glob(f"*+{week.id}+*") if inbound.exists() else ())
                    if (m := _INBOUND.match(e.name)) and m["week"] == week.id})
    config = nbgrader_config(layout, week)
    config.ExchangeCollect.update = True
    ignore = CourseDirectory(config=config).ignore   # what collect leaves out of the copy
    for learner in names:
        if learners and learner not in learners:
            continue
        _drop_unfinished_copy(layout.submitted / learner / week.id,
                              inbound.glob(f"{glob.escape(learner)}+{week.id}+*"), ignore)
        learner_config = copy.deepcopy(config)
        learner_config.CourseDirectory.student_id = learner
        try:
            _run_exchange(learner_config, "Collect", week.id, f"Collecting {learner}")
        except Exception as exc:  # nbgrader raises RuntimeError for oversized folders, among others
            report.problems[learner] = f"could not be collected: {str(exc)[:200]}"


def _drop_unfinished_copy(collected: Path, entries, ignore: list[str]) -> None:
    """Delete a collected copy that an interrupted run left unfinished, so it is collected again.

    nbgrader's collect skips a folder whose ``timestamp.txt`` matches the
    submission's, even when the copy stopped half-way. The copy is compared,
    file by file and size by size, with the submission it came from; the
    learner's original in the exchange is never touched."""
    stamp_file = collected / "timestamp.txt"
    if not stamp_file.is_file():
        return
    stamp = stamp_file.read_text(encoding="utf-8", errors="replace").strip()
    for entry in entries:
        entry_stamp = entry / "timestamp.txt"
        if entry_stamp.is_file() and entry_stamp.read_text(encoding="utf-8", errors="replace").strip() == stamp:
            if _file_sizes(entry, ignore) != _file_sizes(collected, ignore):
                shutil.rmtree(collected)
            return


def _file_sizes(folder: Path, ignore: list[str]) -> dict[str, int]:
    """Size of every file under ``folder`` that collect copies (none matching ``ignore``)."""
    sizes = {}
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in ignore):
            sizes["/".join(parts)] = path.stat().st_size
    return sizes


def _submitted_at(api, folder: Path) -> dt.datetime:
    stamp = api.coursedir.get_existing_timestamp(str(folder))
    return naive_utc(stamp) if stamp else naive_utc(
        dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.timezone.utc))


RETRIED = " (it will be tried again at the next grading)"


def _refuse(layout, ledger, week, learner, folder, submitted_at, problem, report, record=True) -> None:
    """Report why a submission could not be graded and tell the learner in a feedback page;
    ``record`` keeps it from being graded again (a problem of the submission itself)."""
    report.problems[learner] = problem
    if record:
        ledger.record_attempt(learner, week.id, submitted_at, problem=problem)
    from .problem_feedback import release_problem_feedback
    with i18n.language(_language_of(layout, ledger.roster(), learner)):   # the page frames the reason in it
        release_problem_feedback(layout, week, learner, folder, problem)


def _language_of(layout: CourseLayout, roster: dict[str, dict], learner: str) -> str:
    """The learner's language from the roster, else the course's."""
    row = roster.get(learner) or {}
    return row.get("language") or os.environ.get("COURSE_LANG") or layout.syllabus.language


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.0f} hour(s)" if hours < 48 else f"{hours / 24:.0f} day(s)"


def _progress_bar(total: int, week_id: str):
    from tqdm import tqdm
    return tqdm(total=total, desc=f"grading {week_id}", unit="learner", file=sys.stderr,
                disable=total == 0)


def api_for(layout: CourseLayout, week_id: str) -> NbGraderAPI:
    """An nbgrader API for one week's assessment (used by grading workers)."""
    return _api(layout, layout.syllabus.week(week_id))


def refresh_feedback(layout: CourseLayout, week_id: str, workers: int | None = None) -> tuple[int, dict[str, str]]:
    """After mentors graded written answers: new feedback for every graded learner of a week,
    made by a pool of workers, and the gate updated (a reviewed pass opens the next week).
    Returns how many learners got feedback, and why the others did not (one failure stops nobody)."""
    from . import workers as pool

    week = layout.syllabus.week(week_id)
    learners = sorted(folder.parent.name for folder in layout.autograded.glob(f"*/{week.id}"))
    failed: dict[str, str] = {}
    with grading_lock(layout):
        outcomes = pool.feedback_all(str(layout.root), week.id, learners, workers or pool.default_workers())
        failed = {o.learner: o.error for o in outcomes if not o.ok}
        ledger = Ledger(layout.db_url)
        try:
            publish_all(layout, ledger)
        finally:
            ledger.close()
    return len(outcomes) - len(failed), failed


def last_error(result: dict) -> str:
    lines = [l for l in (result.get("log") or "").splitlines() if "[ERROR]" in l]
    return lines[0].replace("[ERROR]", "").strip()[:300] if lines else "unknown error"


@contextlib.contextmanager
def _keys_visible(layout: CourseLayout):
    old = os.environ.get(KEYS_ENV)
    os.environ[KEYS_ENV] = str(layout.keys)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(KEYS_ENV, None)
        else:
            os.environ[KEYS_ENV] = old


def _published_states(layout: CourseLayout) -> dict[str, dict[str, str]]:
    out = {}
    for path in layout.gate_dir.glob("*.json") if layout.gate_dir.exists() else ():
        entries = gate.read(layout.gate_dir, path.stem)
        if entries and path.stem != gate.DEFAULT:
            out[path.stem] = {k: v.state for k, v in entries.items()}
    return out


def publish_all(layout: CourseLayout, ledger: Ledger, report: GradingReport | None = None,
                before: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, WeekProgress]]:
    """Recompute every learner's gate, publish it, and record the weeks that just opened."""
    syllabus = layout.syllabus
    before = _published_states(layout) if before is None else before
    progress = cohort(layout, ledger)
    roster = ledger.roster()
    for learner, weeks in progress.items():
        # the sentences of a learner's gate are in that learner's language
        with i18n.language(_language_of(layout, roster, learner)):
            gate.publish(layout.gate_dir, syllabus, learner, weeks)
        default_states = {w.id: (State.UNLOCKED.value if w.number == 1 else State.LOCKED.value)
                          for w in syllabus.weeks}
        old = before.get(learner, default_states)
        for week in syllabus.weeks:
            wp = weeks[week.id]
            if old.get(week.id) == State.LOCKED.value and wp.is_open:
                previous = syllabus.previous(week)
                prev_wp = weeks[previous.id] if previous else None
                cause = (f"passed {previous.id}" if prev_wp and prev_wp.state is State.PASSED
                         else "mentor override")
                ledger.record_event(learner, week.id, "unlock", cause,
                                    score=_score_text(prev_wp))
                if report is not None:
                    report.unlocked.append((learner, week.id))
        if report is not None and report.week in weeks:
            report.results[learner] = weeks[report.week]
            if weeks[report.week].state is State.AWAITING_REVIEW and learner in report.graded:
                report.awaiting_review.append(learner)
    return progress


def _score_text(wp: WeekProgress | None) -> str | None:
    if wp is None or wp.score is None:
        return None
    return f"{wp.score:g}/{wp.max_score:g}"


def unlock(layout: CourseLayout, learner: str, week_id: str, reason: str, by: str = "") -> WeekProgress:
    """A mentor opens a week for a learner (with a fresh set of attempts), for a recorded reason."""
    week = layout.syllabus.week(week_id)
    if not reason.strip():
        raise PipelineError("Give a reason for the unlock (--reason TEXT); it is recorded.")
    ledger = Ledger(layout.db_url)
    try:
        with grading_lock(layout):
            ledger.add_learner(learner)
            before = _published_states(layout)
            progress = cohort(layout, ledger).get(learner) or learner_progress(layout.syllabus, LearnerRecord())
            previous = layout.syllabus.previous(week)
            ledger.record_event(learner, week.id, "override", reason.strip(),
                                score=_score_text(progress[previous.id]) if previous else None, by=by)
            return publish_all(layout, ledger, before=before)[learner][week.id]
    finally:
        ledger.close()


def _deliver(layout: CourseLayout, week: Week, learner: str, workspace: Path,
             report: GradingReport) -> None:
    """Solo mode: bring feedback and every newly opened week into the learner's workspace."""
    with contextlib.suppress(PipelineError):
        fetch_feedback(layout, week.id, learner, workspace)
    for who, week_id in report.unlocked:
        if who == learner and not (workspace / week_id).exists():
            with contextlib.suppress(PipelineError):
                fetch(layout, week_id, learner, workspace)
