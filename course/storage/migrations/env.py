"""Alembic environment for the course tables (not nbgrader's: those have their own).

Run by :func:`course.storage.migrate.upgrade` with an open connection in
``config.attributes["connection"]``, or by the ``alembic`` command line from
the repository root with ``-x url=DATABASE_URL`` (see ``migrate.py``).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from course.storage.migrate import VERSION_TABLE
from course.storage.tables import metadata

config = context.config


def course_tables_only(name, type_, parent_names) -> bool:
    """Autogenerate compares the course's tables only, never nbgrader's in the same database."""
    return type_ != "table" or name in metadata.tables


OPTIONS = dict(target_metadata=metadata, version_table=VERSION_TABLE,
               include_name=course_tables_only, render_as_batch=True, compare_type=True)


def database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("Name the database: alembic -x url=sqlite:///path/to/gradebook.db ...")
    return url


def run_offline() -> None:
    context.configure(url=database_url(), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_online(connection: sa.Connection) -> None:
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
elif config.attributes.get("connection") is not None:
    run_online(config.attributes["connection"])
else:
    engine = sa.create_engine(database_url(), poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        run_online(conn)
        conn.commit()
