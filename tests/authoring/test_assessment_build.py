"""`course build` (course/authoring/): each week's assessment declared once, its notebook and key built from it."""
from __future__ import annotations

import json
import re

import nbformat
import pytest

from course.answer_key import parse_key, score_answer
from course.authoring.assessment_build import SOLUTION, build_week
from course.authoring.declaration import DeclarationError, load_declaration
from course.authoring.drift import build_differences
from course.cli import main
from course.layout import CourseLayout
from course.scaffold import copy_course
from course.syllabus import load_syllabus

WEEKS = load_syllabus().week_ids
# week: (questions, points, automatic points, mentor points, points needed to pass)
TOTALS = {"week1_facebook": (14, 30, 25, 5, 21), "week2_groups_pages": (14, 30, 24, 6, 21),
          "week3_twitter_youtube": (14, 30, 26, 4, 21), "week4_blogging": (15, 30, 20, 10, 21)}


@pytest.fixture(scope="module")
def layout():
    return CourseLayout.at()


@pytest.fixture
def copy(tmp_path):
    """A scratch course with the declarations, notebooks and keys of this checkout."""
    copy_course(tmp_path / "course")
    return CourseLayout.at(tmp_path / "course")


def built_key(layout, week):
    built = build_week(layout, week)
    return parse_key(built.key_text, built.key_path)


def english_texts(layout, week) -> dict:
    """The English catalogue ``course build`` writes for ``week``."""
    import tomllib
    return tomllib.loads(build_week(layout, week).catalogues[0][1])


def outside_solutions(text: str) -> str:
    return re.sub(re.escape(SOLUTION[0]) + r".*?" + re.escape(SOLUTION[1]), "", text, flags=re.S)


@pytest.mark.parametrize("week", WEEKS)
def test_build_is_deterministic(layout, copy, week):
    """Does building the same declaration twice, in two course folders, give byte-identical files?"""
    first, second = build_week(layout, week), build_week(copy, week)
    assert first.notebook_text == second.notebook_text and first.key_text == second.key_text
    assert main(["--root", str(copy.root), "build", week]) == 0
    assert second.notebook_path.read_bytes() == first.notebook_text.encode("utf-8")
    assert second.key_path.read_bytes() == first.key_text.encode("utf-8")


@pytest.mark.parametrize("week", WEEKS)
def test_committed_notebook_and_key_equal_their_build(layout, week):
    """Are this checkout's assessment notebook and key exactly what `course build` writes?"""
    assert build_differences(layout, week) == []


def test_a_hand_edited_notebook_is_caught(copy):
    """Does a hand edit of a built notebook fail the check, naming the cell and the fix?"""
    path = copy.week_folder("week1_facebook") / "assessment.ipynb"
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if c.id == "q5_retired_operators_text").source += " Edited."
    nbformat.write(nb, path)
    assert build_differences(copy, "week1_facebook") == [
        "week1_facebook: week1_facebook/assessment.ipynb differs from its build at cell q5_retired_operators_text; "
        "run `course build week1_facebook`"]


def test_changed_points_in_the_declaration_name_the_question(copy):
    """If a question's points change in the declaration without a build, does the check fail and name it?"""
    path = copy.grading / "assessments" / "week1_facebook.toml"
    text = path.read_text(encoding="utf-8")
    old = 'id = "q12_phishing_resistant"\nkind = "choice"\ntitle = "A phishing-resistant second factor"\n' \
          'lesson = "05_digital_security.ipynb"\npoints = 2'
    assert old in text
    path.write_text(text.replace(old, old[:-1] + "3"), encoding="utf-8")
    problems = build_differences(copy, "week1_facebook")
    assert problems[0] == ("week1_facebook: grading/keys/week1_facebook.toml differs from its build at question "
                           "q12_phishing_resistant; run `course build week1_facebook`")
    assert "assessment.ipynb differs from its build" in problems[1]


