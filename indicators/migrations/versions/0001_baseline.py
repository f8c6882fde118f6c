"""Baseline: the tables as they were before migrations, each created only if it is missing.

A store made before migrations existed already has some or all of them (``users`` and
``app_secrets`` appear once someone signs in), so this migration is how such a store is
recognised and stamped: what it has is kept as it is, what it lacks is added, and the later
migrations convert it like any other. An empty database gets them all.

Revision ID: 0001
Revises:
Create Date: 2025-01-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> list[tuple[str, list, list[tuple[str, list[str]]]]]:
    """(name, columns, indexes) of each table as the program created them before migrations."""
    return [
        ("revisions", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("user", sa.String(100), nullable=False),
            sa.Column("filename", sa.String(255), nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("size_bytes", sa.Integer, nullable=False),
            sa.Column("content", sa.LargeBinary, nullable=False),
            sa.Column("parent_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=True),
            sa.Column("mode", sa.String(20), nullable=False),
            sa.Column("n_observations", sa.Integer, nullable=False),
            sa.Column("n_targets", sa.Integer, nullable=False),
            sa.Column("n_in_file", sa.Integer, nullable=False),
            sa.Column("n_added", sa.Integer, nullable=False),
            sa.Column("n_changed", sa.Integer, nullable=False),
            sa.Column("comment", sa.Text, nullable=False),
        ], []),
        ("observations", [
            sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
            sa.Column("code", sa.String(64), nullable=False),
            sa.Column("year", sa.Integer, nullable=False),
            sa.Column("region", sa.String(100), nullable=False),
            sa.Column("grp", sa.String(100), nullable=False),
            sa.Column("value", sa.Float, nullable=False),
            sa.Column("qualifier", sa.String(4), nullable=False),
            sa.Column("note", sa.Text, nullable=False),
            sa.Column("source", sa.String(200), nullable=False),
        ], [("ix_observations_revision_code", ["revision_id", "code"])]),
        ("targets", [
            sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
            sa.Column("code", sa.String(64), nullable=False),
            sa.Column("year", sa.Integer, nullable=False),
            sa.Column("region", sa.String(100), nullable=False),
            sa.Column("grp", sa.String(100), nullable=False),
            sa.Column("value", sa.Float, nullable=False),
            sa.Column("qualifier", sa.String(4), nullable=False),
            sa.Column("baseline_year", sa.Integer, nullable=True),
            sa.Column("note", sa.Text, nullable=False),
            sa.Column("source", sa.String(200), nullable=False),
        ], [("ix_targets_revision_code", ["revision_id", "code"])]),
        ("current", [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=True),
        ], []),
        ("events", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("user", sa.String(100), nullable=False),
            sa.Column("action", sa.String(20), nullable=False),
            sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
            sa.Column("previous_revision_id", sa.Integer, nullable=True),
        ], []),
        ("users", [
            sa.Column("name", sa.String(64), primary_key=True),
            sa.Column("password_hash", sa.String(255), nullable=False),
            sa.Column("role", sa.String(10), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("failures", sa.Integer, nullable=False),
            sa.Column("locked_until", sa.Float, nullable=False),
        ], []),
        ("app_secrets", [
            sa.Column("name", sa.String(64), primary_key=True),
            sa.Column("value", sa.String(255), nullable=False),
        ], []),
    ]


def upgrade() -> None:
    # indicators.database.upgrade has already refused a database whose tables of these names are not ours.
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, columns, indexes in _tables():
        if name in existing:
            continue
        op.create_table(name, *columns)
        for index_name, index_columns in indexes:
            op.create_index(index_name, name, index_columns)


def downgrade() -> None:
    for name, _, _ in reversed(_tables()):
        op.drop_table(name)
