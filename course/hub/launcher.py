"""``course hub --root DIR``: a cohort's JupyterHub on this machine, in the foreground.

As root (it makes Unix accounts and starts labs as them), in order:

1. the course account (``--course-account``, default ``course``) is made if missing;
2. a new ``DIR`` becomes a course (``course init --cohort``, run as the course account);
3. the gradebook: ``COURSE_DB_URL`` if set, else the course's own PostgreSQL in ``DIR/hub/postgres``
   (``database.py``), started as the course account; nbgrader's tables are made and the course's
   migrations run on it;
4. ``--learners CSV [--mentors CSV]`` are imported into it (``course roster``), every learner's gate
   is published (week 1 open for a newcomer), and each learner of the roster gets a Unix account
   (home under ``--home-base``, 0700);
5. the course root is given to the course account (its exchange folder to it alone), except
   ``DIR/hub/jupyterhub`` (the hub's own files: run as root, they are no one else's to edit) and
   ``DIR/hub/learner_config`` (what every learner's lab reads), which stay root's;
6. ``hub.toml``, ``people.json`` and ``jupyterhub_config.py`` are written (``hub_config.py``), with the
   learners' Jupyter config, and JupyterHub runs until Ctrl+C, which stops the hub, every lab and
   the database.

Nothing of the course runs as root: each step that reads the course's files runs as the course account.
"""
from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from .accounts import People, ensure_account, ensure_learners, give_to, people_as
from .database import DatabaseError, PostgresServer
from .hub_config import MENTOR_PASSWORDS_FILE, PROXY, HubSettings, private_dir, write_config_file, write_people


class HubError(RuntimeError):
    """``course hub`` cannot go on; the message says what to do."""


def free_ports(count: int) -> list[int]:
    """``count`` distinct loopback ports free just now."""
    sockets, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in sockets:
            s.close()
    return ports


def as_account(account: str, cmd: list[str], env: dict[str, str], what: str) -> str:
    """Run ``cmd`` as ``account`` (from ``/``); its output, or a :class:`HubError` saying ``what`` failed."""
    entry = pwd.getpwnam(account)
    env = {**env, "HOME": entry.pw_dir, "USER": account, "LOGNAME": account}
    done = subprocess.run(["runuser", "-u", account, "--", *cmd], env=env, cwd="/", capture_output=True,
                          text=True, timeout=1800)
    if done.returncode:
        raise HubError(f"{what} failed:\n{(done.stderr or done.stdout).strip()[-3000:]}")
    return done.stdout


def search_path(python: str) -> str:
    """``PATH`` with the folder of ``python`` (the one other accounts run, and its commands) first."""
    return os.pathsep.join([os.path.dirname(python), os.environ.get("PATH", "/usr/bin:/bin")])


def course_environment(root: Path, db_url: str | None, python: str = sys.executable) -> dict[str, str]:
    env = {key: os.environ[key] for key in ("LANG", "LC_ALL") if key in os.environ}
    env["PATH"] = search_path(python)
    env.update(COURSE_ROOT=str(root), COURSE_HUB="1", PYTHONWARNINGS="ignore")
    if db_url:
        env["COURSE_DB_URL"] = db_url
    return env


