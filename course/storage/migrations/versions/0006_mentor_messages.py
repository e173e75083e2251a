"""A mentor's words to learners: course_messages and course_comment_snippets.

``course_messages``: a mentor's reply to a learner's question (with the week,
lesson and question it answers) or a short note, published to the learner's
course home. ``course_comment_snippets``: comments a mentor reuses in the
marking queue.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("week", sa.String(128)),
        sa.Column("lesson", sa.String(255)),
        sa.Column("question", sa.Text),
        sa.Column("asked_at", sa.DateTime),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.String(128)),
    )
    op.create_index("ix_course_messages_learner", "course_messages", ["learner"])
    op.create_table(
        "course_comment_snippets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mentor", sa.String(128), nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("added", sa.DateTime, nullable=False),
        sa.UniqueConstraint("mentor", "text", name="uq_course_comment_snippets_mentor_text"),
    )


def downgrade() -> None:
    op.drop_table("course_comment_snippets")
    op.drop_index("ix_course_messages_learner", "course_messages")
    op.drop_table("course_messages")
