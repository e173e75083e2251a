"""Bring the course tables of a database to the newest schema (Alembic, run from code).

:func:`upgrade` runs each time a :class:`~course.storage.Ledger` opens. It
handles three kinds of database:

- brand new (no course table): every migration runs, creating the tables;
- made before migrations existed (the course tables of commit 89f3314, no
  ``course_alembic_version``): stamped at the base revision ``0001``, which
  is that schema, then upgraded;
- already at the newest revision: one query, nothing else.

The version is kept in ``course_alembic_version``, never in nbgrader's
``alembic_version``: nbgrader migrates its own gradebook tables in the same
database. Upgrades hold a lock (``BEGIN IMMEDIATE`` on SQLite, an advisory
lock on PostgreSQL), so two processes opening a new database do not both
create the tables.

Adding a migration (revision ids are numbered ``0001``, ``0002`` ...; the
file name starts with the id, which is how :func:`head` finds the newest):

1. change :mod:`course.storage.tables`;
2. from the repository root (``pyproject.toml``'s ``[tool.alembic]`` names the
   script location, ``course/storage/migrations``), on a scratch database at
   the current head::

       python -c "from course.storage import upgrade; upgrade('sqlite:////tmp/scratch.db')"
       alembic -x url=sqlite:////tmp/scratch.db revision --autogenerate --rev-id 0003 -m "what changes"

   (or without ``--autogenerate`` and ``-x``, to write the operations by hand);
3. review ``course/storage/migrations/versions/0003_*.py`` (use
   ``op.batch_alter_table`` to alter a table, so SQLite works), and run
   ``pytest tests/storage``.
"""
from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

VERSION_TABLE = "course_alembic_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASE = "0001"   # the schema of commit 89f3314, the last one without migrations
BASE_TABLES = ("course_attempts", "course_events", "course_learners", "course_mentors")


class SchemaError(RuntimeError):
    """The course tables are in a state no migration starts from."""


def head() -> str:
    """The newest revision id: the highest numbered file in ``migrations/versions``."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current(engine: sa.Engine) -> str | None:
    """The database's course revision, or None when it has no version table."""
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    except sa.exc.DBAPIError:
        return None


def upgrade(db_url: str | sa.Engine) -> None:
    """Bring the course tables at ``db_url`` (a database URL or an Engine) to the newest revision."""
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool) if isinstance(db_url, str) else db_url
    try:
        if current(engine) == head():
            return
        with _migration_lock(engine) as conn:
            _to_head(conn)
    finally:
        if engine is not db_url:
            engine.dispose()


def alembic_config(connection: sa.Connection | None = None):
    """The Alembic configuration of the course tables, built in code (no alembic.ini)."""
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _to_head(conn: sa.Connection) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory
    config = alembic_config(conn)
    known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    names = set(sa.inspect(conn).get_table_names())
    if VERSION_TABLE in names:
        found = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
        unknown = [v for v in found if v not in known]
        if unknown:
            raise SchemaError(
                f"The course tables are at revision {', '.join(unknown)}, which this version of the "
                f"course does not know (newest known: {head()}): the database was upgraded by a newer "
                "version. Install that version of the course.")
    elif names & set(BASE_TABLES):
        _check_base_schema(conn, names)
        command.stamp(config, BASE)
    command.upgrade(config, "head")


def _check_base_schema(conn: sa.Connection, names: set[str]) -> None:
    """Refuse to stamp course tables that are not exactly the base revision's."""
    expected = _base_columns()
    inspector = sa.inspect(conn)
    problems = []
    for table, columns in expected.items():
        if table not in names:
            problems.append(f"table {table} is missing")
            continue
        found = {c["name"] for c in inspector.get_columns(table)}
        if columns - found:
            problems.append(f"{table} lacks {', '.join(sorted(columns - found))}")
        if found - columns:
            problems.append(f"{table} has unexpected {', '.join(sorted(found - columns))}")
    if problems:
        raise SchemaError(
            "The course tables have no version and are not the schema migrations start from "
            f"(revision {BASE}): " + "; ".join(problems) + ". Upgrade them by hand, then stamp them: "
            f"alembic -x url=DATABASE_URL stamp REVISION.")


def _base_columns() -> dict[str, set[str]]:
    """Each base table's columns, read from the base revision itself (built in memory)."""
    from alembic import command
    engine = sa.create_engine("sqlite://")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BASE)
        inspector = sa.inspect(conn)
        return {t: {c["name"] for c in inspector.get_columns(t)} for t in BASE_TABLES}


@contextlib.contextmanager
def _migration_lock(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One transaction that no other process's upgrade runs beside."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # pysqlite begins no transaction before DDL: take the write lock ourselves.
        locked = sa.create_engine(url, poolclass=sa.pool.NullPool,
                                  connect_args={"timeout": 30, "isolation_level": None})
        sa.event.listen(locked, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        try:
            with locked.begin() as conn:
                yield conn
        finally:
            locked.dispose()
        return
    with engine.begin() as conn:
        if url.get_backend_name() == "postgresql":
            key = int.from_bytes(hashlib.sha256(VERSION_TABLE.encode()).digest()[:4], "big")
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        yield conn
