"""The gate: every state and transition of a learner's week."""
import datetime as dt

from course.progress import Attempt, LearnerRecord, Override, State, learner_progress
from course.syllabus import load_syllabus

S = load_syllabus()
W1, W2, W3, W4 = S.week_ids
T0 = dt.datetime(2026, 12, 8, 10, 0)


def at(hours):
    return T0 + dt.timedelta(hours=hours)


def states(record):
    return {k: v.state for k, v in learner_progress(S, record).items()}


def test_new_learner_has_week1_open_and_the_rest_locked():
    """Does a learner who has done nothing see week 1 open and weeks 2-4 locked?"""
    p = learner_progress(S, LearnerRecord())
    assert [p[w].state for w in S.week_ids] == [State.UNLOCKED, State.LOCKED, State.LOCKED, State.LOCKED]
    assert p[W2].blocked_by == W1 and p[W2].blocked_score is None
    assert p[W1].can_submit and not p[W2].can_submit


def test_submitted_while_waiting_for_grading():
    """Is a week with an ungraded submission 'submitted'?"""
    assert states(LearnerRecord(waiting=frozenset({W1})))[W1] is State.SUBMITTED


def test_pass_unlocks_next_week():
    """Does a learner who reaches 7/10 pass week 1 and see week 2 open?"""
    p = learner_progress(S, LearnerRecord(attempts=(Attempt(W1, at(1), 7, 10),)))
    assert p[W1].state is State.PASSED and p[W1].score == 7
    assert p[W2].state is State.UNLOCKED and p[W3].state is State.LOCKED


def test_fail_keeps_next_week_locked_and_says_why():
    """Does a learner who fails week 1 stay locked out of week 2, with score and points needed?"""
    p = learner_progress(S, LearnerRecord(attempts=(Attempt(W1, at(1), 5, 10),)))
    assert p[W1].state is State.FAILED and p[W1].attempts_left == 2 and p[W1].can_submit
    assert p[W2].state is State.LOCKED
    assert (p[W2].blocked_score, p[W2].blocked_max, p[W2].blocked_needed) == (5, 10, 7)


def test_retry_after_fail_can_pass():
    """Can a learner who failed pass on a later attempt and open week 2?"""
    rec = LearnerRecord(attempts=(Attempt(W1, at(1), 4, 10), Attempt(W1, at(2), 9, 10)))
    p = learner_progress(S, rec)
    assert p[W1].state is State.PASSED and p[W1].attempts_used == 2 and p[W2].is_open


def test_attempts_run_out():
    """Is a learner with three failed attempts unable to submit again?"""
    rec = LearnerRecord(attempts=tuple(Attempt(W1, at(i), 3, 10) for i in range(3)))
    p = learner_progress(S, rec)
    assert p[W1].state is State.FAILED and p[W1].attempts_left == 0 and not p[W1].can_submit


def test_a_pass_is_never_taken_back():
    """Does a worse later attempt leave an earlier pass standing?"""
    rec = LearnerRecord(attempts=(Attempt(W1, at(1), 8, 10), Attempt(W1, at(2), 2, 10)))
    assert states(rec)[W1] is State.PASSED


def test_awaiting_review_when_written_answer_decides():
    """Is the result left to the mentor when only the written answer can decide?"""
    p = learner_progress(S, LearnerRecord(attempts=(Attempt(W1, at(1), 6, 10, pending_points=2),)))
    assert p[W1].state is State.AWAITING_REVIEW and p[W2].state is State.LOCKED
    # auto points alone suffice: passed without waiting for the mentor
    assert states(LearnerRecord(attempts=(Attempt(W1, at(1), 8, 10, pending_points=2),)))[W1] is State.PASSED
    # even full marks on the written answer cannot reach 7: failed at once
    assert states(LearnerRecord(attempts=(Attempt(W1, at(1), 4, 10, pending_points=2),)))[W1] is State.FAILED


def test_mentor_override_opens_a_locked_week_with_fresh_attempts():
    """Does a mentor's unlock open week 2 for a learner who failed week 1, and reset attempts?"""
    failed = tuple(Attempt(W1, at(i), 3, 10) for i in range(3))
    rec = LearnerRecord(attempts=failed, overrides=(Override(W2, at(5), "illness"),))
    p = learner_progress(S, rec)
    assert p[W1].state is State.FAILED and p[W2].state is State.UNLOCKED and p[W2].overridden
    # an unlock of the exhausted week itself gives a new allowance
    rec = LearnerRecord(attempts=failed, overrides=(Override(W1, at(5), "second chance"),))
    p = learner_progress(S, rec)
    assert p[W1].attempts_left == 3 and p[W1].can_submit


def test_weeks_open_in_a_chain():
    """Does passing weeks 1-3 open week 4, and only then?"""
    rec = LearnerRecord(attempts=(Attempt(W1, at(1), 8, 10), Attempt(W2, at(2), 8, 10)))
    assert states(rec)[W3] is State.UNLOCKED and states(rec)[W4] is State.LOCKED
    rec = LearnerRecord(attempts=rec.attempts + (Attempt(W3, at(3), 10, 10),))
    assert states(rec)[W4] is State.UNLOCKED


def test_submission_after_fail_is_submitted_not_failed():
    """Does a new submission after a fail show as 'submitted' until it is graded?"""
    rec = LearnerRecord(attempts=(Attempt(W1, at(1), 3, 10),), waiting=frozenset({W1}))
    assert states(rec)[W1] is State.SUBMITTED
