"""A learner's way through weeks 2, 3 and 4 in a real browser: the week's first lesson runs and shows its
exercises, every lesson opens, the assessment runs, Hand in on the course home opens the next week; after
week 4 a mentor marks the capstone and the home page calls the course complete."""
from __future__ import annotations

import pytest
from nbgrader.api import Gradebook

from course import gate
from course.answer_key import load_key
from course.cli import main
from course.reference import fill
from course.syllabus import load_syllabus

from .conftest import learner_lab
from .helpers import (command, hand_in_on_home, open_home, open_notebook, run_all, visible_text,
                      wait_for_command, wait_until)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WEEKS = load_syllabus().weeks
ERRORS = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"


STRATEGY = ("Get 300 young people in Tripoli to sign the petition for safe school transport by 30 June 2027",
            "Secondary-school students aged 15-18 in Tripoli and their parents, on their phones after school",
            "Instagram and WhatsApp for students, a Facebook Page for parents, one blog post a month",
            "Short videos of students' journeys to school, a weekly photo with a number, a parents' Q&A",
            "Three posts a week, a boosted post before each school term, two partner youth clubs sharing",
            "Every Monday: signatures, reach, engagement rate by reach and link clicks, in one sheet",
            "At the end of each month we keep what brought signatures and drop the formats that did not")


def answer(layout, week_id: str, quality: str = "full") -> None:
    """Answer a week's assessment in the learner's workspace, as the widgets and written cells would."""
    fill(layout.workspace / week_id / "assessment.ipynb", layout.week_folder(week_id) / "assessment.ipynb",
         load_key(layout.keys, week_id), quality)


def pass_weeks_before(number: int):
    """A `prepare` for the lab: the learner has passed every week before week ``number`` (`course submit`,
    which grades at once and fetches the next week into the workspace)."""
    def prepare(layout):
        for week in WEEKS[:number - 1]:
            answer(layout, week.id)
            assert main(["--root", str(layout.root), "submit", week.id]) == 0
            assert (layout.workspace / WEEKS[week.number].id).is_dir(), f"passing {week.id} opened no next week"
    return prepare


def mentor_gives_full_marks(layout, week_id: str, learner: str) -> int:
    """What a mentor does in the formgrader: full marks, and a comment, on every answer waiting for review."""
    marked = 0
    with Gradebook(layout.db_url, layout.course_id) as gb:
        submission = gb.find_submission_notebook("assessment", week_id, learner)
        for grade in submission.grades:
            if grade.needs_manual_grade:
                grade.manual_score = grade.max_score
                marked += 1
        for comment in submission.comments:
            comment.manual_comment = "A clear plan you can start on Monday."
        gb.db.commit()
    return marked


def walk_the_week(page, base, layout, week) -> None:
    """Open every lesson of the week (the first one run through) and the assessment, as a learner does."""
    first, *others = week.lessons
    open_notebook(page, base, f"{week.id}/{first}")
    run_all(page)
    assert page.locator(ERRORS).count() == 0, visible_text(page)[-2000:]
    checks = page.get_by_role("button", name="Check")
    assert checks.count() >= 1, "the first lesson shows no exercise"
    checks.first.click()   # nothing chosen yet: the exercise says what to do, it does not fail silently
    page.locator(".jp-OutputArea-output").filter(has=page.get_by_role("button", name="Check")).first.wait_for()
    for lesson in others:
        assert (layout.workspace / week.id / lesson).exists(), lesson
    open_notebook(page, base, f"{week.id}/{week.assessment}")
    run_all(page)
    assert page.locator(ERRORS).count() == 0, visible_text(page)[-2000:]
    wait_for_command(page, command(page, "docmanager:save"))


@pytest.mark.parametrize("number", [2, 3], ids=["week2", "week3"])
def test_a_learner_goes_through_the_week_and_opens_the_next(tmp_path_factory, page, number):
    """From the week's first lesson to its assessment: does Hand in on the home open the next week?"""
    week, following = WEEKS[number - 1], WEEKS[number]
    with learner_lab(tmp_path_factory, learner=f"learner{number}", prepare=pass_weeks_before(number)) as (base, layout):
        walk_the_week(page, base, layout, week)
        answer(layout, week.id)
        hand_in_on_home(page, base, week.id)
        section = page.locator(f"section#{week.id}")
        assert "Passed" in section.inner_text() and section.locator("form.ch-hand-in").count() == 0
        # the next week's lessons are listed on the home by themselves
        page.locator(f"section#{following.id} a[href='lab/tree/{following.id}/{following.lessons[0]}']").first.wait_for()
        assert (layout.workspace / following.id / following.assessment).exists()


def test_week4_capstone_marked_by_a_mentor_completes_the_course(tmp_path_factory, page):
    """Week 4: the capstone waits for the mentor; once marked and released, is the course complete?"""
    week = WEEKS[3]
    with learner_lab(tmp_path_factory, learner="learner4", prepare=pass_weeks_before(4)) as (base, layout):
        answer(layout, week.id)              # the automatic questions, answered right
        walk_the_week(page, base, layout, week)
        # the capstone, written in the strategy builder: every step typed, then exported
        boxes = page.locator(".course-strategy textarea")
        assert boxes.count() == 7
        for i in range(7):
            boxes.nth(i).fill(f"{STRATEGY[i]} (step {i + 1} of Bukra Youth Collective's plan)")
        page.get_by_role("button", name="Export").click()
        page.locator(".course-strategy a", has_text="my_strategy.pdf").first.wait_for(timeout=60_000)
        folder = layout.workspace / week.id
        assert (folder / "my_strategy.html").exists() and (folder / "my_strategy.pdf").read_bytes()[:4] == b"%PDF"
        assert STRATEGY[0] in (folder / "my_strategy.html").read_text(encoding="utf-8")
        wait_for_command(page, command(page, "docmanager:save"))
        hand_in_on_home(page, base, week.id)
        def graded():
            entry = (gate.read(layout.gate_dir, "learner4") or {}).get(week.id)
            return entry if entry is not None and entry.state in ("awaiting_review", "passed", "failed") else None
        state = wait_until(graded)
        assert state is not None and state.state == "awaiting_review", state   # automatic points alone cannot pass
        with Gradebook(layout.db_url, layout.course_id) as gb:   # what the mentor reads is what was typed
            written = [g for g in gb.find_submission_notebook("assessment", week.id, "learner4").grades
                       if g.needs_manual_grade]
            assert len(written) == 1
        graded = layout.autograded / "learner4" / week.id / "assessment.ipynb"
        assert STRATEGY[3] in graded.read_text(encoding="utf-8")
        assert mentor_gives_full_marks(layout, week.id, "learner4") >= 1
        open_home(page, base)
        assert "Waiting" in page.locator(f"section#{week.id} .ch-status").inner_text()
        assert main(["--root", str(layout.root), "feedback", week.id]) == 0
        # the open home shows the mentor's decision by itself: no reload, no keystroke
        page.get_by_text("Course complete.").wait_for(timeout=60_000)