@pytest.mark.parametrize("week", WEEKS)
def test_totals_are_those_of_the_course(layout, week):
    """Does each week keep its number of questions, points, automatic and mentor points and pass mark?"""
    key = built_key(layout, week)
    questions, total, auto, mentor, needed = TOTALS[week]
    assert (len(key.entries), key.total_points, key.auto_points) == (questions, total, auto)
    assert layout.syllabus.week(week).points_needed(key.total_points) == needed
    intro = english_texts(layout, week)[f"assessment.{week}.intro"]
    assert f"**{questions} questions worth {total} points**" in intro
    assert f"**{needed} points (70 %)**" in intro and "you have 3 attempts" in intro
    written = sum(1 for e in key.entries.values() if e.kind == "manual")
    assert f"(**{auto} points**)" in intro
    assert f"(**{mentor} points**), " + ("a written answer" if written == 1 else "written answers") in intro


@pytest.mark.parametrize("week", WEEKS)
def test_reference_answers_score_full_marks_and_blank_ones_zero(layout, week):
    """Does every automatic question of the built key give full marks to its reference and 0 to no answer?"""
    for entry in built_key(layout, week).entries.values():
        if entry.kind == "manual":
            assert entry.scheme and entry.answer
            continue
        assert score_answer(entry, entry.reference_answer()) == entry.points, entry.question
        assert score_answer(entry, None) == 0 and score_answer(entry, entry.wrong_answer()) == 0


@pytest.mark.parametrize("week", WEEKS)
def test_key_carries_what_a_feedback_card_needs(layout, week):
    """Does every built key entry have a title, a lesson of the week, a prompt, an explanation,
    and labels for every id its answer uses?"""
    lessons = layout.syllabus.week(week).lessons
    for entry in built_key(layout, week).entries.values():
        assert entry.title and entry.prompt and entry.explanation, entry.question
        assert entry.lesson in lessons, entry.question
        if entry.kind in ("choice", "choices", "order", "pairs", "weighted"):
            answer = entry.answer
            ids = list(answer) + (list(answer.values()) if entry.kind == "pairs" else [])
            ids = [answer] if entry.kind == "choice" else ids
            assert all(i in entry.labels for i in ids), entry.question


@pytest.mark.parametrize("week", WEEKS)
def test_no_answer_text_in_the_notebook_outside_the_solution_markers(layout, week):
    """Is no reference, rule, weight, marking scheme or explanation in the built notebook
    (outside the markers nbgrader strips), and is no answer passed to a widget?"""
    text = outside_solutions(build_week(layout, week).notebook_text)
    notebook = json.loads(text)
    shown = "\n".join("".join(c["source"]) for c in notebook["cells"])
    decl = load_declaration(layout.grading / "assessments" / f"{week}.toml")
    for q in decl.questions:
        secrets = [q["explanation"]] + [q.get(f) for f in ("reference", "scheme")]
        if q.kind == "strategy":     # a strategy's reference is one example text per step
            secrets = [q["explanation"], *q["reference"].values()]
        secrets += [r["pattern"] for r in q.get("rules", [])] + [r["about"] for r in q.get("rules", [])]
        for secret in filter(None, secrets):
            assert secret.strip() not in shown, (q.id, secret)
    assert not re.search(r"\b(answer|weights?|rules|tolerance|why)=", shown)


@pytest.mark.parametrize("week", WEEKS)
def test_no_code_cell_for_a_learner_to_edit(layout, week):
    """Is every code cell locked, and every unlocked cell a markdown written answer graded by a mentor?"""
    nb = nbformat.reads(build_week(layout, week).notebook_text, as_version=4)
    key = built_key(layout, week)
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        assert meta["schema_version"] == 3
        if cell.cell_type == "code":
            assert meta["locked"] and not meta["solution"], meta["grade_id"]
        elif not meta["locked"]:
            assert meta["solution"] and meta["grade"], meta["grade_id"]
            assert key.question(meta["grade_id"]).kind == "manual"
            assert meta["points"] == key.question(meta["grade_id"]).points


