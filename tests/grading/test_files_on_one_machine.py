"""A cohort on one machine: two real Unix accounts as learners. Can one read the keys, the sources, the
gradebook, a classmate's work or gate, or hand in under a classmate's name? (Run as root: the tests create
the accounts.)"""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from course import gate, grading
from course.answer_key import load_key
from course.reference import fill
from course.scaffold import init_course
from course.storage import Ledger

pytestmark = pytest.mark.slow
W1 = "week1_facebook"
LINA, OMAR = "sma_lina", "sma_omar"


def _needs_root():
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        reason = "these tests create Unix accounts: run them as root (CI does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def as_user(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def course():
    """A cohort course in a folder both accounts can reach, every week released, both accounts created."""
    _needs_root()
    for user in (LINA, OMAR):
        if subprocess.run(["id", user], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", user], check=True)
    base = Path(f"/tmp/sma-one-machine-{uuid.uuid4().hex[:8]}")
    base.mkdir(mode=0o755)
    os.chmod(base, 0o755)
    layout = init_course(base / "course", solo=False)
    os.chmod(base / "course", 0o755)
    yield layout, base
    shutil.rmtree(base, ignore_errors=True)


def hand_in_as(layout, base: Path, account: str, name: str, quality: str = "full") -> Path:
    """``account`` copies an answered week 1 into inbound under ``name``, with its own rights."""
    answered = base / f"answered-{account}-{uuid.uuid4().hex[:6]}"
    shutil.copytree(layout.release / W1, answered)
    fill(answered / "assessment.ipynb", None, load_key(layout.keys, W1), quality)
    (answered / "timestamp.txt").write_text("2026-12-08 10:00:00.000000 UTC")
    subprocess.run(["chmod", "-R", "a+rX", str(answered)], check=True)
    entry = layout.exchange / layout.course_id / "inbound" / f"{name}+{W1}+2026-12-08 10:00:00.000000 UTC+{uuid.uuid4().hex[:6]}"
    result = as_user(account, "cp", "-r", str(answered), str(entry))
    assert result.returncode == 0, result.stderr
    return entry


@pytest.fixture(scope="module")
def graded(course):
    layout, base = course
    omar_entry = hand_in_as(layout, base, OMAR, OMAR, "full")
    hand_in_as(layout, base, LINA, LINA, "blank")
    report = grading.grade(layout, W1)
    assert sorted(report.graded) == [LINA, OMAR], report.problems
    return layout, base, omar_entry


def test_a_learner_cannot_read_instructor_files_or_a_classmates_work(graded):
    """Can Lina read the keys, the declarations, the sources, the releases, the gradebook, or Omar's
    submission, graded notebook, feedback or gate? (Each must be refused.)"""
    layout, _base, _entry = graded
    secret = [layout.keys / f"{W1}.toml", layout.grading / "assessments" / f"{W1}.toml",
              layout.week_folder(W1) / "assessment.ipynb", layout.release / W1 / "assessment.ipynb",
              layout.grading / "gradebook.db", layout.submitted / OMAR / W1 / "assessment.answers.json",
              layout.autograded / OMAR / W1 / "assessment.ipynb", layout.feedback / OMAR / W1 / "assessment.html",
              layout.gate_dir / f"{OMAR}.json"]
    for path in secret:
        assert path.exists(), path                                   # the file is there for the grader...
        assert as_user(LINA, "cat", str(path)).returncode != 0, path   # ...and closed to the learner
    for folder in (layout.exchange / layout.course_id / "inbound", layout.exchange / layout.course_id / "feedback",
                   layout.gate_dir, layout.grading):
        assert as_user(LINA, "ls", str(folder)).returncode != 0, folder   # nothing to list


def test_a_learner_reads_their_own_gate_and_the_public_files(graded):
    """Can Lina read her own progress, the default gate and nbgrader's configuration (but no one else's gate)?"""
    layout, _base, _entry = graded
    own = as_user(LINA, "cat", str(layout.gate_dir / f"{LINA}.json"))
    assert own.returncode == 0 and '"week1_facebook"' in own.stdout
    assert as_user(LINA, "cat", str(layout.gate_dir / f"{gate.DEFAULT}.json")).returncode == 0
    assert as_user(LINA, "cat", str(layout.nbgrader_config_file)).returncode == 0


def test_handing_in_under_a_classmates_name_is_refused(graded):
    """Lina hands in a full-marks week 1 as Omar: is it refused, without touching Omar's attempts or scores?"""
    layout, base, _entry = graded
    ledger = Ledger(layout.db_url)
    before = [a for a in ledger.attempts() if a["learner"] == OMAR]
    hand_in_as(layout, base, LINA, OMAR, "blank")
    report = grading.grade(layout, W1)
    assert f"handed in by the account {LINA!r} under the name {OMAR!r}" in report.problems[OMAR]
    after = [a for a in ledger.attempts() if a["learner"] == OMAR and a["problem"] is None]
    ledger.close()
    assert after == [a for a in before if a["problem"] is None]
    assert grading.cohort(layout)[OMAR][W1].state.value in ("passed", "awaiting_review")


def test_a_learner_cannot_remove_or_change_a_classmates_submission(graded):
    """Can Lina delete or rename Omar's submission in inbound, or write into it? (Each must fail.)"""
    layout, _base, omar_entry = graded
    assert as_user(LINA, "rm", "-rf", str(omar_entry)).returncode != 0 and omar_entry.exists()
    assert as_user(LINA, "mv", str(omar_entry), str(omar_entry) + "x").returncode != 0
    assert as_user(LINA, "touch", str(omar_entry / "assessment.answers.json")).returncode != 0
