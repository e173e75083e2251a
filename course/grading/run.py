"""A grading run: collect every new submission of a week, score it as data, record it, publish the gate.

No learner code runs and no worker process is started: each submission is
read (answers file, written answers), scored against the key in this
process, recorded in nbgrader's gradebook, and counted as an attempt in the
course's ledger last, so a run killed at any moment is finished by the next
one with nothing lost and nothing counted twice. A submission that cannot be
graded is reported with its reason and told to the learner; it uses no
attempt and stops no one else.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from ..answer_key import load_key
from ..errors import PipelineError
from ..gradebook import cell_grades, cohort_scores, mentor_comments
from ..late import PerDayPenalty
from ..layout import CourseLayout
from ..progress import LearnerRecord, State, WeekProgress, cohort_progress, learner_progress
from ..storage import Ledger, naive_utc
from ..syllabus import Week
from . import certificate, feedback, files, inbound, scorer, submission
from .reason import Reason, reason
from .lock import grading_lock
from .nbgrader_adapter import fetch, fetch_feedback, prepare
from .publish import language_of, publish_all

RETRIED = " (it will be tried again at the next grading)"


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
    certificates: dict[str, Path] = field(default_factory=dict)   # learners who completed the course now


@dataclass
class _Context:
    layout: CourseLayout
    week: Week
    ledger: Ledger
    report: GradingReport
    key: object
    release: submission.Release
    others: dict[str, submission.Release]
    progress: dict[str, dict[str, WeekProgress]]
    roster: dict[str, dict]


def grade(layout: CourseLayout, week_id: str, learners: list[str] | None = None,
          deliver_to: Path | None = None, progress: bool = False, feedback: bool = True) -> GradingReport:
    """Collect and grade every new submission of a week, give feedback, update the gate.

    ``learners`` limits the run to those ids; ``deliver_to`` (solo mode) is the
    learner's workspace, where feedback and newly opened weeks are fetched at once. Without
    ``feedback`` the pages are left for ``course feedback`` (or the next run) to make. With the
    gradebook in PostgreSQL the run is a grading worker (:mod:`course.grading.workers`): any
    number may run at once, on one machine or many."""
    week = layout.syllabus.week(week_id)
    from . import workers
    if workers.uses_queue(layout):
        report = workers.work(layout, week.id, learners=learners, feedback=feedback)
    else:
        report = _one_run(layout, week, learners, progress, feedback)
    if deliver_to is not None:
        for learner in learners or []:
            _deliver(layout, week, learner, deliver_to, report)
    return report


def _one_run(layout: CourseLayout, week: Week, learners: list[str] | None, progress: bool,
             feedback: bool) -> GradingReport:
    """Grade the week's new submissions in this process alone, under the grading lock (SQLite)."""
    report = GradingReport(week=week.id)
    with grading_lock(layout):
        prepare(layout)
        ledger = Ledger(layout.db_url)
        try:
            ctx = open_context(layout, week, ledger, report)
            entries = newest_per_learner(layout, week, ledger, learners)
            bar = _progress_bar(len(entries), week.id) if progress else None
            from .record import Recorder
            with Recorder(layout.db_url, layout.course_id) as recorder:
                for entry in entries:
                    take_safely(ctx, recorder, entry)
                    if bar is not None:
                        bar.update(1)
            if bar is not None:
                bar.close()
            finish(ctx, learners, feedback)
        finally:
            ledger.close()
    return report


def open_context(layout: CourseLayout, week: Week, ledger: Ledger, report: GradingReport,
                 progress: dict[str, dict[str, WeekProgress]] | None = None) -> _Context:
    """What grading a week needs, read once: its key, the releases, the gate (unless ``progress`` is
    given: a worker reads each learner's when it takes their submission), the roster."""
    released = layout.release / week.id / week.assessment
    if not released.exists():
        raise PipelineError(f"{week.id} has not been released yet: run `course release {week.id}` first")
    return _Context(
        layout=layout, week=week, ledger=ledger, report=report, key=load_key(layout.keys, week.id),
        release=submission.release_structure(released),
        others={w.id: submission.release_structure(layout.release / w.id / w.assessment)
                for w in layout.syllabus.weeks
                if w.id != week.id and (layout.release / w.id / w.assessment).exists()},
        progress=_progress_without_waiting(layout, ledger) if progress is None else progress,
        roster=ledger.roster())


