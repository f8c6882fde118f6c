"""The store's tables, as the newest migration leaves them (``indicators/migrations/versions``).

Observations and targets are kept as *versioned rows*: each row is one value of one key
(code, year, region, group) and carries the range of revision ids it is valid in,
``valid_from <= revision < valid_to``; ``valid_to`` is ``OPEN`` while the row is still valid in
the newest revision. See ``indicators/store.py`` for why, and how publishing keeps that true.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from indicators.database import metadata

OPEN = 2**31 - 1  # valid_to of a row still valid in the newest revision (the largest INTEGER)

# The rows' ids are handed out by the store, under the publishing lock (max + 1, ...), so a new
# revision knows its rows' ids without reading them back. INTEGER on SQLite makes it the rowid.
ROW_ID = BigInteger().with_variant(Integer(), "sqlite")

revisions = Table(
    "revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("parent_id", Integer, ForeignKey("revisions.id"), nullable=True),
    Column("mode", String(20), nullable=False),
    Column("n_observations", Integer, nullable=False),
    Column("n_targets", Integer, nullable=False),
    Column("n_in_file", Integer, nullable=False),
    Column("n_added", Integer, nullable=False),
    Column("n_changed", Integer, nullable=False),
    Column("comment", Text, nullable=False, default=""),
)


def _versioned(name: str, *value_columns: Column) -> Table:
    """A table of versioned rows: id, validity range, the key, then the value columns."""
    return Table(
        name, metadata,
        Column("id", ROW_ID, primary_key=True, autoincrement=False),
        Column("valid_from", Integer, ForeignKey("revisions.id"), nullable=False),
        Column("valid_to", Integer, nullable=False),
        Column("code", String(64), nullable=False),
        Column("year", Integer, nullable=False),
        Column("region", String(100), nullable=False),
        Column("grp", String(100), nullable=False),
        *value_columns,
        # Reading revision r: valid_to > r AND valid_from <= r, one range scan. (No unique index on
        # the key among open rows: it would triple the time of a large publish on SQLite, and the
        # tests check the invariant it would hold, one open row per key, after every step.)
        Index(f"ix_{name}_valid", "valid_to", "valid_from"),
    )


observations = _versioned(
    "observations",
    Column("value", Float, nullable=False),
    Column("qualifier", String(4), nullable=False),
    Column("note", Text, nullable=False),
    Column("source", String(200), nullable=False),
)

targets = _versioned(
    "targets",
    Column("value", Float, nullable=False),
    Column("qualifier", String(4), nullable=False),
    Column("baseline_year", Integer, nullable=True),
    Column("note", Text, nullable=False),
    Column("source", String(200), nullable=False),
)

current = Table(
    "current", metadata,
    Column("id", Integer, primary_key=True),
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=True),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=False),
    Column("previous_revision_id", Integer, nullable=True),
)
