"""A PostgreSQL server of the course's own, for a hub on one machine: Debian's ``initdb`` and ``pg_ctl``.

The server lives in one folder (``ROOT/hub/postgres`` for ``course hub``; a scratch folder for the
tests): its data, its log and its Unix socket. It listens on that socket only, never on a TCP port,
so only accounts that may enter the folder reach it: the account it runs as (the course account,
since PostgreSQL refuses to run as root) and root. Inside, the ``postgres`` role is trusted; the
folder's permissions (0700) are the lock.

``course hub`` keeps the data between starts; the tests turn durability off (``durable=False``),
their data being thrown away.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

PORT = 5432   # only names the socket file (.s.PGSQL.5432) inside the folder: no TCP
DATABASE = "course"


class DatabaseError(RuntimeError):
    """The server could not be set up or started; the message says what to do."""


def server_programs() -> Path | None:
    """The folder of the newest installed ``pg_ctl`` and ``initdb``, or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).resolve().parent / "initdb").exists():
        return Path(on_path).resolve().parent
    return None


class PostgresServer:
    """One server in ``folder``, run as ``account`` (None: the current user, which must not be root):
    :meth:`start`, :meth:`url`, :meth:`create_database`, :meth:`stop`."""

    def __init__(self, folder: Path, account: str | None = None, programs: Path | None = None,
                 durable: bool = True):
        self.programs = programs or server_programs()
        if self.programs is None:
            raise DatabaseError("PostgreSQL is not installed: run `make postgres` "
                                "(or `apt-get install postgresql`), then start again.")
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.log = self.folder / "log"
        self.account = account
        self.durable = durable
        self.socket_dir = self.folder
        if len(str(self.folder / f".s.PGSQL.{PORT}.lock")) > 100:   # a Unix socket's path has at most 107 bytes
            digest = hashlib.sha1(str(self.folder.resolve()).encode()).hexdigest()[:12]
            self.socket_dir = Path(tempfile.gettempdir()) / f"course-pg-{digest}"
        for folder in {self.folder, self.socket_dir}:
            folder.mkdir(parents=True, exist_ok=True)
            if self.account and os.geteuid() == 0:
                shutil.chown(folder, self.account, self.account if _has_group(self.account) else None)
            os.chmod(folder, 0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.programs / args[0]), *args[1:]]
        if self.account and os.geteuid() == 0:
            cmd = ["runuser", "-u", self.account, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd="/")
        if check and done.returncode:
            log = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
            raise DatabaseError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}{log}")
        return done

    @property
    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def running(self) -> bool:
        return self.initialised and self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def start(self) -> "PostgresServer":
        """Make the data folder if it is new, and start the server (unless it already runs)."""
        if not self.initialised:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C", *([] if self.durable else ["--no-sync"]))
        if self.running():
            return self
        options = f"-p {PORT} -k {self.socket_dir} -c listen_addresses=''"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")
        return self

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server (psycopg 3, over the folder's socket)."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={PORT}"

    def ensure_database(self, name: str = DATABASE) -> str:
        """The URL of database ``name``, created if missing."""
        admin = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with admin.connect() as conn:
                exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
                if not exists:
                    conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (``fast``: connections are closed, committed work is kept)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast" if self.durable else "immediate",
                      "-w", "stop", check=False)
        if self.socket_dir != self.folder:
            shutil.rmtree(self.socket_dir, ignore_errors=True)


def _has_group(name: str) -> bool:
    import grp
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False