def _root_owned_folder(path: Path, mode: int) -> Path:
    """``path`` as a real folder of root's with ``mode`` (a link or someone else's folder is replaced)."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, 0, 0)
    os.chmod(path, mode)
    return path


def write_learner_hub_config(root: Path, hub_dir: Path) -> Path:
    """``ROOT/hub/learner_config``: the Jupyter config every learner's server reads (after their own
    settings): the course's nbgrader config with the hub's exchange classes, the course home on,
    nbgrader's instructor tools off."""
    from ..scaffold import _write_lab_switches
    folder = _root_owned_folder(hub_dir / "learner_config", 0o755)
    exchange = _exchange_classes()
    lines = ["# Written by `course hub` for learners' labs. Do not edit; start the hub again.",
             "import os",
             "c = get_config()  # noqa: F821",
             f"load_subconfig({str(root / 'grading' / 'nbgrader_config.py')!r})  # noqa: F821",
             "c.CourseDirectory.student_id = os.environ.get('COURSE_LEARNER', '')",
             "# nbgrader reads the nbgrader_config.py of CourseDirectory.root last: the learner's own folder,",
             "# so that the course's (with its shared-folder exchange) does not undo the hub's exchange below",
             "c.CourseDirectory.root = os.path.join(os.path.expanduser('~'), 'course')",
             "c.Exchange.assignment_dir = os.path.join(os.path.expanduser('~'), 'course')",
             "c.Exchange.cache = os.environ.get('COURSE_LEARNER_CACHE', "
             "os.path.join(os.path.expanduser('~'), '.course', 'nbgrader-cache'))"]
    lines += [f"c.ExchangeFactory.{kind} = {name!r}" for kind, name in exchange.items()]
    (folder / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_lab_switches(folder, instructor=False)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 0, 0)
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return folder


def _exchange_classes() -> dict[str, str]:
    """nbgrader's exchange roles the hub's client module (``exchange_client.py``) implements."""
    try:
        from nbgrader.exchange import abc
        from . import exchange_client
    except ImportError:
        return {}
    bases = {"exchange": abc.Exchange, "fetch_assignment": abc.ExchangeFetchAssignment,
             "fetch_feedback": abc.ExchangeFetchFeedback, "list": abc.ExchangeList,
             "submit": abc.ExchangeSubmit, "release_assignment": abc.ExchangeReleaseAssignment,
             "release_feedback": abc.ExchangeReleaseFeedback, "collect": abc.ExchangeCollect}
    chosen = {}
    classes = [v for v in vars(exchange_client).values()
               if isinstance(v, type) and v.__module__ == exchange_client.__name__]
    roles = {kind: base for kind, base in bases.items() if kind != "exchange"}
    for kind, base in bases.items():
        if kind == "exchange":   # the common base: an Exchange that plays no single role
            mine = [cls for cls in classes if issubclass(cls, base)
                    and not any(issubclass(cls, role) for role in roles.values())]
        else:
            mine = [cls for cls in classes if issubclass(cls, base)]
        if mine:
            chosen[kind] = f"{exchange_client.__name__}.{mine[0].__name__}"
    return chosen


