"""Jobs keep their input and result as JSON text, never pickles: unpickling what the table holds ran
whatever an UPDATE put there (issue 18). Jobs are transient (kept a day), so the pickled ones are dropped
rather than converted: a check waiting to be published is uploaded again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM jobs")  # never read a pickle again, not even to convert it
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("input")
        batch.drop_column("result")
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("input", sa.Text, nullable=True))
        batch.add_column(sa.Column("result", sa.Text, nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM jobs")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("input")
        batch.drop_column("result")
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("input", sa.LargeBinary, nullable=True))
        batch.add_column(sa.Column("result", sa.LargeBinary, nullable=True))
