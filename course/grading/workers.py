"""Grading that scales out: any number of ``course grade WEEK`` workers share a week through PostgreSQL.

With the gradebook in PostgreSQL, every ``course grade`` run is a worker, and
several may run at once, on one machine or many (each sees the same course
folder and database):

1. **Set up** under the grading lock (an advisory lock of the course in
   PostgreSQL, :mod:`course.grading.lock`): the week's sources, the tables.
2. **Fill the queue**: scan inbound as a single run would (each learner's
   newest submission not yet in the ledger) and add what is not queued yet
   (:mod:`course.grading.queue`); faults left by an earlier run wait again.
3. **Take, grade, mark done**, one submission at a time: the row is taken
   with ``FOR UPDATE SKIP LOCKED``, so no two workers grade the same
   submission; the learner is held for that time, so their gate (read fresh
   from the database) counts every attempt. Grading is exactly a single run's
   (:func:`course.grading.run.take_safely`): the ledger row is written last
   and is the commit point; the queue row is marked done right after. A row
   whose ledger row exists (its worker died between the two) is only marked.
4. **Publish** under the grading lock, once nothing of the week waits (rows
   other workers hold are waited for, and taken if their worker dies): the
   gate, certificates, feedback pages. Workers that end together publish once:
   a worker that finds everything recorded already published (a mark in
   ``grading/.published/<week>``) only reads its results.

A worker killed at any moment holds nothing: its transaction dies with its
connection, PostgreSQL drops its row and advisory locks, and the others (or
the next run) take its submission from the start. ``forever`` keeps the
worker polling for new submissions (publishing after each batch).
"""
from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Callable

import sqlalchemy as sa

from ..cohort import cohort
from ..layout import CourseLayout
from ..progress import State
from ..storage import Ledger, attempts_table
from . import inbound, run
from .lock import grading_lock
from .nbgrader_adapter import prepare
from .queue import GradingQueue, Job
from .record import Recorder

HELD_ROWS_POLL = 0.2   # seconds between looks at rows other workers hold


def uses_queue(layout: CourseLayout) -> bool:
    """Whether grading goes through workers: the gradebook is in PostgreSQL."""
    return sa.make_url(layout.db_url).get_backend_name() == "postgresql"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def work(layout: CourseLayout, week_id: str, learners: list[str] | None = None, feedback: bool = True,
         forever: bool = False, poll: float = 10.0, keep_going: Callable[[], bool] = lambda: True,
         on_batch: Callable[[run.GradingReport], None] | None = None) -> run.GradingReport:
    """Grade ``week_id``'s submissions as one of any number of workers; returns what this worker did.

    Without ``forever`` it stops once nothing of the week waits in the queue (it waits for rows
    other workers hold); with it, it looks for new submissions every ``poll`` seconds while
    ``keep_going()``, giving each batch's report to ``on_batch`` (and returning the last batch's).
    Rows that failed are tried again when a worker starts."""
    week = layout.syllabus.week(week_id)
    report = run.GradingReport(week=week.id)
    name = worker_name()
    with grading_lock(layout):
        prepare(layout)
        recorder = Recorder(layout.db_url, layout.course_id)   # may create nbgrader's tables: once at a time
    ledger = queue = None
    try:
        ledger, queue = Ledger(layout.db_url), GradingQueue(layout.db_url)
        ctx = run.open_context(layout, week, ledger, report, progress={})
        queue.retry_failed(week.id)
        while True:
            ctx.roster = ledger.roster()
            queue.add(run.newest_per_learner(layout, week, ledger, learners))
            taken = _grade_queued(ctx, recorder, queue, name, learners)
            if taken or not forever:
                _publish(ctx, learners, feedback, taken)
            if not forever or not keep_going():
                return ctx.report
            if taken and on_batch is not None:
                on_batch(ctx.report)
                sys.stdout.flush()           # a long-running worker's log is read as it goes
                ctx.report = run.GradingReport(week=week.id)
            time.sleep(poll)
    finally:
        recorder.close()
        for opened in (queue, ledger):
            if opened is not None:
                opened.close()


def _publish(ctx, learners, feedback: bool, taken: int) -> None:
    """Publish under the grading lock, unless another worker published after everything this one
    recorded and nothing was recorded since (workers that end together would each publish the whole
    cohort again): then only read this worker's results and issue its learners' certificates. A run
    that graded nothing always publishes (a mentor may have changed something)."""
    with grading_lock(ctx.layout):
        whole = feedback and not learners and taken > 0   # a narrower run's publishing covers less
        marker = ctx.layout.grading / ".published" / ctx.week.id
        mark = _recorded_mark(ctx) if whole else None
        if mark is not None and marker.is_file() and marker.read_text() == mark:
            _results_only(ctx)
            return
        run.finish(ctx, learners, feedback)
        if mark is not None:
            marker.parent.mkdir(mode=0o700, exist_ok=True)
            tmp = marker.with_name(f".{marker.name}.{os.getpid()}")
            tmp.write_text(mark)
            os.replace(tmp, marker)


def _recorded_mark(ctx) -> str:
    """What the ledger holds of the week now: how many attempts and the newest row's id."""
    a = attempts_table.c
    with ctx.ledger.engine.connect() as conn:
        count, newest = conn.execute(sa.select(sa.func.count(), sa.func.max(a.id)).where(a.week == ctx.week.id)).one()
    return f"{count}:{newest}"


def _results_only(ctx) -> None:
    """The report's results as publishing would give them, without publishing; certificates of the
    learners this worker graded."""
    report = ctx.report
    report.graded.sort()
    report.to_review.sort()
    progress = cohort(ctx.layout, ctx.ledger)
    for learner, weeks in progress.items():
        report.results[learner] = weeks[ctx.week.id]
    report.awaiting_review[:] = [learner for learner in report.graded
                                 if report.results[learner].state is State.AWAITING_REVIEW]
    run.issue_certificates(ctx, progress)


def _grade_queued(ctx, recorder: Recorder, queue: GradingQueue, name: str, learners) -> int:
    """Take and grade rows until none is waiting; returns how many were taken. Rows other workers
    hold are waited for: if their worker dies they are waiting again, and taken here."""
    taken, said = 0, False
    while True:
        with queue.take(ctx.week.id, name, learners) as job:
            if job is not None:
                taken += 1
                _grade_one(ctx, recorder, job)
                continue
        held = queue.waiting(ctx.week.id, learners)
        if not held:
            return taken
        if not said:
            print(f"{held} submission(s) of {ctx.week.id} are being graded by other workers; waiting for "
                  "them (if a worker stops, its submissions are graded here)…", file=sys.stderr, flush=True)
            said = True
        time.sleep(HELD_ROWS_POLL)


def _grade_one(ctx, recorder: Recorder, job: Job) -> None:
    if ctx.ledger.has_entry(job.entry):      # graded by a worker that died before marking it
        return job.finish("done")
    if job.newer_waiting():
        return job.finish("superseded")
    entry = inbound.find(ctx.layout.exchange / ctx.layout.course_id / "inbound", job.entry, job.week)
    if entry is None:
        return job.finish("gone")
    ctx.progress[job.learner] = run.learner_progress_now(ctx.layout, ctx.ledger, job.learner)
    fault = run.take_safely(ctx, recorder, entry)
    job.finish("failed" if fault else "done", problem=fault)
