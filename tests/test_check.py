"""`course check` for every week: notebooks run, reference answers score full marks, blank ones 0,
nothing secret in the release or the feedback. Also: the check itself can fail."""
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from course.answer_key import load_key
from course.check import check_week, secrets_in
from course.layout import CourseLayout
from course.scaffold import copy_course
from course.syllabus import load_syllabus

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("week", load_syllabus().week_ids)
def test_week_passes_the_maintainer_check(week, tmp_path):
    """Does this week's reference submission score full marks and a blank one zero, leaking nothing?"""
    layout = CourseLayout.at()
    result = check_week(layout, week, tmp_path / "scratch")
    assert result.ok, result.problems
    text = "\n".join(result.passed)
    key = load_key(layout.keys, week)
    auto, total = key.auto_points, key.total_points
    assert f"full submission scores {auto:g}/{total:g} (+{total - auto:g} for the mentor)" in text
    assert f"blank submission scores 0/{total:g}" in text
    assert f"reference scores full marks {total:g}/{total:g} after review" in text


@pytest.mark.parametrize("old,new,problem", [
    ('answer = "page"', 'answer = "pagee"', "'pagee' to q1_page_or_profile is not one of its options"),
    ('[questions.q12_phishing_resistant]\nkind = "choice"\npoints = 2',
     '[questions.q12_phishing_resistant]\nkind = "choice"\npoints = 3',
     "q12_phishing_resistant is worth 2 points in the notebook but 3 in the key"),
    ('[questions.q12_phishing_resistant]\nkind = "choice"\npoints = 2',
     '[questions.q12_phishing_resistant]\nkind = "choice"\npoints = 3',
     "grading/keys/week1_facebook.toml differs from its build at question q12_phishing_resistant; "
     "run `course build week1_facebook`"),
    ("[questions.q13_password_policy", "[questions.q13_password", "q13_password_policy is graded in the notebook but missing"),
])
def test_check_fails_when_the_key_disagrees(tmp_path, old, new, problem):
    """If the key is edited by hand (and so disagrees with the notebook and its build), does the check
    fail and say where?"""
    source = tmp_path / "edited"
    copy_course(source)
    key = source / "grading" / "keys" / "week1_facebook.toml"
    text = key.read_text(encoding="utf-8")
    assert old in text
    key.write_text(text.replace(old, new), encoding="utf-8")
    result = check_week(CourseLayout.at(source), "week1_facebook", tmp_path / "scratch")
    assert not result.ok
    assert any(problem in p for p in result.problems), result.problems


def test_check_fails_when_a_lesson_breaks(tmp_path):
    """Does a lesson with an error make the check fail?"""
    source = tmp_path / "edited"
    copy_course(source)
    lesson = source / "week1_facebook" / "01_presence_on_facebook.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(nb, lesson)
    result = check_week(CourseLayout.at(source), "week1_facebook", tmp_path / "scratch")
    assert any("01_presence_on_facebook.ipynb fails: ZeroDivisionError" in p for p in result.problems)


def test_secret_scan_finds_a_leaked_solution(tmp_path):
    """Does the secret scan flag a released file that still contains a solution?"""
    leaked = tmp_path / "assessment.ipynb"
    leaked.write_text("x ### BEGIN SOLUTION y", encoding="utf-8")
    clean = tmp_path / "lesson.ipynb"
    clean.write_text("nothing to see", encoding="utf-8")
    assert secrets_in([leaked, clean], ["a full marks answer text"]) == ["assessment.ipynb contains 'BEGIN SOLUTION'"]
    clean.write_text("here is a full marks answer text", encoding="utf-8")
    assert len(secrets_in([clean], ["a full marks answer text"])) == 1


def test_no_assessment_answer_ships_in_the_learner_side_package():
    """Is no full-marks assessment answer (one-line or written) in the package learners install?"""
    from course.check import _secret_texts
    layout = CourseLayout.at()
    shipped = [p for p in (layout.root / "course").rglob("*")
               if p.is_file() and p.suffix in (".py", ".toml", ".csv", ".json", ".md", ".txt")]
    for week in layout.syllabus.weeks:
        leaks = [l for l in secrets_in(shipped, _secret_texts(layout, week)) if "full-marks answer" in l]
        assert leaks == [], leaks