def take_safely(ctx: _Context, recorder, entry: inbound.Entry) -> str | None:
    """Grade (or refuse) one submission; a fault of the grader is reported, not recorded (the next run
    tries it again), and returned."""
    try:
        _take(ctx, recorder, entry)
        return None
    except Exception as exc:
        fault = f"{type(exc).__name__}: {exc}"[:300]
        ctx.report.problems[entry.learner] = f"the grader could not grade it: {fault}" + RETRIED
        return fault


def finish(ctx: _Context, learners: list[str] | None, feedback: bool) -> None:
    """After grading (the caller holds the grading lock): publish every learner's gate, recording the
    weeks that opened; certificates; feedback pages; the course's files made private again."""
    report = ctx.report
    report.graded.sort()
    report.to_review.sort()
    report.awaiting_review.clear()       # publish_all finds them again among everyone graded
    cohort_now = publish_all(ctx.layout, ctx.ledger, report=report)
    issue_certificates(ctx, cohort_now)
    if feedback:
        _make_feedback(ctx, cohort_now, learners)
    files.protect(ctx.layout)


def learner_progress_now(layout: CourseLayout, ledger: Ledger, learner: str) -> dict[str, WeekProgress]:
    """One learner's gate from what is recorded this moment (a worker's view before it grades them)."""
    scores = cohort_scores(ledger.engine, layout.course_id, learner=learner)
    record = ledger.records(scores, learner=learner).get(learner) or LearnerRecord()
    return learner_progress(layout.syllabus, record)


def issue_certificates(ctx: _Context, cohort_now) -> None:
    """A certificate for every learner graded now who has completed the course; a failure is reported,
    stops no grading, and `course certificates` tries again."""
    try:
        ctx.report.certificates, failed = certificate.issue_all(ctx.layout, ctx.ledger, cohort_now,
                                                                learners=ctx.report.graded)
    except Exception as exc:
        failed = {learner: f"{type(exc).__name__}: {exc}"[:300] for learner in ctx.report.graded}
    for learner, why in failed.items():
        ctx.report.notes.setdefault(learner, []).append(f"no certificate yet: {why}")


def _progress_without_waiting(layout: CourseLayout, ledger: Ledger) -> dict[str, dict[str, WeekProgress]]:
    """Every learner's gate from graded attempts only (a waiting submission opens nothing)."""
    return cohort_progress(layout.syllabus, ledger.records(cohort_scores(layout.db_url, layout.course_id)))


def newest_per_learner(layout, week, ledger, learners) -> list[inbound.Entry]:
    """Each learner's newest submission of ``week`` not yet dealt with."""
    seen = {row.get("entry") for row in ledger.attempts() if row["week"] == week.id}
    newest: dict[str, inbound.Entry] = {}
    for entry in inbound.scan(layout.exchange / layout.course_id / "inbound", week.id):
        if learners and entry.learner not in learners:
            continue
        newest[entry.learner] = entry          # scan() lists oldest first
    return [e for _, e in sorted(newest.items()) if e.name not in seen]


