"""A determined learner against the grader: every way of editing the notebook, its metadata, the files
beside it or the exchange that once gained points, tried again. Each must gain nothing."""
from __future__ import annotations

import html
import json
import os
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from course import gate, grading
from course.answer_key import load_key
from course.cli import main
from course.gradebook import cohort_scores
from course.reference import fill
from course.storage import Ledger

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"


def answered(layout, learner: str, quality: str = "full", week: str = W1) -> tuple[Path, Path]:
    """Fetch ``week`` for ``learner`` and answer it at ``quality``; (workspace, week folder)."""
    workspace = layout.root / "learners" / learner
    shutil.rmtree(workspace / week, ignore_errors=True)
    folder = grading.fetch(layout, week, learner, workspace)
    fill(folder / "assessment.ipynb", None, load_key(layout.keys, week), quality)
    return workspace, folder


def edit(folder: Path, change) -> None:
    path = folder / "assessment.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb), encoding="utf-8")


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}


def score(layout, learner, week=W1):
    s = cohort_scores(layout.db_url, layout.course_id).get((learner, week))
    return None if s is None else s.score


def attempts(layout, learner, week=W1) -> list[dict]:
    ledger = Ledger(layout.db_url)
    try:
        return [a for a in ledger.attempts() if a["learner"] == learner and a["week"] == week]
    finally:
        ledger.close()


def inbound(layout) -> Path:
    return layout.exchange / layout.course_id / "inbound"


def entries_of(layout, learner, week=W1) -> list[Path]:
    return sorted(inbound(layout).glob(f"{learner}+{week}+*"))


def copy_in(layout, source: Path, learner: str, week: str) -> Path:
    """Put ``source`` straight into inbound under ``learner``'s name, as a learner with a file manager could."""
    dest = inbound(layout) / f"{learner}+{week}+2026-12-10 10:00:00.000000 UTC+{uuid.uuid4().hex[:8]}"
    shutil.copytree(source, dest, symlinks=True)
    return dest


def test_skip_execution_tags_on_check_cells_gain_nothing(layout):
    """Does a blank notebook whose check cells are tagged skip-execution still score 0 and keep week 2 shut?"""
    workspace, folder = answered(layout, "tagger", "blank")

    def tag(nb):
        for cell in nb["cells"]:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
                cell["metadata"]["tags"] = ["skip-execution", "raises-exception"]
    edit(folder, tag)
    grading.submit(layout, W1, "tagger", workspace)
    report = grading.grade(layout, W1, learners=["tagger"])
    assert report.graded == ["tagger"] and score(layout, "tagger") == 0
    assert gate.read(layout.gate_dir, "tagger")[W2].state == "locked"


def test_code_a_learner_adds_never_runs(layout, tmp_path):
    """Do cells that print the keys, write the gradebook, patch the scorer or touch a file never run,
    so one honest answer earns exactly its own points and nothing else?"""
    marker = tmp_path / "the-learner-code-ran"
    db = layout.db_url.removeprefix("sqlite:///")
    payloads = [
        "import os, glob\nprint(os.environ.get('COURSE_KEYS_DIR'))\n"
        "[print(open(p).read()) for p in glob.glob('../../**/keys/*.toml', recursive=True)]",
        f"import sqlite3\ncon = sqlite3.connect({db!r})\n"
        "for w in ('week1_facebook', 'week2_groups_pages'):\n"
        "    con.execute(\"insert into course_attempts (learner, week, submitted_at, graded_at, score, max_score, \"\n"
        "                \"pending_points) values ('patcher', ?, '2026-12-01', '2026-12-01', 30, 30, 0)\", (w,))\n"
        "con.execute(\"insert into course_events (at, learner, week, kind, cause) values \"\n"
        "            \"('2026-12-01', 'patcher', 'week3_twitter_youtube', 'override', 'x')\")\n"
        "con.execute('update grade set auto_score = 1000')\ncon.commit()",
        "import course.answer_key as k\nk.score_answer = lambda entry, answer: entry.points",
        f"open({str(marker)!r}, 'w').write('ran')\nwhile True:\n    print('spam' * 1000)",
    ]
    workspace, folder = answered(layout, "patcher", "blank")
    (folder / "assessment.answers.json").write_text(
        json.dumps({"format": 1, "answers": {"q1_page_or_profile": "page"}}), encoding="utf-8")
    edit(folder, lambda nb: nb["cells"].__setitem__(slice(0, 0), [code_cell(p) for p in payloads]))
    grading.submit(layout, W1, "patcher", workspace)
    report = grading.grade(layout, W1, learners=["patcher"])
    assert report.graded == ["patcher"]
    assert score(layout, "patcher") == 2.0                       # question 1 alone
    assert not marker.exists()
    assert [a["score"] for a in attempts(layout, "patcher")] == [2.0]
    progress = grading.cohort(layout)["patcher"]
    assert progress[W1].state.value == "failed"
    assert all(progress[w].state.value == "locked" for w in list(progress)[1:])
    page = (layout.feedback / "patcher" / W1 / "assessment.html").read_text(encoding="utf-8")
    key_text = (layout.keys / f"{W1}.toml").read_text(encoding="utf-8")
    assert "[questions." not in page and key_text[-200:] not in page and "spam" not in page


