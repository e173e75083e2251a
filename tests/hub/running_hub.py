"""A real JupyterHub of a course, for the tests: ``course hub`` started on a free port, and what a test
does with it (sign up, approve, log in, spawn, tokens).

    hub = start_hub(folder, learners=[...], mentors=[...])   # unique ids: see unique_ids()
    try:
        mentor = hub.login(hub.mentors[0])                    # signed up (mentors need no approval)
        learner = hub.login(hub.learners[0], approve_by=mentor)
        hub.spawn(hub.learners[0])
        learner.get(hub.url + f"/user/{hub.learners[0]}/course/home")
    finally:
        hub.stop()

``start_hub`` runs ``python -m course hub`` as root with a temporary course root and home base (under
``/tmp``, open to other accounts: learners' labs must reach the course's config), a course account
and learners' Unix accounts of unique names; ``stop()`` stops the hub (its labs and its PostgreSQL
with it) and removes every account and folder it made. The hub has an admin service token
(``hub.api_token``, ``hub.api(...)``) for the REST API.

:func:`require_hub` skips a test, saying why, when the hub cannot run here (not root, the proxy not
installed, no Python that other accounts can run, no PostgreSQL); with ``CI`` set it fails instead.
"""
from __future__ import annotations

import html
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

CHECKOUT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "Advocacy-hub-7310"
START_SECONDS = 420
SPAWN_SECONDS = 180


def unique_ids(prefix: str, count: int) -> list[str]:
    """``count`` ids that are free Unix and hub names (lower case, starting with ``prefix``)."""
    return [f"{prefix}{uuid.uuid4().hex[:10]}" for _ in range(count)]


def why_not() -> str | None:
    """Why a real hub cannot run on this machine, or None."""
    if os.geteuid() != 0:
        return "the hub makes Unix accounts and starts labs as them: run the hub tests as root"
    from course.hub.hub_config import PROXY
    if not PROXY.exists():
        return "configurable-http-proxy is not installed (make hub, or bash scripts/install-hub.sh)"
    from course.hub.singleuser import account_python
    try:
        account_python()
    except RuntimeError as exc:
        return str(exc)
    from course.hub.database import server_programs
    if not os.environ.get("COURSE_DB_URL") and server_programs() is None:
        return "PostgreSQL is not installed (make postgres, or apt-get install postgresql)"
    return None


def require_hub() -> None:
    """Skip (fail on CI) unless a real hub can run here."""
    why = why_not()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the hub tests must run on CI: {why}")
        pytest.skip(why)


def free_port() -> int:
    from course.hub.launcher import free_ports
    return free_ports(1)[0]


def _xsrf(session: requests.Session, url: str) -> str:
    """Visit ``url`` (a hub form) and return the XSRF token its page and cookie carry."""
    response = session.get(url, timeout=30)
    response.raise_for_status()
    found = re.search(r'name="_xsrf" value="([^"]+)"', response.text)
    return found.group(1) if found else session.cookies.get("_xsrf", "")


