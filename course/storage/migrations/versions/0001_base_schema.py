"""The course tables as of commit 89f3314, before migrations existed.

A database made by that version has these tables and no
``course_alembic_version``; :func:`course.storage.migrate.upgrade` stamps it
at this revision. Never edit this file: add a revision instead.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner", sa.String(128), nullable=False, index=True),
        sa.Column("week", sa.String(128), nullable=False),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("graded_at", sa.DateTime, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("max_score", sa.Float),
        sa.Column("pending_points", sa.Float),
        sa.Column("problem", sa.Text),
        sa.Column("digest", sa.String(64)),
        sa.UniqueConstraint("learner", "week", "submitted_at", name="one_row_per_submission"),
    )
    op.create_table(
        "course_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("learner", sa.String(128), nullable=False, index=True),
        sa.Column("week", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("score", sa.String(32)),
        sa.Column("by", sa.String(128)),
    )
    op.create_table(
        "course_learners",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("added", sa.DateTime, nullable=False),
        sa.Column("name", sa.String(256)),
        sa.Column("country", sa.String(128)),
        sa.Column("language", sa.String(8)),
        sa.Column("mentor", sa.String(128)),
        sa.Column("in_roster", sa.Boolean, nullable=False),
    )
    op.create_table(
        "course_mentors",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("name", sa.String(256), nullable=False),
        sa.Column("languages", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in ("course_mentors", "course_learners", "course_events", "course_attempts"):
        op.drop_table(table)
