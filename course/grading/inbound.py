"""The exchange's inbound folder, read as untrusted input.

Everything in inbound was written by a learner, who may have edited any of
it. So nothing there is believed: *who* handed a submission in comes from the
account that owns it (what the exchange knows), not from the name of its
folder; *when* comes from the files' change times (``st_ctime``, which no
user can set back), never from ``timestamp.txt``; and a submission is copied
only when every path in it is a plain file or folder (no symlink, hard link,
FIFO or device) within the size and file-count limits.
"""
from __future__ import annotations

import datetime as dt
import os
import pwd
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .reason import Reason, reason

NAME = re.compile(r"^(?P<learner>[A-Za-z0-9_.@-]+)\+(?P<week>[A-Za-z0-9_.-]+)\+(?P<stamp>[^+/]+)(\+[A-Za-z0-9_-]*)?$")
MAX_BYTES = 20 * 1024 * 1024      # what `course submit` allows (nbgrader's max_dir_size)
MAX_FILES = 200


@dataclass(frozen=True)
class Entry:
    """One folder in inbound: a submission as the exchange holds it."""
    path: Path
    learner: str            # the id it claims; checked against its owner by ``submitter_problem``
    week: str
    owner: str              # the account that owns the folder
    received_at: dt.datetime    # naive UTC, from change times: a learner can only make it later
    problem: Reason | None = None  # why it cannot be taken (unsafe or too big), or None

    @property
    def name(self) -> str:
        return self.path.name


def _account(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _utc(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).replace(tzinfo=None)


def scan(inbound: Path, week: str) -> list[Entry]:
    """Every submission of ``week`` in ``inbound``, newest last, each inspected (never followed)."""
    try:
        names = os.listdir(inbound)
    except FileNotFoundError:
        return []
    out = [entry for entry in (find(inbound, name, week) for name in names) if entry is not None]
    return sorted(out, key=lambda e: (e.received_at, e.name))


def find(inbound: Path, name: str, week: str) -> Entry | None:
    """The submission of ``week`` in the inbound folder ``name``, inspected now (never followed);
    None when there is none by that name."""
    m = NAME.match(name)
    if not m or m["week"] != week:
        return None
    path = inbound / name
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    owner = _account(info.st_uid)
    if not stat.S_ISDIR(info.st_mode):
        return Entry(path, m["learner"], week, owner, _utc(info.st_ctime), reason("not_a_folder"))
    newest, problem = _inspect(path, info)
    return Entry(path, m["learner"], week, owner, _utc(newest), problem)


def _inspect(folder: Path, info: os.stat_result) -> tuple[float, Reason | None]:
    """The newest change time under ``folder`` and the first reason it is unsafe, if any."""
    newest, total, count = info.st_ctime, 0, 0
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = os.path.join(parent, name)
            relative = os.path.relpath(path, folder)
            st = os.lstat(path)
            newest = max(newest, st.st_ctime)
            if stat.S_ISLNK(st.st_mode):
                return newest, reason("link", path=relative)
            if stat.S_ISDIR(st.st_mode):
                continue
            if not stat.S_ISREG(st.st_mode):
                return newest, reason("special_file", path=relative)
            if st.st_nlink > 1:
                return newest, reason("hard_link", path=relative)
            total += st.st_size
            count += 1
    if total > MAX_BYTES:
        return newest, reason("too_big", size=f"{total / 1024 / 1024:.0f}", limit=MAX_BYTES // 1024 // 1024)
    if count > MAX_FILES:
        return newest, reason("too_many_files", count=count, limit=MAX_FILES)
    return newest, None


def submitter_problem(entry: Entry, course_account: str) -> Reason | None:
    """Why the owner of ``entry`` may not hand in under the name it carries, or None.

    The course's own account (solo mode, ``course submit`` run by the course)
    may hand in for anyone; any other account only under its own name."""
    if entry.owner in (course_account, entry.learner):
        return None
    return reason("other_account", owner=repr(entry.owner), learner=repr(entry.learner))


def copy_safely(entry: Entry, destination: Path) -> None:
    """Copy ``entry`` to ``destination`` (replacing it) without following any link.

    The copy is made beside the destination and renamed into place, so an
    interrupted copy is never mistaken for a finished one."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    for left in destination.parent.glob(".collecting-*"):      # a copy a killed run left unfinished
        shutil.rmtree(left, ignore_errors=True)
    for left in destination.parent.glob(f".replaced-{destination.name}-*"):
        shutil.rmtree(left, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".collecting-", dir=destination.parent))
    try:
        for parent, dirs, files in os.walk(entry.path, followlinks=False):
            target_dir = staging / os.path.relpath(parent, entry.path)
            target_dir.mkdir(parents=True, exist_ok=True)
            for name in files:
                _copy_file(os.path.join(parent, name), target_dir / name)
        if destination.exists():
            old = destination.with_name(f".replaced-{destination.name}-{os.getpid()}")
            os.replace(destination, old)
            os.replace(staging, destination)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, destination)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _copy_file(source: str, target: Path) -> None:
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{source} is not an ordinary file")
        with os.fdopen(fd, "rb", closefd=False) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    finally:
        os.close(fd)
    os.chmod(target, 0o600)
