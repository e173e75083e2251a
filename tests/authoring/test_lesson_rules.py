"""Rules every week's lessons keep, whatever the week: each registered exercise accepts its own answer and
rejects a wrong one, explains every option, builds in Arabic, has a course-wide unique id; every lesson
function is placed in one lesson; every lesson notebook is built the way the course asks."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course import i18n
from course.authoring.lesson_source import read_lesson
from course.lessons import registry
from course.syllabus import load_syllabus
from course.widgets import (ChartExplorer, Checklist, Matching, MultipleChoice, NumberAnswer, Ordering, SingleChoice,
                            Status, TextAnswer, TrueFalse)

ROOT = Path(__file__).resolve().parents[2]
SYLLABUS = load_syllabus()
EXERCISES = [(w.number, name) for w in SYLLABUS.weeks for name in registry.functions(w.number, "exercise")]
LESSONS = [ROOT / w.id / name for w in SYLLABUS.weeks for name in w.lessons]
BUILT = LESSONS + [p.with_name(p.stem + ".ar.ipynb") for p in LESSONS if p.with_name(p.stem + ".ar.ipynb").exists()]

pytestmark = pytest.mark.usefixtures("english")


def make(week: int, name: str):
    return registry.functions(week)[name]()


def right_and_wrong(widget):
    """The exercise's own answer, and a wrong one made from it."""
    if isinstance(widget, (SingleChoice, ChartExplorer)):
        return widget.answer, next(k for k in widget.options if k != widget.answer)
    if isinstance(widget, MultipleChoice):
        others = [k for k in widget.options if k not in widget.answer]
        return widget.answer, others or widget.answer[:-1]
    if isinstance(widget, TrueFalse):
        return widget.answer, not widget.answer
    if isinstance(widget, Matching):
        values = list(widget.answer.values())
        return widget.answer, dict(zip(widget.answer, values[1:] + values[:1]))
    if isinstance(widget, Ordering):
        return widget.answer, list(reversed(widget.answer))
    if isinstance(widget, NumberAnswer):
        return f"{widget.answer:g}", f"{widget.answer * 10 + 100:g}"
    if isinstance(widget, TextAnswer):
        return widget.example, "not an answer"
    if isinstance(widget, Checklist):
        lightest = min(widget.items, key=lambda i: i.weight)
        return [i.id for i in widget.items], [lightest.id]
    raise AssertionError(f"no rule for {type(widget).__name__}: add one here")


@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_own_answer_passes_and_a_wrong_one_fails(week, name):
    """Does the exercise's declared answer get 'right', and an answer made wrong from it not?"""
    right, wrong = right_and_wrong(make(week, name))
    widget = make(week, name)
    widget.value = right
    assert widget.check().status is Status.RIGHT
    widget = make(week, name)
    widget.value = wrong
    assert widget.check().status in (Status.WRONG, Status.PARTLY)


@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_every_option_is_explained(week, name):
    """Does every option (every pair, every audit item) come with its own explanation, and every hint say something?"""
    widget = make(week, name)
    if isinstance(widget, (SingleChoice, MultipleChoice, ChartExplorer)):
        assert set(widget.options) <= set(widget.why), "an option has no explanation (why)"
    elif isinstance(widget, Matching):
        assert set(widget.left) <= set(widget.why), "a pair has no explanation (why)"
    elif isinstance(widget, Checklist):
        assert all(i.advice for i in widget.items)
    elif isinstance(widget, (TrueFalse, Ordering, NumberAnswer)):
        assert widget.why
    elif isinstance(widget, TextAnswer):
        assert widget.rules and all(r.message for r in widget.rules)
    assert all(h.strip() for h in widget.hints) and len(set(widget.hints)) == len(widget.hints)


@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_exercise_is_a_practice_widget_in_both_languages(week, name):
    """Is each exercise a practice-mode widget that also builds in Arabic, right to left, with an Arabic prompt?"""
    assert make(week, name).practice
    with i18n.language("ar"):
        widget = make(week, name)
    assert "course-rtl" in widget._dom_classes
    assert re.search("[\u0600-\u06FF]", widget.prompt_text), "the prompt is not translated"


def test_exercise_ids_are_unique_across_the_course():
    """Does every exercise save its answers under an id no other exercise of any week uses?"""
    ids = [make(week, name).question for week, name in EXERCISES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("week", SYLLABUS.weeks, ids=lambda w: w.id)
def test_every_lesson_function_is_placed_in_exactly_one_lesson(week):
    """Is each exercise, tool and chart of the week placed once in one of its lessons (none forgotten, none twice)?"""
    placed = [p.name for lesson in week.lessons
              for p in read_lesson(ROOT / week.id / "src" / lesson.replace(".ipynb", ".md")).placements()]
    meant = [n for n, e in registry.registry_of(week.number).items() if e.kind != "data"]
    assert sorted(placed) == sorted(meant)


CALL = re.compile(r'^from course\.lessons\.week\d import (\w+); \1\(\)$|^from course\.widgets import AskMentor; '
                  r'AskMentor\("\w+"\)$')


@pytest.mark.parametrize("path", BUILT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_notebook_is_built_the_course_way(path):
    """Are code cells one hidden line, tables at most four columns (a phone), and the end the Mentor corner,
    the Ask-your-mentor box and a link to what comes next (the next lesson, or the week's assessment)?"""
    cells = nbformat.read(path, as_version=4).cells
    for cell in cells:
        if cell.cell_type == "code":
            assert CALL.match(cell.source) and cell.metadata["jupyter"]["source_hidden"] is True, cell.source
        else:
            for line in cell.source.splitlines():
                assert not line.startswith("|") or line.strip().count("|") - 1 <= 4, line
    assert f'AskMentor("{path.name.split(".")[0]}")' in cells[-2].source
    assert cells[-3].cell_type == "markdown" and "## " in cells[-3].source
    lessons = sorted(p.name for p in path.parent.glob("[0-9][0-9]_*.ipynb") if p.name.count(".") == 1)
    stem = path.name.split(".")[0] + ".ipynb"
    following = lessons[lessons.index(stem) + 1] if lessons.index(stem) + 1 < len(lessons) else "assessment.ipynb"
    assert cells[-1].cell_type == "markdown" and f"]({following})" in cells[-1].source, cells[-1].source
    assert (path.parent / following).exists()


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_lists_its_exercises_for_the_home(path):
    """Does the notebook's metadata list exactly the exercises its cells place (the home counts them as the
    lesson's exercises), and does each exercise's widget carry that name when the learner checks it?"""
    nb = nbformat.read(path, as_version=4)
    week = int(path.parent.name[4])
    kinds = registry.registry_of(week)
    placed = [m[1] for c in nb.cells if c.cell_type == "code" and (m := CALL.match(c.source)) and m[1]
              and kinds[m[1]].kind == "exercise"]
    assert placed and nb.metadata["course"]["exercises"] == placed
    assert registry.functions(week)[placed[0]]().practice_name == placed[0]