def prepare(root: Path, port: int = 8000, course_account: str = "course", home_base: Path = Path("/home"),
            learners_csv: Path | None = None, mentors_csv: Path | None = None, idle_timeout: int = 3600,
            grading_workers: bool = False) -> tuple[HubSettings, People, PostgresServer | None]:
    """Everything before JupyterHub starts (see the module's docstring); the database server it started."""
    from .singleuser import account_python
    if os.geteuid() != 0:
        raise HubError("`course hub` makes a Unix account for each learner and starts their labs as them, "
                       "so it must run as root: run it again with sudo (sudo make hub).")
    if not PROXY.exists():
        raise HubError("JupyterHub's proxy is not installed: run `bash scripts/install-hub.sh` "
                       "(`make hub` does it), then start again.")
    try:
        python = account_python()
    except RuntimeError as exc:
        raise HubError(str(exc)) from None
    root, home_base = Path(root).resolve(), Path(home_base).resolve()
    ensure_account(course_account, home_base / course_account, comment="the course", system=True)
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    hub_dir, private = root / "hub", private_dir(root)
    if hub_dir.is_symlink():
        hub_dir.unlink()
    hub_dir.mkdir(exist_ok=True)
    if private.is_symlink() or (private.exists() and private.stat().st_uid != 0):
        raise HubError(f"{private} holds the hub's own files and must be root's, but someone else made or "
                       "changed it. Look at what is in it, remove it, and start again (the hub's sign-ups "
                       "start afresh).")
    private.mkdir(mode=0o700, exist_ok=True)
    os.chmod(private, 0o700)
    learner_config = _root_owned_folder(hub_dir / "learner_config", 0o755)
    kept = (private, learner_config)
    give_to(root, course_account, keep=kept)
    os.chmod(hub_dir, 0o711)
    env = course_environment(root, None, python)
    if not (root / "grading" / "nbgrader_config.py").exists():
        print(f"Making a course in {root} (a minute)…", flush=True)
        as_account(course_account, [python, "-m", "course", "--root", str(root), "init", "--cohort"], env,
                   "Making the course")
    server = None
    db_url = os.environ.get("COURSE_DB_URL")
    try:
        if not db_url:
            try:
                server = PostgresServer(hub_dir / "postgres", account=course_account).start()
                db_url = server.ensure_database()
            except DatabaseError as exc:
                raise HubError(f"The course's database could not start. {exc}") from None
        env = course_environment(root, db_url, python)
        as_account(course_account, [python, "-c", "import sys; from course.layout import CourseLayout; "
                                    "from nbgrader.api import Gradebook; from course.storage import upgrade; "
                                    "layout = CourseLayout.at(sys.argv[1]); "
                                    "Gradebook(layout.db_url, layout.course_id).close(); upgrade(layout.db_url)",
                                    str(root)], env, "Bringing the database up to date")
        as_account(course_account, [python, "-c", "import sys; from course.layout import CourseLayout; "
                                    "from course.scaffold import write_mentor_config; "
                                    "write_mentor_config(CourseLayout.at(sys.argv[1]))", str(root)],
                   env, "Writing the mentors' lab settings")
        _release_into_gradebook(root, course_account, python, env)
        if learners_csv:
            _import_roster(root, course_account, python, env, Path(learners_csv),
                           Path(mentors_csv) if mentors_csv else None)
        as_account(course_account, [python, "-c", "import sys; from course.layout import CourseLayout; "
                                    "from course.grading import publish_all; from course.storage import Ledger; "
                                    "layout = CourseLayout.at(sys.argv[1]); ledger = Ledger(layout.db_url); "
                                    "publish_all(layout, ledger); ledger.close()", str(root)],
                   env, "Publishing every learner's open weeks")
        people = people_as(course_account, root, env, python)
        made = ensure_learners(people, home_base)
        if made:
            print(f"Made {len(made)} learner account(s) on this machine.", flush=True)
        for roster_id, why in sorted(people.skipped.items()):
            print(f"  {roster_id}: not let in: {why}", flush=True)
        give_to(root, course_account, keep=kept)
        _close_exchange(root, course_account, python, env)
        proxy_api, hub_api, exchange = free_ports(3)
        settings = HubSettings(port=port, hub_api_port=hub_api, proxy_api_port=proxy_api, exchange_port=exchange,
                               course_account=course_account, home_base=str(home_base),
                               idle_timeout=idle_timeout, grading_workers=grading_workers,
                               python=python, db_url=db_url)
        settings.write(private)
        settings.write(hub_dir)   # the hub-mode marker, for the course's own commands
        write_people(private, people)
        write_learner_hub_config(root, hub_dir)
        write_config_file(private, root)
        return settings, people, server
    except BaseException:
        if server is not None:
            server.stop()
        raise


def _release_into_gradebook(root: Path, account: str, python: str, env: dict) -> None:
    """Release again each week the gradebook in PostgreSQL does not know yet: the course was made with
    its SQLite gradebook, and grading needs every week's notebooks in the gradebook it uses."""
    code = ("import sys; from nbgrader.api import Gradebook; from course import grading; "
            "from course.layout import CourseLayout; layout = CourseLayout.at(sys.argv[1]); "
            "gb = Gradebook(layout.db_url, layout.course_id); known = {a.name for a in gb.assignments}; "
            "gb.close(); [grading.release(layout, w.id) for w in layout.syllabus.weeks if w.id not in known]")
    as_account(account, [python, "-c", code, str(root)], env, "Releasing the weeks into the database")


