"""The marking queue: the order mentors see, and a saved mark reaching gradebook, gate, progress,
dashboard and feedback in one step."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from nbgrader.api import Gradebook

from course import gate, grading, i18n
from course.answer_key import load_key
from course.mentor import marking
from course.mentor.data import load_course
from course.progress_report import learner_rows
from course.reference import choice_options, fill
from course.roster import import_roster
from course.storage import Ledger

W1, W2 = "week1_facebook", "week2_groups_pages"
PLAN = "q14_security_plan"


def answer(learner, mentor, decides, minutes, week_number=1):
    return marking.WaitingAnswer(
        learner=learner, name=learner, language="en", mentor=mentor, week=f"w{week_number}",
        week_number=week_number, question="q", title="t", prompt="", scheme="", reference="", answer="",
        max_points=5, submitted_at=dt.datetime(2026, 12, 1, 10, minutes), decides=decides)


def test_own_learners_first_then_answers_that_decide_then_oldest():
    """Does the queue put the mentor's own learners first, and among them answers that decide a pass?"""
    answers = [answer("a", "other", True, 1), answer("b", "me", False, 2), answer("c", "me", True, 3),
               answer("d", "me", False, 0), answer("e", "other", False, 0)]
    assert [a.learner for a in marking.ordered(answers, "me")] == ["c", "d", "b", "a", "e"]
    assert [a.learner for a in marking.ordered(answers, None)] == ["a", "c", "d", "e", "b"]


def test_levels_follow_the_questions_points():
    assert answer("a", "m", False, 0).levels() == [0, 1, 2, 3, 4, 5]


@pytest.fixture(scope="module")
def marked(layout):
    """samir (mentor m_b) needs his written answer to pass week 1; amal (mentor m_a) hands in in full."""
    (layout.root / "mentors.csv").write_text("id,name,languages\nm_a,Rima,ar en\nm_b,Sami,en\n", encoding="utf-8")
    (layout.root / "learners.csv").write_text(
        "id,name,country,language,mentor\nsamir,Samir Haddad,Jordan,en,m_b\namal,أمل منصور,Egypt,ar,m_a\n",
        encoding="utf-8")
    ledger = Ledger(layout.db_url)
    try:
        import_roster(ledger, layout.root / "learners.csv", layout.root / "mentors.csv")
    finally:
        ledger.close()
    key = load_key(layout.keys, W1)
    for learner in ("samir", "amal"):
        workspace = layout.root / "learners" / learner
        folder = grading.fetch(layout, W1, learner, workspace)
        fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", key, "full")
        if learner == "samir":   # 19 of 25 automatic points: the written answer decides
            options = choice_options(folder / "assessment.ipynb")
            answers = folder / "assessment.answers.json"
            data = json.loads(answers.read_text())
            for qid in ("q11_lookalike_link", "q12_phishing_resistant", "q13_password_policy"):
                data["answers"][qid] = next(o for o in options[qid] if o != key.entries[qid].answer)
            answers.write_text(json.dumps(data))
        grading.submit(layout, W1, learner, workspace)
    grading.grade(layout, W1, learners=["samir", "amal"])
    return layout


def test_queue_shows_the_scheme_the_answer_and_the_learner(marked):
    """Does each waiting answer carry what a mentor marks with, in the mentor's order?"""
    queue = marking.waiting(marked, mentor="m_a")
    assert [(a.learner, a.question) for a in queue] == [("amal", PLAN), ("samir", PLAN)]
    amal, samir = queue
    assert amal.name == "أمل منصور" and amal.language == "ar" and not amal.decides
    assert samir.decides and samir.max_points == 5
    assert samir.scheme.startswith("5 points in all") and "password manager" in samir.reference
    assert samir.answer and samir.title == "Your security plan"
    assert marking.waiting(marked, mentor="m_b")[0].learner == "samir"
    arabic = marking.waiting(marked, mentor="m_a", language="ar")[0]
    assert arabic.title == "خطتك الأمنية"


def test_the_page_reads_in_arabic_with_the_scheme_and_the_answer(marked):
    """Does an Arabic-speaking mentor get the page right to left, in Arabic, with scheme and answer?"""
    from course import i18n
    from course.mentor.marking_page import MarkingApp, render
    with i18n.language("ar"):
        text = render(MarkingApp(marked, "m_a", "ar"), "ar", "")
    assert '<html lang="ar" dir="rtl">' in text
    assert "إجابات مكتوبة تنتظر التصحيح: 2" in text and "معايير التصحيح" in text and "خطتك الأمنية" in text
    assert text.index("أمل منصور") < text.index("Samir Haddad")          # m_a's own learner first
    assert "هذه الدرجة تحدد هل ينجح المتعلم" in text                      # samir's mark decides his week
    assert "5 points in all" in text and "password manager" in text


