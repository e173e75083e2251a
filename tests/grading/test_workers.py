"""Grading workers against one PostgreSQL: every submission graded exactly once, none lost, even when a
worker is killed mid-run (course/grading/workers.py, course/grading/queue.py)."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest
import sqlalchemy as sa
from handing_in import hand_in

from course import gate, grading
from course.answer_key import load_key
from course.gradebook import cohort_scores
from course.grading import inbound, workers
from course.grading.queue import GradingQueue
from course.storage import Ledger, grading_queue_table
from postgres import postgres_server  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"
QUALITIES = ("full", "partial", "blank")

# One worker process: `course grade WEEK` for each week named, printing what it graded as JSON lines.
WORKER = """
import json, sys
from course import grading
from course.layout import CourseLayout
layout = CourseLayout.at(sys.argv[1])
for week in sys.argv[2:]:
    report = grading.grade(layout, week)
    print(json.dumps({"week": week, "graded": report.graded, "problems": report.problems,
                      "duplicates": report.duplicates}), flush=True)
"""


@pytest.fixture
def pg_layout(postgres_server, tmp_path, monkeypatch):
    """A new cohort course (every week released) whose gradebook is a new PostgreSQL database."""
    from course.layout import CourseLayout
    from course.scaffold import init_course
    monkeypatch.setenv("COURSE_DB_URL", postgres_server.create_database())
    init_course(tmp_path / "course", solo=False)
    layout = CourseLayout.at(tmp_path / "course")
    assert workers.uses_queue(layout)
    return layout


def inbound_folder(layout):
    return layout.exchange / layout.course_id / "inbound"


def hand_in_many(layout, week: str, learners: list[str]) -> dict[str, str]:
    """Each learner hands in ``week`` (qualities in turn: full, partial, blank); returns their qualities.
    One real submission per quality goes through the exchange; the learners' are copies of it under
    their own names, as the exchange would name them."""
    templates = {}
    for quality in QUALITIES:
        template = f"template-{quality}"
        if week != W1:
            grading.unlock(layout, template, week, "a template submission for the test")
        hand_in(layout, template, quality, week=week)
        (templates[quality],) = inbound_folder(layout).glob(f"{template}+{week}+*")
    qualities = {}
    for i, learner in enumerate(learners):
        quality = qualities[learner] = QUALITIES[i % len(QUALITIES)]
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        shutil.copytree(templates[quality], inbound_folder(layout) / f"{learner}+{week}+{stamp}+{uuid.uuid4().hex[:12]}")
    for folder in templates.values():
        shutil.rmtree(folder)
    return qualities


def passed_week1_earlier(layout, learners: list[str]) -> None:
    """Their week 1 was graded (a pass) by an earlier run: week 2 is theirs to hand in."""
    full = load_key(layout.keys, W1).auto_points
    ledger = Ledger(layout.db_url)
    try:
        for n, learner in enumerate(learners):
            ledger.add_learner(learner)
            ledger.record_attempt(learner, W1, dt.datetime(2026, 11, 1) + dt.timedelta(seconds=n),
                                  score=full, max_score=full, digest="earlier", entry=f"earlier-{learner}")
    finally:
        ledger.close()


def start_workers(layout, weeks: list[str], count: int = 3) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", WORKER, str(layout.root), *weeks], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=os.environ.copy()) for _ in range(count)]


def reports_of(worker: subprocess.Popen) -> list[dict]:
    out, err = worker.communicate(timeout=900)
    assert worker.returncode == 0, err[-3000:]
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def queue_rows(layout) -> list[dict]:
    engine = sa.create_engine(layout.db_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.select(grading_queue_table))]
    engine.dispose()
    return rows


def attempts(layout, week: str) -> list[dict]:
    ledger = Ledger(layout.db_url)
    try:
        return [a for a in ledger.attempts() if a["week"] == week and a["digest"] != "earlier"]
    finally:
        ledger.close()


def expected_scores(layout, week: str, qualities: dict[str, str]) -> dict[str, float]:
    """Each learner's score as a single run on SQLite gives it to the template of their quality."""
    from course.grading.scorer import score, total
    from course.grading.submission import read, release_structure
    week_ = layout.syllabus.week(week)
    release = release_structure(layout.release / week / week_.assessment)
    by_quality = {}
    for quality in set(qualities.values()):
        folder = next(f for f in (layout.submitted).glob(f"*/{week}") if qualities.get(f.parent.name) == quality)
        by_quality[quality] = total(score(load_key(layout.keys, week), read(folder, week_.assessment, release)))[0]
    return {learner: by_quality[q] for learner, q in qualities.items()}


