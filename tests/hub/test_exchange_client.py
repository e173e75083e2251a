"""nbgrader's exchange plugin for the hub (course/hub/exchange_client.py) against the exchange service (signed in
through a token table), in a learner's own HOME: list, fetch, submit and fetch feedback behave as the gated
classes of course/exchange.py do on a shared folder, in Python and on nbgrader's command line."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory
from nbgrader.utils import notebook_hash
from service_thread import ServiceThread
from traitlets.config import Config

from course import grading
from course.hub import exchange_client, service_client

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"
USERS = {"tok-sara": ("sara", []), "tok-yusuf": ("yusuf", []), "tok-dina": ("dina", [])}


@pytest.fixture(scope="module")
def service(layout):
    grading.unlock(layout, "dina", W2, "did week 1 offline")
    running = ServiceThread(layout, USERS)
    yield running
    running.stop()


@pytest.fixture
def learner(service, tmp_path, monkeypatch):
    """Sara's lab on the hub: her own HOME, the service's address and her server's token in the environment."""
    home = tmp_path / "home" / "sara"
    (home / "course").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("COURSE_EXCHANGE_URL", service.url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-sara")
    monkeypatch.setenv("JUPYTERHUB_USER", "sara")
    monkeypatch.setenv("COURSE_LANG", "en")
    return home / "course"


def config_for(layout, workspace: Path) -> Config:
    """What a hub learner's nbgrader_config.py sets: the course, the workspace, the plugin."""
    c = Config()
    c.CourseDirectory.course_id = layout.course_id
    c.CourseDirectory.ignore = list(layout.config.CourseDirectory.ignore)
    c.CourseDirectory.max_dir_size = layout.config.CourseDirectory.max_dir_size
    c.CourseDirectory.max_file_size = layout.config.CourseDirectory.max_file_size
    c.Exchange.assignment_dir = str(workspace)
    exchange_client.configure(c)
    return c


def run(config: Config, action: str, week: str = "", **options):
    config = copy.deepcopy(config)
    config.CourseDirectory.assignment_id = week
    for key, value in options.items():
        setattr(config.ExchangeList, key, value)
    app = getattr(ExchangeFactory(config=config), action)(
        coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config)
    return app.start()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_list_fetch_submit_and_feedback_as_on_a_shared_folder(layout, learner, tmp_path):
    config = config_for(layout, learner)
    listed = run(config, "List")
    assert [(a["assignment_id"], a["status"]) for a in listed] == [(W1, "released")]

    run(config, "FetchAssignment", W1)
    shared = tmp_path / "shared"          # the same week fetched through course/exchange.py's gated classes
    grading.fetch(layout, W1, "sara", shared)
    assert tree(learner / W1) == tree(shared / W1)
    assert tree(learner / ".course") == tree(shared / ".course")
    listed = run(config, "List")
    assert listed[0]["status"] == "fetched" and "assessment" in [n["notebook_id"] for n in listed[0]["notebooks"]]
    with pytest.raises(ExchangeError, match="already have a copy"):
        run(config, "FetchAssignment", W1)

    (learner / W1 / "assessment.ipynb").write_text((learner / W1 / "assessment.ipynb").read_text() + "\n")
    (learner / W1 / ".ipynb_checkpoints").mkdir()
    (learner / W1 / ".ipynb_checkpoints" / "old.ipynb").write_text("{}")
    inbound = layout.exchange / layout.course_id / "inbound"
    before = set(os.listdir(inbound))
    run(config, "Submit", W1)
    new = sorted(set(os.listdir(inbound)) - before)
    assert len(new) == 1 and new[0].startswith(f"sara+{W1}+")
    handed = inbound / new[0]
    stamp = (handed / "timestamp.txt").read_text()
    assert not (handed / ".ipynb_checkpoints").exists()
    assert (handed / "assessment.ipynb").read_bytes() == (learner / W1 / "assessment.ipynb").read_bytes()

    cache = Path(os.environ["HOME"]) / ".cache" / "nbgrader" / layout.course_id / f"sara+{W1}+{stamp}"
    assert (cache / "timestamp.txt").read_text() == stamp
    assert (cache / "submission_secret.txt").read_text() == (handed / "submission_secret.txt").read_text()
    cached = run(config, "List", cached=True)
    assert [(a["assignment_id"], [s["timestamp"] for s in a["submissions"]]) for a in cached] == [(W1, [stamp])]
    assert not any(n["has_exchange_feedback"] for n in cached[0]["submissions"][0]["notebooks"])

    secret = (handed / "submission_secret.txt").read_text()
    pages = layout.exchange / layout.course_id / "feedback"
    pages.mkdir(exist_ok=True)
    (pages / f"{notebook_hash(secret=secret, notebook_id='assessment')}.html").write_text("<p>well done, sara</p>")
    def assessment():      # the assessment's line of the handed-in week (nbgrader lists each notebook)
        submission = run(config, "List", cached=True)[0]["submissions"][0]
        return next(n for n in submission["notebooks"] if n["notebook_id"] == "assessment")
    assert assessment()["has_exchange_feedback"] and not assessment()["has_local_feedback"]
    run(config, "FetchFeedback", W1)
    assert (learner / W1 / "feedback" / stamp / "assessment.html").read_text() == "<p>well done, sara</p>"
    assert assessment()["has_local_feedback"] and not assessment()["feedback_updated"]
    (pages / f"{notebook_hash(secret=secret, notebook_id='assessment')}.html").write_text("<p>marked again</p>")
    assert assessment()["feedback_updated"]


def test_a_locked_week_is_refused_with_the_gates_sentence(layout, learner):
    config = config_for(layout, learner)
    with pytest.raises(ExchangeError, match=r"^Pass week 1 \(.*\) first"):
        run(config, "FetchAssignment", W2)
    assert not (learner / W2).exists()
    (learner / W2).mkdir()
    (learner / W2 / "assessment.ipynb").write_text("{}")
    with pytest.raises(ExchangeError, match=r"^Pass week 1"):
        run(config, "Submit", W2)


def test_an_unlocked_learner_fetches_the_week_others_cannot(layout, learner, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-dina")
    monkeypatch.setenv("JUPYTERHUB_USER", "dina")
    config = config_for(layout, learner)
    assert [a["assignment_id"] for a in run(config, "List")] == [W1, W2]
    run(config, "FetchAssignment", W2)
    assert (learner / W2 / "assessment.ipynb").is_file()


def test_the_course_commands_are_refused_in_a_lab(layout, learner):
    config = config_for(layout, learner)
    for action in ("Collect", "ReleaseAssignment", "ReleaseFeedback"):
        with pytest.raises(ExchangeError, match="released and collected by the course's commands"):
            run(config, action, W1)
    with pytest.raises(ExchangeError, match="course's commands"):
        run(config, "List", inbound=True)


def test_the_service_unreachable_says_what_to_do(layout, learner, monkeypatch):
    from servers import free_port
    monkeypatch.setenv("COURSE_EXCHANGE_URL", f"http://127.0.0.1:{free_port()}/services/exchange/")
    with pytest.raises(ExchangeError, match="cannot be reached just now. Try again in a minute"):
        run(config_for(layout, learner), "List")


def test_the_home_reads_the_exchange_through_the_service(layout, learner, monkeypatch):
    """In a hub the home's gate, mentor's messages and live chats are the service's answer, copied into the
    workspace (the learner cannot read the exchange)."""
    from course.home_messages import mentor_words_html
    from course.home_page import week_states
    from course.home_server import CourseHome
    from course.mentor.messages import note
    assert service_client.gate_entries(exchange_client.read_gate())[W2].state == "locked"
    note(layout, ["sara"], "See you at the live chat, Sara")
    note(layout, ["dina"], "A note for Dina only")
    monkeypatch.setenv("COURSE_HUB", "1")
    home = CourseHome(layout.root, "sara", learner)
    assert home.exchange_copy is not None and home.layout.exchange == learner / ".course" / "exchange"
    assert home.layout.gate_dir == learner / ".course" / "exchange" / layout.course_id / "gate"
    assert [s.state for s in week_states(home.layout, "sara", learner)] == ["locked"] * 4   # nothing read yet
    assert home.exchange_copy.refresh()
    assert [s.is_open for s in week_states(home.layout, "sara", learner)] == [True, False, False, False]
    words = mentor_words_html(home.layout, "sara", learner)
    assert "See you at the live chat, Sara" in words and "Dina" not in words
    copied = home.layout.exchange / layout.course_id / "live_chats.json"
    assert copied.read_text() == (layout.exchange / layout.course_id / "live_chats.json").read_text()
    home.exchange_copy._last = -1e9
    assert not home.exchange_copy.refresh()          # nothing changed: nothing written
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-dina")
    home = CourseHome(layout.root, "dina", learner)
    home.exchange_copy.refresh()
    assert [s.is_open for s in week_states(home.layout, "dina", learner)][:2] == [True, True]
    from course.home import progress_html       # START_HERE's table, run in a kernel of the lab
    assert "Pass week 1" not in progress_html(layout, "sara", learner)   # the token is Dina's: her gate
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-sara")
    assert "Pass week 1" in progress_html(layout, "sara", learner)
    monkeypatch.delenv("COURSE_HUB")
    assert CourseHome(layout.root, "dina", learner).layout.gate_dir == layout.gate_dir


def nbgrader(args: list[str], workspace: Path, config_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(config_dir), JUPYTER_CONFIG_DIR=str(config_dir))
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_nbgrader_command_line_uses_the_plugin(layout, learner, tmp_path, monkeypatch):
    """`nbgrader list / fetch_assignment / submit / fetch_feedback` in Yusuf's lab, as the home's buttons run them."""
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-yusuf")
    monkeypatch.setenv("JUPYTERHUB_USER", "yusuf")
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {layout.course_id!r}\n"
        f"c.CourseDirectory.ignore = {list(layout.config.CourseDirectory.ignore)!r}\n"
        f"c.Exchange.assignment_dir = {str(learner)!r}\n"
        "from course.hub.exchange_client import configure\nconfigure(c)\n")
    listed = nbgrader(["list"], learner, config_dir)
    assert listed.returncode == 0 and f"{layout.course_id} {W1}" in listed.stderr and W2 not in listed.stderr, listed.stderr
    locked = nbgrader(["fetch_assignment", W2], learner, config_dir)
    assert locked.returncode != 0 and "CRITICAL" in locked.stderr and "Pass week 1" in locked.stderr
    assert "Traceback" not in locked.stderr and not (learner / W2).exists()
    fetched = nbgrader(["fetch_assignment", W1], learner, config_dir)
    assert fetched.returncode == 0 and (learner / W1 / "assessment.ipynb").is_file(), fetched.stderr
    submitted = nbgrader(["submit", W1], learner, config_dir)
    assert submitted.returncode == 0, submitted.stderr
    cached = nbgrader(["list", "--cached"], learner, config_dir)
    assert f"yusuf {W1}" in cached.stderr, cached.stderr
    feedback = nbgrader(["fetch_feedback", W1], learner, config_dir)
    assert feedback.returncode == 0 and "No feedback yet" in feedback.stderr, feedback.stderr


def test_jupyterlabs_assignment_list_works_against_the_service(layout, learner, tmp_path, monkeypatch):
    """nbgrader's Assignment List (its server extension's manager, as JupyterLab calls it) lists, fetches and
    hands in through the plugin, and shows the hand-in with the server's time."""
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-yusuf")
    monkeypatch.setenv("JUPYTERHUB_USER", "yusuf")
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {layout.course_id!r}\n"
        f"c.Exchange.assignment_dir = {str(learner)!r}\n"
        "from course.hub.exchange_client import configure\nconfigure(c)\n")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(config_dir))
    monkeypatch.chdir(tmp_path)
    manager = AssignmentList()
    manager.root_dir = str(learner)
    listed = manager.list_assignments(course_id=layout.course_id)
    assert listed["success"] and [(a["assignment_id"], a["status"]) for a in listed["value"]] == [(W1, "released")]
    assert manager.fetch_assignment(layout.course_id, W1)["success"]
    assert manager.submit_assignment(layout.course_id, W1)["success"]
    assert not manager.fetch_assignment(layout.course_id, W2)["success"] and not (learner / W2).exists()
    value = manager.list_assignments(course_id=layout.course_id)["value"]
    fetched = next(a for a in value if a["status"] == "fetched")
    handed = next(a for a in value if a["status"] == "submitted")
    assert fetched["path"] == W1 and handed["assignment_id"] == W1 and handed["student_id"] == "yusuf"
    stamp = handed["submissions"][0]["timestamp"]
    inbound = layout.exchange / layout.course_id / "inbound"
    assert any(p.name.startswith(f"yusuf+{W1}+{stamp}+") for p in inbound.iterdir())
