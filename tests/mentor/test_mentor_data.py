"""The dashboard's tables read from a real (simulated) cohort: do they agree with the gradebook and the gate?"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from course.layout import CourseLayout
from course.mentor import data as D
from course.mentor import figures as F
from course.mentor.risk import learners_at_risk
from course.grading import cohort
from course.questions import FILE_NAME
from course.scaffold import copy_course

from .conftest import ASKED_AT, QUESTION

pytestmark = pytest.mark.slow
EVERYONE = {f"learner{i:03d}" for i in range(1, 9)}
AFTER_THE_COURSE = dt.datetime(2027, 1, 10, 12, 0)


@pytest.fixture(scope="module")
def course(demo):
    return D.load_course(demo)


def sql(layout: CourseLayout, query: str) -> list[tuple]:
    path = layout.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return conn.execute(query).fetchall()


GRADES_SQL = """
    select sa.student_id, a.name, bc.name, gc.max_score, g.auto_score, g.manual_score,
           g.extra_credit, g.needs_manual_grade
    from grade g join grade_cells gc on g.cell_id = gc.id join base_cell bc on bc.id = gc.id
    join submitted_notebook sn on g.notebook_id = sn.id
    join submitted_assignment sa on sn.assignment_id = sa.id
    join assignment a on sa.assignment_id = a.id"""


def test_every_learner_appears_with_or_without_a_roster_row(course):
    """Are all eight learners in the roster table, the two without a roster row with empty details?"""
    roster = course.roster.set_index("learner")
    assert set(roster.index) == EVERYONE
    assert roster.loc["learner001", "name"] == "أمل منصور"
    assert roster.loc["learner001", "mentor_name"] == "Rima Haddad"
    assert roster.loc["learner007"].to_dict() == {"name": "", "country": "", "language": "", "mentor": "",
                                                  "mentor_name": "", "in_roster": False}
    mentors = course.mentors.set_index("mentor")["learners"].to_dict()
    assert mentors == {"m_rima": 3, "m_sami": 3}


def test_progress_agrees_with_the_gate(demo, course):
    """Is every learner's state, score and attempts used in each week the gate's own?"""
    gate = cohort(demo)
    assert set(course.progress["learner"]) == set(gate) == EVERYONE
    assert len(course.progress) == 8 * 4
    for row in course.progress.itertuples():
        wp = gate[row.learner][row.week]
        assert row.state == wp.state.value and row.attempts_used == wp.attempts_used
        assert (row.score == wp.score) or (wp.score is None and row.score != row.score)
    p = course.progress.set_index(["learner", "week"])
    assert p.loc[("learner001", "week4_blogging"), "state"] == "passed"
    assert p.loc[("learner002", "week2_groups_pages"), "overridden"]
    # a submission that could not be graded counts as handed in, not as graded, and says why
    broken = p.loc[("learner004", "week1_facebook")]
    assert broken.submissions == 1 and broken.graded_attempts == 0
    assert "not a readable notebook" in broken.last_problem


def test_grades_give_a_score_only_to_graded_answers(demo, course):
    """Does each graded cell carry the score nbgrader gave, and a written answer still waiting carry none?"""
    expected = {}
    for learner, week, question, max_score, auto, manual, extra, needs in sql(demo, GRADES_SQL):
        expected[(learner, week, question)] = None if needs and manual is None else \
            (manual if manual is not None else auto or 0.0) + (extra or 0.0)
    got = {(r.learner, r.week, r.question): (None if r.score != r.score else r.score)
           for r in course.grades.itertuples()}
    assert got == expected
    assert got[("learner001", "week1_facebook", "q14_security_plan")] is None


def test_item_analysis_counts_full_marks_and_mean_share_per_question(demo, course):
    """Does each question's share with full points and mean share of points match the gradebook, hardest first?"""
    per_item: dict[tuple, list[float]] = {}
    pending: dict[tuple, int] = {}
    for learner, week, question, max_score, auto, manual, extra, needs in sql(demo, GRADES_SQL):
        if needs and manual is None:
            pending[(week, question)] = pending.get((week, question), 0) + 1
            continue
        share = ((manual if manual is not None else auto or 0.0) + (extra or 0.0)) / max_score
        per_item.setdefault((week, question), []).append(share)
    items = course.item_analysis.set_index(["week", "question"])
    from course.answer_key import load_key
    questions = sum(len(load_key(demo.keys, w).entries) for w in demo.syllabus.week_ids)   # one graded cell each
    assert len(items) == len(set(per_item) | set(pending)) == questions
    for key, shares in per_item.items():
        row = items.loc[key]
        assert row.graded == len(shares)
        assert row.full_marks == sum(s >= 1 for s in shares)
        assert row.mean_share == pytest.approx(sum(shares) / len(shares))
        assert row.share_full == pytest.approx(sum(s >= 1 for s in shares) / len(shares))
    assert items.loc[("week1_facebook", "q13_password_policy_check")].share_full == pytest.approx(2 / 6)
    assert items.loc[("week1_facebook", "q14_security_plan")].pending == pending[("week1_facebook", "q14_security_plan")]
    ranked = course.item_analysis[course.item_analysis["ranked"]]
    assert len(ranked) and (ranked["graded"] >= D.MIN_ANSWERS).all()
    assert ranked["mean_share"].tolist() == sorted(ranked["mean_share"])   # hardest first, among the ranked
    assert course.item_analysis["ranked"].tolist() == sorted(course.item_analysis["ranked"], reverse=True)
    assert course.item_analysis["graded"].tolist()[-1] == 0   # nothing graded yet: last


