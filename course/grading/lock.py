"""One grading run at a time per course, and never a hang behind a run that died.

The lock is an ``flock`` on ``grading/.grading.lock``: the kernel releases it
when its holder dies, even by ``kill -9``, and grading starts no worker
processes that could inherit it. The holder writes its process id into the
file, so a second run can say whom it is waiting for, and a lock file left
by a run that died is simply taken over, with a message.

With the gradebook in PostgreSQL (hub mode) runs may be on several machines,
so the lock is also a PostgreSQL advisory lock of the course, held on a
connection of its own: the server drops it when its holder's connection
dies. Grading workers hold it only to set up and to publish, never while
they grade (see :mod:`course.grading.workers`).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sys

import sqlalchemy as sa


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
            with _database_lock(layout, say):
                yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _database_lock(layout, say):
    """The course's advisory lock in PostgreSQL (nothing to do for SQLite, which is on this machine)."""
    url = sa.make_url(layout.db_url)
    if url.get_backend_name() != "postgresql":
        yield
        return
    key = int.from_bytes(hashlib.sha256(f"course grading {layout.course_id}".encode()).digest()[:8],
                         "big", signed=True)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            if not conn.execute(sa.select(sa.func.pg_try_advisory_lock(key))).scalar():
                say("Another grading run of this course (perhaps on another machine) is setting up or "
                    "publishing; waiting for it…")
                conn.execute(sa.select(sa.func.pg_advisory_lock(key)))
            conn.commit()          # the lock is the session's: it outlives the transaction
            try:
                yield
            finally:
                conn.execute(sa.select(sa.func.pg_advisory_unlock(key)))
                conn.commit()
    finally:
        engine.dispose()


def _holder(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


