"""The `course` command: help, clear errors, a demo cohort, and progress that agrees with the gradebook."""
import json
import subprocess
import sys

import pytest

from course.cli import main
from course.gradebook import cohort_scores
from course.layout import CourseLayout


def run(*args):
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True)


def test_help_lists_every_command():
    """Does `course --help` list every command a learner, mentor or maintainer needs?"""
    out = run("--help").stdout
    for command in ("init", "lab", "release", "submit", "grade", "progress", "unlock", "feedback", "demo", "check"):
        assert command in out


def test_wrong_root_is_a_clear_error(tmp_path, capsys):
    """Does a folder that is not a course give a message saying what to do, and exit non-zero?"""
    assert main(["--root", str(tmp_path), "progress"]) == 2
    err = capsys.readouterr().err
    assert "is not a course folder" in err and "course init --root DIR" in err


def test_unknown_week_is_a_clear_error(course_root, capsys):
    """Does grading a week that does not exist name the weeks that do?"""
    assert main(["--root", str(course_root), "grade", "week9"]) == 2
    assert "unknown week 'week9'; the syllabus has: week1_facebook" in capsys.readouterr().err


def test_unlock_needs_a_reason(course_root, capsys):
    """Is an unlock without a reason refused?"""
    assert main(["--root", str(course_root), "unlock", "amal", "week2_groups_pages", "--reason", "  "]) == 2
    assert "Give a reason" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_then_progress_agrees_with_the_gradebook(tmp_path, capsys):
    """Does a demo cohort end with learners passed, failed and locked, and does the JSON match the gradebook?"""
    root = tmp_path / "demo"
    assert main(["--root", str(root), "demo", "--learners", "4"]) == 0
    table = capsys.readouterr().out
    assert "passed" in table and "failed" in table and "locked" in table
    assert main(["--root", str(root), "progress", "--format", "json"]) == 0
    progress = json.loads(capsys.readouterr().out)
    assert set(progress) == {"learner001", "learner002", "learner003", "learner004"}
    assert all(progress["learner001"][w]["state"] == "passed" for w in progress["learner001"])
    assert progress["learner003"]["week1_facebook"] == {"state": "failed", "score": 0.0, "max_score": 30.0}
    assert progress["learner003"]["week2_groups_pages"]["state"] == "locked"
    layout = CourseLayout.at(root)
    for (learner, week), s in cohort_scores(layout.db_url, layout.course_id).items():
        assert progress[learner][week]["score"] == s.score and progress[learner][week]["max_score"] == s.max_score
    assert main(["--root", str(root), "progress", "--format", "csv"]) == 0
    csv_out = capsys.readouterr().out.splitlines()
    assert csv_out[0].startswith("id,name,mentor,country,language,week1_state,week1_score,week1_max_score,")
    assert len(csv_out) == 5


@pytest.mark.parametrize("argv, root", [
    (["demo", "--learners", "3", "--root", "/course"], "/course"),
    (["--root", "/course", "demo"], "/course"),
    (["--root", "/before", "grade", "week1_facebook", "--root", "/after"], "/after"),
    (["progress"], None),
])
def test_root_may_come_before_or_after_the_command(argv, root):
    """Is --root taken wherever it is written (``course demo --root DIR`` as well as ``course --root DIR demo``)?"""
    from course.cli import build_parser
    assert build_parser().parse_args(argv).root == root