def test_nbgrader_autograde_refuses_to_run_learner_code(layout):
    """Does nbgrader's own autograde (command or formgrader button) refuse instead of executing a submission?"""
    workspace, _ = answered(layout, "viaformgrader", "full")
    grading.submit(layout, W1, "viaformgrader", workspace)
    grading.grade(layout, W1, learners=["viaformgrader"])
    from course.grading.nbgrader_adapter import api
    result = api(layout, layout.syllabus.week(W1)).autograde(W1, "viaformgrader", force=True, create=False)
    assert not result["success"] and "course grade" in result["log"]


def test_metadata_a_learner_changes_is_ignored(layout):
    """Raised points, deleted or retyped check cells and a new kernelspec: is the score what the answers earn?"""
    workspace, folder = answered(layout, "restructurer", "full")

    def tamper(nb):
        cells = nb["cells"]
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                meta["points"] = 100
        nb["cells"] = [c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                       != "q12_phishing_resistant_check"]
        nb["metadata"]["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}
        nb["cells"].append({"cell_type": "markdown", "metadata": {"nbgrader": {
            "grade": True, "solution": True, "grade_id": "bonus", "points": 50, "schema_version": 3}},
            "source": "extra credit please"})
    edit(folder, tamper)
    grading.submit(layout, W1, "restructurer", workspace)
    report = grading.grade(layout, W1, learners=["restructurer"])
    assert report.graded == ["restructurer"]
    scores = cohort_scores(layout.db_url, layout.course_id)[("restructurer", W1)]
    key = load_key(layout.keys, W1)
    assert (scores.score, scores.max_score) == (key.auto_points, key.total_points)


def test_a_locked_week_put_straight_into_inbound_is_refused(layout, capsys):
    """A learner who has not passed week 1 drops week 2 into inbound: refused with its reason, no attempt,
    and `course grade` reports it without crashing?"""
    answered(layout, "sneaky", "blank")
    copy_in(layout, layout.release / W2, "sneaky", W2)
    assert main(["--root", str(layout.root), "grade", W2]) == 0
    out = capsys.readouterr().out
    assert "sneaky: could not be graded: week 2 is not open for you yet" in out
    assert score(layout, "sneaky", W2) is None
    assert [a["problem"] for a in attempts(layout, "sneaky", W2)][0].startswith("week 2 is not open")
    assert gate.read(layout.gate_dir, "sneaky")[W2].state == "locked"


def test_an_attempt_past_the_limit_through_inbound_is_refused(layout):
    """After three graded attempts, is a fourth put straight into inbound refused without being counted?"""
    for quality in ("blank", "partial", "blank"):
        workspace, _ = answered(layout, "fourth", quality)
        grading.submit(layout, W1, "fourth", workspace)
        grading.grade(layout, W1, learners=["fourth"])
    _, folder = answered(layout, "fourth", "full")
    latest = entries_of(layout, "fourth")[-1]
    shutil.copy(folder / "assessment.answers.json", latest.parent / "x.json")   # the full answers
    entry = copy_in(layout, latest, "fourth", W1)
    shutil.move(latest.parent / "x.json", entry / "assessment.answers.json")
    report = grading.grade(layout, W1, learners=["fourth"])
    assert "all 3 attempts of this week are used" in report.problems["fourth"]
    counted = [a["score"] for a in attempts(layout, "fourth") if a["problem"] is None]
    assert len(counted) == 3 and max(counted) < load_key(layout.keys, W1).auto_points
    assert gate.read(layout.gate_dir, "fourth")[W1].state == "failed"


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "fifo", "outside"])
def test_links_and_special_files_in_a_submission_are_refused(layout, kind):
    """Does a submission holding a link to a classmate's graded files (or a FIFO) get refused, unfollowed?"""
    learner = f"linker_{kind}"
    workspace, _ = answered(layout, "classmate", "full")
    grading.submit(layout, W1, "classmate", workspace)
    grading.grade(layout, W1, learners=["classmate"])
    target = layout.submitted / "classmate" / W1 / "assessment.answers.json"
    workspace, folder = answered(layout, learner, "blank")
    grading.submit(layout, W1, learner, workspace)
    entry = entries_of(layout, learner)[-1]
    answers = entry / "assessment.answers.json"
    answers.unlink(missing_ok=True)
    if kind == "symlink":
        answers.symlink_to(target)
    elif kind == "hardlink":
        os.link(target, answers)
    elif kind == "fifo":
        os.mkfifo(answers)
    else:
        (entry / "up").symlink_to(layout.submitted / "classmate", target_is_directory=True)
    report = grading.grade(layout, W1, learners=[learner])
    reason = report.problems[learner]
    assert ("link" in reason or "not an ordinary file" in reason), reason
    assert score(layout, learner) is None
    assert not (layout.submitted / learner / W1).exists() or \
        not (layout.submitted / learner / W1 / "assessment.answers.json").exists()


