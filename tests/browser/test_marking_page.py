"""The mentor's week in a real browser: mark two written answers with the scheme on screen and answer a
learner's question on the marking page; with no other command, the gate, progress and the dashboard's data
agree, and the learner's own lab shows the mentor's comment on their feedback and the answer on their home."""
from __future__ import annotations

import json

import pytest

from course import gate, grading
from course.answer_key import load_key
from course.cli import main
from course.mentor.data import load_course
from course.mentor.marking_page import serve_in_thread
from course.progress_report import learner_rows
from course.reference import choice_options, fill
from course.widgets import AskMentor

from .conftest import TOKEN, learner_lab
from .helpers import open_home
from servers import free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]
W1, W2 = "week1_facebook", "week2_groups_pages"
QUESTION = "Can a Page have two admins who both use two-step login?"
REPLY = "Yes: each admin turns it on in their own account; ask them in the live chat if they need help."
NOTE = "The live chat moves to Thursday at 18:00."
COMMENT = "Clear plan. Add who keeps the recovery codes."


def answers_that_leave_the_written_answer_deciding(layout, folder) -> None:
    """Full marks but three 2-point choices: 19 of 25 automatic points; 21 are needed."""
    key = load_key(layout.keys, W1)
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", key, "full")
    options = choice_options(folder / "assessment.ipynb")
    path = folder / "assessment.answers.json"
    data = json.loads(path.read_text())
    for qid in ("q11_lookalike_link", "q12_phishing_resistant", "q13_password_policy"):
        data["answers"][qid] = next(o for o in options[qid] if o != key.entries[qid].answer)
    path.write_text(json.dumps(data))


def prepare(layout) -> None:
    """omar, another learner of the course, hands in week 1; then lina (this lab's learner) asks a question
    from lesson 1 and hands in week 1, which waits for the mentor."""
    omar = layout.root / "learners" / "omar"
    folder = grading.fetch(layout, W1, "omar", omar)
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", load_key(layout.keys, W1), "full")
    grading.submit(layout, W1, "omar", omar)
    grading.grade(layout, W1, learners=["omar"])
    lesson = layout.syllabus.week(W1).lessons[0]
    ask = AskMentor(lesson, layout.workspace / W1)
    ask.value = QUESTION
    ask.send()
    answers_that_leave_the_written_answer_deciding(layout, layout.workspace / W1)
    assert main(["--root", str(layout.root), "submit", W1]) == 0
    assert gate.read(layout.gate_dir, "lina")[W1].state == "awaiting_review"


def mark(page, learner: str, points: str, comment: str) -> None:
    item = page.locator("section.item", has=page.locator("form[action^='mark']")).filter(has_text=learner).first
    assert "5 points in all" in item.locator("pre").nth(1).inner_text()        # the scheme, on screen
    item.get_by_label("Points (of 5)").select_option(points)
    item.get_by_label("Comment for the learner").fill(comment)
    item.get_by_role("button", name="Save the mark").click()
    page.get_by_role("status").filter(has_text=f"Saved: {learner}").wait_for()


def test_a_mentors_marks_and_answer_reach_gate_progress_dashboard_and_the_learner(tmp_path_factory, browser):
    with learner_lab(tmp_path_factory, learner="lina", prepare=prepare) as (base, layout):
        port = free_port()
        serve_in_thread(layout, "127.0.0.1", port, None, "en")
        mentor = browser.new_context().new_page()
        mentor.set_default_timeout(60_000)
        mentor.goto(f"http://127.0.0.1:{port}/")
        mentor.get_by_role("heading", name="Written answers waiting: 2").wait_for()
        assert mentor.get_by_text("This mark decides whether the learner passes the week.").count() == 1
        mark(mentor, "lina", "5", COMMENT)
        mentor.get_by_role("heading", name="Written answers waiting: 1").wait_for()
        mark(mentor, "omar", "4", "Two concrete steps; say who does them.")
        mentor.get_by_role("heading", name="Written answers waiting: 0").wait_for()
        question = mentor.locator("section.item").filter(has_text=QUESTION)
        question.get_by_label("Your answer").fill(REPLY)
        question.get_by_role("button", name="Send the answer").click()
        mentor.get_by_role("status").filter(has_text="Sent to lina").wait_for()
        mentor.get_by_label("To").select_option("lina")
        mentor.get_by_label("Note", exact=True).fill(NOTE)
        mentor.get_by_role("button", name="Send the note").click()
        mentor.get_by_role("status").filter(has_text="Note sent to 1 learner(s).").wait_for()

        # one truth, with no other command: the gate, progress and the dashboard's data say the same
        entries = gate.read(layout.gate_dir, "lina")
        row = next(r for r in learner_rows(layout) if r.id == "lina")
        board = load_course(layout).progress.set_index(["learner", "week"])
        for week, state in ((W1, "passed"), (W2, "unlocked")):
            assert entries[week].state == row.weeks[week].state.value == board.loc[("lina", week), "state"] == state
        assert entries[W1].score == row.weeks[W1].score == board.loc[("lina", W1), "score"] == 24
        assert board.loc[("omar", W1), "state"] == gate.read(layout.gate_dir, "omar")[W1].state == "passed"

        # the learner's own browser: the answer on the home, marked new; the comment on the feedback
        learner = browser.new_context().new_page()
        learner.set_default_timeout(60_000)
        open_home(learner, base)
        words = learner.locator("section.ch-mentor-words")
        words.wait_for()
        assert REPLY in words.inner_text() and QUESTION in words.inner_text() and "New" in words.inner_text()
        assert NOTE in words.inner_text()
        learner.locator(f"section#{W1}").get_by_role("link", name="Read your feedback").click()
        learner.get_by_text(COMMENT).wait_for()
