"""Sessions carry their own clocks (started, last seen) for idle and absolute timeouts; per-address
request counts for rate limits.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_sessions") as batch:
        batch.add_column(sa.Column("started", sa.Float, nullable=True))
        batch.add_column(sa.Column("last_seen", sa.Float, nullable=True))
    now = time.time()  # sessions open at the upgrade count from it: nobody is signed out by it
    op.execute(sa.text("UPDATE user_sessions SET started = :now, last_seen = :now").bindparams(now=now))
    with op.batch_alter_table("user_sessions") as batch:
        batch.alter_column("started", existing_type=sa.Float, nullable=False)
        batch.alter_column("last_seen", existing_type=sa.Float, nullable=False)
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("started", sa.Float, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
    with op.batch_alter_table("user_sessions") as batch:
        batch.drop_column("last_seen")
        batch.drop_column("started")
