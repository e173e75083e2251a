"""A mentor grades a written answer: the result, the gate and the learner's feedback follow."""
import pytest
from nbgrader.api import Gradebook

from course import gate, pipeline
from course.answer_key import load_key
from course.cli import main
from course.reference import fill

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"


def test_review_decides_the_result_and_reaches_the_feedback(layout, capsys):
    """Does a mentor's grade and comment on the written answer open week 2 and show in the feedback?"""
    workspace = layout.root / "learners" / "samir"
    folder = pipeline.fetch(layout, W1, "samir", workspace)
    key = load_key(layout.keys, W1)
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", key, "full")
    # one choice wrong: 6 automatic points, the written answer (2 points) decides
    answers = folder / "assessment.answers.json"
    answers.write_text(answers.read_text().replace('"key"', '"sms"'))
    pipeline.submit(layout, W1, "samir", workspace)
    report = pipeline.grade(layout, W1, learners=["samir"])
    assert report.awaiting_review == ["samir"]
    assert gate.read(layout.gate_dir, "samir")[W1].state == "awaiting_review"

    with Gradebook(layout.db_url, layout.course_id) as gb:
        grade = gb.find_grade("q5_security_plan", "assessment", W1, "samir")
        grade.manual_score = 2
        comment = gb.find_comment("q5_security_plan", "assessment", W1, "samir")
        comment.manual_comment = "Clear plan. Add who keeps the recovery codes."
        gb.db.commit()
    assert main(["--root", str(layout.root), "feedback", W1]) == 0
    assert "feedback for week1_facebook released" in capsys.readouterr().out

    entries = gate.read(layout.gate_dir, "samir")
    assert entries[W1].state == "passed" and entries[W1].score == 8 and entries[W2].state == "unlocked"
    page = (layout.feedback / "samir" / W1 / "assessment.html").read_text(encoding="utf-8")
    assert "Add who keeps the recovery codes." in page
    assert "assessment.grade(" not in page                              # no checking code
    assert key.entries["q5_security_plan"].scheme[:40] not in page         # no marking scheme
