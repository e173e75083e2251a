"""How the hub starts a lab: a learner's as their own Unix user, a mentor's as the course account.

:class:`CourseSpawner` (JupyterHub's LocalProcessSpawner) picks the Unix account and the environment
of the contract: ``COURSE_ROOT``, ``COURSE_LEARNER`` (the roster id), ``COURSE_LANG``, ``COURSE_HUB=1``,
``COURSE_EXCHANGE_URL`` (the exchange service, through the hub's proxy) and ``JUPYTER_CONFIG_PATH``.
Before a learner's server starts, the hub (as root) writes that learner's JupyterLab settings in a
folder of its own (``ROOT/hub/learner_config/learners/<name>``: menus in their language, File › Course home at
``/user/<name>/course/home``) and makes sure their home is theirs alone (0700).

The server then starts as :func:`main` (``python -m course.hub.singleuser``), already as the learner:
it makes ``~/course`` (their workspace: START_HERE, their language remembered, the lab's first
layout) and becomes ``jupyterhub-singleuser`` rooted there, opening on the course home, with no
terminal. What is written in the learner's home is written by the learner's own process, so no link
a learner leaves there can send a root process elsewhere. A mentor's server is rooted at the course
root, with the formgrader (as ``course lab --mentor``). Learner-side: imports nothing of the grader.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import sys
import sysconfig
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Dict, List, Unicode

CHECKOUT = Path(__file__).resolve().parent.parent.parent
SHARED_PYTHON = CHECKOUT / ".hub-node" / "python" / "bin" / "python"
HOME_URL = "/course/home"
WORKSPACE = "course"
LEARNER_STATE = ".course"


def usable_by_others(path: Path | str) -> bool:
    """Whether any account may run or read ``path`` (every folder above it open to others)."""
    real = Path(os.path.realpath(path))
    try:
        if not real.stat().st_mode & stat.S_IXOTH and not real.stat().st_mode & stat.S_IROTH:
            return False
        return all(parent.stat().st_mode & stat.S_IXOTH for parent in real.parents)
    except OSError:
        return False


def account_python() -> str:
    """The Python that processes of other accounts (learners, the course account) start with: this
    one when every account can run it and read the course's packages; else ``.hub-node/python``,
    which ``scripts/install-hub.sh`` makes from the system's Python of the same version."""
    packages = [sysconfig.get_paths()["purelib"], str(CHECKOUT / "course")]
    if usable_by_others(sys.executable) and all(usable_by_others(p) for p in packages):
        return sys.executable
    if SHARED_PYTHON.exists() and usable_by_others(SHARED_PYTHON) and all(usable_by_others(p) for p in packages):
        return str(SHARED_PYTHON)
    raise RuntimeError(
        f"The course's Python ({os.path.realpath(sys.executable)}) cannot be run by other accounts, and "
        "learners' labs run as their own Unix users. Run `bash scripts/install-hub.sh` as root (it makes "
        ".hub-node/python from the system's Python), or make .venv from a Python every account can run "
        "(make clean; make PYTHON=/usr/bin/python3 hub).")


