"""The course home page (``/course/home``): progress, next steps, people, hand-in, read from small files.

Rendered here as the server renders it, from a scratch course: the published gate, the learner's
workspace (lessons, feedback, certificate), their practice record, name and hand-ins. Files a learner
can edit only change what their own home shows; a broken one never breaks the page.
"""
import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from course import gate, grading, practice_log
from course.home_page import HANDED_IN, main_html, page, version, week_states
from course.i18n import language
from course.progress import Attempt, LearnerRecord, learner_progress

W1, W2 = "week1_facebook", "week2_groups_pages"


def words(html):
    return re.sub(r"\s+", " ", re.sub(r"<style>.*?</style>|<script>.*?</script>|<[^>]+>", " ", html, flags=re.S))


def publish(layout, learner, attempts=(), people=None):
    gate.publish(layout.gate_dir, layout.syllabus, learner,
                 learner_progress(layout.syllabus, LearnerRecord(attempts=tuple(attempts))), people=people)


@pytest.fixture
def workspace(layout, tmp_path):
    grading.fetch(layout, W1, "nour", tmp_path)
    return tmp_path


def test_a_new_learner_is_asked_their_name_and_sees_where_to_start(layout, workspace):
    """Before anything: a name question, week 1 open with its lessons and 0 done, week 2 locked with why."""
    publish(layout, "nour")
    html = main_html(layout, "nour", workspace)
    text = words(html)
    assert 'id="ch-name-input"' in html and "as it should appear on your certificate" in text
    assert "Course progress: 0 of 4 weeks passed" in text
    assert "Week 1: Facebook, research and basic digital security" in text
    assert "0 of 5 lessons done" in text and "Exercises tried: 0 of 32" in text
    assert f'href="lab/tree/{W1}/01_presence_on_facebook.ipynb"' in html
    assert "Next: 1. Your organisation's presence on Facebook" in text.replace("&#x27;", "'")
    assert "Hand in week 1" in text
    week2 = html.split(f'id="{W2}"')[1].split("</section>")[0]
    assert "Pass week 1 (Facebook, research and basic digital security) first" in words(week2)
    assert "lab/tree/" not in week2 and "Hand in" not in week2
    assert "studying on your own" in text   # no mentor in the roster, none in the syllabus


def test_lessons_done_and_exercises_tried_come_from_the_learners_practice(layout, workspace, monkeypatch):
    """Trying every exercise of lesson 1 makes it done and points to lesson 2; a corrupt record counts nothing."""
    publish(layout, "nour")
    first = json.loads((workspace / W1 / "01_presence_on_facebook.ipynb").read_text())["metadata"]["course"]["exercises"]
    monkeypatch.setenv("COURSE_LEARNER", "nour")
    for name in first:
        practice_log.record(name, solved=name != first[0], week_folder=workspace / W1)
    practice_log.record(first[0], solved=False, week_folder=workspace / W1)
    log = practice_log.read(workspace / W1)
    assert log[first[0]]["tries"] == 2 and log[first[0]]["solved"] is False
    text = words(main_html(layout, "nour", workspace))
    assert "1 of 5 lessons done" in text and f"Exercises tried: {len(first)} of 32" in text
    assert "Next: 2. Research with Google search" in text
    (workspace / W1 / practice_log.FILE).write_text("{not json", encoding="utf-8")
    assert "0 of 5 lessons done" in words(main_html(layout, "nour", workspace))


def test_practice_is_recorded_only_in_a_learners_lab(layout, tmp_path, monkeypatch):
    """Running a lesson in the course folder (an author, a test) writes no practice record."""
    monkeypatch.delenv("COURSE_LEARNER", raising=False)
    practice_log.record("where_to_plan", True, week_folder=tmp_path)
    assert not (tmp_path / practice_log.FILE).exists()
    monkeypatch.setenv("COURSE_LEARNER", "nour")
    practice_log.record("where_to_plan", True, week_folder=tmp_path)
    assert practice_log.read(tmp_path)["where_to_plan"]["solved"] is True


def test_the_name_is_asked_once_and_the_rosters_name_comes_first(layout, workspace):
    """A name given on the home greets the learner from then on; a cohort's roster name wins over it."""
    from course import learner_profile
    publish(layout, "nour")
    learner_profile.remember(workspace, "  Nour\u202e  El\tHaddad\x07 ")
    html = main_html(layout, "nour", workspace)
    assert "ch-name-input" not in html and "Welcome back, <bdi>Nour El Haddad</bdi>" in html
    publish(layout, "nour", people={"name": "Nour Haddad", "mentor": {"name": "Rami", "contact": "rami@example.org"}})
    html = main_html(layout, "nour", workspace)
    assert "Welcome back, <bdi>Nour Haddad</bdi>" in html
    assert "Your mentor is <bdi>Rami</bdi>." in html and 'href="mailto:rami@example.org"' in html
    with pytest.raises(ValueError):
        learner_profile.remember(workspace, " \n\t ")


def test_a_passed_week_offers_no_hand_in_and_the_next_week_is_being_prepared(layout, workspace):
    """After a pass: the score, no Hand in for it, and week 2 open but not yet in the folder says so."""
    publish(layout, "nour", [Attempt(W1, dt.datetime(2026, 12, 10), 26, 30)])
    html = main_html(layout, "nour", workspace)
    week1 = html.split(f'id="{W1}"')[1].split("</section>")[0]
    assert "Passed" in words(week1) and "26/30" in week1 and "Hand in" not in week1
    week2 = html.split(f'id="{W2}"')[1].split("</section>")[0]
    assert "lessons are being copied into your folder" in words(week2)
    assert "Course progress: 1 of 4 weeks passed" in words(html)


