"""The gated exchange: what nbgrader's list / fetch / submit (and JupyterLab's Assignment List) allow."""
import copy
import shutil

import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory

from course import gate, grading
from course.progress import LearnerRecord, learner_progress

pytestmark = pytest.mark.slow


def listed(layout, learner):
    config = copy.deepcopy(layout.config)
    config.CourseDirectory.student_id = learner
    lister = ExchangeFactory(config=config).List(
        coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config)
    return sorted(a["assignment_id"] for a in lister.start())


def test_locked_weeks_are_not_listed(layout):
    """Does a new learner's Assignment List show week 1 only, although all four are released?"""
    assert sorted(p.name for p in (layout.exchange / layout.course_id / "outbound").iterdir()) == \
        layout.syllabus.week_ids
    assert listed(layout, "newcomer") == ["week1_facebook"]


def test_fetching_a_locked_week_says_what_is_needed(layout, tmp_path):
    """Is fetching week 2 refused with a sentence saying week 1 must be passed?"""
    with pytest.raises(grading.PipelineError, match=r"Pass week 1 \(.*\) first: you have not submitted it yet"):
        grading.fetch(layout, "week2_groups_pages", "newcomer", tmp_path)
    assert not (tmp_path / "week2_groups_pages").exists()


def test_submitting_a_locked_week_is_refused(layout, tmp_path):
    """Can a learner who copied week 2 by hand still not submit it?"""
    shutil.copytree(layout.release / "week2_groups_pages", tmp_path / "week2_groups_pages")
    with pytest.raises(grading.PipelineError, match="Pass week 1"):
        grading.submit(layout, "week2_groups_pages", "newcomer", tmp_path)
    assert not list((layout.exchange / layout.course_id / "inbound").glob("newcomer+week2*"))


def test_unlocked_learner_sees_the_week(layout):
    """After a mentor unlock, is week 2 listed for that learner and still hidden for others?"""
    grading.unlock(layout, "favoured", "week2_groups_pages", "joined late, did week 1 offline")
    assert listed(layout, "favoured") == ["week1_facebook", "week2_groups_pages"]
    assert listed(layout, "newcomer") == ["week1_facebook"]


def test_gate_fails_closed_without_a_published_gate(layout, tmp_path):
    """If the gate files are missing, is nothing listed and every fetch refused?"""
    backup = tmp_path / "gate"
    shutil.move(layout.gate_dir, backup)
    try:
        assert listed(layout, "newcomer") == []
        with pytest.raises(grading.PipelineError, match="has not opened any week"):
            grading.fetch(layout, "week1_facebook", "newcomer", tmp_path / "ws")
    finally:
        shutil.move(backup, layout.gate_dir)


def test_gate_file_refuses_unsafe_learner_ids(tmp_path, layout):
    """Can a learner id with a path in it not write outside the gate folder?"""
    with pytest.raises(ValueError, match="may only use"):
        gate.publish(tmp_path, layout.syllabus, "../evil", learner_progress(layout.syllabus, LearnerRecord()))