class CourseSpawner(LocalProcessSpawner):
    """LocalProcessSpawner for a course: learners as themselves, mentors as the course account."""

    course_root = Unicode(config=True, help="the course root")
    course_account = Unicode("course", config=True, help="the Unix account that owns the course")
    course_db_url = Unicode("", config=True, help="the gradebook (for mentors' formgrader)")
    exchange_url = Unicode("", config=True, help="the exchange service's address, through the proxy")
    learners = Dict(config=True, help="hub name -> {'id': roster id, 'language': code}")
    mentors = List(Unicode(), config=True, help="hub names of the mentors")
    default_language = Unicode("en", config=True)

    @property
    def is_mentor(self) -> bool:
        return self.user.name in self.mentors

    @property
    def unix_name(self) -> str:
        return self.course_account if self.is_mentor else self.user.name

    def make_preexec_fn(self, name):
        return super().make_preexec_fn(self.unix_name)

    def user_env(self, env):
        entry = pwd.getpwnam(self.unix_name)
        env["USER"] = entry.pw_name
        env["HOME"] = entry.pw_dir
        env["SHELL"] = entry.pw_shell or "/bin/sh"
        return env

    def get_env(self):
        env = super().get_env()
        root = Path(self.course_root)
        env.update(COURSE_ROOT=str(root), COURSE_HUB="1", COURSE_EXCHANGE_URL=self.exchange_url)
        # JupyterLab, its extensions and their settings are those of the course's environment (the
        # hub's), also when the lab's Python is .hub-node/python (see account_python)
        environment_config = os.path.join(sys.prefix, "etc", "jupyter")
        env["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
        if self.is_mentor:
            env.update(COURSE_ROLE="mentor", JUPYTER_CONFIG_PATH=os.pathsep.join(
                [str(root / "grading" / "mentor_config"), environment_config]))
            if self.course_db_url:
                env["COURSE_DB_URL"] = self.course_db_url
        else:
            row = self.learners.get(self.user.name, {})
            env.update(COURSE_ROLE="learner", COURSE_LEARNER=row.get("id", self.user.name),
                       COURSE_LANG=row.get("language") or self.default_language,
                       COURSE_LEARNER_CONFIG=str(learner_config(root, self.user.name)),
                       JUPYTER_CONFIG_PATH=os.pathsep.join([str(learner_config(root, self.user.name)),
                                                            str(root / "hub" / "learner_config"),
                                                            environment_config]))
        return env

    async def start(self):
        if self.is_mentor:
            self.default_url = "/formgrader"
        else:
            self.default_url = HOME_URL
            self._prepare_learner()
        return await super().start()

    def _prepare_learner(self) -> None:
        """As root, before the learner's server starts: their home closed to others, their lab settings."""
        try:
            entry = pwd.getpwnam(self.user.name)
        except KeyError:
            raise RuntimeError(f"There is no Unix account for {self.user.name} on this machine. A mentor "
                               "should import the roster again and restart the hub (course hub).") from None
        home = Path(entry.pw_dir)
        if home.is_dir() and not home.is_symlink() and home.stat().st_uid == entry.pw_uid:
            os.chmod(home, 0o700)
        row = self.learners.get(self.user.name, {})
        write_learner_settings(Path(self.course_root), self.user.name,
                               row.get("language") or self.default_language, self.user.url)


def learner_config(root: Path, name: str) -> Path:
    """The learner's own Jupyter settings folder, written by the hub (root's, readable)."""
    return Path(root) / "hub" / "learner_config" / "learners" / name


def write_learner_settings(root: Path, name: str, language: str, base_url: str) -> Path:
    """JupyterLab's settings of one learner: their language, File › Course home under ``base_url``,
    and the first layout of the lab (copied into their home by their own server)."""
    from ..scaffold import _write_learner_workspace, write_lab_locale   # the hub's side only
    folder = learner_config(root, name)
    for path in (folder.parent, folder):   # root's folders: a link in their place is removed, not followed
        if path.is_symlink():
            path.unlink()
        path.mkdir(exist_ok=True)
        os.chown(path, 0, 0)
        os.chmod(path, 0o755)
    write_lab_locale(folder, language, base_url=base_url)
    _write_learner_workspace(folder)
    for path in folder.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return folder


def prepare_workspace(home: Path, root: Path, language: str, own_config: Path | None) -> Path:
    """``~/course`` for the learner (run as the learner): START_HERE in their language (theirs kept
    once chosen on the home), lessons in it, the lab's first layout."""
    from .. import workspace_language
    from ..home import home_notebook_text
    workspace = home / WORKSPACE
    workspace.mkdir(mode=0o700, exist_ok=True)
    chosen = workspace_language.remembered(workspace) or language
    page = workspace / "START_HERE.ipynb"
    text = home_notebook_text(chosen)
    cohort_page = root / "START_HERE.ipynb"
    try:
        own = cohort_page.read_text(encoding="utf-8")
        if own != home_notebook_text("en"):
            text = own   # the cohort's own page, as it wrote it
    except OSError:
        pass
    if not page.exists() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")
    workspace_language.localise(workspace, chosen)
    layouts = home / LEARNER_STATE / "lab-workspaces"
    if own_config is not None and (own_config / "lab-workspaces").is_dir() and not layouts.exists():
        shutil.copytree(own_config / "lab-workspaces", layouts)
    layouts.mkdir(parents=True, exist_ok=True)
    return workspace


def server_arguments(role: str, home: Path, root: Path) -> list[str]:
    """The options a learner's or a mentor's ``jupyterhub-singleuser`` adds to the hub's."""
    if role == "mentor":
        return [f"--ServerApp.root_dir={root}", "--ServerApp.log_level=WARN",
                f"--LabApp.workspaces_dir={home / LEARNER_STATE / 'mentors' / os.environ.get('JUPYTERHUB_USER', 'mentor')}"]
    return [f"--ServerApp.root_dir={home / WORKSPACE}", "--ServerApp.log_level=WARN",
            "--ServerApp.terminals_enabled=False",   # a terminal is no lesson; notebooks are
            f"--LabApp.workspaces_dir={home / LEARNER_STATE / 'lab-workspaces'}"]


def main() -> None:
    """Prepare the learner's workspace (as the learner), then become ``jupyterhub-singleuser``."""
    role = os.environ.get("COURSE_ROLE", "learner")
    root = Path(os.environ["COURSE_ROOT"])
    home = Path(os.environ.get("HOME") or pwd.getpwuid(os.getuid()).pw_dir)
    os.umask(0o077)
    if role == "mentor":
        (home / LEARNER_STATE / "mentors").mkdir(parents=True, exist_ok=True)
    else:
        own = os.environ.get("COURSE_LEARNER_CONFIG")
        workspace = prepare_workspace(home, root, os.environ.get("COURSE_LANG", "en"), Path(own) if own else None)
        os.environ["COURSE_LANG_FILE"] = str(workspace / LEARNER_STATE / "language.json")
        os.environ["COURSE_LEARNER_CACHE"] = str(home / LEARNER_STATE / "nbgrader-cache")
    os.chdir(home)
    args = [sys.executable, "-m", "jupyterhub.singleuser", *sys.argv[1:], *server_arguments(role, home, root)]
    os.execv(sys.executable, args)


if __name__ == "__main__":
    main()