def test_a_hand_in_shows_as_being_graded_until_the_grade_is_published(layout, workspace):
    """Handed in from the home: 'being graded', no second Hand in; a newer gate ends it."""
    publish(layout, "nour")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=5)
    (workspace / ".course").mkdir(exist_ok=True)
    (workspace / ".course" / HANDED_IN).write_text(json.dumps({W1: later.isoformat()}))
    html = main_html(layout, "nour", workspace)
    assert "being graded" in words(html) and "Hand in week 1" not in words(html)
    (workspace / ".course" / HANDED_IN).write_text(json.dumps({W1: "2020-01-01T00:00:00+00:00"}))
    assert "Hand in week 1" in words(main_html(layout, "nour", workspace))
    (workspace / ".course" / HANDED_IN).write_text("[broken")
    assert "Hand in week 1" in words(main_html(layout, "nour", workspace))


def test_course_complete_links_the_certificate(layout, workspace):
    """Every week passed: the course-complete line, and the certificate link once the PDF is there."""
    attempts = [Attempt(w.id, dt.datetime(2026, 12, 10 + i), 28, 30) for i, w in enumerate(layout.syllabus.weeks)]
    publish(layout, "nour", attempts)
    html = main_html(layout, "nour", workspace)
    assert "Course complete." in words(html) and "certificate is being prepared" in words(html)
    (workspace / "certificate.pdf").write_bytes(b"%PDF-1.4")
    html = main_html(layout, "nour", workspace)
    assert 'href="files/certificate.pdf" download' in html and "Course progress: 4 of 4 weeks passed" in words(html)


def test_the_fingerprint_changes_only_when_the_page_does(layout, workspace):
    """The page refreshes itself when its fingerprint changes: same state, same fingerprint."""
    publish(layout, "nour")
    first = version(main_html(layout, "nour", workspace))
    assert version(main_html(layout, "nour", workspace)) == first
    publish(layout, "nour", [Attempt(W1, dt.datetime(2026, 12, 10), 12, 30)])
    assert version(main_html(layout, "nour", workspace)) != first


def test_the_whole_page_in_arabic(layout, workspace):
    """In Arabic: right to left, Arabic words throughout, no run of English words."""
    from english import english_runs, page_text
    from course import workspace_language
    publish(layout, "nour")
    workspace_language.localise(workspace, "ar")   # as the language switch does: lessons (and titles) in Arabic
    with language("ar"):
        html = page(layout, "nour", workspace, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    text = page_text(html.split("<main")[1].split("<script>")[0])
    assert english_runs(text) == [] and "سلّم الأسبوع 1" in text and "ما اسمك؟" in text


def test_the_page_is_one_document_with_links_under_the_servers_base(layout, workspace):
    """A hub serves a learner under /user/NAME/: every link and request is relative to that base."""
    publish(layout, "nour")
    html = page(layout, "nour", workspace, "en", base_url="/user/nour/")
    assert '<base href="/user/nour/">' in html and 'name="viewport"' in html
    assert not re.search(r'href="/(?!user/nour/)', html) and "fetch('/" not in html


def test_the_home_imports_nothing_of_nbgrader_or_the_grader():
    """The home's server side stays light: rendering it loads neither nbgrader nor the grader's modules."""
    code = ("import sys, course.home_server, course.home_page; "
            "bad = [m for m in sys.modules if m.split('.')[0] == 'nbgrader' or m.startswith(('course.grading', "
            "'course.storage', 'course.answer_key', 'sqlalchemy'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_week_states_of_a_learner_with_no_gate(layout, tmp_path):
    """No published gate at all: every week shows locked, nothing breaks."""
    import shutil
    shutil.rmtree(layout.gate_dir, ignore_errors=True)
    states = week_states(layout, "nobody", tmp_path)
    assert [s.state for s in states] == ["locked"] * 4 and not any(s.can_hand_in for s in states)
    gate.publish_default(layout.gate_dir, layout.syllabus)


def test_live_chats_a_mentor_scheduled_reach_the_home_with_a_calendar(layout, workspace):
    """A chat added with `course chat add` shows on the home, with its link and a calendar to download."""
    from course.cli import main
    publish(layout, "nour")
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    assert main(["--root", str(layout.root), "chat", "add", "--week", W1, "--date", f"{soon:%Y-%m-%d}",
                 "--time", "17:30", "--zone", "Asia/Beirut", "--minutes", "45", "--topic", "Questions before the hand-in",
                 "--topic-ar", "أسئلة قبل التسليم", "--link", "https://meet.example.org/sma"]) == 0
    html = main_html(layout, "nour", workspace)
    assert "Questions before the hand-in" in html and 'href="https://meet.example.org/sma"' in html
    assert 'download="live_chats.ics"' in html and 'href="data:text/calendar' in html
    assert re.search(r'class="ch-when" data-starts="[^"]+">\s*<bdi>\(in 2 days', html)


def test_live_chats_show_the_courses_own_clock(layout, workspace):
    """A chat planned in Beirut reads at Beirut's time with its offset (the learner's own clock is added
    by the page in their browser), whatever clock the published file keeps."""
    publish(layout, "nour")
    html = re.sub(r"\( | \)", lambda m: m[0].strip(), words(main_html(layout, "nour", workspace)))
    assert "Wed 09 Dec 18:00 (UTC+02:00)" in html and "UTC+00:00" not in html
