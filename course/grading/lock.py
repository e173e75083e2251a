"""One grading run at a time per course, and never a hang behind a run that died.

The lock is an ``flock`` on ``grading/.grading.lock``: the kernel releases it
when its holder dies, even by ``kill -9``, and grading starts no worker
processes that could inherit it. The holder writes its process id into the
file, so a second run can say whom it is waiting for, and a lock file left
by a run that died is simply taken over, with a message.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import sys


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def grading_lock(layout, say=None):
    """Hold the course's grading lock; wait (saying so) while another live run holds it."""
    say = say or (lambda text: print(text, file=sys.stderr))
    layout.grading.mkdir(parents=True, exist_ok=True)
    path = layout.grading / ".grading.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            say(f"Another grading run (process {holder or '?'}) is working on this course; "
                "waiting for it to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            holder = _holder(fd)
            if holder and holder != os.getpid() and not _alive(holder):
                say(f"The grading run of process {holder} stopped before it finished; taking over its lock. "
                    "Nothing it recorded is lost, and what it left unfinished is graded now.")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