def test_the_page_refuses_a_post_without_its_xsrf_token(marked):
    import urllib.error
    import urllib.request
    from course.mentor.marking_page import serve_in_thread
    from course.mentor.serve import free_port
    port = free_port(18950)
    serve_in_thread(marked, "127.0.0.1", port, "m_a", "en")
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
    assert "Written answers waiting: 2" in page and "_xsrf" in page
    request = urllib.request.Request(f"http://127.0.0.1:{port}/mark", method="POST",
                                     data=b"learner=samir&week=week1_facebook&question=q14_security_plan&points=5")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    with Gradebook(marked.db_url, marked.course_id) as gb:
        assert gb.find_grade(PLAN, "assessment", W1, "samir").manual_score is None


def test_the_page_speaks_the_mentors_first_language(marked):
    from course.mentor.serve import known_mentor, page_language
    assert page_language(marked, "m_a", None) == "ar" and page_language(marked, "m_b", None) == "en"
    assert page_language(marked, "m_a", "en") == "en" and page_language(marked, None, None) == "en"
    assert known_mentor(marked, "m_a") == "m_a" and known_mentor(marked, "root") is None


def test_a_bad_mark_is_refused_and_changes_nothing(marked):
    for points in (6, -1, "lots"):
        with pytest.raises(marking.MarkError):
            marking.save(marked, "samir", W1, PLAN, points, "x")
    with pytest.raises(marking.MarkError):
        marking.save(marked, "nobody", W1, PLAN, 1)
    with Gradebook(marked.db_url, marked.course_id) as gb:
        assert gb.find_grade(PLAN, "assessment", W1, "samir").manual_score is None


def test_one_save_updates_gradebook_gate_progress_dashboard_and_feedback(marked):
    """One truth: after a mark is saved, do the gate, progress and the dashboard all say the same?"""
    assert gate.read(marked.gate_dir, "samir")[W1].state == "awaiting_review"
    others_page = marked.feedback / "amal" / W1 / "assessment.html"
    others_page.write_text("amal's page as it was", encoding="utf-8")
    wp = marking.save(marked, "samir", W1, PLAN, 5, "Clear plan. Add who keeps the recovery codes.")
    assert wp.state.value == "passed" and wp.score == 24
    with Gradebook(marked.db_url, marked.course_id) as gb:   # the formgrader sees the same
        assert gb.find_grade(PLAN, "assessment", W1, "samir").manual_score == 5
    entries = gate.read(marked.gate_dir, "samir")
    row = next(r for r in learner_rows(marked) if r.id == "samir")
    board = load_course(marked).progress.set_index(["learner", "week"])
    for week, state in ((W1, "passed"), (W2, "unlocked")):
        assert entries[week].state == row.weeks[week].state.value == board.loc[("samir", week), "state"] == state
    assert entries[W1].score == row.weeks[W1].score == board.loc[("samir", W1), "score"] == 24
    page = (marked.feedback / "samir" / W1 / "assessment.html").read_text(encoding="utf-8")
    assert "Add who keeps the recovery codes." in page
    assert [a.learner for a in marking.waiting(marked)] == ["amal"]
    assert others_page.read_text(encoding="utf-8") == "amal's page as it was"   # only samir's page is made anew


def test_the_page_says_where_the_mentors_learners_stand(marked):
    """Beside the queue: each week's passed, not passed, waiting for a mentor, waiting to be graded and not
    handed in, for the mentor's own learners, named; the same states as the gate."""
    from course.mentor.marking_page import MarkingApp, standing_html
    with i18n.language("en"):
        mine = standing_html(MarkingApp(marked, "m_a", "en"))
        everyone = standing_html(MarkingApp(marked, None, "en"))
    week1 = mine.split("</tr>")[1]
    states = {l: gate.read(marked.gate_dir, l)[W1].state for l in ("samir", "amal")}
    assert "Where your learners stand" in mine and "Waiting for a mentor" in mine
    assert ("أمل منصور" in week1) == (states["amal"] in ("passed", "failed", "awaiting_review", "submitted"))
    assert "Samir Haddad" not in mine                      # not m_a's learner
    assert "Samir Haddad" in everyone
    with i18n.language("ar"):
        assert "أين يقف متعلّموك" in standing_html(MarkingApp(marked, "m_a", "ar"))