def test_three_workers_grade_300_submissions_each_exactly_once(pg_layout):
    """Three worker processes against one PostgreSQL, 150 submissions in each of two weeks: is every one
    graded, by exactly one worker, recorded once in the ledger and once in nbgrader's gradebook, with
    the score its answers earn?"""
    layout = pg_layout
    first = [f"a{i:03d}" for i in range(150)]
    second = [f"b{i:03d}" for i in range(150)]
    passed_week1_earlier(layout, second)
    handed = {W1: hand_in_many(layout, W1, first), W2: hand_in_many(layout, W2, second)}

    started = time.monotonic()
    reports = [reports_of(w) for w in start_workers(layout, [W1, W2])]
    elapsed = time.monotonic() - started
    print(f"\n3 workers graded 300 submissions in {elapsed:.1f} s")

    for week, learners in ((W1, first), (W2, second)):
        graded = [learner for worker in reports for r in worker if r["week"] == week for learner in r["graded"]]
        assert sorted(graded) == sorted(learners), "a submission graded twice, or not at all"
        assert not any(r["problems"] or r["duplicates"] for worker in reports for r in worker)
        rows = attempts(layout, week)
        assert sorted(a["learner"] for a in rows) == sorted(learners)       # one ledger row each
        assert all(a["problem"] is None and a["entry"] for a in rows)
        scores = cohort_scores(layout.db_url, layout.course_id, week=week)
        assert sorted(learner for learner, _ in scores) == sorted(learners)  # one gradebook submission each
        expected = expected_scores(layout, week, handed[week])
        assert {learner: s.score for (learner, _), s in scores.items()} == expected
        assert {a["learner"]: a["score"] for a in rows} == expected

    rows = queue_rows(layout)
    assert len(rows) == 300 and {r["state"] for r in rows} == {"done"}
    assert len({r["worker"] for r in rows}) >= 2, "the workers did not share the queue"
    progress = grading.cohort(layout)
    for week, learners in ((W1, first), (W2, second)):       # published after all grading, pages for all
        page = f"{layout.syllabus.week(week).assessment_name}.html"
        assert {gate.read(layout.gate_dir, learner)[week].state for learner in learners} >= {"passed"}
        assert all(gate.read(layout.gate_dir, learner)[week].state == progress[learner][week].state.value
                   for learner in learners)
        assert all((layout.feedback / learner / week / page).is_file() for learner in learners)
    assert gate.read(layout.gate_dir, "a000")[W2].state != "locked"      # a pass of week 1 opened week 2


def test_a_worker_killed_mid_run_leaves_its_submissions_to_the_others(pg_layout):
    """One of three workers is killed by SIGKILL while grading: do the other two grade everything it
    had not finished, and is nothing graded twice?"""
    layout = pg_layout
    learners = [f"k{i:03d}" for i in range(150)]
    hand_in_many(layout, W1, learners)
    victim, *others = start_workers(layout, [W1])
    victim_name = f"{socket.gethostname()}:{victim.pid}"
    deadline = time.monotonic() + 600
    while sum(r["worker"] == victim_name for r in queue_rows(layout)) < 5 and time.monotonic() < deadline:
        assert victim.poll() is None, victim.communicate()[1][-3000:]
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    by_victim = {r["learner"] for r in queue_rows(layout) if r["worker"] == victim_name}

    reports = [reports_of(w) for w in others]
    graded_by_others = [learner for worker in reports for r in worker for learner in r["graded"]]
    assert len(graded_by_others) == len(set(graded_by_others)), "two workers graded the same submission"
    assert not set(graded_by_others) & by_victim, "a submission the killed worker finished was graded again"
    # At most one more: recorded by the victim (the commit point) but not yet marked, so only marked now.
    assert len(set(learners) - set(graded_by_others) - by_victim) <= 1
    assert 0 < len(by_victim) < len(learners), "the worker was not killed mid-run"

    rows = attempts(layout, W1)
    assert sorted(a["learner"] for a in rows) == learners and all(a["problem"] is None for a in rows)
    assert len(cohort_scores(layout.db_url, layout.course_id, week=W1)) == len(learners)
    assert {r["state"] for r in queue_rows(layout)} == {"done"}


# -- the queue itself: row locks, a dead holder, the commit point -------------------------------

HOLD = """
import sys, time
from course.grading.queue import GradingQueue
queue = GradingQueue(sys.argv[1])
with queue.take(sys.argv[2], "holder") as job:
    print(job.entry, flush=True)
    time.sleep(600)
"""


def queued(layout, learners: list[str]) -> list[str]:
    """Hand in for each learner and put the submissions in the queue; returns the entries' names."""
    for learner in learners:
        hand_in(layout, learner)
    entries = inbound.scan(inbound_folder(layout), W1)
    queue = GradingQueue(layout.db_url)
    try:
        queue.add(entries)
    finally:
        queue.close()
    return [e.name for e in entries]


