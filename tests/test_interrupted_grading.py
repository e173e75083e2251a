"""`course grade` killed mid-run: the next run finishes the job, no grade is lost or counted twice."""
import os
import signal
import subprocess
import sys
import time

import pytest
from handing_in import hand_in

from course import gate, pipeline
from course.answer_key import load_key
from course.gradebook import cohort_scores
from course.storage import Ledger

pytestmark = pytest.mark.slow
W1 = "week1_facebook"
LEARNERS = [f"learner{i:02d}" for i in range(1, 9)]


def recorded(layout) -> list[dict]:
    ledger = Ledger(layout.db_url)
    try:
        return [a for a in ledger.attempts() if a["week"] == W1]
    finally:
        ledger.close()


def test_a_killed_run_is_finished_by_the_next_one(layout):
    """Killed (with its workers) after some learners are graded: does the next run grade exactly the rest?"""
    for learner in LEARNERS:
        hand_in(layout, learner)
    run = subprocess.Popen([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1,
                            "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    deadline = time.monotonic() + 600
    while not recorded(layout) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)   # the whole run: the command and its grading workers
    run.wait()
    done_before = {a["learner"] for a in recorded(layout)}
    assert 0 < len(done_before) < len(LEARNERS), "the run was not stopped part-way"

    report = pipeline.grade(layout, W1)
    assert sorted(report.graded) == sorted(set(LEARNERS) - done_before)
    assert not report.problems and not report.duplicates

    attempts = recorded(layout)
    assert sorted(a["learner"] for a in attempts) == LEARNERS          # one attempt each, none twice
    assert all(a["problem"] is None for a in attempts)
    auto = load_key(layout.keys, W1).auto_points
    scores = cohort_scores(layout.db_url, layout.course_id)
    assert all(scores[(learner, W1)].score == auto for learner in LEARNERS)
    assert all(gate.read(layout.gate_dir, learner)[W1].state == "passed" for learner in LEARNERS)

    again = pipeline.grade(layout, W1)
    assert again.graded == [] and len(recorded(layout)) == len(LEARNERS)


def test_a_copy_left_half_done_is_collected_again(layout):
    """A collected copy missing a file (the run stopped while copying): is it copied again and graded right?"""
    hand_in(layout, "halfcopy")
    pipeline._collect(layout, layout.syllabus.week(W1), ["halfcopy"], pipeline.GradingReport(week=W1))
    collected = layout.submitted / "halfcopy" / W1
    (collected / "assessment.answers.json").unlink()   # timestamp.txt is there, the answers are not
    report = pipeline.grade(layout, W1, learners=["halfcopy"])
    assert report.graded == ["halfcopy"]
    assert (collected / "assessment.answers.json").is_file()
    assert cohort_scores(layout.db_url, layout.course_id)[("halfcopy", W1)].score == \
        load_key(layout.keys, W1).auto_points


def test_a_fault_of_the_grader_is_tried_again_and_costs_nothing(layout, monkeypatch):
    """When the grader itself fails on a submission (a locked database, say), is it reported, left
    unrecorded, and graded once by the next run?"""
    from course import workers
    hand_in(layout, "unlucky")
    real = workers.grade_one
    monkeypatch.setattr(workers, "grade_one", lambda root, week, learner: workers.Outcome(
        learner, False, "OperationalError: database is locked"))
    report = pipeline.grade(layout, W1, learners=["unlucky"], workers=1)
    assert "database is locked" in report.problems["unlucky"] and "tried again" in report.problems["unlucky"]
    assert not [a for a in recorded(layout) if a["learner"] == "unlucky"]
    assert pipeline.cohort(layout)["unlucky"][W1].attempts_used == 0

    monkeypatch.setattr(workers, "grade_one", real)
    again = pipeline.grade(layout, W1, learners=["unlucky"], workers=1)
    assert again.graded == ["unlucky"] and not again.problems
    assert [a["score"] for a in recorded(layout) if a["learner"] == "unlucky"] == [
        load_key(layout.keys, W1).auto_points]
