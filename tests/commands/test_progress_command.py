"""`course progress`: names, mentors, attempts left and problems in a table that fits a terminal,
`--mentor` for one mentor's learners, and CSV with one column per fact that a spreadsheet can sum."""
from __future__ import annotations

import csv
import io
import json

from course.cli import main

from .conftest import W1, graded


def progress(layout, capsys, *args):
    code = main(["--root", str(layout.root), "progress", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cohort_with_results(layout):
    graded(layout, "learner01", W1, 25)                                   # passed
    graded(layout, "learner02", W1, 11)                                   # failed, 2 attempts left
    graded(layout, "learner03", W1, 9, days_ago=5)                        # failed, then a broken hand-in
    graded(layout, "learner03", W1, None, days_ago=1, problem="not a readable notebook")
    for days in (6, 5, 4):                                                # failed three times: closed
        graded(layout, "learner04", W1, 5 + days, days_ago=days)
    return layout


def test_the_table_shows_names_mentors_attempts_left_and_problems_in_80_columns(course, capsys):
    cohort_with_results(course)
    code, out, _ = progress(course, capsys)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["learner", "name", "mentor", "week", "1", "week", "2", "week", "3", "week", "4",
                                "left", "!"]
    rows = {line.split()[0]: line for line in lines[1:7]}
    assert rows["learner01"].split()[:6] == ["learner01", "Amal", "Haddad", "m_rima", "P", "25/30"]
    assert rows["learner01"].split()[6] == "open" and rows["learner01"].split()[-1] == "3"
    assert rows["learner02"].split()[4:6] == ["F", "11/30"] and rows["learner02"].split()[-1] == "2"
    assert rows["learner03"].rstrip().endswith("!") and rows["learner04"].rstrip().endswith("!")
    assert not rows["learner05"].rstrip().endswith("!")
    flat = " ".join(out.split())                            # details wrap at 80 columns
    assert "learner03: week 1: hand-in of" in flat and "refused: not a readable notebook" in flat
    assert "learner04: week 1: failed with no attempts left" in flat
    assert "P passed" in flat and "locked" in flat          # the legend says what the letters mean


def test_mentor_shows_only_that_mentors_learners(course, capsys):
    code, out, _ = progress(course, capsys, "--mentor", "m_rima")
    ids = [line.split()[0] for line in out.splitlines()[1:] if line.startswith("learner")
           and not line.split()[0].endswith(":")]
    assert code == 0 and ids == ["learner01", "learner03", "learner05"]
    code, out, _ = progress(course, capsys, "--mentor", "m_sami", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["learner02", "learner04", "learner16"]


def test_an_unknown_mentor_is_refused_with_the_nearest(course, capsys):
    code, out, err = progress(course, capsys, "--mentor", "m_rma")
    assert code == 2 and "'m_rma' is not a mentor of this course; did you mean m_rima?" in err and out == ""


def test_csv_has_one_column_per_fact_and_numbers_a_spreadsheet_can_sum(course, capsys):
    cohort_with_results(course)
    code, out, _ = progress(course, capsys, "--format", "csv")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    facts = ("state", "score", "max_score", "attempts_left")
    assert reader.fieldnames == (["id", "name", "mentor", "country", "language"]
                                 + [f"week{n}_{f}" for n in (1, 2, 3, 4) for f in facts] + ["problem"])
    rows = {r["id"]: r for r in reader}
    assert len(rows) == 6
    assert (rows["learner01"]["week1_state"], rows["learner01"]["week1_score"],
            rows["learner01"]["week1_max_score"]) == ("passed", "25", "30")
    assert rows["learner01"]["name"] == "Amal Haddad" and rows["learner01"]["country"] == "Lebanon"
    # every score is a number or empty: the column sums (25 + 11 + 9 + 9 for learner04's last try)
    assert sum(float(r["week1_score"]) for r in rows.values() if r["week1_score"]) == 54
    # one attempt used by learner01 (passed), 02 and 03 (the refused hand-in uses none), three by 04
    assert sum(int(r["week1_attempts_left"]) for r in rows.values()) == 2 + 2 + 2 + 0 + 3 + 3
    assert rows["learner02"]["week2_state"] == "locked" and rows["learner02"]["week2_attempts_left"] == ""
    assert "refused: not a readable notebook" in rows["learner03"]["problem"] and rows["learner05"]["problem"] == ""


def test_json_keeps_state_score_and_max_score_per_week(course, capsys):
    cohort_with_results(course)
    code, out, _ = progress(course, capsys, "--format", "json")
    data = json.loads(out)
    assert data["learner01"][W1] == {"state": "passed", "score": 25.0, "max_score": 30.0}
    assert set(data) == {"learner01", "learner02", "learner03", "learner04", "learner05", "learner16"}