def test_a_held_row_is_skipped_and_a_dead_holders_row_is_taken(pg_layout):
    """While one process holds a row, does another take the next one instead (SKIP LOCKED); and once the
    holder is killed, is its row free to take, still waiting?"""
    layout = pg_layout
    entries = queued(layout, ["h1", "h2"])
    holder = subprocess.Popen([sys.executable, "-c", HOLD, layout.db_url, W1], stdout=subprocess.PIPE, text=True)
    try:
        # the holder takes the oldest hand-in, which a loaded machine may date either way round
        first = holder.stdout.readline().strip()
        assert first in entries
        (second,) = [e for e in entries if e != first]
        # Waiting on a lock for 20 s fails the test (rather than hanging it): taking must skip held rows.
        queue = GradingQueue(layout.db_url + "&options=-c%20lock_timeout%3D20000")
        with queue.take(W1, "other") as job:
            assert job.entry == second
            with queue.take(W1, "third") as none_left:
                assert none_left is None
            job.finish("done")
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        with queue.take(W1, "after") as job:
            assert job is not None and job.entry == first
        assert queue.states(W1) == {"waiting": 1, "done": 1}
        queue.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_submission_in_the_ledger_is_marked_done_not_graded_again(pg_layout):
    """A worker that died after the ledger row (the commit point) but before marking its queue row:
    does the next worker mark the row done without grading it again?"""
    layout = pg_layout
    (entry,) = queued(layout, ["c1"])
    found = inbound.find(inbound_folder(layout), entry, W1)
    ledger = Ledger(layout.db_url)
    ledger.record_attempt("c1", W1, found.received_at, score=1.0, max_score=25.0, entry=entry, submitted_by="root")
    ledger.close()
    report = grading.grade(layout, W1)
    assert report.graded == []
    assert [(r["entry"], r["state"]) for r in queue_rows(layout)] == [(entry, "done")]
    assert [a["score"] for a in attempts(layout, W1)] == [1.0]


def test_only_the_newest_of_a_learners_queued_submissions_is_graded(pg_layout):
    """Two submissions of one learner queued before any worker ran: is only the newest graded (one
    attempt used, as a single run does), the older marked superseded?"""
    layout = pg_layout
    hand_in(layout, "twice")
    older = queued(layout, [])
    hand_in(layout, "twice", "partial")
    both = queued(layout, [])
    report = grading.grade(layout, W1)
    assert report.graded == ["twice"]
    states = {r["entry"]: r["state"] for r in queue_rows(layout)}
    assert states == {older[0]: "superseded", (set(both) - set(older)).pop(): "done"}
    assert len(attempts(layout, W1)) == 1


def test_a_worker_waits_for_a_row_another_holds_and_takes_it_when_the_holder_dies(pg_layout):
    """A run that finds only a row another worker holds: does it wait rather than stop, and grade the
    submission once the holder is killed?"""
    layout = pg_layout
    (entry,) = queued(layout, ["w1"])
    holder = subprocess.Popen([sys.executable, "-c", HOLD, layout.db_url, W1], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == entry
        (worker,) = start_workers(layout, [W1], count=1)
        said = ""
        while "being graded by other workers" not in said and worker.poll() is None:
            said = worker.stderr.readline()
        assert worker.poll() is None, "the worker stopped while a submission still waited"
        assert attempts(layout, W1) == []
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        (report,) = reports_of(worker)
        assert report["graded"] == ["w1"]
        assert [(r["entry"], r["state"]) for r in queue_rows(layout)] == [(entry, "done")]
    finally:
        holder.kill()
        holder.wait()


def test_a_forever_worker_grades_what_arrives_until_stopped(pg_layout):
    """`course grade WEEK --forever`: is each submission that arrives while it runs graded once, with a
    report per batch, and does SIGTERM stop it?"""
    layout = pg_layout
    worker = subprocess.Popen([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1,
                               "--forever", "--poll", "0.2"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env=os.environ.copy())
    try:
        assert "as worker" in worker.stdout.readline()
        for learner in ("f1", "f2"):
            hand_in(layout, learner)
            deadline = time.monotonic() + 600
            while learner not in {a["learner"] for a in attempts(layout, W1)} and time.monotonic() < deadline:
                assert worker.poll() is None
                time.sleep(0.1)
            line = worker.stdout.readline()
            while line.startswith("  "):     # the previous batch's lines per learner
                line = worker.stdout.readline()
            assert line.startswith(f"{W1}: graded 1,"), line
        assert worker.poll() is None
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    assert sorted(a["learner"] for a in attempts(layout, W1)) == ["f1", "f2"]
    assert {r["state"] for r in queue_rows(layout)} == {"done"}


def test_forever_needs_postgresql(layout):
    """With SQLite, is `course grade WEEK --forever` refused, saying what it needs?"""
    done = subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1, "--forever"],
                          capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "COURSE_DB_URL"})
    assert done.returncode == 2 and "needs the gradebook in PostgreSQL" in done.stderr
