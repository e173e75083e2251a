"""The learner's home page: schedule, progress, links and reasons, read from the published gate."""
import re

import pytest

from course import gate, grading
from course.home import progress_html
from course.i18n import language
from course.progress import Attempt, LearnerRecord, learner_progress

W1, W2 = "week1_facebook", "week2_groups_pages"


def words(page):
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<style>.*?</style>|<[^>]+>", "", page, flags=re.S))


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
    assert "Live chats" in page and "studying on your own" in page and "opens 07 Dec 2026" in words(page)
    # every week's due date, from the syllabus, in the syllabus's own time zone
    for week in layout.syllabus.weeks:
        assert f"due {week.due:%d %b %Y %H:%M} (UTC+02:00)" in words(page)
    assert "due 13 Dec 2026 23:59" in words(page)


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
    assert "Passed 8/10" in words(page)
    assert "press Fetch" in words(page)   # week 2 is open but not in this workspace yet


def test_failed_learner_is_told_to_try_again(layout, tmp_path):
    """Does a learner who failed with attempts left see the score and an encouragement to retry?"""
    import datetime as dt
    publish(layout, "huda", [Attempt(W1, dt.datetime(2026, 12, 10), 5, 10)])
    page = progress_html(layout, "huda", tmp_path)
    assert "Not passed yet 5/10" in words(page) and "submit again" in page
    assert "your score 5/10, 7 needed" in page


def test_arabic_home_page_is_right_to_left(layout, tmp_path):
    """In Arabic, is the page laid out right to left and in Arabic?"""
    with language("ar"):
        page = progress_html(layout, "rania", tmp_path)
    assert 'dir="rtl"' in page and "تقدّمك" in page


def _arabic_page(layout, tmp_path, learner="rania", attempts=()):
    publish(layout, learner, attempts)          # published in English: the page rebuilds the reasons
    with language("ar"):
        return progress_html(layout, learner, tmp_path)


def test_arabic_page_has_no_english_sentence(layout, tmp_path):
    """For an Arabic learner, are titles, stages, dates, states, lock reasons, mentor lines and live-chat
    topics all Arabic, with no run of three English words left?"""
    from english import english_runs, page_text
    import datetime as dt
    page = _arabic_page(layout, tmp_path, attempts=[Attempt(W1, dt.datetime(2026, 12, 10), 5, 10)])
    text = page_text(page)
    assert english_runs(text) == []
    for arabic in ("فيسبوك والبحث وأساسيات الأمان الرقمي", "الزحف", "التحليق", "ديسمبر", "يناير",
                   "لم تنجح بعد", "مقفل", "اجتز الأسبوع 1", "والمطلوب 7", "أنت تدرس بمفردك",
                   "إعدادات الخصوصية وكلمات المرور", "استراتيجية حملتك خطوةً بخطوة", "الأربعاء"):
        assert arabic in text, arabic
    assert "Pass week" not in text and "Dec" not in text


def test_mixed_runs_are_bidi_isolated(layout, tmp_path):
    """Inside the Arabic page, are the learner id, scores, times and time zones isolated, left to right
    where they are Latin?"""
    import datetime as dt
    page = _arabic_page(layout, tmp_path, learner="lina.k", attempts=[Attempt(W1, dt.datetime(2026, 12, 10), 5, 10)])
    assert "<bdi>lina.k</bdi>" in page
    assert '<bdi dir="ltr">5/10</bdi>' in page
    assert '<bdi dir="ltr">23:59</bdi> (<bdi dir="ltr">UTC+02:00</bdi>)' in page


def test_lock_reason_follows_the_page_language_not_the_gate_file(layout, tmp_path):
    """When the gate was published in Arabic, does the English page still give the reason in English?"""
    with language("ar"):
        publish(layout, "sami")
    page = progress_html(layout, "sami", tmp_path)
    assert "Pass week 1 (Facebook, research and basic digital security) first" in words(page)


def test_lessons_are_linked_by_their_own_title(layout, tmp_path):
    """Are lessons linked by the heading of the learner's copy (so in the learner's language)?"""
    grading.fetch(layout, W1, "nour", tmp_path)
    page = progress_html(layout, "nour", tmp_path)
    assert f'<a href="{W1}/01_presence_on_facebook.ipynb">1. Your organisation&#x27;s presence on Facebook</a>' in page
    lesson = tmp_path / W1 / "01_presence_on_facebook.ipynb"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "# Your organisation's presence on Facebook", "# حضور منظّمتك على فيسبوك"), encoding="utf-8")
    with language("ar"):
        page = progress_html(layout, "nour", tmp_path)
    assert "1. حضور منظّمتك على فيسبوك</a>" in page and "تقييم الأسبوع</a>" in page


