"""The grading queue: course_grading_queue, the submissions grading workers take (PostgreSQL).

One row per exchange inbound folder found by a scan; workers claim rows with
``SELECT ... FOR UPDATE SKIP LOCKED`` (see ``course/grading/workers.py``).
SQLite databases get the table too, and leave it empty.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_grading_queue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry", sa.String(255), nullable=False),
        sa.Column("learner", sa.String(128), nullable=False),
        sa.Column("week", sa.String(128), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("worker", sa.String(255)),
        sa.Column("taken_at", sa.DateTime),
        sa.Column("done_at", sa.DateTime),
        sa.Column("problem", sa.Text),
        sa.UniqueConstraint("entry", name="uq_course_grading_queue_entry"),
    )
    op.create_index("ix_course_grading_queue_week_state", "course_grading_queue", ["week", "state"])


def downgrade() -> None:
    op.drop_index("ix_course_grading_queue_week_state", table_name="course_grading_queue")
    op.drop_table("course_grading_queue")
