"""A throwaway PostgreSQL server for the tests: Debian's ``initdb`` and ``pg_ctl`` in a scratch folder.

The server listens on a Unix socket inside that folder and on no TCP port, so a
test can only ever reach its own server, never one that happens to be running
on the machine. As root it runs as the ``postgres`` account the package
creates (else ``nobody``): PostgreSQL refuses to run as root. Durability is off
(``fsync``, ``synchronous_commit``): the data is thrown away afterwards.

Tests that need it are skipped, saying why, only when ``pg_ctl`` is not
installed (``make test`` installs it: ``scripts/install-postgres.sh``); on CI
(``CI`` set) they fail instead. A server that is installed but will not start
is a failure, with its log.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

PORT = 5432   # only names the socket file (.s.PGSQL.5432) inside the scratch folder: no TCP


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
    """One server in its own folder: :meth:`start`, :meth:`url`, :meth:`create_database`, :meth:`stop`."""

    def __init__(self, programs: Path):
        self.programs = programs
        self.folder = Path(tempfile.mkdtemp(prefix="course-pg-"))
        self.data = self.folder / "data"
        self.account = None
        if os.geteuid() == 0:
            self.account = "postgres" if _exists("postgres") else "nobody"
            shutil.chown(self.folder, self.account)

    def _run(self, *args: str) -> None:
        cmd = [str(self.programs / args[0]), *args[1:]]
        if self.account:
            cmd = ["runuser", "-u", self.account, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        if done.returncode:
            log = self.folder / "log"
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}"
                               + (log.read_text() if log.exists() else ""))

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = (f"-p {PORT} -k {self.folder} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60",
                  "-o", options, "start")
        return self

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server (psycopg 3, over the folder's socket)."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={PORT}"

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"course_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        admin.dispose()
        return self.url(name)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _exists(account: str) -> bool:
    try:
        pwd.getpwnam(account)
        return True
    except KeyError:
        return False


def require_programs() -> Path:
    """The server programs, or skip (fail on CI) saying how to install them."""
    programs = server_programs()
    if programs is None:
        why = "pg_ctl is not installed (make postgres, or apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is needed on CI: {why}")
        pytest.skip(why)
    return programs


@pytest.fixture(scope="module")
def postgres_server():
    """A PostgreSQL server of the test module's own, stopped and removed after it."""
    server = PostgresServer(require_programs())
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of a new, empty database on the module's server."""
    return postgres_server.create_database()