@pytest.mark.parametrize("week", WEEKS)
def test_every_question_has_its_cells(layout, week):
    """Does each widget question get {id}_text, {id}_widget and a graded {id}_check with its points
    and a plain grade call, and each written answer a graded cell named by its id?"""
    nb = nbformat.reads(build_week(layout, week).notebook_text, as_version=4)
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells}
    assert list(cells)[:2] == ["setup", "intro"] and list(cells)[-1] == "outro"
    for qid, entry in built_key(layout, week).entries.items():
        assert f"{qid}_text" in cells
        if entry.kind == "manual":
            assert cells[qid].cell_type == "markdown"
            continue
        check = cells[f"{qid}_check"]
        assert check.source == f'assessment.grade("{qid}")'
        assert check.metadata["nbgrader"]["grade"] and check.metadata["nbgrader"]["points"] == entry.points
        assert check.metadata["jupyter"]["source_hidden"] and cells[f"{qid}_widget"].metadata["jupyter"]["source_hidden"]


def test_one_line_answers_are_text_widgets():
    """Are the former typed-in-code answers now text widgets, with a placeholder and no variable to fill?"""
    layout = CourseLayout.at()
    for week, qid in (("week1_facebook", "q4_search_query"), ("week1_facebook", "q6_accessible_hashtag"),
                      ("week4_blogging", "q3_headline")):
        nb = nbformat.reads(build_week(layout, week).notebook_text, as_version=4)
        widget = next(c for c in nb.cells if c.id == f"{qid}_widget").source
        assert widget == f'assessment.text("{qid}")'
        assert f"assessment.{week}.{qid}.placeholder" in english_texts(layout, week)
        assert built_key(layout, week).question(qid).kind == "rules"
    nb = nbformat.reads(build_week(layout, "week2_groups_pages").notebook_text, as_version=4)
    assert next(c for c in nb.cells if c.id == "q10_engagement_rate_widget").source.startswith("assessment.number(")


def test_a_wrong_answer_in_a_declaration_is_refused_by_name(copy):
    """Is a declaration whose answer is not one of its options refused, naming the file and the question?"""
    path = copy.grading / "assessments" / "week2_groups_pages.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('answer = "community_tasks"', 'answer = "community_taks"'),
                    encoding="utf-8")
    with pytest.raises(DeclarationError, match=r"week2_groups_pages.toml: question 1 \(q1_page_access\): `answer`"):
        build_week(copy, "week2_groups_pages")
    assert "cannot be built" in build_differences(copy, "week2_groups_pages")[0]


def test_a_lesson_not_in_the_week_is_refused(copy):
    """Is a question pointing at a lesson file the week does not have refused?"""
    path = copy.grading / "assessments" / "week4_blogging.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('lesson = "01_blogging_basics.ipynb"',
                                                             'lesson = "02_missing.ipynb"', 1), encoding="utf-8")
    with pytest.raises(DeclarationError, match="lesson '02_missing.ipynb' is not one of the week's lessons"):
        build_week(copy, "week4_blogging")


@pytest.mark.parametrize("week", WEEKS)
def test_widget_cells_save_answers_the_key_scores(layout, week, tmp_path):
    """Run in a kernel-like namespace, does every widget cell build its widget, and does the reference
    answer typed or picked there reach the answers file and score full marks with the built key?"""
    from course.answers import AnswerStore
    key = built_key(layout, week)
    nb = nbformat.reads(build_week(layout, week).notebook_text, as_version=4)
    namespace: dict = {}
    exec(nb.cells[0].source.replace(f'Assessment("{week}")', f'Assessment("{week}", folder=r"{tmp_path}")'),
         namespace)
    for cell in nb.cells:
        if not cell.id.endswith("_widget"):
            continue
        qid = cell.id.removesuffix("_widget")
        exec(cell.source.replace("assessment.", "widget = assessment.", 1), namespace)
        namespace["widget"].value = key.question(qid).reference_answer()
    saved = AnswerStore("assessment", tmp_path)
    for qid, entry in key.entries.items():
        if entry.kind != "manual":
            assert score_answer(entry, saved.get(qid)) == entry.points, qid
