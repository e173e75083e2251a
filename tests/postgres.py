"""A throwaway PostgreSQL server for the tests: Debian's ``initdb`` and ``pg_ctl`` in a scratch folder
(the server of a one-machine hub, ``course/hub/database.py``, with its data thrown away).

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
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from course.hub import database
from course.hub.database import PORT, server_programs  # noqa: F401 (tests import them from here)


class PostgresServer(database.PostgresServer):
    """One throwaway server in a scratch folder (``course/hub/database.py``'s, with durability off):
    :meth:`start`, :meth:`url`, :meth:`create_database`, :meth:`stop` (which removes the folder)."""

    def __init__(self, programs: Path):
        account = None
        if os.geteuid() == 0:
            account = "postgres" if _exists("postgres") else "nobody"
        super().__init__(Path(tempfile.mkdtemp(prefix="course-pg-")), account=account, programs=programs,
                         durable=False)

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
            super().stop()
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
