"""`course grade` killed mid-run: the next run finishes the job, no grade is lost or counted twice."""
import select
import subprocess
import sys
import time

import pytest
from handing_in import hand_in

from course import gate, grading
from course.answer_key import load_key
from course.gradebook import cohort_scores
from course.storage import Ledger

pytestmark = pytest.mark.slow
W1 = "week1_facebook"
LEARNERS = [f"learner{i:02d}" for i in range(1, 25)]


def recorded(layout) -> list[dict]:
    ledger = Ledger(layout.db_url)
    try:
        return [a for a in ledger.attempts() if a["week"] == W1]
    finally:
        ledger.close()


def test_a_killed_run_is_finished_by_the_next_one(layout):
    """Killed by SIGKILL after some learners are graded: does the next run grade exactly the rest, without
    waiting on a lock, and grade nothing more after that?"""
    for learner in LEARNERS:
        hand_in(layout, learner)
    run = subprocess.Popen([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not recorded(layout) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    run.kill()                           # SIGKILL to the command alone: nothing of it may live on
    run.wait()
    done_before = {a["learner"] for a in recorded(layout)}
    assert 0 < len(done_before) < len(LEARNERS), "the run was not stopped part-way"

    report = grading.grade(layout, W1)
    assert sorted(report.graded) == sorted(set(LEARNERS) - done_before)
    assert not report.problems and not report.duplicates

    attempts = recorded(layout)
    assert sorted(a["learner"] for a in attempts) == LEARNERS          # one attempt each, none twice
    assert all(a["problem"] is None for a in attempts)
    auto = load_key(layout.keys, W1).auto_points
    scores = cohort_scores(layout.db_url, layout.course_id)
    assert all(scores[(learner, W1)].score == auto for learner in LEARNERS)
    assert all(gate.read(layout.gate_dir, learner)[W1].state == "passed" for learner in LEARNERS)

    again = grading.grade(layout, W1)
    assert again.graded == [] and len(recorded(layout)) == len(LEARNERS)


def test_a_copy_left_half_done_is_collected_again(layout):
    """A run killed while copying leaves its unfinished copy aside: is the submission copied again and graded right?"""
    hand_in(layout, "halfcopy")
    collected = layout.submitted / "halfcopy"
    (collected / ".collecting-x1y2").mkdir(parents=True)
    (collected / ".collecting-x1y2" / "assessment.ipynb").write_text("{ half", encoding="utf-8")
    report = grading.grade(layout, W1, learners=["halfcopy"])
    assert report.graded == ["halfcopy"]
    assert (collected / W1 / "assessment.answers.json").is_file()
    assert not list(collected.glob(".collecting-*"))
    assert cohort_scores(layout.db_url, layout.course_id)[("halfcopy", W1)].score == \
        load_key(layout.keys, W1).auto_points


def test_a_fault_of_the_grader_is_tried_again_and_costs_nothing(layout, monkeypatch):
    """When the grader itself fails on a submission (a locked database, say), is it reported, left
    unrecorded, and graded once by the next run?"""
    from sqlalchemy.exc import OperationalError
    from course.grading import record
    hand_in(layout, "unlucky")
    real = record.Recorder.record

    def locked(*args, **kwargs):
        raise OperationalError("update grade", {}, Exception("database is locked"))
    monkeypatch.setattr(record.Recorder, "record", locked)
    report = grading.grade(layout, W1, learners=["unlucky"])
    assert "database is locked" in report.problems["unlucky"] and "tried again" in report.problems["unlucky"]
    assert not [a for a in recorded(layout) if a["learner"] == "unlucky"]
    assert grading.cohort(layout)["unlucky"][W1].attempts_used == 0

    monkeypatch.setattr(record.Recorder, "record", real)
    again = grading.grade(layout, W1, learners=["unlucky"])
    assert again.graded == ["unlucky"] and not again.problems
    assert [a["score"] for a in recorded(layout) if a["learner"] == "unlucky"] == [
        load_key(layout.keys, W1).auto_points]


def test_a_lock_left_by_a_dead_run_is_taken_over_with_a_message(layout, capsys):
    """A lock file naming a process that no longer exists: does the next run take it over, say so, and grade?"""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (layout.grading / ".grading.lock").write_text(f"{dead.pid}\n")
    hand_in(layout, "afterdeath")
    report = grading.grade(layout, W1, learners=["afterdeath"])
    assert report.graded == ["afterdeath"]
    assert f"process {dead.pid} stopped before it finished" in capsys.readouterr().err


def test_a_second_run_waits_for_a_live_one_and_says_so(layout):
    """While one run holds the lock, does another wait (saying whom for) and then finish?"""
    from course.grading.lock import grading_lock
    said = []
    path = layout.grading / ".grading.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(path)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX); os.ftruncate(fd, 0); os.pwrite(fd, f'{os.getpid()}\\n'.encode(), 0)\n"
        "print('held', flush=True); time.sleep(2)\n"
        "print('releasing', flush=True); fcntl.flock(fd, fcntl.LOCK_UN); time.sleep(5)")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with grading_lock(layout, say=said.append):
        # we got the lock only after the holder let it go: its last word is already there to read
        ready = select.poll()   # poll, not select: a long test run may hold file descriptors above 1024
        ready.register(holder.stdout, select.POLLIN)
        assert ready.poll(0), "the lock was taken while still held"
        assert holder.stdout.readline().strip() == "releasing"
    holder.kill()
    holder.wait()
    assert said and f"process {holder.pid}" in said[0]
