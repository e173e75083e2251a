"""The formgrader mentors and maintainers open sees what `course grade` graded as graded.

nbgrader counts a submission as autograded only when the time in its `submitted/.../timestamp.txt`
equals the time of its gradebook row. The course records the time it received the hand-in (never
the learner's file), so the copy it grades must say that time too; otherwise the formgrader offers
every graded submission for autograding, and its Score column stays empty."""
from __future__ import annotations

import subprocess
import sys

import pytest
from handing_in import hand_in
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

from course.layout import CourseLayout
from course.scaffold import init_course

pytestmark = pytest.mark.slow
W1 = "week1_facebook"


def test_graded_submissions_are_autograded_in_the_formgraders_eyes(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    init_course(tmp_path / "course", solo=False)
    layout = CourseLayout.at(tmp_path / "course")
    hand_in(layout, "ada", "full")
    hand_in(layout, "bo", "blank")
    hand_in(layout, "cy", "partial")
    api = NbGraderAPI(CourseDirectory(config=layout.config), config=layout.config)
    assert api.get_autograded_students(W1) == set()      # handed in, not graded: the control

    done = subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "grade", W1],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]

    assert api.get_autograded_students(W1) == {"ada", "bo", "cy"}
    rows = {row["student"]: row for row in api.get_submissions(W1)}
    # every automatic point of the full answers (the written ones wait for a mentor), none of the blank ones
    assert rows["ada"]["autograded"] and rows["ada"]["score"] > rows["cy"]["score"] > 0
    assert rows["bo"]["autograded"] and rows["bo"]["score"] == 0
