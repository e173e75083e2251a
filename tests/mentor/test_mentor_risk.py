"""Who is at risk, and why: each rule on hand-made learners, with the clock set by the test."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from course.mentor.data import attempts_frame, progress_frame
from course.mentor.risk import at_risk, failed_twice, inactive, overdue
from course.progress import Attempt, LearnerRecord, Override, cohort_progress
from course.syllabus import load_syllabus

S = load_syllabus()        # week 1 due 2026-12-13 21:59 UTC, week 2 due 2026-12-20 21:59 UTC; start 2026-12-07
W1, W2, W3 = (w.id for w in S.weeks[:3])
BEFORE_W1_DUE = dt.datetime(2026, 12, 12, 12, 0)
AFTER_W1_DUE = dt.datetime(2026, 12, 14, 12, 0)
AFTER_W2_DUE = dt.datetime(2026, 12, 21, 12, 0)


def when(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, 0)


def graded(week, day, score, max_score=10.0):
    return {"week": week, "submitted_at": when(day), "score": score, "max_score": max_score,
            "pending_points": 0.0, "problem": None}


def broken(week, day, problem="assessment.ipynb is not a readable notebook"):
    return {"week": week, "submitted_at": when(day), "score": None, "max_score": None,
            "pending_points": 0.0, "problem": problem}


def frames(learners: dict[str, list[dict]], overrides: dict[str, list[str]] | None = None):
    """Progress and attempts tables built by the engine's own pure functions from hand-made submissions."""
    rows = [{"learner": learner, **sub} for learner, subs in learners.items() for sub in subs]
    records = {}
    for learner, subs in learners.items():
        attempts = tuple(Attempt(week=s["week"], submitted_at=s["submitted_at"], score=s["score"],
                                 max_score=s["max_score"]) for s in subs if s["problem"] is None)
        opened = tuple(Override(week=w, at=when(1), reason="test") for w in (overrides or {}).get(learner, ()))
        records[learner] = LearnerRecord(attempts=attempts, overrides=opened)
    attempts = attempts_frame(rows, {}, S)
    return progress_frame(cohort_progress(S, records), attempts, S), attempts


def test_nothing_handed_in_after_the_due_date_is_overdue():
    """Is an open week past its due date with nothing handed in flagged, with the week and date in words?"""
    progress, _ = frames({"amal": []})
    rows = overdue(progress, S, AFTER_W1_DUE)
    assert [(r["learner"], r["week"]) for r in rows] == [("amal", W1)]
    assert rows[0]["reason"].startswith("week 1 (Facebook, research and basic digital security) was due on "
                                        "13 Dec 2026, less than a day ago")
    assert "nothing was handed in" in rows[0]["reason"]


def test_before_the_due_date_nobody_is_overdue():
    """Is a learner with nothing handed in left alone while the week is not yet due?"""
    progress, _ = frames({"amal": []})
    assert overdue(progress, S, BEFORE_W1_DUE) == []


def test_a_locked_week_past_its_due_date_is_not_overdue():
    """Is a week the learner cannot open yet (locked) never counted as overdue?"""
    progress, _ = frames({"omar": [graded(W1, 10, 3.0)]})
    assert [r["week"] for r in overdue(progress, S, AFTER_W2_DUE)] == []   # failed week 1, week 2 locked


def test_a_week_opened_by_a_mentor_can_be_overdue():
    """Is a week a mentor opened, then left without a submission past its due date, flagged?"""
    progress, _ = frames({"omar": [graded(W1, 10, 3.0)]}, overrides={"omar": [W2]})
    assert [r["week"] for r in overdue(progress, S, AFTER_W2_DUE)] == [W2]


def test_a_graded_submission_is_not_overdue_even_if_failed():
    """Is a learner who handed in a gradable (even failed) assessment not counted as overdue?"""
    progress, _ = frames({"nour": [graded(W1, 12, 2.0)]})
    assert overdue(progress, S, AFTER_W1_DUE) == []


def test_only_an_ungradable_submission_is_overdue_with_the_graders_reason():
    """Is a learner whose only submission could not be graded flagged, with why it could not be?"""
    progress, _ = frames({"lina": [broken(W1, 12)]})
    rows = overdue(progress, S, AFTER_W1_DUE)
    assert len(rows) == 1 and "could not be graded: assessment.ipynb is not a readable notebook" in rows[0]["reason"]


def test_failing_a_week_twice_without_passing_is_flagged_with_the_scores():
    """Are two failed attempts of a week, not passed, flagged with both scores?"""
    progress, attempts = frames({"sara": [graded(W1, 9, 4.0), graded(W1, 11, 5.0)]})
    rows = failed_twice(progress, attempts, S)
    assert rows == [{"learner": "sara", "week": W1, "week_number": 1, "rule": "failed_twice",
                     "reason": "failed week 1 2 times (scores 4/10, 5/10) and has not passed it yet"}]