def _take(ctx: _Context, recorder, entry: inbound.Entry) -> None:
    """Check, copy, score and record one submission (or refuse it with its reason)."""
    layout, week, ledger, report = ctx.layout, ctx.week, ctx.ledger, ctx.report
    learner = entry.learner
    problem = (inbound.submitter_problem(entry, files.course_account())
               or (reason("not_in_roster", learner=repr(learner)) if ctx.roster and learner not in ctx.roster
                   else None))
    if problem:
        return _refuse(ctx, entry, problem)
    if not ctx.roster:          # without a roster, whoever hands in (as themselves) is a learner
        ledger.add_learner(learner)
    problem = entry.problem or _gate_problem(ctx, learner)
    if problem:
        return _refuse(ctx, entry, problem)
    folder = layout.submitted / learner / week.id
    inbound.copy_safely(entry, folder)
    _stamp_received(folder, entry.received_at)
    try:
        handed = submission.read(folder, week.assessment, ctx.release)
    except submission.NotebookProblem as exc:
        return _refuse(ctx, entry, exc.reason)
    wrong_week = _other_week(ctx, handed)
    if wrong_week:
        return _refuse(ctx, entry, wrong_week)
    fingerprint = _digest(handed)
    previous = ledger.last_graded(learner, week.id)
    if previous and previous["digest"] == fingerprint:
        report.duplicates[learner] = (
            f"identical to the submission graded at {previous['submitted_at']:%Y-%m-%d %H:%M} UTC; "
            "not counted as a new attempt")
        ledger.record_attempt(learner, week.id, entry.received_at, problem="duplicate", digest=fingerprint,
                              entry=entry.name, submitted_by=entry.owner)
        return None
    for note in handed.notes:
        report.notes.setdefault(learner, []).append(note)
    results = scorer.score(ctx.key, handed)
    earned, max_score, pending = scorer.total(results)
    late = (entry.received_at - naive_utc(week.due)).total_seconds()
    penalty = 0.0
    if late > 0:
        report.notes.setdefault(learner, []).append(f"submitted {_duration(late)} after the due date")
        plugin = PerDayPenalty(per_day=layout.syllabus.late_penalty_per_day)
        penalty = plugin.late_submission_penalty(learner, earned, late) or 0.0
    recorder.record(week.id, week.assessment_name, learner, entry.received_at, results, penalty)
    from .record import write_graded_notebook
    write_graded_notebook(layout.release / week.id / week.assessment,
                          layout.autograded / learner / week.id / week.assessment, results, handed.written,
                          ctx.key)
    ledger.record_attempt(learner, week.id, entry.received_at, score=max(earned - penalty, 0.0),
                          max_score=max_score, pending_points=pending, digest=fingerprint,
                          entry=entry.name, submitted_by=entry.owner)
    report.graded.append(learner)
    if pending:
        report.to_review.append(learner)
    return None


def _gate_problem(ctx: _Context, learner: str) -> Reason | None:
    """Why the gate does not let ``learner`` hand in this week now, or None."""
    weeks = ctx.progress.get(learner)
    if weeks is None:
        return None if ctx.week.number == 1 else _locked_text(ctx, learner)
    wp = weeks[ctx.week.id]
    if not wp.is_open:
        return _locked_text(ctx, learner)
    if wp.can_submit or (wp.state is State.PASSED and wp.attempts_left > 0):
        return None
    return reason("attempts_used", attempts=ctx.week.attempts)


def _locked_text(ctx: _Context, learner: str) -> Reason:
    previous = ctx.layout.syllabus.previous(ctx.week)
    return reason("locked", week=ctx.week.number, previous=previous.number)


def _other_week(ctx: _Context, handed: submission.Handed) -> Reason | None:
    own = ctx.release.ids - set().union(*(r.ids for r in ctx.others.values())) if ctx.others else ctx.release.ids
    if handed.ids & own or not handed.ids:
        return None
    for week in ctx.layout.syllabus.weeks:
        other = ctx.others.get(week.id)
        if other and handed.ids & (other.ids - ctx.release.ids):
            return reason("other_week", other=week.number, week=ctx.week.number, other_id=week.id)
    return reason("not_this_assessment", notebook=ctx.week.assessment)


