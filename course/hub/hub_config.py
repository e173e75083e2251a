"""The JupyterHub configuration of a course root: the one place where hub settings live.

``course hub`` writes, in ``ROOT/hub/jupyterhub/`` (root's alone: the hub runs as root, so no one
else may change what it reads), ``hub.toml`` (ports, the course account, the gradebook's address),
``people.json`` (who may sign up) and ``jupyterhub_config.py``, which only calls :func:`configure`;
JupyterHub keeps its own state there too (``jupyterhub.sqlite``, the cookie secret). A copy of
``hub.toml`` in ``ROOT/hub/`` (the course account's folder) marks the course as in hub mode. What
:func:`configure` sets:

- **Address**: the proxy on ``127.0.0.1:PORT``; the hub's API and the proxy's API on free loopback
  ports of their own, so several hubs (tests) can run side by side.
- **Sign-up**: :class:`course.hub.authenticator.RosterAuthenticator` (NativeAuthenticator): roster
  names only (``allowed_users``), each approved by a mentor at ``/hub/authorize``; mentors are hub
  admins and in the group ``mentors``, learners in ``learners``. Mentors do not sign up: each gets an
  account with a first password in ``mentor-passwords.txt`` (root's alone) when the hub starts. *From Moodle*: LTI 1.3 with
  ``jupyterhub-ltiauthenticator`` instead (``c.JupyterHub.authenticator_class = "lti13"``, the
  platform's issuer, client id and key set URLs in ``c.LTI13Authenticator``, ``username_key`` the
  claim that holds the roster id); everything else stays as it is.
- **Labs**: :class:`course.hub.singleuser.CourseSpawner`: a learner's as their Unix user, in
  ``~/course``, the learner view only; a mentor's as the course account, with the formgrader.
- **Tokens**: a lab's own token (the ``server`` role) may post activity, reach its own server and
  call the exchange service, nothing else; every user may call the exchange (the ``user`` role:
  ``self`` and the exchange), since a token has at most its owner's rights.
- **Services** (started and stopped with the hub, as the course account): ``exchange``
  (``python -m course.hub.exchange_service``, when installed), ``idle-culler`` (stops a lab idle for
  ``idle_timeout`` seconds, 3600 by default) and, with ``grading_workers``, one ``grader-N`` per week
  (``course grade WEEK --forever``).
- ``COURSE_HUB_ADMIN_TOKEN`` in the hub's environment registers a service ``course-admin`` with
  that token and the admin role, for scripts and tests that drive the hub's REST API.
"""
from __future__ import annotations

import importlib.util
import json
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .accounts import People

CHECKOUT = Path(__file__).resolve().parent.parent.parent
PROXY = CHECKOUT / ".hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
SETTINGS_FILE = "hub.toml"
PEOPLE_FILE = "people.json"
CONFIG_FILE = "jupyterhub_config.py"
MENTOR_PASSWORDS_FILE = "mentor-passwords.txt"   # each new mentor's first password (root's alone)
ADMIN_TOKEN_ENV = "COURSE_HUB_ADMIN_TOKEN"
SERVER_SCOPES = ["users:activity!user", "access:servers!server", "access:services!service=exchange"]
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
EXCHANGE_SCOPES = ["list:users", "read:users:name", "read:users:groups", "read:groups"]


@dataclass
class HubSettings:
    """What ``hub.toml`` holds."""
    port: int = 8000
    hub_api_port: int = 8081
    proxy_api_port: int = 8001
    exchange_port: int = 8002
    course_account: str = "course"
    home_base: str = "/home"
    idle_timeout: int = 3600
    grading_workers: bool = False
    python: str = ""
    db_url: str = ""

    def write(self, hub_dir: Path) -> Path:
        """Write ``hub.toml`` in ``hub_dir`` (by a rename, so a link left in its place is replaced, not followed)."""
        import tempfile
        path = Path(hub_dir) / SETTINGS_FILE
        lines = ["# Written by `course hub`: this course runs on JupyterHub. Start it again to change it."]
        for field in fields(self):
            value = getattr(self, field.name)
            lines.append(f"{field.name} = " + (str(value).lower() if isinstance(value, bool)
                                               else str(value) if isinstance(value, int) else json.dumps(value)))
        handle, temporary = tempfile.mkstemp(dir=hub_dir, prefix=".hub.toml.")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        return path

    @classmethod
    def read(cls, hub_dir: Path) -> "HubSettings":
        data = tomllib.loads((Path(hub_dir) / SETTINGS_FILE).read_text(encoding="utf-8"))
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def write_people(hub_dir: Path, people: People) -> Path:
    path = Path(hub_dir) / PEOPLE_FILE
    path.touch(mode=0o600)
    os.chmod(path, 0o600)
    path.write_text(json.dumps(people.as_json(), indent=1), encoding="utf-8")
    return path


def write_config_file(hub_dir: Path, root: Path) -> Path:
    """``jupyterhub_config.py``: one call to :func:`configure` for this root."""
    path = Path(hub_dir) / CONFIG_FILE
    path.write_text(
        "# Written by `course hub`; the settings are in course/hub/hub_config.py and hub.toml.\n"
        "from course.hub.hub_config import configure\n\n"
        f"configure(get_config(), {str(root)!r})  # noqa: F821\n", encoding="utf-8")
    os.chmod(path, 0o644)
    return path


