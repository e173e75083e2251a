"""Who completed the course, and who is one step away, for the dashboard's completions section.

A learner has *completed* the course when every week is passed (as for the
certificate: :func:`course.grading.certificate.completion`); the completion
date is the day (UTC, as printed on the certificate) the last passing work
was handed in. A learner is *one step away* when every week but one is
passed; the step says what that week waits for (a mentor's review, grading,
another attempt, an unlock). The certificate is *issued* once its PDF is in
``grading/certificates/<learner>/``; its verification code is shown then.

:func:`completions_frame` is pure (tests feed it by hand);
:func:`load_completions` adds what only the course folder knows (which
certificates are written, and their codes).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from ..certificate_code import issued_code
from ..layout import CourseLayout
from ..progress import State
from ..syllabus import Syllabus

COMPLETED, ONE_STEP = "completed", "one step away"
COMPLETION_COLUMNS = ["learner", "name", "mentor", "status", "completed_on", "scores", "next_step",
                      "waits_for_mentor", "certificate", "code"]
CERTIFICATE_FILE = "certificate.pdf"


def _score(row) -> str:
    if pd.isna(row.score):
        return "–"
    return f"{row.score:g}/{row.max_score:g}"


def next_step(row, week_number: int) -> tuple[str, bool]:
    """What the one week not yet passed waits for, in words, and whether a mentor is the one to act."""
    state = row.state
    if state == State.AWAITING_REVIEW.value:
        return f"week {week_number}: waiting for the mentor's review of the written answer that decides it", True
    if state == State.SUBMITTED.value:
        return f"week {week_number}: handed in, waiting to be graded (`course grade`)", True
    if state == State.FAILED.value and row.attempts_left:
        left = int(row.attempts_left)
        return (f"week {week_number}: to pass ({_score(row)}; {left} attempt{'s' if left != 1 else ''} left, "
                f"{row.needed:g} points needed)", False)
    if state == State.FAILED.value:
        return (f"week {week_number}: failed with no attempt left; a mentor may give another chance "
                "(`course unlock`)", True)
    if state == State.LOCKED.value:
        return f"week {week_number}: still locked (`course unlock` opens it)", True
    return f"week {week_number}: to hand in the assessment", False


def completions_frame(progress: pd.DataFrame, attempts: pd.DataFrame, roster: pd.DataFrame,
                      syllabus: Syllabus, issued: set[str] | frozenset[str] = frozenset(),
                      code_of: Callable[[str, dt.date], str | None] = lambda _l, _d: None) -> pd.DataFrame:
    """One row per learner who completed the course (newest first), then per learner one step away
    (those waiting for a mentor first). ``scores`` is each week's ``score/max`` in order; ``issued`` holds
    the learners whose certificate is written, and ``code_of(learner, date)`` gives its code.
    Whole-table operations, then a loop over the listed learners only (2,000 learners in well under a second)."""
    empty = pd.DataFrame(columns=COMPLETION_COLUMNS).astype({"waits_for_mentor": bool})
    if progress.empty or not syllabus.weeks:
        return empty
    numbers = {w.id: w.number for w in syllabus.weeks}
    p = progress.sort_values(["learner", "week_number"], kind="stable")
    not_passed = p["state"] != State.PASSED.value
    per_learner = pd.DataFrame({"weeks": p.groupby("learner").size(),
                                "open": not_passed.groupby(p["learner"]).sum()})
    listed = per_learner[(per_learner["weeks"] == len(syllabus.weeks)) & (per_learner["open"] <= 1)]
    if listed.empty:
        return empty
    p = p[p["learner"].isin(listed.index)]
    scores = p["score"].map("{:g}".format, na_action="ignore").fillna("–")
    scores = scores.where(p["score"].isna(), scores + "/" + p["max_score"].map("{:g}".format, na_action="ignore"))
    joined = scores.groupby(p["learner"]).agg(" · ".join)
    handed = attempts[(attempts["problem"].fillna("") == "") & attempts["learner"].isin(listed.index)]
    last_handed = handed.groupby("learner")["submitted_at"].max()
    people = roster.set_index("learner") if len(roster) else pd.DataFrame(columns=["name", "mentor", "mentor_name"])
    open_rows = {r.learner: r for r in p[not_passed.loc[p.index]].itertuples(index=False)}
    rows = []
    for learner in listed.index:
        person = people.loc[learner] if learner in people.index else None
        row = {"learner": learner, "name": person["name"] if person is not None else "",
               "mentor": (person["mentor_name"] or person["mentor"]) if person is not None else "",
               "scores": joined[learner], "completed_on": None, "next_step": "", "waits_for_mentor": False,
               "certificate": "", "code": ""}
        if learner not in open_rows:
            last = last_handed.get(learner)
            completed = pd.Timestamp(last).date() if last is not None and not pd.isna(last) else None
            written = learner in issued
            row.update(status=COMPLETED, completed_on=completed,
                       certificate="issued" if written else "not yet: run `course certificates`",
                       code=(code_of(learner, completed) or "") if written and completed else "")
        else:
            week = open_rows[learner]
            step, mentor_acts = next_step(week, numbers[week.week])
            row.update(status=ONE_STEP, next_step=step, waits_for_mentor=mentor_acts)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COMPLETION_COLUMNS)
    frame["_done"] = frame["status"] == COMPLETED
    frame["_day"] = pd.to_datetime(frame["completed_on"])
    frame = frame.sort_values(["_done", "_day", "waits_for_mentor", "learner"],
                              ascending=[False, False, False, True], kind="stable", na_position="last")
    return frame[COMPLETION_COLUMNS].astype({"waits_for_mentor": bool}).reset_index(drop=True)


def certificates_written(layout: CourseLayout) -> set[str]:
    """The learners whose certificate PDF is in ``grading/certificates/<learner>/``."""
    folder = layout.grading / "certificates"
    if not folder.is_dir():
        return set()
    return {p.parent.name for p in folder.glob(f"*/{CERTIFICATE_FILE}") if p.is_file()}


def load_completions(layout: CourseLayout, progress: pd.DataFrame, attempts: pd.DataFrame,
                     roster: pd.DataFrame) -> pd.DataFrame:
    """:func:`completions_frame` for the course at ``layout``, with its written certificates and their codes."""
    return completions_frame(progress, attempts, roster, layout.syllabus, certificates_written(layout),
                             lambda learner, day: issued_code(layout, learner, day))
