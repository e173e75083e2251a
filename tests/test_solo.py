"""Solo mode: one learner, grading at once on submit, the next week delivered without a command."""
import copy
import json
import time
from pathlib import Path

import pytest
from nbgrader.apps import NbGrader
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory

from course import gate
from course.answer_key import load_key
from course.cli import main
from course.lab import lab_command
from course.layout import CourseLayout
from course.reference import fill
from course.scaffold import init_course

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"


@pytest.fixture(scope="module")
def solo(tmp_path_factory):
    root = tmp_path_factory.mktemp("solo")
    return init_course(root, learner="maha")


def learner_lab_config(layout, monkeypatch):
    """The nbgrader config as the learner's JupyterLab loads it: from the Jupyter config path
    that `course lab` sets (nbgrader's assignment_list extension does exactly this)."""
    _cmd, env = lab_command(layout, mentor=False, port=9999, open_browser=False)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", env["JUPYTER_CONFIG_PATH"])
    monkeypatch.chdir(layout.workspace)
    app = NbGrader()
    app.load_config_file()
    return app.config


def answer(layout, quality):
    folder = layout.workspace / W1
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", load_key(layout.keys, W1), quality)


def test_init_prepares_the_learner_workspace(solo):
    """After `course init`, does the workspace hold the home page and week 1, and nothing locked?"""
    names = sorted(p.name for p in solo.workspace.iterdir())
    assert names == [".course", "START_HERE.ipynb", W1]   # .course: the language choice and lessons (hidden)
    assert (solo.workspace / W1 / "01_presence_on_facebook.ipynb").exists()


def test_lab_starts_on_the_home_page_with_the_learner_config(solo, monkeypatch):
    """Does `course lab` root JupyterLab at the workspace, open the course home, and load the gated config?"""
    cmd, env = lab_command(solo, mentor=False, port=9999, open_browser=False)
    assert f"--ServerApp.root_dir={solo.workspace}" in cmd
    assert "--LabApp.default_url=/course/home" in cmd
    assert "--ServerApp.terminals_enabled=False" in cmd   # no way around the gate from a terminal
    # the first layout folds the side panels so a lesson has the whole width (phones), and opens nothing else
    workspace_file = next((solo.learner_config / "lab-workspaces").glob("default-*.jupyterlab-workspace"))
    restorer = json.loads(workspace_file.read_text())["data"]["layout-restorer:data"]
    assert restorer["left"]["collapsed"] and restorer["main"] == {"dock": None}
    # the home is served by the lab itself; nbgrader's Assignment List is for mentors
    server = json.loads((solo.learner_config / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["course.home_server"] is True
    page_config = json.loads((solo.learner_config / "labconfig" / "page_config.json").read_text())
    assert page_config["disabledExtensions"]["@jupyter/nbgrader:assignment-list"] is True
    assert env["JUPYTER_CONFIG_PATH"].split(":")[0] == str(solo.learner_config)
    assert env["COURSE_LEARNER"] == "maha"
    config = learner_lab_config(solo, monkeypatch)
    assert config.CourseDirectory.student_id == "maha"
    assert config.ExchangeFactory.submit == "course.exchange.GatedExchangeSubmit"


def test_submitting_from_the_assignment_list_grades_and_delivers_week2(solo, monkeypatch):
    """Does a submission through the lab's exchange (as the Submit button does) deliver week 2 within 30 s?"""
    answer(solo, "full")
    config = copy.deepcopy(learner_lab_config(solo, monkeypatch))
    config.CourseDirectory.assignment_id = W1
    submit = ExchangeFactory(config=config).Submit(
        coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config)
    submit.start()
    deadline = time.monotonic() + 60   # generous on a loaded machine; the issue asks 30 s on a quiet one
    while time.monotonic() < deadline and not (solo.workspace / W2).exists():
        time.sleep(0.5)
    assert (solo.workspace / W2 / "assessment.ipynb").exists(), (solo.logs / "solo-grading.log").read_text()
    entries = gate.read(solo.gate_dir, "maha")
    assert entries[W1].state == "passed" and entries[W2].state == "unlocked"
    assert list((solo.workspace / W1 / "feedback").glob("*/assessment.html"))


def test_course_submit_reports_the_result(solo, capsys):
    """Does `course submit` grade at once and print the result, and is a repeat recognised as one?"""
    answer(solo, "partial")
    assert main(["--root", str(solo.root), "submit", W1]) == 0
    out = capsys.readouterr().out
    # a worse attempt after a pass is graded, and the pass stands
    assert "graded 1" in out and "maha: passed 25/30 (needed 21; attempts left 1)" in out
    assert main(["--root", str(solo.root), "submit", W1]) == 0
    out = capsys.readouterr().out
    assert "graded 0" in out and "maha: identical to the submission graded at" in out