@dataclass
class Hub:
    url: str
    api_token: str
    root: Path
    home_base: Path
    course_account: str
    learners: list[str]
    mentors: list[str]
    process: subprocess.Popen
    log: Path
    made_accounts: list[str] = field(default_factory=list)
    password: str = PASSWORD

    # --- the REST API, as the admin service -----------------------------------------------------
    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """``METHOD /hub/api/PATH`` with the admin service's token."""
        headers = {"Authorization": f"token {self.api_token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}/hub/api/{path.lstrip('/')}", headers=headers,
                                timeout=60, **kwargs)

    def user(self, name: str) -> dict:
        response = self.api("GET", f"users/{name}")
        response.raise_for_status()
        return response.json()

    def token_for(self, name: str, scopes: list[str] | None = None, note: str = "test") -> str:
        """A new API token of hub user ``name`` (the user must exist: signed up or spawned once)."""
        body = {"note": note, "expires_in": 3600}
        if scopes is not None:
            body["scopes"] = scopes
        response = self.api("POST", f"users/{name}/tokens", json=body)
        response.raise_for_status()
        return response.json()["token"]

    # --- people, through the pages a learner and a mentor use ------------------------------------
    def signup(self, name: str, password: str | None = None) -> str:
        """Sign ``name`` up at /hub/signup; the page's message."""
        session = requests.Session()
        password = password or self.password
        xsrf = _xsrf(session, f"{self.url}/hub/signup")
        response = session.post(f"{self.url}/hub/signup", timeout=30, data={
            "username": name, "signup_password": password, "signup_password_confirmation": password,
            "_xsrf": xsrf})
        response.raise_for_status()
        found = re.search(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', response.text, re.S)
        if not found:
            return response.text
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip())

    def approve(self, mentor: requests.Session, name: str) -> None:
        """``mentor`` (a logged-in session) approves ``name``'s sign-up at /hub/authorize."""
        page = mentor.get(f"{self.url}/hub/authorize", timeout=30)
        page.raise_for_status()
        if re.search(rf'/hub/authorize/{re.escape(name)}"[^>]*>\s*Unauthorize', page.text):
            return   # already approved
        mentor.get(f"{self.url}/hub/authorize/{name}", timeout=30).raise_for_status()

    def log_in(self, name: str, password: str | None = None) -> requests.Session:
        """A session logged in as ``name`` at /hub/login (raises if the hub refuses)."""
        session = requests.Session()
        xsrf = _xsrf(session, f"{self.url}/hub/login")
        response = session.post(f"{self.url}/hub/login", timeout=60, allow_redirects=False, data={
            "username": name, "password": password or self.password, "_xsrf": xsrf})
        if response.status_code != 302:
            found = re.search(r'<p class="login_error">\s*(.*?)\s*</p>', response.text, re.S)
            raise PermissionError(f"{name} could not log in: {found.group(1) if found else response.status_code}")
        return session

    def login(self, name: str, approve_by: requests.Session | None = None) -> requests.Session:
        """Log in as ``name``: a mentor with their first password; a learner after signing up (if not
        yet) and being approved by ``approve_by``."""
        if name in self.mentors:
            return self.log_in(name, self.mentor_password(name))
        self.signup(name)
        if approve_by is not None:
            self.approve(approve_by, name)
        return self.log_in(name)

    def mentor_password(self, name: str) -> str:
        """The first password the hub gave mentor ``name`` (as the organiser reads it, from the hub's file)."""
        from course.hub.hub_config import MENTOR_PASSWORDS_FILE, private_dir
        for line in (private_dir(self.root) / MENTOR_PASSWORDS_FILE).read_text(encoding="utf-8").splitlines():
            who, _, password = line.partition(" ")
            if who == name:
                return password
        raise KeyError(f"no first password for mentor {name}")

    def spawn(self, name: str, seconds: float = SPAWN_SECONDS) -> dict:
        """Start ``name``'s lab and wait until it is ready; the user's model (with ``pid`` of the lab)."""
        response = self.api("POST", f"users/{name}/server")
        if response.status_code not in (201, 202, 400):   # 400: already running
            raise RuntimeError(f"spawning {name}: {response.status_code} {response.text}")
        started, deadline = time.monotonic(), time.monotonic() + seconds
        while time.monotonic() < deadline:
            model = self.api("GET", f"users/{name}").json()
            server = (model.get("servers") or {}).get("", {})
            if server.get("ready"):
                model["pid"] = (server.get("state") or {}).get("pid")
                return model
            if not server and time.monotonic() - started > 5:
                raise RuntimeError(f"{name}'s lab failed to start; hub log:\n{self.log_tail()}")
            time.sleep(0.5)
        raise TimeoutError(f"{name}'s lab did not start in {seconds:g} s; hub log:\n{self.log_tail()}")

    def stop_server(self, name: str) -> None:
        self.api("DELETE", f"users/{name}/server")

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the hub (labs and database with it), then remove the accounts and folders it made."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            _kill_processes_of(self.made_accounts)
            from course.hub.accounts import remove_account
            for name in self.made_accounts:
                remove_account(name)
            shutil.rmtree(self.root, ignore_errors=True)
            shutil.rmtree(self.home_base, ignore_errors=True)


