"""`course grade` ends by saying, for the whole cohort, who passed the week, who failed and who still
waits for a mentor, by name and id."""
from __future__ import annotations

from course.cli import main
from course.progress import State, WeekProgress
from course.progress_report import outcome_lines
from course.syllabus import load_syllabus

from .conftest import W1, graded


def test_grade_reports_who_passed_failed_and_waits(course, capsys):
    graded(course, "learner01", W1, 25)
    graded(course, "learner02", W1, 11)
    graded(course, "learner03", W1, 18, pending=10)      # 21 needed: the written answer decides
    assert main(["--root", str(course.root), "grade", W1]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    start = lines.index(f"Week 1 ({W1}), every learner:")
    assert lines[start + 1:] == [
        "  passed: 1: Amal Haddad (learner01)",
        "  failed: 1: Hadi Saleh (learner02)",
        "  waiting for a mentor (a written answer decides): 1: Nour Khalil (learner03)",
        "  not handed in yet: 3",
    ]


def test_a_long_list_is_cut_and_points_to_progress():
    syllabus = load_syllabus()
    results = {f"l{i:03d}": WeekProgress(week=W1, state=State.PASSED) for i in range(30)}
    lines = outcome_lines(syllabus, W1, results, {})
    assert lines[1].startswith("  passed: 30: l000, l001") and lines[1].endswith(
        "l011 and 18 more (`course progress`)")
    assert lines[2] == "  failed: 0"
