"""A learner who reads only Arabic, with weeks 1-3 passed, reads every lesson of weeks 2, 3 and 4 in a
real browser: right to left, Arabic text and widgets, no English sentence (runs of three Latin words,
except the screen names listed in tests/english.py), and each week's assessment in Arabic."""
from __future__ import annotations

import re
import shutil

import pytest
from english import PROPER_NAMES, SCREEN_NAMES, english_runs

from course.syllabus import load_syllabus

from .conftest import ARTIFACTS, learner_lab
from .helpers import open_notebook, run_all, visible_text
from .test_weekly_journey import pass_weeks_before

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARABIC = re.compile("[\u0600-\u06FF]")
WEEKS = load_syllabus().weeks[1:]
LESSONS = [(w.id, lesson) for w in WEEKS for lesson in w.lessons]
#: Data a lesson shows exactly as it is stored, in Latin letters: the tracking tags of week 4's blog visits
#: (the lesson is about "Facebook" and "facebook" counting apart).
AS_STORED = {"04_measuring_your_blog.ipynb": ("(direct)", "whatsapp", "newsletter", "Facebook", "instagram",
                                              "google", "facebook")}


@pytest.fixture(scope="module")
def arabic_lab_at_week4(tmp_path_factory):
    """`course lab --language ar` for a learner who has passed weeks 1-3 (weeks 2-4 are open)."""
    def prepare(layout):
        pass_weeks_before(4)(layout)
        for week in WEEKS[:-1]:   # passed with reference answers: show them unanswered again, as released
            folder = layout.workspace / week.id
            shutil.copyfile(layout.release / week.id / week.assessment, folder / week.assessment)
            for answers in folder.glob("*.answers.json"):
                answers.unlink()
    with learner_lab(tmp_path_factory, learner="salma", language="ar", prepare=prepare) as running:
        yield running


@pytest.mark.parametrize("week,lesson", LESSONS, ids=[f"{w}/{l}" for w, l in LESSONS])
def test_lesson_reads_in_arabic(arabic_lab_at_week4, page, week, lesson):
    """Once all its cells run, is the lesson right to left and Arabic, with no English sentence on it?"""
    base, layout = arabic_lab_at_week4
    open_notebook(page, base, f"{week}/{lesson}")
    run_all(page)
    page.locator(".course-widget").first.wait_for()
    assert page.locator('.jp-MarkdownOutput div[dir="rtl"]').count() >= 3
    text = visible_text(page)
    assert len(ARABIC.findall(text)) > 500
    allowed = SCREEN_NAMES + PROPER_NAMES + AS_STORED.get(lesson, ())
    assert english_runs(text, allowed) == [], english_runs(text, allowed)[:10]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"arabic-{week}-{lesson.removesuffix('.ipynb')}.png"), full_page=True)


@pytest.mark.parametrize("week", [w.id for w in WEEKS])
def test_assessment_reads_in_arabic(arabic_lab_at_week4, page, week):
    """Does the week's assessment, run, show its questions in Arabic with no English sentence?"""
    base, _layout = arabic_lab_at_week4
    open_notebook(page, base, f"{week}/assessment.ipynb")
    run_all(page)
    page.locator(".course-widget").first.wait_for()
    text = visible_text(page)
    assert len(ARABIC.findall(text)) > 300
    assert english_runs(text) == [], english_runs(text)[:10]