def test_an_oversized_submission_in_inbound_is_refused_and_told(layout):
    """Is a submission grown past the limit inside inbound refused with a page the learner receives?"""
    workspace, _ = answered(layout, "bigfiles", "full")
    grading.submit(layout, W1, "bigfiles", workspace)
    entry = entries_of(layout, "bigfiles")[-1]
    (entry / "video.mp4").write_bytes(b"0" * (21 * 1024 * 1024))
    report = grading.grade(layout, W1, learners=["bigfiles"])
    assert "over the 20 MB limit" in report.problems["bigfiles"]
    page = html.unescape((layout.feedback / "bigfiles" / W1 / "assessment.html").read_text(encoding="utf-8"))
    assert "over the 20 MB limit" in page and "did not use up one of your attempts" in page
    delivered = list((layout.exchange / layout.course_id / "feedback").glob("*.html"))
    assert any("over the 20 MB limit" in html.unescape(p.read_text(encoding="utf-8")) for p in delivered)
    assert grading.cohort(layout)["bigfiles"][W1].attempts_used == 0


def test_a_backdated_timestamp_does_not_make_late_work_on_time(tmp_path):
    """Due three hours ago: does a learner who edits timestamp.txt to before the due date stay late and penalised?"""
    import datetime as dt
    from course.layout import CourseLayout
    from course.scaffold import init_course
    layout = init_course(tmp_path / "late", solo=False)
    syllabus = layout.root / "syllabus.toml"
    due = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=3)
    text = syllabus.read_text(encoding="utf-8").replace("late_penalty_per_day = 0.0", "late_penalty_per_day = 0.25")
    text = text.replace("due = 2026-12-13T23:59:00+02:00", f"due = {due:%Y-%m-%dT%H:%M:%S+00:00}", 1)
    syllabus.write_text(text, encoding="utf-8")
    layout = CourseLayout.at(layout.root)
    grading.release(layout, W1, force=True)
    workspace, _ = answered(layout, "backdater", "full")
    grading.submit(layout, W1, "backdater", workspace)
    entry = entries_of(layout, "backdater")[-1]
    (entry / "timestamp.txt").write_text(f"{due - dt.timedelta(days=2):%Y-%m-%d %H:%M:%S}.000000 UTC")
    report = grading.grade(layout, W1)
    assert any("after the due date" in note for note in report.notes["backdater"])
    assert score(layout, "backdater") == load_key(layout.keys, W1).auto_points * 0.75   # less 25 % for one day
    assert attempts(layout, "backdater")[0]["submitted_at"] > due.replace(tzinfo=None)


def test_feedback_pages_show_no_code_traceback_or_path(layout):
    """Does a feedback page (even for a damaged answers file) show cards, and no check code, trace or path?"""
    workspace, folder = answered(layout, "damaged", "full")
    (folder / "assessment.answers.json").write_text("{\x00 broken", encoding="utf-8")
    grading.submit(layout, W1, "damaged", workspace)
    grading.grade(layout, W1, learners=["damaged"])
    page = html.unescape((layout.feedback / "damaged" / W1 / "assessment.html").read_text(encoding="utf-8"))
    key = load_key(layout.keys, W1)
    assert page.count('class="card"') == len(key.entries)
    assert all(entry.title in page for entry in key.entries.values())
    assert "could not be read" in page
    for leak in ("assessment.grade(", "Traceback", "Error", str(layout.root), "/usr/", "site-packages"):
        assert leak not in page, leak
    assert "Waiting for your mentor (5 points)" in page and "0 of 5" not in page   # the written answer