def _digest(handed: submission.Handed) -> str:
    """Fingerprint of what is graded: the answers and the written answers."""
    text = json.dumps([handed.answers, handed.written], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _refuse(ctx: _Context, entry: inbound.Entry, problem: Reason) -> None:
    """Report why a submission is not graded (in English), record it (no attempt used), and tell the
    learner in their own language."""
    ctx.report.problems[entry.learner] = str(problem)
    ctx.ledger.record_attempt(entry.learner, ctx.week.id, entry.received_at, problem=str(problem)[:1000],
                              entry=entry.name, submitted_by=entry.owner)
    if inbound.submitter_problem(entry, files.course_account()):
        return   # the account named in the folder did not hand this in: nothing goes to it
    with i18n.language(language_of(ctx.layout, ctx.roster, entry.learner)):
        page = feedback.problem_page(_week_heading(ctx.week), problem.localized())
    feedback.deliver(ctx.layout, ctx.week, entry.learner, page,
                     _secret(entry.path), feedback.read_small(entry.path / "timestamp.txt"))


def _stamp_received(folder: Path, received_at) -> None:
    """The copy's ``timestamp.txt`` says when the course received it (the time its gradebook row
    carries), not what the learner's side wrote: nbgrader's formgrader counts a submission as graded
    only when the two agree, and would otherwise offer to autograde every one."""
    (folder / "timestamp.txt").write_text(received_at.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")


def _secret(folder: Path) -> str | None:
    data = feedback.read_small(folder / "submission_secret.txt")
    return data.decode("utf-8", "replace") if data is not None else None


# -- feedback pages ----------------------------------------------------------------------------
def _make_feedback(ctx: _Context, cohort_now, learners) -> None:
    """A page for every graded learner whose page is not made for their latest graded submission."""
    mentors = MentorGrades.read(ctx.layout, ctx.week)
    for folder in sorted(ctx.layout.submitted.glob(f"*/{ctx.week.id}")):
        learner = folder.parent.name
        if learners and learner not in learners:
            continue
        stamp = feedback.read_small(folder / "timestamp.txt")
        last = ctx.ledger.last_graded(learner, ctx.week.id)
        if last is None or feedback.is_current(ctx.layout, ctx.week, learner, stamp):
            continue
        try:
            make_page(ctx.layout, ctx.week, learner, folder, cohort_now.get(learner, {}).get(ctx.week.id),
                      ctx.key, ctx.release, ctx.roster, mentors)
        except Exception as exc:   # one page that cannot be made stops no one
            ctx.report.notes.setdefault(learner, []).append(f"no feedback page: {type(exc).__name__}: {exc}"[:300])


@dataclass
class MentorGrades:
    """Every cell grade and mentor's comment of a week's latest submissions, read once per run."""
    grades: dict[str, dict[str, object]]
    comments: dict[str, dict[str, str]]

    @classmethod
    def read(cls, layout: CourseLayout, week: Week) -> "MentorGrades":
        grades: dict[str, dict[str, object]] = {}
        for cell in cell_grades(layout.db_url, layout.course_id, week=week.id):
            grades.setdefault(cell.learner, {})[cell.question] = cell
        comments: dict[str, dict[str, str]] = {}
        for (learner, cell), text in mentor_comments(layout.db_url, layout.course_id, week.id).items():
            comments.setdefault(learner, {})[cell] = text
        return cls(grades, comments)


def make_page(layout, week, learner, folder, wp: WeekProgress | None, key, release, roster,
              mentors: MentorGrades) -> None:
    """Score the submission in ``folder`` again, overlay mentors' grades and comments, deliver the page."""
    lang = language_of(layout, roster, learner)
    with i18n.language(lang):   # notes about damaged files are read in the learner's language too
        handed = submission.read(folder, week.assessment, release)
    grades = mentors.grades.get(learner, {})
    comments = mentors.comments.get(learner, {})
    results = [_with_mentor_grade(r, grades.get(r.cell)) for r in scorer.score(key, handed, lang)]
    reveal = wp is not None and (wp.state is State.PASSED or (wp.state is State.FAILED and wp.attempts_left == 0))
    with i18n.language(lang):
        summary = _summary(week, wp, results)
        text = feedback.page(_week_heading(week), results, summary, reveal, comments, handed.notes,
                             certificate=feedback.read_certificate(certificate.folder_of(layout, learner)))
    feedback.deliver(layout, week, learner, text, _secret(folder), feedback.read_small(folder / "timestamp.txt"))


def _week_heading(week: Week) -> str:
    """``Week N: title`` in the current language."""
    return f"{i18n._('feedback.week', number=week.number)}: {week.title}"


def _with_mentor_grade(result: scorer.QuestionResult, cell) -> scorer.QuestionResult:
    if cell is None or (cell.manual_score is None and result.kind != "manual"):
        return result
    from dataclasses import replace
    return replace(result, points=cell.score)


def _summary(week: Week, wp: WeekProgress | None, results) -> str:
    earned, max_score, pending = scorer.total(results)
    _ = i18n._
    if wp is None:
        return _("feedback.summary", points=f"{earned:g}", max_points=f"{max_score:g}")
    state = wp.state.value
    text = _("feedback.summary", points=f"{earned:g}", max_points=f"{max_score:g}")
    if pending:
        text += " " + _("feedback.summary_pending", pending=f"{pending:g}")
    return text + " " + _(f"feedback.state.{state}", attempts_left=wp.attempts_left,
                          needed=f"{week.points_needed(max_score):g}")


def refresh_feedback(layout: CourseLayout, week_id: str,
                     learners: list[str] | None = None) -> tuple[int, dict[str, str]]:
    """After mentors graded written answers: a new page for every graded learner of a week (only
    ``learners``' when given: the marking page's one learner), and the gate updated (a reviewed pass
    opens the next week). Returns how many pages were made and why the others were not (one failure
    stops nobody)."""
    week = layout.syllabus.week(week_id)
    failed: dict[str, str] = {}
    made = 0
    with grading_lock(layout):
        ledger = Ledger(layout.db_url)
        try:
            cohort_now = publish_all(layout, ledger)
            folders = sorted(f for f in layout.submitted.glob(f"*/{week.id}")
                             if learners is None or f.parent.name in learners)
            handed_in = [f.parent.name for f in folders]
            try:
                _written, failed = certificate.issue_all(layout, ledger, cohort_now, learners=handed_in)
            except Exception as exc:   # certificates never stop feedback: `course certificates` tries again
                failed = {"*": f"no certificates: {type(exc).__name__}: {exc}"[:300]}
            key = load_key(layout.keys, week.id)
            release = submission.release_structure(layout.release / week.id / week.assessment)
            roster = ledger.roster()
            mentors = MentorGrades.read(layout, week)
            for folder in folders:
                learner = folder.parent.name
                if ledger.last_graded(learner, week.id) is None:
                    continue
                try:
                    make_page(layout, week, learner, folder, cohort_now.get(learner, {}).get(week.id),
                              key, release, roster, mentors)
                    made += 1
                except Exception as exc:   # one learner's failure never stops the others
                    failed[learner] = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            ledger.close()
    return made, failed


def _deliver(layout: CourseLayout, week: Week, learner: str, workspace: Path, report: GradingReport) -> None:
    """Solo mode: bring feedback and every newly opened week into the learner's workspace."""
    with contextlib.suppress(PipelineError):
        fetch_feedback(layout, week.id, learner, workspace)
    deliver_certificate(layout, learner, workspace)
    for who, week_id in report.unlocked:
        if who == learner and not (workspace / week_id).exists():
            with contextlib.suppress(PipelineError):
                fetch(layout, week_id, learner, workspace)


def deliver_certificate(layout: CourseLayout, learner: str, workspace: Path) -> Path | None:
    """Solo mode: the learner's certificate (when they have one) as ``certificate.pdf`` in their workspace."""
    made = certificate.folder_of(layout, learner) / certificate.FILE_NAME
    if not made.is_file() or not workspace.is_dir():
        return None
    target = workspace / certificate.FILE_NAME
    tmp = workspace / f".{certificate.FILE_NAME}.tmp"
    shutil.copyfile(made, tmp)
    os.replace(tmp, target)
    return target


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.0f} hour(s)" if hours < 48 else f"{hours / 24:.0f} day(s)"


def _progress_bar(total: int, week_id: str):
    from tqdm import tqdm
    return tqdm(total=total, desc=f"grading {week_id}", unit="learner", file=sys.stderr, disable=total == 0)