def test_manual_queue_lists_every_written_answer_waiting_with_its_mentor(demo, course):
    """Is every answer that needs a mentor's grade in the queue, once, with the learner's mentor?"""
    waiting = {(l, w, q) for l, w, q, _m, _a, manual, _e, needs in sql(demo, GRADES_SQL) if needs and manual is None}
    queue = course.manual_queue
    assert set(zip(queue["learner"], queue["week"], queue["question"])) == waiting
    # the two strong learners' written answers of weeks 1-3 (their week 4 capstones were marked in the demo)
    assert len(queue) == len(waiting) == 2 * 3
    assert set(queue["mentor"]) == {"m_rima"}
    assert not queue["decides_result"].any()   # both strong learners passed already
    assert queue["submitted_at"].is_monotonic_increasing


def test_a_mentors_grade_takes_an_answer_out_of_the_queue(demo, tmp_path):
    """Once a mentor grades a written answer, does it leave the queue and count in the item analysis?"""
    root = tmp_path / "copy"
    shutil.copytree(demo.root, root, symlinks=True)
    layout = CourseLayout.at(root)
    from nbgrader.api import Gradebook
    with Gradebook(layout.db_url, layout.course_id) as gb:
        grade = gb.find_grade("q14_security_plan", "assessment", "week1_facebook", "learner001")
        grade.manual_score = grade.max_score     # full marks, whatever the question is worth
        gb.db.commit()
    after = D.load_course(layout)
    assert ("learner001", "week1_facebook", "q14_security_plan") not in set(
        zip(after.manual_queue["learner"], after.manual_queue["week"], after.manual_queue["question"]))
    item = after.item_analysis.set_index(["week", "question"]).loc[("week1_facebook", "q14_security_plan")]
    before = D.load_course(demo).item_analysis.set_index(["week", "question"]).loc[
        ("week1_facebook", "q14_security_plan")]
    assert item.graded == before.graded + 1 and item.full_marks == before.full_marks + 1
    assert item.pending == before.pending - 1


def test_questions_arrive_with_the_submission_and_a_damaged_file_is_reported(demo, course):
    """Is the question asked in a lesson read from the submitted week folder, and a damaged file reported, not moved?"""
    q = course.questions
    assert q.to_dict("records") == [{"learner": "learner002", "week": "week2_groups_pages", "week_number": 2,
                                     "lesson": "01_pages_and_roles",
                                     "asked_at": ASKED_AT.replace(tzinfo=None), "text": QUESTION}]
    assert len(course.problems) == 1
    assert course.problems[0].startswith("learner001, week3_twitter_youtube:") and "damaged" in course.problems[0]
    assert (demo.submitted / "learner001" / "week3_twitter_youtube" / FILE_NAME).read_text() == "{damaged"


def test_a_mentor_filter_keeps_only_their_learners_in_every_table(course):
    """Does choosing a mentor keep only that mentor's learners in every table (and "" those without one)?"""
    for mentor, learners in (("m_rima", {"learner001", "learner002", "learner005"}),
                             ("m_sami", {"learner003", "learner004", "learner006"}),
                             (D.NO_MENTOR, {"learner007", "learner008"})):
        view = course.for_mentor(mentor)
        for frame in (view.roster, view.progress, view.attempts, view.grades, view.questions,
                      view.manual_queue):
            assert set(frame["learner"]) <= learners, mentor
        assert set(view.roster["learner"]) == set(view.progress["learner"]) == learners
    assert course.for_mentor("m_sami").questions.empty and course.for_mentor("m_sami").manual_queue.empty
    assert course.for_mentor(None) is course


def test_learners_at_risk_after_the_course(course):
    """After every due date, are the broken submitters overdue and every learner who did not finish inactive?"""
    risk = learners_at_risk(course, now=AFTER_THE_COURSE)
    overdue = risk[risk["rule"] == "overdue"]
    assert set(zip(overdue["learner"], overdue["week"])) == {("learner004", "week1_facebook"),
                                                             ("learner008", "week1_facebook")}
    assert overdue["reason"].str.contains("could not be graded").all()
    inactive = set(risk.loc[risk["rule"] == "inactive", "learner"])
    assert inactive == EVERYONE - {"learner001", "learner005"}   # the two who passed every week
    assert risk[risk["rule"] == "failed_twice"].empty
    assert risk.set_index("learner").loc["learner004", "mentor"].tolist() == ["m_sami", "m_sami"]
    assert learners_at_risk(course, now=dt.datetime(2026, 12, 1)).empty   # before the course starts


def test_the_funnel_counts_the_demo(course):
    """Does the funnel count 8 learners who opened week 1, 8 who handed it in and 2 who passed?"""
    counts = F.funnel_counts(course.progress, course.syllabus).set_index("week_number")
    assert counts.loc[1, ["learners", "opened", "submitted", "passed"]].tolist() == [8, 8, 8, 2]
    assert counts.loc[2, ["opened", "submitted", "passed"]].tolist() == [3, 3, 2]   # one opened by a mentor
    assert counts.loc[4, ["opened", "submitted", "passed"]].tolist() == [2, 2, 2]
    rima = F.funnel_counts(course.for_mentor("m_rima").progress, course.syllabus).set_index("week_number")
    assert rima.loc[1, ["learners", "opened", "passed"]].tolist() == [3, 3, 2]


def test_a_course_without_a_gradebook_says_what_to_do(tmp_path):
    """Does reading a course that has no gradebook yet fail with a message saying how to get one?"""
    copy_course(tmp_path)
    with pytest.raises(D.DashboardError) as err:
        D.load_course(CourseLayout.at(tmp_path))
    message = str(err.value)
    assert "no gradebook yet" in message and "course grade WEEK" in message and "demo" in message
    assert not (tmp_path / "grading" / "gradebook.db").exists()   # and it did not create an empty one
