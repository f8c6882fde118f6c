"""Keep observations and targets as versioned rows instead of a full copy per revision.

Before: every revision copied every observation (``revision_id`` on each row). After: each row
carries the revision ids it is valid in, ``valid_from <= r < valid_to`` (``valid_to`` = 2**31 - 1
while valid in the newest revision), and a revision writes only the rows it changes.

The conversion walks the revisions in id order, comparing each one's full copy with the rows open
after the one before: rows it no longer has are ended, rows it adds or changes are written. So
every revision reads back exactly the rows it had. The old tables are renamed ``legacy_*`` while
the new ones fill, then dropped, all in the store's migration transaction.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-20
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN = 2**31 - 1
KEY = ["code", "year", "region", "grp"]
VALUES = {"observations": ["value", "qualifier", "note", "source"],
          "targets": ["value", "qualifier", "baseline_year", "note", "source"]}


def _value_columns(name: str) -> list[sa.Column]:
    columns = [sa.Column("value", sa.Float, nullable=False), sa.Column("qualifier", sa.String(4), nullable=False)]
    if name == "targets":
        columns.append(sa.Column("baseline_year", sa.Integer, nullable=True))
    return columns + [sa.Column("note", sa.Text, nullable=False), sa.Column("source", sa.String(200), nullable=False)]


def _create_versioned(name: str) -> sa.Table:
    table = op.create_table(
        name,
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=False),
        sa.Column("valid_from", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
        sa.Column("valid_to", sa.Integer, nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("grp", sa.String(100), nullable=False),
        *_value_columns(name),
    )
    op.create_index(f"ix_{name}_valid", name, ["valid_to", "valid_from"])
    return table


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    equal = (a == b).fillna(False).to_numpy(dtype=bool)
    return equal | (a.isna().to_numpy() & b.isna().to_numpy())


def _convert(bind: sa.Connection, name: str, revision_ids: list[int]) -> None:
    """Write ``name``'s rows as versioned rows, one legacy revision after the other."""
    fields = [*KEY, *VALUES[name]]
    legacy = sa.table(f"legacy_{name}", *[sa.column(c) for c in ["revision_id", *fields]])
    new = sa.table(name, *[sa.column(c) for c in ["id", "valid_from", "valid_to", *fields]])
    open_rows: pd.DataFrame | None = None  # the rows valid in the revision before, with their ids
    next_id = 1
    for revision_id in revision_ids:
        rows = pd.DataFrame(bind.execute(sa.select(*[legacy.c[f] for f in fields])
                                         .where(legacy.c.revision_id == revision_id)).all(), columns=fields)
        if name == "targets":
            rows["baseline_year"] = rows["baseline_year"].astype("Int64")
        if open_rows is None:
            same, staying = np.zeros(len(rows), dtype=bool), np.empty(0, dtype=np.int64)
            ending = staying
        else:
            joined = rows.merge(open_rows, on=KEY, how="left", suffixes=("", "_open"), sort=False)
            same = joined["id"].notna().to_numpy(copy=True)
            for field in VALUES[name]:
                same &= _same(joined[field], joined[f"{field}_open"])
            staying = joined.loc[same, "id"].to_numpy(dtype=np.int64)
            ending = open_rows["id"].to_numpy(dtype=np.int64)
            ending = ending[~np.isin(ending, staying)]
        if len(ending):
            bind.execute(sa.update(new).where(new.c.id == sa.bindparam("row_id")).values(valid_to=revision_id),
                         [{"row_id": int(i)} for i in ending])
        added = rows[~same].copy()
        added.insert(0, "id", np.arange(next_id, next_id + len(added), dtype=np.int64))
        next_id += len(added)
        if len(added):
            records = added.astype(object).where(added.notna(), None).to_dict("records")
            bind.execute(sa.insert(new), [{**r, "valid_from": revision_id, "valid_to": OPEN} for r in records])
        kept = open_rows[open_rows["id"].isin(staying)] if open_rows is not None else added.iloc[0:0]
        open_rows = pd.concat([kept, added], ignore_index=True)


def upgrade() -> None:
    bind = op.get_bind()
    revision_ids = list(bind.execute(sa.text("SELECT id FROM revisions ORDER BY id")).scalars())
    for name in ("observations", "targets"):
        op.drop_index(f"ix_{name}_revision_code", table_name=name)
        op.rename_table(name, f"legacy_{name}")
        _create_versioned(name)
        _convert(bind, name, revision_ids)
        op.drop_table(f"legacy_{name}")


def downgrade() -> None:
    raise NotImplementedError("the store does not go back to a full copy per revision")
