"""SQLite settings for a gradebook that one grader writes while mentors and learners read.

Write-ahead logging lets the formgrader and ``course progress`` read while a
grading run writes, and ``synchronous=NORMAL`` makes a commit cost no disk
flush (a commit survives a crash of the program; only a power cut can lose
the newest one, which the next grading run then redoes). PostgreSQL is left
as it is.
"""
from __future__ import annotations

import sqlalchemy as sa


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
    finally:
        cursor.close()


def tune(engine: sa.engine.Engine) -> sa.engine.Engine:
    """Apply the settings to every new connection of ``engine`` (SQLite only); returns it."""
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _on_connect):
        sa.event.listen(engine, "connect", _on_connect)
        engine.dispose()          # connections opened before now get the settings when reopened
    return engine