def _import_roster(root: Path, account: str, python: str, env: dict, learners: Path, mentors: Path | None) -> None:
    """Copy the roster files into ``grading/roster`` (the course account's) and import them."""
    folder = root / "grading" / "roster"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(learners, folder / "learners.csv")
    args = [python, "-m", "course", "--root", str(root), "roster", str(folder / "learners.csv")]
    if mentors:
        shutil.copyfile(mentors, folder / "mentors.csv")
        args += ["--mentors", str(folder / "mentors.csv")]
    give_to(folder, account)
    os.chmod(folder, 0o700)
    print(as_account(account, args, env, "Importing the roster").strip(), flush=True)


def _close_exchange(root: Path, account: str, python: str, env: dict) -> None:
    """The exchange folder is the course account's alone: learners reach it through the service only."""
    out = as_account(account, [python, "-c", "import sys; from course.layout import CourseLayout; "
                               "print(CourseLayout.at(sys.argv[1]).exchange)", str(root)], env,
                     "Finding the exchange folder")
    exchange = Path(out.strip().splitlines()[-1])
    exchange.mkdir(parents=True, exist_ok=True)
    entry = pwd.getpwnam(account)
    if not exchange.is_symlink():
        os.chown(exchange, entry.pw_uid, entry.pw_gid)
        os.chmod(exchange, 0o700)


def hub_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/hub/api/", timeout=2) as response:
            return response.status == 200 and "version" in json.loads(response.read())
    except (OSError, ValueError):
        return False


def _stop_proxy(private: Path) -> None:
    """Stop the hub's proxy if it outlived the hub (JupyterHub stops it, unless it crashed)."""
    try:
        pid = int((private / "proxy.pid").read_text().strip())
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            if b"configurable-http-proxy" in cmdline.read():
                os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError):
        pass


def _interrupt(signum, frame):
    """SIGTERM stops the hub as Ctrl+C does."""
    raise KeyboardInterrupt


def run(root: Path, port: int = 8000, course_account: str = "course", home_base: Path = Path("/home"),
        learners_csv: Path | None = None, mentors_csv: Path | None = None, idle_timeout: int = 3600,
        grading_workers: bool = False) -> int:
    """Prepare, then run JupyterHub in the foreground until Ctrl+C (or SIGTERM)."""
    from .. import serving
    settings, people, server = prepare(root, port, course_account, home_base, learners_csv, mentors_csv,
                                       idle_timeout, grading_workers)
    private = private_dir(Path(root).resolve())
    if serving.listening("127.0.0.1", port):
        if server is not None:
            server.stop()
        raise HubError(f"Port {port} is taken on this machine: start the hub on another (--port 8010).")
    env = dict(os.environ, PATH=search_path(settings.python))   # labs and services find its commands
    env.pop("COURSE_DB_URL", None)   # the hub's own processes get it from hub.toml
    cmd = [sys.executable, "-m", "jupyterhub", "-f", str(private / "jupyterhub_config.py")]
    print(f"Starting JupyterHub for {len(people.learners)} learner(s) and {len(people.mentors)} mentor(s). "
          "To stop it, press Ctrl+C once in this window.", flush=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    hub = subprocess.Popen(cmd, cwd=private, env=env, stdin=subprocess.DEVNULL)
    try:
        def address() -> str | None:
            if not hub_answers(f"http://127.0.0.1:{settings.hub_api_port}") or not hub_answers(settings.url):
                return None
            return (f"Mentors log in with the first password in {private / MENTOR_PASSWORDS_FILE} (give each "
                    f"mentor theirs; they choose their own at {settings.url}/hub/change-password).\n"
                    f"Learners sign up at {settings.url}/hub/signup, then a mentor approves them at "
                    f"{settings.url}/hub/authorize.\nOpen the hub at:\n\n    {settings.url}/hub/login")
        serving.announce(hub, address)
        return hub.wait()
    except KeyboardInterrupt:
        hub.send_signal(signal.SIGINT)
        try:
            hub.wait(timeout=60)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()
        print("\nThe hub has stopped, and every lab with it. Everything is kept in "
              f"{Path(root).resolve()}; start it again with the same command.", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if hub.poll() is None:
            hub.terminate()
            hub.wait()
        _stop_proxy(private)
        if server is not None:
            server.stop()
