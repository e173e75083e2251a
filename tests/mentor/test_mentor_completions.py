"""Completions on the dashboard: who completed the course, when, their scores, mentor and certificate (with
its code), and who is one step away; and the certificates of a cohort written by one command."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from course.certificate_code import verify
from course.cli import main
from course.mentor.completions import COMPLETED, ONE_STEP, completions_frame
from course.mentor.data import load_course
from course.mentor.view import MentorDashboard
from course.syllabus import load_syllabus

S = load_syllabus()
WEEKS = [w.id for w in S.weeks]


def progress(states: dict[str, list[tuple]]) -> pd.DataFrame:
    """learner -> one (state, score, attempts_left) per week, as a progress table (30 points a week, 21 needed)."""
    rows = []
    for learner, weeks in states.items():
        for number, (state, score, left) in enumerate(weeks, start=1):
            rows.append({"learner": learner, "week": WEEKS[number - 1], "week_number": number, "state": state,
                         "score": score, "max_score": 30.0 if score is not None else None, "needed": 21.0,
                         "attempts_left": left})
    frame = pd.DataFrame(rows)
    frame["score"] = pd.to_numeric(frame["score"])
    frame["max_score"] = pd.to_numeric(frame["max_score"])
    return frame


P = ("passed", 25.0, 2)
PROGRESS = progress({
    "amal": [P, P, P, ("passed", 28.0, 2)],
    "badr": [P, P, P, P],
    "dina": [P, P, P, ("awaiting_review", 18.0, 2)],
    "fadi": [P, P, P, ("failed", 12.0, 1)],
    "hana": [P, P, ("failed", 10.0, 0), ("locked", None, 3)],      # two weeks to go: not listed
    "joud": [P, ("failed", 11.0, 0), P, P],
})
ATTEMPTS = pd.DataFrame([
    {"learner": "amal", "week": WEEKS[3], "submitted_at": pd.Timestamp("2027-01-03 21:30"), "problem": ""},
    {"learner": "amal", "week": WEEKS[3], "submitted_at": pd.Timestamp("2027-01-05 09:00"), "problem": "duplicate"},
    {"learner": "badr", "week": WEEKS[3], "submitted_at": pd.Timestamp("2027-01-02 10:00"), "problem": ""},
])
ROSTER = pd.DataFrame([
    {"learner": "amal", "name": "أمل منصور", "mentor": "m_rima", "mentor_name": "Rima Haddad"},
    {"learner": "dina", "name": "Dina", "mentor": "m_sami", "mentor_name": "Sami Nasser"},
])


def test_completions_list_who_completed_then_who_is_one_step_away():
    """Are the learners who passed every week listed first (newest completion first), with the date the last
    passing work was handed in, their scores, mentor and certificate; then those one step away, those
    waiting for a mentor first, with what the step is?"""
    codes = []
    frame = completions_frame(PROGRESS, ATTEMPTS, ROSTER, S, issued={"amal"},
                              code_of=lambda learner, day: codes.append((learner, day)) or f"{learner}-CODE")
    assert frame["learner"].tolist() == ["amal", "badr", "dina", "joud", "fadi"]
    assert frame["status"].tolist() == [COMPLETED, COMPLETED, ONE_STEP, ONE_STEP, ONE_STEP]
    amal = frame.iloc[0]
    assert amal["completed_on"] == dt.date(2027, 1, 3)          # the duplicate handed in later does not count
    assert amal["scores"] == "25/30 · 25/30 · 25/30 · 28/30"
    assert (amal["name"], amal["mentor"]) == ("أمل منصور", "Rima Haddad")
    assert (amal["certificate"], amal["code"]) == ("issued", "amal-CODE")
    assert codes == [("amal", dt.date(2027, 1, 3))]             # a code only for a certificate written
    badr = frame.iloc[1]
    assert badr["certificate"].startswith("not yet") and "course certificates" in badr["certificate"]
    assert badr["code"] == ""
    steps = frame.set_index("learner")["next_step"]
    assert steps["dina"].startswith("week 4: waiting for the mentor's review")
    assert steps["joud"].startswith("week 2: failed with no attempt left") and "course unlock" in steps["joud"]
    assert steps["fadi"] == "week 4: to pass (12/30; 1 attempt left, 21 points needed)"
    assert frame.set_index("learner")["waits_for_mentor"].to_dict() == {
        "amal": False, "badr": False, "dina": True, "joud": True, "fadi": False}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A demo course of four learners: learner001 completes it (strong, capstone marked by a demo mentor)."""
    from course.demo import run_demo
    return run_demo(tmp_path_factory.mktemp("completions"), learners=4, out=io.StringIO())


def test_the_dashboard_shows_completions_and_the_certificates_one_command_writes(small, capsys):
    """Does the completions section list the learner who completed the course with their scores, say the
    certificate is not written yet when it is missing, and, after `course certificates`, show it issued
    with a code that `course verify` accepts?"""
    certificate = small.grading / "certificates" / "learner001" / "certificate.pdf"
    certificate.unlink(missing_ok=True)
    board = MentorDashboard(load_course(small))
    board.section("completions")
    text = board.text("completions")
    assert "<td>learner001</td>" in text and "<td>completed</td>" in text
    assert "1 learner completed the course; 0 certificates written (1 to write: <code>course certificates</code>)" in text
    assert "not yet: run `course certificates`" in text
    assert "learner002" not in text                              # failed weeks 1 and 2: far from the end

    assert main(["--root", str(small.root), "certificates"]) == 0
    assert certificate.is_file()
    capsys.readouterr()
    data = load_course(small)
    done = data.completions.set_index("learner").loc["learner001"]
    assert done["certificate"] == "issued"
    assert verify(small, done["code"]).learner == "learner001"
    board = MentorDashboard(data)
    board.section("completions")
    assert done["code"] in board.text("completions")
    assert "1 certificate written." in board.text("completions")
