"""``course hub`` for real: a JupyterHub on a free port with a course, two roster learners with Unix
accounts of their own and a mentor (tests/hub/running_hub.py). Signing up, a mentor's approval,
labs running as the right accounts with the right view, the files a learner cannot reach, groups,
tokens and the hub's services. Runs as root; skipped, saying why, when a hub cannot run here.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import pwd
import subprocess
from pathlib import Path

import pytest

from course.hub.authenticator import NOT_IN_ROSTER, WAIT_FOR_MENTOR
from running_hub import require_hub, start_hub, unique_ids


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    require_hub()
    running = start_hub(tmp_path_factory.mktemp("hub"), learners=unique_ids("l", 2), mentors=unique_ids("m", 1),
                        grading_workers=True)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def mentor(hub):
    return hub.login(hub.mentors[0])   # with the first password the hub gave the mentor


@pytest.fixture(scope="module")
def learner(hub, mentor):
    """The first learner: signed up, approved by the mentor, logged in, their lab started."""
    name = hub.learners[0]
    session = hub.login(name, approve_by=mentor)
    model = hub.spawn(name)
    return name, session, model["pid"]


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def _uid(pid: int) -> int:
    return Path(f"/proc/{pid}").stat().st_uid


def _as_user(name: str, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in Python as Unix user ``name``."""
    from course.hub.singleuser import account_python
    entry = pwd.getpwnam(name)
    return subprocess.run([account_python(), "-c", code], user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                          capture_output=True, text=True, cwd="/")


def test_a_learner_signs_up_waits_for_a_mentor_then_logs_in(hub, mentor):
    name = hub.learners[1]
    assert hub.signup(name) == WAIT_FOR_MENTOR
    with pytest.raises(PermissionError, match="not been authorized"):
        hub.log_in(name)
    hub.approve(mentor, name)
    session = hub.log_in(name)
    assert session.get(f"{hub.url}/hub/api/user", timeout=30).json()["name"] == name


def test_a_name_outside_the_roster_cannot_sign_up(hub):
    stranger = unique_ids("x", 1)[0]
    assert hub.signup(stranger) == NOT_IN_ROSTER
    with pytest.raises(PermissionError):
        hub.log_in(stranger)
    assert hub.api("GET", f"users/{stranger}").status_code == 404


def test_the_learners_lab_runs_as_their_unix_user_and_opens_on_their_course_home(hub, learner):
    name, session, pid = learner
    account = pwd.getpwnam(name)
    assert _uid(pid) == account.pw_uid
    env = _environment(pid)
    assert env["COURSE_LEARNER"] == name and env["COURSE_HUB"] == "1" and env["COURSE_ROOT"] == str(hub.root)
    assert env["COURSE_EXCHANGE_URL"] == f"{hub.url}/services/exchange/"
    page = session.get(f"{hub.url}/user/{name}/course/home", timeout=60)
    assert page.status_code == 200, page.text[:500]
    assert 'id="ch-title"' in page.text
    workspace = Path(account.pw_dir) / "course"
    assert workspace.is_dir() and workspace.stat().st_uid == account.pw_uid
    assert (workspace / "START_HERE.ipynb").stat().st_uid == account.pw_uid
    assert Path(account.pw_dir).stat().st_mode & 0o777 == 0o700


def test_the_learners_lab_is_the_learner_view(hub, learner):
    name, session, pid = learner
    headers = {"Authorization": f"token {hub.token_for(name)}"}
    base = f"{hub.url}/user/{name}"
    assert session.get(f"{base}/formgrader", timeout=60).status_code == 404
    assert session.get(f"{base}/api/terminals", headers=headers, timeout=60).status_code == 404
    menu = session.get(f"{base}/lab/api/settings/@jupyterlab/mainmenu-extension:plugin", headers=headers, timeout=60)
    assert menu.status_code == 200
    assert f"/user/{name}/course/home" in menu.text   # File › Course home, under the hub user's base URL
    lab = session.get(f"{base}/lab", timeout=60)
    assert lab.status_code == 200
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  lab.text, re.S).group(1))
    disabled = config["disabledExtensions"]
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list"):
        assert plugin in disabled, disabled


def test_the_labs_own_token_reaches_the_exchange_and_little_else(hub, learner):
    import requests
    name, _, pid = learner
    token = _environment(pid)["JUPYTERHUB_API_TOKEN"]
    me = requests.get(f"{hub.url}/hub/api/user", headers={"Authorization": f"token {token}"}, timeout=30).json()
    assert me["name"] == name
    scopes = set(me["scopes"])
    assert "access:services!service=exchange" in scopes
    assert not {s for s in scopes if s.startswith(("admin", "tokens", "servers", "read:users!", "list:users"))}, scopes
    assert not {s for s in scopes if s.startswith("access:services") and s != "access:services!service=exchange"}
    other = requests.get(f"{hub.url}/hub/api/users/{hub.learners[1]}", headers={"Authorization": f"token {token}"},
                         timeout=30)
    assert other.status_code in (403, 404)


def test_a_learner_cannot_read_the_exchange_the_hub_or_another_home(hub, learner):
    name, _, _ = learner
    from course.layout import CourseLayout
    exchange = CourseLayout.at(hub.root).exchange
    other_home = Path(pwd.getpwnam(hub.learners[1]).pw_dir)
    for path in (exchange, hub.root / "hub" / "jupyterhub", hub.root / "grading" / "keys", other_home):
        tried = _as_user(name, f"import os; os.listdir({str(path)!r})")
        assert tried.returncode != 0 and "PermissionError" in tried.stderr, (path, tried.stdout, tried.stderr)
    owner = pwd.getpwuid(exchange.stat().st_uid).pw_name
    assert owner == hub.course_account and exchange.stat().st_mode & 0o777 == 0o700