def test_committed_home_page_is_the_english_build():
    """Is START_HERE.ipynb exactly the English page that course.home builds (no hand edit drifting)?"""
    from course.home import home_notebook_text
    from course.layout import CHECKOUT
    assert (CHECKOUT / "START_HERE.ipynb").read_text(encoding="utf-8") == home_notebook_text("en")


def test_arabic_home_page_is_arabic_and_right_to_left():
    """Is the Arabic START_HERE right to left, with no English sentence beyond the screen names it lists?"""
    import json
    from english import english_runs, page_text
    from course.home import home_notebook_text
    nb = json.loads(home_notebook_text("ar"))
    markdown = "".join(nb["cells"][0]["source"])
    assert markdown.startswith('<div dir="rtl" lang="ar">')
    assert english_runs(page_text(markdown.replace("**", "").replace("*", ""))) == []
    assert nb["cells"][1]["metadata"]["jupyter"]["source_hidden"] is True


def test_language_switch_remembers_localises_and_re_renders(tmp_path, monkeypatch):
    """Does choosing العربية remember the choice, show the Arabic lesson, switch this kernel and say
    (in Arabic) to reopen lessons?"""
    import nbformat
    from course.home import language_switch
    from course.i18n import current_language, set_language
    from course.workspace_language import remembered
    monkeypatch.delenv("COURSE_LANG", raising=False)
    for name, text in (("01_a.ipynb", "English lesson"), ("01_a.ar.ipynb", "درس بالعربية")):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
        (tmp_path / W1).mkdir(exist_ok=True)
        nbformat.write(nb, tmp_path / W1 / name)
    said = []
    switch = language_switch(workspace=tmp_path, on_change=said.append)
    try:
        assert switch.value == "en"
        switch.value = "ar"
        assert remembered(tmp_path) == "ar" and current_language() == "ar"
        assert nbformat.read(tmp_path / W1 / "01_a.ipynb", as_version=4).cells[0].source == "درس بالعربية"
        assert not (tmp_path / W1 / "01_a.ar.ipynb").exists()
        assert len(said) == 1 and "أغلق أيّ درس مفتوح ثم افتحه من جديد" in said[0]
        switch.value = "en"
        assert remembered(tmp_path) == "en"
        assert nbformat.read(tmp_path / W1 / "01_a.ipynb", as_version=4).cells[0].source == "English lesson"
    finally:
        set_language(None)


def test_course_complete_only_when_every_week_is_passed(layout, tmp_path):
    """Is the course called complete once every week is passed, and not while one is still open?"""
    import datetime as dt
    weeks = layout.syllabus.week_ids
    passed = [Attempt(w, dt.datetime(2026, 12, 10 + i), 9, 10) for i, w in enumerate(weeks)]
    publish(layout, "nour", passed[:-1])
    assert "Course complete" not in words(progress_html(layout, "nour", tmp_path))
    publish(layout, "nour", passed[:-1] + [Attempt(weeks[-1], dt.datetime(2026, 12, 30), 5, 10)])
    assert "Course complete" not in words(progress_html(layout, "nour", tmp_path))   # last week failed
    publish(layout, "nour", passed)
    assert "Course complete." in words(progress_html(layout, "nour", tmp_path))
    with language("ar"):
        assert "أتممت الدورة" in words(progress_html(layout, "nour", tmp_path))


def test_live_chats_say_how_long_until_they_start_on_the_learners_clock():
    """Does an upcoming chat say "in 3 days, at 19:00 your time" (in the learner's time zone, and in Arabic),
    and a chat that has started say nothing more?"""
    import datetime as dt
    from zoneinfo import ZoneInfo
    from course.home import countdown
    starts = dt.datetime(2026, 12, 9, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))   # Beirut, 18:00
    now = dt.datetime(2026, 12, 6, 16, 0, tzinfo=dt.timezone.utc)
    with language("en"):
        assert countdown(starts, now, ZoneInfo("Asia/Amman")) == "(in 3 days, at 19:00 your time)"
        assert countdown(starts, now, ZoneInfo("Africa/Casablanca")) == "(in 3 days, at 17:00 your time)"   # UTC+1
        assert countdown(starts, starts - dt.timedelta(hours=5), ZoneInfo("Asia/Beirut")) == \
            "(in 5 hours, at 18:00 your time)"
        assert countdown(starts, starts + dt.timedelta(minutes=1)) == ""
    with language("ar"):
        assert countdown(starts, now, ZoneInfo("Asia/Amman")) == "(خلال 3 أيام، الساعة 19:00 بتوقيتك)"
