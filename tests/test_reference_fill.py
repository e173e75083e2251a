"""Reference submissions (course/reference.py) for questions answered with the new widgets."""
from __future__ import annotations

import json

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

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
'''


def setup(tmp_path):
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "wk.toml").write_text(KEY, encoding="utf-8")
    key = load_key(tmp_path / "keys", "wk")
    source = tmp_path / "source" / "assessment.ipynb"
    released = tmp_path / "released" / "assessment.ipynb"
    for path, text in ((source, "rate = 0\n### BEGIN SOLUTION\nrate = 5.0\n### END SOLUTION"), (released, "rate = 0")):
        path.parent.mkdir()
        nb = new_notebook(cells=[new_code_cell(text, metadata={"nbgrader": {
            "grade_id": "q_rate_answer", "solution": True, "grade": False, "locked": False}})])
        nbformat.write(nb, path)
    return key, source, released


def saved(released):
    return json.loads((released.parent / "assessment.answers.json").read_text(encoding="utf-8"))["answers"]


def test_full_submission_answers_widget_questions_from_the_key(tmp_path):
    """Does a full-marks submission put every widget answer in the answers file and type the one-line answer?"""
    key, source, released = setup(tmp_path)
    fill(released, source, key, "full")
    answers = saved(released)
    assert set(answers) == {"q_order", "q_pairs", "q_tf", "q_audit"}
    for qid, value in answers.items():
        assert score_answer(key.question(qid), value) == key.question(qid).points
    assert "rate = 5.0" in nbformat.read(released, as_version=4).cells[0].source


def test_partial_submission_gets_zero_on_its_wrong_half(tmp_path):
    """In a partial submission, do the wrong widget answers really score 0 (no accidental credit)?"""
    key, source, released = setup(tmp_path)
    fill(released, source, key, "partial")
    answers = saved(released)
    scores = {qid: score_answer(key.question(qid), value) for qid, value in answers.items()}
    assert scores["q_order"] == 2 and scores["q_pairs"] == 2
    assert scores["q_tf"] == 0 and scores["q_audit"] == 0
