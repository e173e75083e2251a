"""`course unlock` protects the cohort: unknown ids and weeks are refused with the nearest ones, a week
already open or passed is left alone (nothing recorded), and who unlocked is recorded."""
from __future__ import annotations

import json

from course.cli import main
from course.cohort import cohort
from course.storage import Ledger

from .conftest import W1, W2, graded


def unlock(layout, *args):
    return main(["--root", str(layout.root), "unlock", *args])


def events(layout):
    ledger = Ledger(layout.db_url)
    try:
        return ledger.events(), ledger.learners()
    finally:
        ledger.close()


def test_an_id_not_in_the_roster_is_refused_and_adds_no_phantom(course, capsys):
    """Is `unlock nobody` refused (exit 2), with nothing recorded and no new learner in progress?"""
    learners_before = sorted(cohort(course))
    assert unlock(course, "nobody", W2, "--reason", "x") == 2
    err = capsys.readouterr().err
    assert "'nobody' is not a learner in the roster; nothing was changed" in err
    recorded, learners = events(course)
    assert recorded == [] and "nobody" not in learners
    assert sorted(cohort(course)) == learners_before and "nobody" not in learners_before


def test_a_typo_is_refused_with_the_nearest_ids_and_their_names(course, capsys):
    """Does `learner6` (a typo) suggest learner06's neighbours with their names, and a name suggest its id?"""
    assert unlock(course, "learner6", W2, "--reason", "x") == 2
    err = capsys.readouterr().err
    assert "Did you mean" in err and "learner16 (Omar Farouk)" in err and "learner05 (Layla Aziz)" in err
    assert unlock(course, "Amal Hadad", W2, "--reason", "x") == 2
    assert "learner01 (Amal Haddad)" in capsys.readouterr().err
    assert events(course)[0] == []


def test_an_unknown_week_is_refused_with_the_nearest_week(course, capsys):
    assert unlock(course, "learner01", "week2", "--reason", "x") == 2
    err = capsys.readouterr().err
    assert "unknown week 'week2'" in err and "did you mean week2_groups_pages?" in err
    assert events(course)[0] == []


def test_a_week_already_open_changes_nothing_and_records_nothing(course, capsys):
    """Does unlocking week 1 (open to all) say so plainly, exit 0, and record no override?"""
    assert unlock(course, "learner05", W1, "--reason", "asked twice") == 0
    out = capsys.readouterr().out
    assert "Week 1 is already open for Layla Aziz (learner05) (unlocked, 3 attempt(s) left); nothing changed." in out
    assert events(course)[0] == []


def test_a_week_already_passed_changes_nothing_and_records_nothing(course, capsys):
    graded(course, "learner02", W1, 25)
    assert unlock(course, "learner02", W1, "--reason", "x") == 0
    assert "Hadi Saleh (learner02) has already passed week 1; nothing changed." in capsys.readouterr().out
    # week 2 is open to a learner who passed week 1: nothing to unlock there either
    assert unlock(course, "learner02", W2, "--reason", "x") == 0
    assert "Week 2 is already open for Hadi Saleh (learner02)" in capsys.readouterr().out
    assert events(course)[0] == []


def test_an_unlock_records_the_hub_user_or_by(course, capsys, monkeypatch):
    """Is the hub user recorded when --by is not given, --by when it is, and shown in progress?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "rima")
    assert unlock(course, "learner03", W2, "--reason", "joined late") == 0
    out = capsys.readouterr().out
    assert "Week 2 is now open for Nour Khalil (learner03), with 3 attempt(s)." in out and "by rima" in out
    assert unlock(course, "learner04", W2, "--reason", "ill", "--by", "m_sami") == 0
    capsys.readouterr()
    overrides = [(e["learner"], e["by"], e["cause"]) for e in events(course)[0] if e["kind"] == "override"]
    assert overrides == [("learner03", "rima", "joined late"), ("learner04", "m_sami", "ill")]
    gate = json.loads((course.gate_dir / "learner03.json").read_text(encoding="utf-8"))
    assert gate["weeks"][W2]["state"] == "unlocked"
    assert main(["--root", str(course.root), "progress"]) == 0
    out = capsys.readouterr().out
    assert "learner03: week 2 opened by rima: joined late" in out


def test_a_week_whose_attempts_are_used_up_can_be_unlocked_again(course, capsys):
    """After three failed attempts the week is closed: does an unlock give fresh attempts?"""
    for days in (5, 4, 3):
        graded(course, "learner01", W1, 5, days_ago=days)
    assert unlock(course, "learner01", W1, "--reason", "offline for a month", "--by", "m_rima") == 0
    assert "Week 1 is now open for Amal Haddad (learner01), with 3 attempt(s)." in capsys.readouterr().out


def test_without_a_roster_the_solo_learner_is_the_only_known_id(bare_course, capsys):
    (bare_course.learner_config).mkdir(parents=True, exist_ok=True)
    (bare_course.learner_config / "learner.json").write_text('{"learner": "sara"}', encoding="utf-8")
    assert unlock(bare_course, "sarah", W2, "--reason", "x", "--by", "me") == 2
    err = capsys.readouterr().err
    assert "'sarah' is not a learner known to this course" in err and "Did you mean sara?" in err
    assert unlock(bare_course, "sara", W2, "--reason", "x", "--by", "me") == 0
    assert "Week 2 is now open for sara" in capsys.readouterr().out


def test_the_dashboard_says_who_unlocked(course, capsys):
    from course.mentor.data import load_course
    from course.mentor.view import MentorDashboard
    assert unlock(course, "learner03", W2, "--reason", "joined late", "--by", "m_rima") == 0
    board = MentorDashboard(load_course(course))
    board.section("progress")
    assert "unlocked (opened by m_rima)" in board.text("progress")
