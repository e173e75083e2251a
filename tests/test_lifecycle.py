"""The whole lifecycle through nbgrader for real: release, fetch, submit, collect, autograde, feedback, gate."""

import html
import pytest

from handing_in import hand_in

from course import gate, grading
from course.answer_key import load_key
from course.gradebook import cohort_scores
from course.storage import Ledger
from course.progress import State

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"
# Week 1 is worth 30 points, 25 of them automatic; 21 are needed to pass. A "partial" submission
# answers the first half of the automatic questions right (questions 1-6: 11 points).


def states(layout, learner):
    return {k: v.state for k, v in gate.read(layout.gate_dir, learner).items()}


def test_pass_fail_retry_and_override(layout):
    """Does a pass open week 2, a fail keep it locked, a retry work, and a mentor unlock open it?"""
    hand_in(layout, "passer", "full")
    hand_in(layout, "failer", "partial")
    hand_in(layout, "broken", "broken")
    report = grading.grade(layout, W1)

    # one broken submission is reported with its reason and the others are graded
    assert sorted(report.graded) == ["failer", "passer"]
    assert "not a readable notebook" in report.problems["broken"]
    assert ("passer", W2) in report.unlocked and ("failer", W2) not in report.unlocked
    # the passer's written answer waits for a mentor without deciding anything; the failer
    # left it blank, which nbgrader scores 0 with nothing to review
    assert report.to_review == ["passer"] and report.awaiting_review == []

    assert states(layout, "passer")[W1] == "passed" and states(layout, "passer")[W2] == "unlocked"
    failer = gate.read(layout.gate_dir, "failer")
    assert failer[W1].state == "failed" and failer[W1].can_submit
    assert failer[W2].state == "locked" and "11/30, 21 needed" in failer[W2].message

    # the locked week can be neither fetched nor submitted
    with pytest.raises(grading.PipelineError, match="Pass week 1 .* first: your score 11/30, 21 needed"):
        grading.fetch(layout, W2, "failer", layout.root / "learners" / "failer")
    # the passer can fetch week 2 now
    assert (grading.fetch(layout, W2, "passer", layout.root / "learners" / "passer") / "assessment.ipynb").exists()

    # grading again changes nothing (no double counting)
    again = grading.grade(layout, W1)
    assert again.graded == [] and again.unlocked == []

    # a retry after a fail is graded as a second attempt and passes
    hand_in(layout, "failer", "full")
    assert grading.cohort(layout)["failer"][W1].state is State.SUBMITTED
    retry = grading.grade(layout, W1)
    assert retry.graded == ["failer"] and ("failer", W2) in retry.unlocked
    ledger = Ledger(layout.db_url)
    tries = [a for a in ledger.attempts() if a["learner"] == "failer"]
    assert [a["score"] for a in tries] == [11.0, 25.0]

    # the broken learner is unlocked by a mentor, with the reason recorded
    wp = grading.unlock(layout, "broken", W2, "sent the file by email; checked by hand", by="mentor1")
    assert wp.state is State.UNLOCKED and states(layout, "broken")[W2] == "unlocked"
    events = ledger.events("broken")
    assert [(e["kind"], e["week"]) for e in events] == [("override", W2), ("unlock", W2)]
    assert events[0]["cause"] == "sent the file by email; checked by hand" and events[0]["by"] == "mentor1"
    passer_unlock = [e for e in ledger.events("passer") if e["kind"] == "unlock"]
    assert passer_unlock[0]["cause"] == f"passed {W1}" and passer_unlock[0]["score"] == "25/30"
    ledger.close()


def test_attempts_run_out_then_submission_is_refused(layout):
    """After three failed attempts, is a fourth submission refused with a clear message?"""
    for quality in ("blank", "partial", "blank"):   # an identical resubmission would not count
        hand_in(layout, "stuck", quality)
        grading.grade(layout, W1, learners=["stuck"])
    entry = gate.read(layout.gate_dir, "stuck")[W1]
    assert entry.state == "failed" and not entry.can_submit
    with pytest.raises(grading.PipelineError, match="used all 3 attempts"):
        hand_in(layout, "stuck", "full")


def test_feedback_shows_answers_and_points_but_no_key(layout):
    """Does feedback show answers and points, keep the right answers back while attempts remain,
    show them with their explanation after the last attempt, and never show check code or schemes?"""
    key = load_key(layout.keys, W1)
    secret = [e.answer for e in key.entries.values() if e.kind in ("rules", "manual")]
    explanations = [e.explanation for e in key.entries.values() if e.explanation]
    failer = html.unescape((layout.feedback / "failer" / W1 / "assessment.html").read_text(encoding="utf-8"))
    stuck = html.unescape((layout.feedback / "stuck" / W1 / "assessment.html").read_text(encoding="utf-8"))
    assert "Your answer" in stuck and "points" in stuck
    assert gate.read(layout.gate_dir, "stuck")[W1].state == "failed"          # no attempt left: answers shown
    assert any(answer in stuck for answer in secret) and all(e in stuck for e in explanations)
    for page in (failer, stuck):
        assert "assessment.grade(" not in page and "BEGIN SOLUTION" not in page and "Traceback" not in page
        assert key.entries["q14_security_plan"].scheme[:40] not in page
        assert str(layout.root) not in page


def test_progress_json_agrees_with_gradebook(layout):
    """Does every learner's reported score equal the gradebook's for the latest submission?"""
    progress = grading.cohort(layout)
    scores = cohort_scores(layout.db_url, layout.course_id)
    for (learner, week), s in scores.items():
        wp = progress[learner][week]
        if wp.state is not State.PASSED:
            assert (wp.score, wp.max_score) == (s.score, s.max_score)
    assert progress["passer"][W1].as_dict() == {"state": "passed", "score": 25.0, "max_score": 30.0}


def test_one_learners_scores_are_read_alone(layout):
    """Does asking the gradebook for one learner (and week) return exactly that part of the whole cohort's?"""
    everyone = cohort_scores(layout.db_url, layout.course_id)
    assert len({learner for learner, _ in everyone}) > 1
    assert cohort_scores(layout.db_url, layout.course_id, "passer") == {
        key: s for key, s in everyone.items() if key[0] == "passer"}
    assert cohort_scores(layout.db_url, layout.course_id, "passer", W1) == {("passer", W1): everyone[("passer", W1)]}
    assert cohort_scores(layout.db_url, layout.course_id, week=W1).keys() == {k for k in everyone if k[1] == W1}
    assert cohort_scores(layout.db_url, layout.course_id, "nobody") == {}
