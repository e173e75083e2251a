"""Unix accounts of a hub on one machine: the course account, and one account per learner.

- The *course account* (default ``course``) owns the course root; the exchange service, the grading
  workers and mentors' servers run as it. Nothing of the course runs as root.
- Each *learner* of the roster is a Unix user of the same name (JupyterHub's name: the roster id in
  lower case), made with ``useradd`` when missing: no password, no login shell, a home of their own
  (``/home/<name>`` by default) that only they may enter (0700). Their JupyterLab runs as them.
- *Mentors* are hub users only: their servers run as the course account (``hub_config.py``).

The roster is read from the gradebook by the course account (``python -m course.hub.accounts``),
never by root: the course's configuration is the course account's to edit.
"""
from __future__ import annotations

import argparse
import grp
import json
import os
import pwd
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NO_LOGIN = "/usr/sbin/nologin"
_UNIX_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,31}$")


class AccountError(RuntimeError):
    """An account could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class People:
    """Who the hub lets in: learners (hub name -> roster id, language) and mentors (hub names)."""
    learners: dict[str, dict]
    mentors: list[str]
    skipped: dict[str, str]   # roster id -> why it cannot be a Unix user

    def as_json(self) -> dict:
        return {"learners": self.learners, "mentors": self.mentors, "skipped": self.skipped}

    @classmethod
    def from_json(cls, data: dict) -> "People":
        return cls(learners=data.get("learners", {}), mentors=list(data.get("mentors", [])),
                   skipped=data.get("skipped", {}))


def hub_name(roster_id: str) -> str | None:
    """The hub's and the Unix user's name for a roster id (lower case), or None when it cannot be one."""
    name = roster_id.lower()
    if not _UNIX_NAME.match(name) or name.isdigit():
        return None
    return name


def read_people(layout) -> People:
    """The roster's learners and mentors, as hub names (run as the course account: reads the gradebook)."""
    from ..storage import Ledger
    ledger = Ledger(layout.db_url)
    try:
        roster, mentors = ledger.roster(), ledger.mentors()
    finally:
        ledger.close()
    learners, skipped = {}, {}
    why = ("its id cannot be a Unix user name (up to 32 lower-case letters, digits, '.', '_' or '-', "
           "starting with a letter); give it such an id in the roster")
    for lid, row in sorted(roster.items()):
        name = hub_name(lid)
        if name is None or name in learners:
            skipped[lid] = why if name is None else f"{learners[name]['id']} has the same name in lower case"
            continue
        learners[name] = {"id": lid, "language": row.get("language") or layout.syllabus.language}
    hub_mentors = []
    for mid in sorted(mentors):
        name = hub_name(mid)
        if name is None or name in learners:
            skipped[mid] = why if name is None else "a learner has the same name"
            continue
        hub_mentors.append(name)
    return People(learners=learners, mentors=hub_mentors, skipped=skipped)


def people_as(account: str, root: Path, env: dict[str, str], python: str) -> People:
    """:func:`read_people`, run as ``account`` (root only asks)."""
    cmd = [python, "-m", "course.hub.accounts", "--root", str(root)]
    if os.geteuid() == 0 and account_exists(account) and pwd.getpwnam(account).pw_uid != 0:
        cmd = ["runuser", "-u", account, "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd="/", timeout=300)
    if done.returncode:
        raise AccountError(f"The roster could not be read:\n{done.stderr.strip() or done.stdout.strip()}")
    return People.from_json(json.loads(done.stdout))


def account_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def ensure_account(name: str, home: Path, comment: str = "", system: bool = False) -> pwd.struct_passwd:
    """The Unix account ``name``, made if missing (own group, no password, no login shell, home
    ``home``); its home is made if missing and closed to everyone else (0700)."""
    if not account_exists(name):
        home.parent.mkdir(parents=True, exist_ok=True)
        cmd = ["useradd", "--create-home", "--home-dir", str(home), "--shell", NO_LOGIN,
               "--user-group", "--comment", comment or name]
        if system:
            cmd.append("--system")
        done = subprocess.run([*cmd, name], capture_output=True, text=True)
        if done.returncode and not account_exists(name):
            raise AccountError(f"The Unix account {name!r} could not be made: {done.stderr.strip()}")
    entry = pwd.getpwnam(name)
    home_dir = Path(entry.pw_dir)
    if entry.pw_uid != 0 and home_dir != Path("/") and not home_dir.is_symlink():
        if not home_dir.exists():
            home_dir.mkdir(parents=True, mode=0o700)
            os.chown(home_dir, entry.pw_uid, entry.pw_gid)
        os.chmod(home_dir, 0o700)
    return entry


def ensure_learners(people: People, home_base: Path) -> list[str]:
    """A Unix account for each learner of ``people``; the names made now."""
    made = []
    for name, row in people.learners.items():
        if not account_exists(name):
            made.append(name)
        ensure_account(name, home_base / name, comment=f"course learner {row['id']}")
    return made


def remove_account(name: str) -> None:
    """Remove a Unix account, its group and its home (tests)."""
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    try:
        grp.getgrnam(name)
        subprocess.run(["groupdel", name], capture_output=True)
    except KeyError:
        pass


def give_to(root: Path, account: str, keep: tuple[Path, ...] = ()) -> None:
    """Make ``account`` the owner of everything under ``root`` except the folders in ``keep``
    (the hub's own, which stays root's); symbolic links are changed, never followed."""
    entry = pwd.getpwnam(account)
    kept = {os.path.realpath(p) for p in keep}
    for folder, dirs, files in os.walk(root):
        if os.path.realpath(folder) in kept:
            dirs[:] = []
            continue
        os.lchown(folder, entry.pw_uid, entry.pw_gid)
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(folder, d)) not in kept]
        for name in files:
            os.lchown(os.path.join(folder, name), entry.pw_uid, entry.pw_gid)
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                os.lchown(os.path.join(folder, name), entry.pw_uid, entry.pw_gid)


def main(argv: list[str] | None = None) -> int:
    """Print the hub's people (JSON) for ``course hub``, which runs this as the course account."""
    parser = argparse.ArgumentParser(prog="python -m course.hub.accounts")
    parser.add_argument("--root", required=True)
    args = parser.parse_args(argv)
    from ..layout import CourseLayout
    print(json.dumps(read_people(CourseLayout.at(args.root)).as_json()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
