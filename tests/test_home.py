"""The learner's home page: schedule, progress, links and reasons, read from the published gate."""
import pytest

from course import gate, grading
from course.home import progress_html
from course.i18n import language
from course.progress import Attempt, LearnerRecord, learner_progress

W1, W2 = "week1_facebook", "week2_groups_pages"


def publish(layout, learner, attempts=()):
    gate.publish(layout.gate_dir, layout.syllabus, learner,
                 learner_progress(layout.syllabus, LearnerRecord(attempts=tuple(attempts))))


def test_new_learner_sees_week1_open_and_why_week2_is_locked(layout, tmp_path):
    """Does a new learner see week 1 open with links, and week 2 locked with what is needed?"""
    grading.fetch(layout, W1, "rania", tmp_path)
    page = progress_html(layout, "rania", tmp_path)
    assert "Open" in page and "Locked" in page
    assert f'href="{W1}/01_presence_on_facebook.ipynb"' in page and f'href="{W1}/assessment.ipynb"' in page
    assert "Pass week 1 (Facebook, research and basic digital security) first" in page
    assert f'href="{W2}/' not in page
    assert "Live chats" in page and "Your mentor" in page and "opens 07 Dec" in page
    # every week's due date, from the syllabus, in the syllabus's own time zone
    for week in layout.syllabus.weeks:
        assert f"due {week.due:%d %b %Y %H:%M}" in page
    assert "due 13 Dec 2026 23:59" in page


def test_feedback_is_linked_from_the_home_page(layout, tmp_path):
    """Once feedback has been fetched into the workspace, does the home page link to the newest one?"""
    import datetime as dt
    publish(layout, "lina", [Attempt(W1, dt.datetime(2026, 12, 10), 5, 10)])
    grading.fetch(layout, W1, "lina", tmp_path)
    assert f'href="{W1}/feedback/' not in progress_html(layout, "lina", tmp_path)
    for stamp in ("2026-12-09 10:00:00.000000 UTC", "2026-12-10 10:00:00.000000 UTC"):
        page = tmp_path / W1 / "feedback" / stamp / "assessment.html"
        page.parent.mkdir(parents=True)
        page.write_text("<html></html>", encoding="utf-8")
    html = progress_html(layout, "lina", tmp_path)
    assert f'href="{W1}/feedback/2026-12-10 10:00:00.000000 UTC/assessment.html">your feedback' in html


def test_scores_and_states_after_grading(layout, tmp_path):
    """After a pass, does the page show the score and week 2 open (with a fetch hint if not yet there)?"""
    import datetime as dt
    publish(layout, "omar", [Attempt(W1, dt.datetime(2026, 12, 10), 8, 10)])
    page = progress_html(layout, "omar", tmp_path)
    assert "Passed</b> 8/10" in page
    assert "press Fetch" in page   # week 2 is open but not in this workspace yet


def test_failed_learner_is_told_to_try_again(layout, tmp_path):
    """Does a learner who failed with attempts left see the score and an encouragement to retry?"""
    import datetime as dt
    publish(layout, "huda", [Attempt(W1, dt.datetime(2026, 12, 10), 5, 10)])
    page = progress_html(layout, "huda", tmp_path)
    assert "Not passed yet</b> 5/10" in page and "submit again" in page
    assert "your score 5/10, 7 needed" in page


def test_arabic_home_page_is_right_to_left(layout, tmp_path):
    """In Arabic, is the page laid out right to left and in Arabic?"""
    with language("ar"):
        page = progress_html(layout, "rania", tmp_path)
    assert 'dir="rtl"' in page and "تقدّمك" in page