def exchange_service_installed() -> bool:
    return importlib.util.find_spec("course.hub.exchange_service") is not None


def private_dir(root: Path) -> Path:
    """``ROOT/hub/jupyterhub``: the hub's own files, root's alone."""
    return Path(root) / "hub" / "jupyterhub"


def _sqlite_pragmas(connection, _record) -> None:
    import sqlite3
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def quick_sqlite_commits() -> None:
    """The hub's SQLite in WAL mode with ``synchronous=NORMAL`` (no flush to disk at every commit).

    The hub commits at a token's first use (its activity): with SQLite's defaults each commit waits
    for the disk, and a cohort's labs calling the exchange at the start of a session queue on it
    (benchmarks/hub.py: the hub's token check took 43 ms, 27 ms with WAL). A crash may lose the last
    commits' activity times, never the database."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)


def configure(c, root: str | Path) -> None:
    """Fill JupyterHub's config ``c`` for the course at ``root``."""
    from ..layout import CourseLayout
    root = Path(root)
    hub_dir = private_dir(root)
    settings = HubSettings.read(hub_dir)
    people = People.from_json(json.loads((hub_dir / PEOPLE_FILE).read_text(encoding="utf-8")))
    learners, mentors = sorted(people.learners), sorted(people.mentors)
    python = settings.python or "python3"

    c.JupyterHub.bind_url = settings.url + "/"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_api_port
    c.JupyterHub.db_url = f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}"
    quick_sqlite_commits()
    c.JupyterHub.cookie_secret_file = str(hub_dir / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(hub_dir / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.log_level = "WARN"
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
    c.ConfigurableHTTPProxy.log_level = "warn"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(hub_dir / "proxy.pid")

    c.JupyterHub.authenticator_class = "course.hub.authenticator.RosterAuthenticator"
    c.Authenticator.allowed_users = set(learners) | set(mentors)
    c.Authenticator.admin_users = set(mentors)
    c.RosterAuthenticator.mentor_passwords_file = str(hub_dir / MENTOR_PASSWORDS_FILE)
    c.NativeAuthenticator.enable_signup = True
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 8
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 10
    c.NativeAuthenticator.seconds_before_next_try = 60
    c.JupyterHub.load_groups = {"mentors": {"users": mentors}, "learners": {"users": learners}}

    syllabus = CourseLayout.at(root).syllabus
    c.JupyterHub.spawner_class = "course.hub.singleuser.CourseSpawner"
    c.CourseSpawner.cmd = [python, "-m", "course.hub.singleuser"]
    c.CourseSpawner.course_root = str(root)
    c.CourseSpawner.course_account = settings.course_account
    c.CourseSpawner.course_db_url = settings.db_url
    c.CourseSpawner.exchange_url = f"{settings.url}/services/exchange/"
    c.CourseSpawner.learners = people.learners
    c.CourseSpawner.mentors = mentors
    c.CourseSpawner.default_language = syllabus.language
    c.CourseSpawner.http_timeout = 120
    c.CourseSpawner.start_timeout = 180
    c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "PYTHONPATH"]

    course_env = {"COURSE_ROOT": str(root), "COURSE_HUB": "1"}
    if settings.db_url:
        course_env["COURSE_DB_URL"] = settings.db_url
    # a token has at most its owner's rights: a learner may use the exchange, and so may their lab's token
    roles = [{"name": "user", "description": "a hub user: their own things, and the exchange",
              "scopes": ["self", "access:services!service=exchange"]},
             {"name": "server", "description": "a lab's own token: its activity, its server, the exchange",
              "scopes": SERVER_SCOPES},
             {"name": "idle-culler", "scopes": CULLER_SCOPES, "services": ["idle-culler"]}]
    services = [{"name": "idle-culler", "user": settings.course_account, "display": False,
                 "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={settings.idle_timeout}"]}]
    if exchange_service_installed():
        services.append({"name": "exchange", "user": settings.course_account, "display": False,
                         "url": f"http://127.0.0.1:{settings.exchange_port}", "cwd": str(root),
                         "oauth_no_confirm": True, "environment": course_env,
                         "command": [python, "-m", "course.hub.exchange_service", "--root", str(root)]})
        roles.append({"name": "exchange-service", "scopes": EXCHANGE_SCOPES, "services": ["exchange"]})
    if settings.grading_workers:
        for week in syllabus.weeks:
            services.append({"name": f"grader-{week.number}", "user": settings.course_account, "display": False,
                             "cwd": str(root), "environment": course_env,
                             "command": [python, "-m", "course", "--root", str(root), "grade", week.id, "--forever"]})
    admin_token = os.environ.get(ADMIN_TOKEN_ENV)
    if admin_token:
        services.append({"name": "course-admin", "api_token": admin_token, "display": False})
        roles.append({"name": "course-admin", "scopes": ["admin:users", "admin:servers", "admin:groups",
                                                          "admin:server_state", "tokens", "list:services", "read:services",
                                                          "access:servers", "access:services"],
                      "services": ["course-admin"]})
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = roles