def test_mentors_and_learners_are_in_their_groups(hub):
    mentors = hub.api("GET", "groups/mentors").json()["users"]
    learners = hub.api("GET", "groups/learners").json()["users"]
    assert set(mentors) == set(hub.mentors)
    assert set(learners) == set(hub.learners)
    assert not set(hub.learners) & set(mentors)
    assert hub.user(hub.mentors[0])["admin"] and not hub.user(hub.learners[0])["admin"]


def test_the_mentors_lab_runs_as_the_course_account_with_the_formgrader(hub, mentor):
    name = hub.mentors[0]
    pid = hub.spawn(name)["pid"]
    assert _uid(pid) == pwd.getpwnam(hub.course_account).pw_uid
    assert _environment(pid)["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(hub.root / "grading" / "mentor_config")
    page = mentor.get(f"{hub.url}/user/{name}/formgrader", timeout=120)
    assert page.status_code == 200, page.text[:500]
    assert "formgrader" in page.text.lower()


def test_the_idle_culler_and_the_exchange_are_hub_services(hub):
    services = hub.api("GET", "services").json()
    assert "idle-culler" in services
    assert "--timeout=3600" in " ".join(services["idle-culler"].get("command") or [])
    if importlib.util.find_spec("course.hub.exchange_service") is not None:
        import requests
        assert "exchange" in services
        health = requests.get(f"{hub.url}/services/exchange/api/health", timeout=30)
        assert health.status_code == 200 and health.json() == {"ok": True}
    assert _owners_of("jupyterhub_idle_culler", "--timeout=3600") >= {pwd.getpwnam(hub.course_account).pw_uid}


def test_grading_workers_run_as_the_course_account_one_per_week(hub):
    from course.layout import CourseLayout
    weeks = CourseLayout.at(hub.root).syllabus.weeks
    services = hub.api("GET", "services").json()
    for week in weeks:
        assert week.id in services[f"grader-{week.number}"]["command"]
    assert _owners_of("--forever", str(hub.root)) == {pwd.getpwnam(hub.course_account).pw_uid}


@pytest.mark.skipif(importlib.util.find_spec("course.hub.exchange_client") is None,
                    reason="the exchange's client (course/hub/exchange_client.py) is not installed")
def test_the_course_home_fetches_the_open_week_through_the_exchange_service(hub, learner):
    import time
    name, session, _ = learner
    from course.layout import CourseLayout
    first = CourseLayout.at(hub.root).syllabus.weeks[0].id
    folder = Path(pwd.getpwnam(name).pw_dir) / "course" / first
    deadline = time.monotonic() + 120
    while not folder.is_dir() and time.monotonic() < deadline:
        session.get(f"{hub.url}/user/{name}/course/home/state", timeout=60)
        time.sleep(1)
    assert folder.is_dir(), hub.log_tail()
    assert folder.stat().st_uid == pwd.getpwnam(name).pw_uid
    assert any(folder.glob("*.ipynb"))


def _owners_of(*command_parts: str) -> set[int]:
    """The uids of the processes whose command line holds every one of ``command_parts``."""
    owners = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if all(part.encode() in cmdline for part in command_parts):
                owners.add(Path(f"/proc/{pid}").stat().st_uid)
        except OSError:
            pass
    return owners


def test_ctrl_c_stops_the_hub_its_labs_services_and_database(tmp_path):
    import signal
    running = start_hub(tmp_path, learners=unique_ids("l", 1), mentors=unique_ids("m", 1))
    try:
        mentor = running.login(running.mentors[0])
        learner = running.learners[0]
        running.login(learner, approve_by=mentor)
        lab = running.spawn(learner)["pid"]
        assert _owners_of(str(running.root))   # the hub's services and database run
        running.process.send_signal(signal.SIGINT)   # what Ctrl+C in the hub's window sends
        assert running.process.wait(timeout=120) == 0
        assert "The hub has stopped" in running.log.read_text()
        assert not Path(f"/proc/{lab}").exists()
        assert not _owners_of(str(running.root)), "something of the hub still runs"
        assert not _owners_of(f"--port {running.url.rsplit(':', 1)[1]}"), "the proxy still runs"
    finally:
        running.stop()


def test_course_hub_needs_root_and_says_so(tmp_path):
    from course.hub.singleuser import account_python
    require_hub()
    folder = tmp_path / "course"
    nobody = pwd.getpwnam("nobody")
    done = subprocess.run([account_python(), "-m", "course", "hub", "--root", str(folder)], user=nobody.pw_uid,
                          group=nobody.pw_gid, extra_groups=[], capture_output=True, text=True, cwd="/",
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp"})
    assert done.returncode == 2
    assert "must run as root: run it again with sudo" in done.stderr
    assert "Traceback" not in done.stderr and not folder.exists()


def test_a_learners_own_settings_carry_their_language_and_their_hub_address(tmp_path):
    from course.hub.hub_config import HubSettings
    from course.hub.singleuser import write_learner_settings
    (tmp_path / "hub" / "learner_config").mkdir(parents=True)   # made by course hub
    folder = write_learner_settings(tmp_path, "amal", "ar", "/user/amal/")
    settings = json.loads((folder / "labconfig" / "default_setting_overrides.json").read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "ar_SA"
    home_item = settings["@jupyterlab/mainmenu-extension:plugin"]["menus"][0]["items"][0]
    assert home_item["args"]["url"] == "/user/amal/course/home"
    written = HubSettings(port=8123, course_account="cohort", db_url="postgresql+psycopg://postgres@/course?host=/x")
    written.write(tmp_path / "hub")
    assert HubSettings.read(tmp_path / "hub") == written
    from course.layout import CourseLayout
    assert CourseLayout.at(tmp_path).is_hub
