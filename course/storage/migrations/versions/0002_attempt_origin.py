"""Where a submission came from: course_attempts.entry and .submitted_by.

``entry`` is the exchange inbound folder name the submission was collected
from; ``submitted_by`` the account the exchange says handed it in. Both are
empty for attempts recorded before this revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("course_attempts") as batch:
        batch.add_column(sa.Column("entry", sa.String(255), nullable=True))
        batch.add_column(sa.Column("submitted_by", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("course_attempts") as batch:
        batch.drop_column("submitted_by")
        batch.drop_column("entry")
