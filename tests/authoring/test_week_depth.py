"""How deep every week is, as the course promises it: five or six lessons of three to four hours in all,
at least 25 practice exercises in at least six widget kinds, data read in every lesson of weeks 2-4, and
an assessment of 10-15 questions of which at least 70 % of the points are scored automatically."""
from __future__ import annotations

from pathlib import Path

import pytest

from course.authoring.declaration import declaration_path, load_declaration
from course.authoring.lesson_source import read_lesson
from course.lessons import registry
from course.syllabus import load_syllabus

ROOT = Path(__file__).resolve().parents[2]
SYLLABUS = load_syllabus()
WEEKS = SYLLABUS.weeks
#: Question kinds a mentor marks: they earn no automatic point.
MENTOR_KINDS = {"manual", "strategy"}
#: The capstone is counted apart: "10-15 questions besides the capstone".
CAPSTONE_KINDS = {"strategy"}

pytestmark = pytest.mark.usefixtures("english")


def sources(week):
    return [read_lesson(ROOT / week.id / "src" / name.replace(".ipynb", ".md")) for name in week.lessons]


@pytest.mark.parametrize("week", WEEKS, ids=lambda w: w.id)
def test_five_or_six_lessons_of_three_to_four_hours(week):
    """Does the week have 5-6 lessons whose declared minutes add up to 180-240?"""
    lessons = sources(week)
    assert 5 <= len(lessons) <= 6, [s.stem for s in lessons]
    minutes = sum(s.minutes for s in lessons)
    assert 180 <= minutes <= 240, f"{week.id}: {minutes} minutes in all"


@pytest.mark.parametrize("week", WEEKS, ids=lambda w: w.id)
def test_at_least_25_exercises_in_at_least_six_widget_kinds(week):
    """Does the week register at least 25 practice exercises, built from at least six kinds of widget?"""
    exercises = registry.functions(week.number, "exercise")
    assert len(exercises) >= 25, f"{week.id}: {len(exercises)} exercises"
    kinds = {type(make()).__name__ for make in exercises.values()}
    assert len(kinds) >= 6, f"{week.id}: {sorted(kinds)}"


@pytest.mark.parametrize("week", WEEKS[1:], ids=lambda w: w.id)
def test_every_lesson_reads_data(week):
    """Does every lesson of weeks 2-4 place a chart of the week's data next to its exercises?"""
    for lesson in sources(week):
        kinds = [p.kind for p in lesson.placements()]
        assert "chart" in kinds, f"{lesson.stem} shows no chart"
        assert "exercise" in kinds, f"{lesson.stem} has no exercise"


@pytest.mark.parametrize("week", WEEKS, ids=lambda w: w.id)
def test_assessment_has_10_to_15_questions_mostly_automatic(week):
    """Does the assessment ask 10-15 questions besides a capstone, with at least 70 % of their points
    scored automatically, and a mentor-read task?"""
    decl = load_declaration(declaration_path(ROOT / "grading", week.id), tuple(week.lessons))
    questions = [q for q in decl.questions if q.kind not in CAPSTONE_KINDS]
    assert 10 <= len(questions) <= 15, f"{week.id}: {len(questions)} questions besides a capstone"
    points = sum(q["points"] for q in questions)
    automatic = sum(q["points"] for q in questions if q.kind not in MENTOR_KINDS)
    assert automatic / points >= 0.7, f"{week.id}: {automatic} of {points} points automatic"
    assert any(q.kind in MENTOR_KINDS for q in decl.questions), f"{week.id}: no task for the mentor to read"
