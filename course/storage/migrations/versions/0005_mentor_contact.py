"""How learners reach their mentor: course_mentors.contact.

An e-mail address, a web address or a short sentence ("WhatsApp group of the
cohort"), from the optional ``contact`` column of ``mentors.csv``; shown on
each of the mentor's learners' course home. Empty for mentors imported before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("course_mentors") as batch:
        batch.add_column(sa.Column("contact", sa.String(256), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("course_mentors") as batch:
        batch.drop_column("contact")
