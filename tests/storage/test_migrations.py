"""The course tables' migrations: old databases, new ones, current ones, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import os
import sys
import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from course.storage import Ledger, SchemaError, metadata, upgrade
from course.storage.migrate import BASE, VERSION_TABLE, head

COURSE_TABLES = {"course_attempts", "course_events", "course_learners", "course_mentors", "course_live_chats",
                 "course_grading_queue", "course_messages", "course_comment_snippets"}

# The course tables exactly as commit 89f3314 created them (metadata.create_all), per dialect.
SCHEMA_89F3314 = {
    "sqlite": """
CREATE TABLE course_attempts (
	id INTEGER NOT NULL,
	learner VARCHAR(128) NOT NULL,
	week VARCHAR(128) NOT NULL,
	submitted_at DATETIME NOT NULL,
	graded_at DATETIME NOT NULL,
	score FLOAT,
	max_score FLOAT,
	pending_points FLOAT,
	problem TEXT,
	digest VARCHAR(64),
	PRIMARY KEY (id),
	CONSTRAINT one_row_per_submission UNIQUE (learner, week, submitted_at)
);
CREATE INDEX ix_course_attempts_learner ON course_attempts (learner);
CREATE TABLE course_events (
	id INTEGER NOT NULL,
	at DATETIME NOT NULL,
	learner VARCHAR(128) NOT NULL,
	week VARCHAR(128) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	cause TEXT NOT NULL,
	score VARCHAR(32),
	"by" VARCHAR(128),
	PRIMARY KEY (id)
);
CREATE INDEX ix_course_events_learner ON course_events (learner);
CREATE TABLE course_learners (
	id VARCHAR(128) NOT NULL,
	added DATETIME NOT NULL,
	name VARCHAR(256),
	country VARCHAR(128),
	language VARCHAR(8),
	mentor VARCHAR(128),
	in_roster BOOLEAN NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE course_mentors (
	id VARCHAR(128) NOT NULL,
	name VARCHAR(256) NOT NULL,
	languages VARCHAR(64) NOT NULL,
	PRIMARY KEY (id)
);
""",
    "postgresql": """
CREATE TABLE course_attempts (
	id SERIAL NOT NULL,
	learner VARCHAR(128) NOT NULL,
	week VARCHAR(128) NOT NULL,
	submitted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	graded_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	score FLOAT,
	max_score FLOAT,
	pending_points FLOAT,
	problem TEXT,
	digest VARCHAR(64),
	PRIMARY KEY (id),
	CONSTRAINT one_row_per_submission UNIQUE (learner, week, submitted_at)
);
CREATE INDEX ix_course_attempts_learner ON course_attempts (learner);
CREATE TABLE course_events (
	id SERIAL NOT NULL,
	at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	learner VARCHAR(128) NOT NULL,
	week VARCHAR(128) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	cause TEXT NOT NULL,
	score VARCHAR(32),
	by VARCHAR(128),
	PRIMARY KEY (id)
);
CREATE INDEX ix_course_events_learner ON course_events (learner);
CREATE TABLE course_learners (
	id VARCHAR(128) NOT NULL,
	added TIMESTAMP WITHOUT TIME ZONE NOT NULL,
	name VARCHAR(256),
	country VARCHAR(128),
	language VARCHAR(8),
	mentor VARCHAR(128),
	in_roster BOOLEAN NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE course_mentors (
	id VARCHAR(128) NOT NULL,
	name VARCHAR(256) NOT NULL,
	languages VARCHAR(64) NOT NULL,
	PRIMARY KEY (id)
);
""",
}

OLD_ROWS = """
INSERT INTO course_learners (id, added, name, country, language, mentor, in_roster)
    VALUES ('hadi', '2026-11-02 09:00:00', 'Hadi', 'Lebanon', 'ar', 'm_sami', TRUE);
INSERT INTO course_learners (id, added, in_roster) VALUES ('solo', '2026-11-03 09:00:00', FALSE);
INSERT INTO course_mentors (id, name, languages) VALUES ('m_sami', 'Sami', 'ar,en');
INSERT INTO course_attempts (learner, week, submitted_at, graded_at, score, max_score, pending_points, digest)
    VALUES ('hadi', 'week1_facebook', '2026-11-10 10:00:00', '2026-11-10 10:05:00', 24, 30, 0, 'abc');
INSERT INTO course_attempts (learner, week, submitted_at, graded_at, problem)
    VALUES ('solo', 'week1_facebook', '2026-11-11 10:00:00', '2026-11-11 10:05:00', 'not a notebook');
INSERT INTO course_events (at, learner, week, kind, cause, score)
    VALUES ('2026-11-10 10:05:00', 'hadi', 'week2_groups_pages', 'unlock', 'passed week1_facebook', '24/30');
INSERT INTO course_events (at, learner, week, kind, cause, "by")
    VALUES ('2026-11-12 08:00:00', 'solo', 'week2_groups_pages', 'override', 'checked by hand', 'm_sami');
"""


def run_sql(url: str, script: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        for statement in filter(str.strip, script.split(";")):
            conn.exec_driver_sql(statement)
    engine.dispose()


def old_database(url: str) -> None:
    """A gradebook database as 89f3314 left it: its four tables, a few rows, no version table."""
    run_sql(url, SCHEMA_89F3314[sa.make_url(url).get_backend_name()] + OLD_ROWS)


def snapshot(url: str) -> dict:
    """Everything a migration could change: tables, columns, indexes, constraints, rows, version."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        shot = {}
        for table in sorted(inspector.get_table_names()):
            rows = conn.execute(sa.text(f"SELECT * FROM {table}")).all()
            shot[table] = dict(
                columns=[(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
                indexes=sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table)),
                unique=sorted((u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)),
                rows=sorted(map(repr, rows)))
    engine.dispose()
    return shot


def version(url: str) -> list[str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        found = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    engine.dispose()
    return found


def differences_from_tables_py(url: str) -> list:
    """What Alembic's autogenerate would change to make the course tables equal tables.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parents: type_ != "table" or name in metadata.tables})
        diffs = compare_metadata(context, metadata)
    engine.dispose()
    return diffs


def test_a_database_from_before_migrations_keeps_its_rows_and_reaches_the_newest_schema(db_url):
    """Does a gradebook made by 89f3314 (no version table) upgrade with every row kept, the new
    columns present and empty, the version at head, and the Ledger reading the old rows?"""
    old_database(db_url)
    before = snapshot(db_url)

    upgrade(db_url)

    after = snapshot(db_url)
    assert version(db_url) == [head()]
    assert differences_from_tables_py(db_url) == []
    for table in COURSE_TABLES & set(before):
        assert after[table]["rows"] == before[table]["rows"] or table in ("course_attempts", "course_mentors")
    # a mentor keeps every value, with an empty contact (added by 0005)
    assert after["course_mentors"]["rows"] == [row[:-1] + ", '')" for row in before["course_mentors"]["rows"]]
    ledger = Ledger(db_url)
    try:
        attempts = ledger.attempts()
        assert [(a["learner"], a["score"], a["problem"], a["digest"]) for a in attempts] == [
            ("hadi", 24.0, None, "abc"), ("solo", None, "not a notebook", None)]
        assert all(a["entry"] is None and a["submitted_by"] is None for a in attempts)
        assert [(e["learner"], e["kind"], e["by"]) for e in ledger.events()] == [
            ("hadi", "unlock", None), ("solo", "override", "m_sami")]
        assert ledger.roster()["hadi"]["mentor"] == "m_sami"
        assert ledger.learners() == ["hadi", "solo"]
        assert ledger.mentors()["m_sami"]["languages"] == "ar,en"
        records = ledger.records({})
        assert records["hadi"].attempts[0].score == 24.0
        assert records["solo"].overrides[0].by == "m_sami"
    finally:
        ledger.close()


def test_a_new_database_gets_every_table_at_head(db_url):
    """Does an empty database get every course table, exactly as tables.py defines them, at head
    (and no nbgrader version table)?"""
    upgrade(db_url)
    tables = set(snapshot(db_url))
    assert tables == COURSE_TABLES | {VERSION_TABLE}
    assert version(db_url) == [head()]
    assert differences_from_tables_py(db_url) == []


def test_upgrading_twice_changes_nothing_and_costs_one_query(db_url):
    """Once a database is at head, does another upgrade change nothing, with a single query?"""
    old_database(db_url)
    upgrade(db_url)
    before = snapshot(db_url)
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    statements = []
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    upgrade(engine)
    engine.dispose()
    assert snapshot(db_url) == before
    assert len(statements) == 1, statements


OPEN_WHEN_TOLD = """
import pathlib, sys, time
folder, url, me = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
from course.storage import upgrade
(folder / f"ready-{me}").touch()
while not (folder / "go").exists():
    time.sleep(0.01)
upgrade(url)
"""


def test_two_processes_opening_a_new_database_at_once_both_succeed(db_url, tmp_path):
    """Do two processes upgrading an empty database at the same moment both succeed, the
    tables made once (the second waits for the first's lock)?"""
    children = [subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, str(tmp_path), db_url, str(n)],
                                 stderr=subprocess.PIPE, text=True) for n in range(2)]
    while not all((tmp_path / f"ready-{n}").exists() for n in range(2)):
        assert all(c.poll() is None for c in children), [c.communicate()[1] for c in children]
        time.sleep(0.01)
    (tmp_path / "go").touch()
    errors = [c.communicate(timeout=120)[1] for c in children]
    assert [c.returncode for c in children] == [0, 0], errors
    assert version(db_url) == [head()]


def test_ledger_stores_where_a_submission_came_from(db_url):
    """Does record_attempt keep entry and submitted_by, and keep them when the attempt is
    recorded again without them (a regrade)?"""
    ledger = Ledger(db_url)
    try:
        at = dt.datetime(2026, 11, 10, 10, 0)
        ledger.record_attempt("hadi", "week1_facebook", at, score=20, max_score=30,
                              entry="hadi+week1_facebook+2026-11-10 10:00:00 UTC+abc", submitted_by="hadi")
        ledger.record_attempt("hadi", "week1_facebook", at, score=25, max_score=30)
        (row,) = ledger.attempts()
        assert (row["score"], row["entry"], row["submitted_by"]) == (
            25, "hadi+week1_facebook+2026-11-10 10:00:00 UTC+abc", "hadi")
    finally:
        ledger.close()


def test_the_course_version_table_leaves_nbgraders_alone(tmp_path, monkeypatch):
    """Do nbgrader's gradebook and the course tables share a database, each with its own
    Alembic version, neither touching the other's?"""
    from nbgrader.api import Gradebook
    # nbgrader runs the `alembic` command to learn its own version: find the one beside Python.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url):
        pass
    nbgrader_version = snapshot(url)["alembic_version"]
    Ledger(url).close()
    with Gradebook(url):
        pass
    assert snapshot(url)["alembic_version"] == nbgrader_version
    assert version(url) == [head()]


def test_course_tables_without_version_that_are_not_the_base_schema_are_refused(tmp_path):
    """Are unversioned course tables that differ from revision 0001 refused, naming the difference,
    rather than stamped and broken?"""
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    run_sql(url, SCHEMA_89F3314["sqlite"].replace("\tdigest VARCHAR(64),\n", ""))
    with pytest.raises(SchemaError, match="course_attempts lacks digest"):
        upgrade(url)
    assert VERSION_TABLE not in snapshot(url)


def test_a_database_from_a_newer_course_version_is_refused(tmp_path):
    """Does a database at a revision this code does not know fail with a clear message?"""
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    upgrade(url)
    run_sql(url, f"UPDATE {VERSION_TABLE} SET version_num = '9999'")
    with pytest.raises(SchemaError, match="revision 9999, which this version of the course does not know"):
        upgrade(url)


def test_head_is_the_newest_of_one_linear_chain_of_revisions():
    """Is head() (read from file names) Alembic's own single head, each file named by its
    revision id, and is the base revision 0001?"""
    from alembic.script import ScriptDirectory
    from course.storage.migrate import alembic_config
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [head()]
    chain = list(scripts.walk_revisions())
    assert chain[-1].revision == BASE and chain[-1].down_revision is None
    for script in chain:
        assert script.path.rsplit("/", 1)[-1].startswith(script.revision + "_")
