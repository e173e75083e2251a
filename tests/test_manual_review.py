"""A mentor grades a written answer: the result, the gate and the learner's feedback follow."""
import json

import pytest
from handing_in import hand_in
from nbgrader.api import Gradebook

from course import gate, grading
from course.answer_key import load_key
from course.cli import main
from course.reference import choice_options, fill

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"


def test_review_decides_the_result_and_reaches_the_feedback(layout, capsys):
    """Does a mentor's grade and comment on the written answer open week 2 and show in the feedback?"""
    workspace = layout.root / "learners" / "samir"
    folder = grading.fetch(layout, W1, "samir", workspace)
    key = load_key(layout.keys, W1)
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", key, "full")
    # three 2-point choices wrong: 19 of 25 automatic points; 21 are needed, so the
    # written answer (5 points) decides
    options = choice_options(folder / "assessment.ipynb")
    answers = folder / "assessment.answers.json"
    data = json.loads(answers.read_text())
    for qid in ("q11_lookalike_link", "q12_phishing_resistant", "q13_password_policy"):
        data["answers"][qid] = next(o for o in options[qid] if o != key.entries[qid].answer)
    answers.write_text(json.dumps(data))
    grading.submit(layout, W1, "samir", workspace)
    report = grading.grade(layout, W1, learners=["samir"])
    assert report.awaiting_review == ["samir"] and report.to_review == ["samir"]
    assert gate.read(layout.gate_dir, "samir")[W1].state == "awaiting_review"

    with Gradebook(layout.db_url, layout.course_id) as gb:
        grade = gb.find_grade("q14_security_plan", "assessment", W1, "samir")
        grade.manual_score = 5
        comment = gb.find_comment("q14_security_plan", "assessment", W1, "samir")
        comment.manual_comment = "Clear plan. Add who keeps the recovery codes."
        gb.db.commit()
    assert main(["--root", str(layout.root), "feedback", W1]) == 0
    assert "feedback for week1_facebook released" in capsys.readouterr().out

    entries = gate.read(layout.gate_dir, "samir")
    assert entries[W1].state == "passed" and entries[W1].score == 24 and entries[W2].state == "unlocked"
    page = (layout.feedback / "samir" / W1 / "assessment.html").read_text(encoding="utf-8")
    assert "Add who keeps the recovery codes." in page
    assert "assessment.grade(" not in page                              # no checking code
    assert key.entries["q14_security_plan"].scheme[:40] not in page         # no marking scheme


def test_one_learners_broken_feedback_stops_nobody(layout, capsys):
    """If one learner's collected notebook cannot be turned into feedback, do the others still get theirs?"""
    for learner in ("fb_ok", "fb_broken"):
        hand_in(layout, learner)
    grading.grade(layout, W1, learners=["fb_ok", "fb_broken"])
    (layout.submitted / "fb_broken" / W1 / "assessment.ipynb").write_text("{ not a notebook", encoding="utf-8")
    page = layout.feedback / "fb_ok" / W1 / "assessment.html"
    page.unlink()
    assert main(["--root", str(layout.root), "feedback", W1]) == 0
    out = capsys.readouterr().out
    assert "fb_broken: no new feedback" in out
    assert page.exists()
    count, failed = grading.refresh_feedback(layout, W1)
    assert list(failed) == ["fb_broken"] and count >= 1