def _kill_processes_of(accounts: list[str]) -> None:
    """End what still runs as the accounts a test made (a lab that outlived its hub), so they can go."""
    uids = set()
    for name in accounts:
        try:
            uids.add(pwd.getpwnam(name).pw_uid)
        except KeyError:
            pass
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def _write_roster(folder: Path, learners: list[str], mentors: list[str],
                  languages: dict[str, str] | None) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    learners_csv, mentors_csv = folder / "learners.csv", folder / "mentors.csv"
    rows = ["id,name,country,language,mentor"]
    for i, lid in enumerate(learners):
        language = (languages or {}).get(lid, "en")
        rows.append(f"{lid},Learner {i + 1},LB,{language},{mentors[i % len(mentors)] if mentors else ''}")
    learners_csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mentors_csv.write_text("id,name,languages\n" + "".join(f"{m},Mentor {i + 1},en ar\n"
                                                          for i, m in enumerate(mentors)), encoding="utf-8")
    return learners_csv, mentors_csv


def start_hub(folder: Path, learners: list[str] | None = None, mentors: list[str] | None = None,
              languages: dict[str, str] | None = None, idle_timeout: int = 3600,
              grading_workers: bool = False, env: dict[str, str] | None = None,
              seconds: float = START_SECONDS) -> Hub:
    """A running hub of a new course with these roster ``learners`` and ``mentors`` (default: two
    learners and one mentor of unique ids); ``folder`` (e.g. ``tmp_path``) keeps the roster files and
    the hub's log. Skips (fails on CI) when a hub cannot run here."""
    require_hub()
    learners = unique_ids("l", 2) if learners is None else list(learners)
    mentors = unique_ids("m", 1) if mentors is None else list(mentors)
    folder = Path(folder)
    learners_csv, mentors_csv = _write_roster(folder / "roster", learners, mentors, languages)
    root = Path(tempfile.mkdtemp(prefix="course-hub-"))
    home_base = Path(tempfile.mkdtemp(prefix="course-homes-"))
    for path in (root, home_base):
        os.chmod(path, 0o755)
    course_account = unique_ids("c", 1)[0]
    existing = {name for name in [course_account, *learners, *mentors] if _exists(name)}
    port = free_port()
    token = secrets.token_hex(24)
    log = folder / "hub.log"
    cmd = [sys.executable, "-m", "course", "hub", "--root", str(root), "--port", str(port),
           "--course-account", course_account, "--home-base", str(home_base),
           "--learners", str(learners_csv), "--mentors", str(mentors_csv),
           "--idle-timeout", str(idle_timeout)]
    if grading_workers:
        cmd.append("--grading-workers")
    from course.hub.hub_config import ADMIN_TOKEN_ENV
    process_env = {**os.environ, ADMIN_TOKEN_ENV: token, **(env or {})}
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=CHECKOUT, env=process_env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    hub = Hub(url=f"http://127.0.0.1:{port}", api_token=token, root=root, home_base=home_base,
              course_account=course_account, learners=learners, mentors=mentors, process=process, log=log)
    hub.made_accounts = [name for name in [course_account, *learners] if name not in existing]
    try:
        _wait_until_up(hub, seconds)
    except BaseException:
        hub.stop()
        raise
    return hub


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _wait_until_up(hub: Hub, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"`course hub` stopped (status {hub.process.returncode}):\n{hub.log_tail()}")
        try:
            if hub.api("GET", "services").status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the hub did not answer in {seconds:g} s:\n{hub.log_tail()}")
