"""Reference submissions (course/reference.py): widget answers in the answers file, written answers in their cell."""
from __future__ import annotations

import json

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

from course.answer_key import load_key, score_answer
from course.reference import fill

KEY = '''
[questions.q_order]
points = 2
kind = "order"
answer = ["a", "b", "c"]

[questions.q_pairs]
points = 2
kind = "pairs"
answer = { x = "1", y = "2" }

[questions.q_tf]
points = 1
kind = "truefalse"
answer = true

[questions.q_audit]
points = 2
kind = "weighted"
weights = { a = 1, b = 1 }

[questions.q_rate]
points = 2
kind = "number"
answer = 5.0

[questions.q_query]
points = 2
kind = "rules"
reference = '"youth unemployment" site:ilo.org'
rules = [ { pattern = '"youth unemployment"', about = "exact phrase" }, { pattern = 'site:ilo\\.org', about = "one site" } ]

[questions.q_plan]
points = 2
kind = "manual"
scheme = "2 points: a plan"
reference = "Monday: a photo. Tuesday: a video."
'''


def setup(tmp_path):
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "wk.toml").write_text(KEY, encoding="utf-8")
    key = load_key(tmp_path / "keys", "wk")
    released = tmp_path / "released" / "assessment.ipynb"
    released.parent.mkdir()
    nb = new_notebook(cells=[new_markdown_cell("", metadata={"nbgrader": {
        "grade_id": "q_plan", "solution": True, "grade": True, "locked": False, "points": 2}})])
    nbformat.write(nb, released)
    return key, released


def saved(released):
    return json.loads((released.parent / "assessment.answers.json").read_text(encoding="utf-8"))["answers"]


def test_full_submission_answers_every_automatic_question_in_the_answers_file(tmp_path):
    """Does a full-marks submission save every automatic answer, the one-line text too, for full marks?"""
    key, released = setup(tmp_path)
    fill(released, None, key, "full")
    answers = saved(released)
    assert set(answers) == {"q_order", "q_pairs", "q_tf", "q_audit", "q_rate", "q_query"}
    for qid, value in answers.items():
        assert score_answer(key.question(qid), value) == key.question(qid).points, qid


def test_full_submission_writes_the_written_answer_in_its_markdown_cell(tmp_path):
    """Does the reference written answer go into the markdown cell whose grade id is the question's?"""
    key, released = setup(tmp_path)
    fill(released, None, key, "full")
    cell = nbformat.read(released, as_version=4).cells[0]
    assert cell.cell_type == "markdown" and cell.source == "Monday: a photo. Tuesday: a video."


def test_partial_submission_gets_zero_on_its_wrong_half(tmp_path):
    """In a partial submission, do the wrong answers really score 0 (no accidental credit),
    and is the written answer left blank?"""
    key, released = setup(tmp_path)
    fill(released, None, key, "partial")
    answers = saved(released)
    scores = {qid: score_answer(key.question(qid), value) for qid, value in answers.items()}
    assert scores["q_order"] == 2 and scores["q_pairs"] == 2 and scores["q_tf"] == 1
    assert scores["q_audit"] == 0 and scores["q_rate"] == 0 and scores["q_query"] == 0
    assert nbformat.read(released, as_version=4).cells[0].source == ""
