"""The collection rounds' tables, as migration 0007 leaves them (``indicators/rounds.py`` reads and changes them).

A round, the indicators and reporting units it collects from, each unit's submission (its file,
its values, its warnings with their explanations), every state change, and the explanations a
closed round published.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from indicators.database import metadata

rounds_table = Table(
    "rounds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("year", Integer, nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("state", String(10), nullable=False),  # open | closed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("closed_by", String(100), nullable=False),
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=True),  # what closing published
)

round_indicators = Table(
    "round_indicators", metadata,
    Column("round_id", Integer, ForeignKey("rounds.id"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
)

round_regions = Table(
    "round_regions", metadata,
    Column("round_id", Integer, ForeignKey("rounds.id"), primary_key=True),
    Column("region", String(100), primary_key=True),  # "" = the city federation's own report
    Column("position", Integer, nullable=False),
)

submissions_table = Table(
    "submissions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("region", String(100), nullable=False),
    Column("state", String(10), nullable=False),  # submitted | returned | approved
    Column("filename", String(255), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("submitted_by", String(100), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("reviewed_by", String(100), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("comment", Text, nullable=False),  # the reviewer's, when returned (or approved with a word)
    UniqueConstraint("round_id", "region", name="uq_submissions_round_region"),
)

submission_values = Table(
    "submission_values", metadata,
    Column("submission_id", Integer, ForeignKey("submissions.id"), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("region", String(100), primary_key=True),
    Column("grp", String(100), primary_key=True),
    Column("value", Float, nullable=False),
    Column("qualifier", String(4), nullable=False),
    Column("note", Text, nullable=False),
    Column("source", String(200), nullable=False),
)

submission_warnings = Table(
    "submission_warnings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("region", String(100), nullable=False),
    Column("grp", String(100), nullable=False),
    Column("rule", String(40), nullable=False),
    Column("params", Text, nullable=False),  # JSON
    Column("value", Float, nullable=False),
    Column("explanation", Text, nullable=False),
)

submission_events = Table(
    "submission_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("region", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(20), nullable=False),  # opened | submitted | returned | approved | closed
    Column("comment", Text, nullable=False),
)

explanations_table = Table(
    "explanations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("region", String(100), nullable=False),
    Column("grp", String(100), nullable=False),
    Column("value", Float, nullable=False),
    Column("rule", String(40), nullable=False),
    Column("params", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("user", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
