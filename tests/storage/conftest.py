"""Databases for the storage tests: SQLite files, and PostgreSQL when a server can start.

The PostgreSQL server is Debian's PostgreSQL 15, started once per test module
in a scratch folder on a free port (as the ``postgres`` user when the tests
run as root). When it cannot start, its tests are skipped, except on CI
(``CI`` set), where they fail: the PostgreSQL proof must really run there.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from servers import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _cannot(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is needed on CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")


def _run(cmd: list[str], as_postgres: bool) -> None:
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")


@pytest.fixture(scope="module")
def postgres_server():
    """The URL of a PostgreSQL 15 server of the test module's own (user postgres, no password)."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        _cannot("psycopg2 is not installed (pip install -e '.[test]')")
    as_root = os.geteuid() == 0
    if not (PG_BIN / "initdb").exists() and as_root and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "postgresql"], capture_output=True, timeout=600)
    if not (PG_BIN / "initdb").exists():
        _cannot(f"{PG_BIN / 'initdb'} is missing (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="course-postgres-"))
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    try:
        _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
              "-E", "UTF8", "--no-sync"], as_root)
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60",
              "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -F", "start"], as_root)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        shutil.rmtree(folder, ignore_errors=True)
        _cannot(str(e))
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_root)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database: a SQLite file, or a new database on the module's PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'gradebook.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"course_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield server.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()