def test_one_fail_or_a_later_pass_is_not_failed_twice():
    """Is a single fail, or two fails followed by a pass, left alone?"""
    progress, attempts = frames({"one": [graded(W1, 9, 4.0)],
                                 "passed": [graded(W1, 8, 4.0), graded(W1, 9, 5.0), graded(W1, 10, 9.0)],
                                 "broken": [broken(W1, 8), broken(W1, 9)]})
    assert failed_twice(progress, attempts, S) == []


def test_no_submission_for_more_than_n_days_is_inactive():
    """Is a learner whose last submission is 8 days old inactive at 7 days, and not at 10?"""
    progress, attempts = frames({"yousef": [graded(W1, 8, 8.0)]})
    now = when(16)
    rows = inactive(progress, attempts, S, now)
    assert rows[0]["reason"] == "no submission for 8 days (the last on 8 Dec 2026)"
    assert inactive(progress, attempts, S, now, days=10) == []
    assert inactive(progress, attempts, S, when(14)) == []   # 6 days: not yet


def test_never_submitting_counts_from_the_start_of_the_course():
    """Is a learner who never submitted inactive once the course has run longer than N days, not before?"""
    progress, attempts = frames({"rana": []})
    assert inactive(progress, attempts, S, when(13)) == []          # 6 days after the start
    rows = inactive(progress, attempts, S, when(17))
    assert rows[0]["reason"] == "no submission yet, 10 days after the course started on 7 Dec 2026"
    assert inactive(progress, attempts, S, dt.datetime(2026, 11, 1)) == []   # before the course starts


def test_a_learner_who_passed_every_week_is_never_inactive():
    """Is a learner who finished the course left alone, however long ago they last submitted?"""
    subs = [graded(w.id, 8 + i, 9.0) for i, w in enumerate(S.weeks)]
    progress, attempts = frames({"done": subs})
    assert inactive(progress, attempts, S, dt.datetime(2027, 3, 1)) == []


def test_inactive_days_must_be_at_least_one():
    """Is a limit of 0 days refused (everybody would be inactive)?"""
    progress, attempts = frames({"x": []})
    with pytest.raises(ValueError):
        inactive(progress, attempts, S, when(20), days=0)


def test_at_risk_lists_every_rule_per_learner_with_names_and_mentors():
    """Does the table list each learner's reasons (rule order), with name and mentor from the roster?"""
    progress, attempts = frames({
        "sara": [graded(W1, 8, 4.0), graded(W1, 9, 5.0)],      # failed twice, inactive
        "amal": [graded(W1, 8, 9.0), graded(W2, 20, 9.0)],     # fine: recent submission
        "lina": [],                                            # overdue week 1, inactive
    })
    roster = pd.DataFrame({"learner": ["sara", "amal", "lina"], "name": ["Sara", "Amal", "لينا"],
                           "mentor": ["m_rima", "m_rima", ""]})
    risk = at_risk(progress, attempts, S, AFTER_W2_DUE, roster=roster)
    assert list(risk.columns) == ["learner", "name", "mentor", "week", "week_number", "rule", "reason"]
    assert list(zip(risk["learner"], risk["rule"], risk["week"])) == [
        ("lina", "overdue", W1), ("lina", "inactive", ""),    # week 2 is still locked for lina
        ("sara", "failed_twice", W1), ("sara", "inactive", "")]
    assert risk.set_index("learner").loc["sara", "name"].tolist() == ["Sara", "Sara"]
    assert set(risk.loc[risk["learner"] == "lina", "name"]) == {"لينا"}
    assert "amal" not in set(risk["learner"])


def test_a_time_with_an_offset_is_the_same_moment():
    """Does 'now' given with a UTC offset mean the same moment as naive UTC?"""
    progress, attempts = frames({"amal": []})
    beirut = dt.datetime(2026, 12, 14, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))   # 22:30 UTC on the 13th
    assert [r["week"] for r in overdue(progress, S, beirut)] == [W1]
    just_before = dt.datetime(2026, 12, 13, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert overdue(progress, S, just_before) == []


def test_the_days_in_reasons_are_on_the_cohorts_clock():
    """Is a due date named by the cohort's day (Tokyo: 14 Dec at 01:00, which is 13 Dec in UTC)?"""
    import dataclasses
    tokyo_due = dt.datetime(2026, 12, 14, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    tokyo = dataclasses.replace(S, timezone="Asia/Tokyo",
                                weeks=(dataclasses.replace(S.weeks[0], due=tokyo_due), *S.weeks[1:]))
    progress, _ = frames({"amal": []})
    rows = overdue(progress, tokyo, AFTER_W1_DUE)
    assert "was due on 14 Dec 2026" in rows[0]["reason"]
