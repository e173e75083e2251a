"""A learner who reads only Arabic goes through all of week 1 in a real browser: every lesson, an
exercise, the assessment, submitting it and the feedback page, without meeting an English sentence
(runs of three Latin words, except the screen names listed in tests/english.py)."""
from __future__ import annotations

import json
import re

import pytest
from english import english_runs, page_text

from course.answer_key import load_key
from course.reference import fill
from course.syllabus import load_syllabus

from .conftest import ARTIFACTS, TOKEN
from .helpers import hand_in_on_home, open_notebook, run_all, visible_text, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]
W1 = "week1_facebook"
ARABIC = re.compile("[\u0600-\u06FF]")
LESSONS = load_syllabus().week(W1).lessons


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_reads_in_arabic(arabic_lab, page, lesson):
    """Once all its cells run, is the lesson right to left and Arabic, text and widgets, with no English
    sentence anywhere on it?"""
    base, _layout = arabic_lab
    open_notebook(page, base, f"{W1}/{lesson}")
    run_all(page)
    page.locator(".course-widget").first.wait_for()
    assert page.locator('.jp-MarkdownOutput div[dir="rtl"]').count() >= 3
    text = visible_text(page)
    assert len(ARABIC.findall(text)) > 500
    assert english_runs(text) == [], english_runs(text)[:10]
    _shot(page, f"arabic-{lesson.removesuffix('.ipynb')}.png")


def test_the_assessment_submission_and_feedback_are_arabic(arabic_lab, page):
    """Does the assessment read in Arabic, and once answered and handed in on the course home,
    does a right-to-left Arabic feedback page come back, with no English sentence?"""
    base, layout = arabic_lab
    open_notebook(page, base, f"{W1}/assessment.ipynb")
    run_all(page)
    page.locator(".course-widget").first.wait_for()
    text = visible_text(page)
    assert len(ARABIC.findall(text)) > 500
    assert english_runs(text) == [], english_runs(text)[:10]
    _shot(page, "arabic-assessment.png")

    folder = layout.workspace / W1
    fill(folder / "assessment.ipynb", None, load_key(layout.keys, W1), "partial")
    answers = json.loads((folder / "assessment.answers.json").read_text(encoding="utf-8"))
    answers["answers"]["q4_search_query"] = '"بطالة الشباب" site:ilo.org filetype:pdf'   # typed in Arabic
    (folder / "assessment.answers.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    hand_in_on_home(page, base, W1)   # the home's Hand in button, in Arabic
    # grading runs in the background, then feedback is fetched
    pages = wait_until(lambda: sorted((folder / "feedback").glob("*/assessment.html")))
    assert pages, "no feedback page reached the workspace"
    html = pages[-1].read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    words = page_text(html)
    assert len(ARABIC.findall(words)) > 300
    assert english_runs(words) == [], english_runs(words)[:10]
    page.goto(f"{base}/files/{W1}/feedback/{pages[-1].parent.name}/assessment.html?token={TOKEN}")
    page.wait_for_selector("section.card")
    _shot(page, "arabic-feedback-page.png")
