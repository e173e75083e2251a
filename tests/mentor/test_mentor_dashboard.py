"""The mentor dashboard as mentors get it: the notebook runs headless, the filter redraws everything,
and `course dashboard` serves the page with Voila."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from servers import free_port, start, stop

from course.cli import main
from course.layout import CHECKOUT
from course.mentor import figures as F
from course.mentor.data import load_course
from course.mentor.serve import voila_command
from course.mentor.view import SECTIONS, MentorDashboard
from course.scaffold import copy_course

from .conftest import QUESTION

NOTEBOOK = CHECKOUT / "grading" / "mentor_dashboard.ipynb"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def board(demo):
    return MentorDashboard(load_course(demo), root=str(demo.root))


def test_the_notebook_is_committed_clean_with_code_collapsed():
    """Is the dashboard notebook committed without outputs, its code collapsed, with explanations for mentors?"""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert all(c.metadata["jupyter"]["source_hidden"] for c in code)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "course lab --mentor" in prose and "COURSE_ROOT" in "".join(c.source for c in code)
    for heading, _guide in SECTIONS.values():
        assert heading in prose


def test_the_notebook_runs_headless_against_the_demo(demo):
    """Does the notebook execute without errors with COURSE_ROOT set, and draw every section from that course?"""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    env = dict(os.environ, COURSE_ROOT=str(demo.root))
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute(env=env)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    header = next(o for o in outputs if "text/html" in o.get("data", {}))["data"]["text/html"]
    assert "8 learners" in header and str(demo.root) in header and F.FUNNEL_TITLE in header
    state = json.dumps(nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"],
                       ensure_ascii=False)
    for heading, _guide in SECTIONS.values():
        assert json.dumps(heading, ensure_ascii=False)[1:-1] in state
    for title in (F.FUNNEL_TITLE, F.SCORES_TITLE, F.ITEMS_TITLE):
        assert json.dumps(title)[1:-1] in state          # the figures themselves are drawn
    assert json.dumps(QUESTION, ensure_ascii=False)[1:-1] in state
    assert "Rima Haddad (m_rima): 3 learners" in state    # the mentor filter knows the roster


def test_choosing_a_mentor_redraws_every_section_with_their_learners_only(board):
    """After choosing a mentor, does every section show only that mentor's learners, and all of them again after?"""
    board.widget()
    others = ["learner003", "learner004", "learner006", "learner007", "learner008"]
    board.select("m_rima")
    for section in SECTIONS:
        text = board.text(section)
        assert not [l for l in others if l in text], section
    assert "Of 3 learners." in board.text("funnel") and "Showing: Rima Haddad" in board.text("funnel")
    assert "learner002" in board.text("questions") and "learner005" in board.text("queue")
    assert "learner001" in board.text("progress")
    board.select("m_sami")
    assert "No questions yet" in board.text("questions") and "Nothing waits" in board.text("queue")
    board.select(None)
    assert "Of 8 learners." in board.text("funnel")
    assert all(l in board.text("progress") for l in others)


def test_csv_links_download_exactly_the_table_shown(board):
    """Does a table's CSV link hold the same learners the table shows, for the chosen mentor?"""
    import base64
    import re
    board.widget()
    board.select("m_rima")
    link = re.search(r'download="([^"]+)" href="data:text/csv;charset=utf-8;base64,([^"]+)"', board.text("progress"))
    assert link.group(1).startswith("progress-m_rima-")
    rows = base64.b64decode(link.group(2)).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("learner,name,mentor,week 1") and len(rows) == 1 + 3
    assert {r.split(",")[0] for r in rows[1:]} == {"learner001", "learner002", "learner005"}
    board.select(None)


def test_learners_text_is_escaped_in_the_dashboard(demo, tmp_path):
    """Is markup in a learner's question shown as text in the dashboard, never as HTML?"""
    from course.questions import QuestionStore
    import shutil
    root = tmp_path / "copy"
    shutil.copytree(demo.root, root, symlinks=True)
    from course.layout import CourseLayout
    layout = CourseLayout.at(root)
    QuestionStore(layout.submitted / "learner003" / "week1_facebook").add("01_presence_on_facebook",
                                                                         "<img src=x onerror=alert(1)>?")
    board = MentorDashboard(load_course(layout))
    board.widget()
    text = board.text("questions")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;?" in text


def test_a_course_without_a_gradebook_shows_one_plain_message(tmp_path):
    """Does the dashboard of a course with no gradebook say so (and what to do) instead of failing?"""
    copy_course(tmp_path)
    board = MentorDashboard.from_environment(str(tmp_path))
    assert board.error and "no gradebook yet" in board.error
    assert board.widget().children == ()


def test_course_dashboard_refuses_a_course_without_a_gradebook(tmp_path, capsys):
    """Does `course dashboard` on a course with no gradebook exit non-zero with a clear message, starting nothing?"""
    copy_course(tmp_path)
    assert main(["--root", str(tmp_path), "dashboard", "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("course dashboard: ") and "no gradebook yet" in err and "course grade WEEK" in err


def test_the_voila_command_listens_on_this_computer_only(demo):
    """Does the server command bind 127.0.0.1, use the given port, and pass the course root to the kernel?"""
    cmd, env = voila_command(demo, port=8999, open_browser=False)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8999" in cmd and "--Voila.open_browser=False" in cmd
    assert Path(cmd[3]) == NOTEBOOK and env["COURSE_ROOT"] == str(demo.root)


def test_course_dashboard_serves_the_page(demo, tmp_path):
    """Does `course dashboard --no-browser --port P` answer HTTP 200 with the dashboard of the demo course?"""
    port = free_port()
    proc, page = start([sys.executable, "-m", "course", "--root", str(demo.root), "dashboard",
                        "--no-browser", "--port", str(port)], f"http://127.0.0.1:{port}/",
                       tmp_path / "dashboard.log", timeout=120, request_timeout=120)
    try:
        assert F.FUNNEL_TITLE in page                       # listed by the page's header, drawn from the demo
        assert "8 learners" in page and str(demo.root) in page
        assert "There was an error when executing cell" not in page and '"output_type": "error"' not in page
        assert "Mentor dashboard" in page and 'voila_process(' in page
    finally:
        stop(proc)


def test_a_busy_port_is_replaced_by_a_free_one():
    """When the dashboard's port is taken (a second dashboard, say), is another free port chosen?"""
    import socket
    from course.mentor.serve import free_port
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        other = free_port(taken)
        assert other != taken
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", other))   # it really was free
    assert free_port(other) == other
