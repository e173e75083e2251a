"""Databases for the storage tests: SQLite files, and PostgreSQL on a server of the module's own.

The PostgreSQL server is Debian's, started once per test module in a scratch
folder (tests/postgres.py); its tests are skipped only when PostgreSQL is not
installed, and fail on CI then.
"""
from __future__ import annotations

import pytest

from postgres import postgres_server  # noqa: F401  (a fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database: a SQLite file, or a new database on the module's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gradebook.db'}"
    return request.getfixturevalue("postgres_server").create_database()
