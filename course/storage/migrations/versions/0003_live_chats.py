"""Live chats as data: course_live_chats.

One row per scheduled chat: week, start (naive UTC), the IANA time zone it
was planned in, minutes, topic in English and Arabic, link, who added it and
when. A removed chat keeps its row (``removed`` set), so the syllabus's chats
seed an empty table once and never come back after a mentor removed them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_live_chats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("week", sa.String(128), nullable=False),
        sa.Column("starts", sa.DateTime, nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("topic_en", sa.Text, nullable=False),
        sa.Column("topic_ar", sa.Text, nullable=False),
        sa.Column("link", sa.Text),
        sa.Column("added", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(128)),
        sa.Column("removed", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("course_live_chats")
