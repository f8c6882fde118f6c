"""The catalogue in the store: its entries, the rules admins added, and a log of every change.

A new store is seeded with the program's built-in entries (one logged change, "seed"); admins
then add indicators (in the browser, from the command line, or through a workbook's 指标目录
sheet) and rules. Every change is one row of ``catalogue_changes``, with who, when and what, so
the log reads like the revision history; the newest change's id is the catalogue's *version*,
which each request compares with the one it has cached (one indexed query), so an indicator
added in one server process shows on the next request in every other.

Built-in entries keep coming from the program (``indicators.catalogue_entries``): the store
records that they are part of the catalogue and where, so a corrected definition in a new
release reaches every store, while an entry the program no longer ships is still read from the
copy kept here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from indicators.catalogue import BUILTIN, Catalogue, Indicator
from indicators.catalogue_edit import CheckRule
from indicators.database import metadata, writing
from indicators.store import Store

catalogue_entries = Table(
    "catalogue_entries", metadata,
    Column("code", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("origin", String(10), nullable=False),  # builtin | added
    Column("data", Text, nullable=False),  # the entry as JSON
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("added_by", String(100), nullable=False),
)

catalogue_changes = Table(
    "catalogue_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # the newest id is the catalogue's version
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(20), nullable=False),  # seed | add | rule | rule_removed
    Column("code", String(64), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
)

check_rules = Table(
    "check_rules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_code", String(64), nullable=False),
    Column("op", String(2), nullable=False),
    Column("right_code", String(64), nullable=False),  # "" when compared with a number
    Column("right_value", Float, nullable=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(100), nullable=False),
)


def indicator_json(indicator: Indicator) -> str:
    return json.dumps(dataclasses.asdict(indicator), ensure_ascii=False, sort_keys=True)


def indicator_from_json(text: str) -> Indicator:
    data = json.loads(text)
    known = {f.name for f in dataclasses.fields(Indicator)}
    data = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
    return Indicator(**data)


class CatalogueStore:
    """The catalogue of one store: load it (by version), seed it, add to it, list its changes."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine  # migration 0006 made the tables

    def version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(catalogue_changes.c.id))).scalar() or 0

    def load(self) -> Catalogue:
        """The catalogue as stored now, with its version; the built-in one while nothing is stored."""
        with self.engine.connect() as conn, conn.begin():
            version = conn.execute(select(func.max(catalogue_changes.c.id))).scalar() or 0
            rows = conn.execute(select(catalogue_entries.c.code, catalogue_entries.c.origin, catalogue_entries.c.data)
                                .order_by(catalogue_entries.c.position)).all()
            rules = conn.execute(select(check_rules).where(check_rules.c.active.is_(True))
                                 .order_by(check_rules.c.id)).mappings().all()
        if not rows:
            return Catalogue(BUILTIN, version)
        entries = [BUILTIN.by_code[row.code] if row.origin == "builtin" and row.code in BUILTIN.by_code
                   else indicator_from_json(row.data) for row in rows]
        return Catalogue(entries, version, tuple(CheckRule(r["id"], r["left_code"], r["op"], r["right_code"],
                                                           r["right_value"]) for r in rules))

    def seed(self) -> bool:
        """On a new store, the built-in entries become the catalogue (one logged change). True if seeded."""
        try:
            with writing(self.engine) as conn:
                if conn.execute(select(func.count()).select_from(catalogue_changes)).scalar():
                    return False
                now = dt.datetime.now(dt.UTC)
                for position, indicator in enumerate(BUILTIN):
                    conn.execute(insert(catalogue_entries).values(
                        code=indicator.code, position=position, origin="builtin", data=indicator_json(indicator),
                        added_at=now, added_by="system"))
                self._log(conn, "system", "seed", "", {"n": len(BUILTIN)})
        except IntegrityError:  # another process seeded it at the same moment
            return False
        return True

    def add_in(self, conn: Connection, indicators: list[Indicator], user: str) -> None:
        """Add checked indicators inside the caller's transaction (a publish adds a workbook's new ones)."""
        now = dt.datetime.now(dt.UTC)
        position = conn.execute(select(func.max(catalogue_entries.c.position))).scalar()
        position = -1 if position is None else position
        for indicator in indicators:
            position += 1
            conn.execute(insert(catalogue_entries).values(
                code=indicator.code, position=position, origin="added", data=indicator_json(indicator),
                added_at=now, added_by=user or "system"))
            self._log(conn, user, "add", indicator.code, dataclasses.asdict(indicator))

    def add(self, indicators: list[Indicator], user: str) -> int:
        """Add checked indicators; the catalogue's new version. A code added meanwhile refuses them all."""
        with writing(self.engine) as conn:
            self.add_in(conn, indicators, user)
            return conn.execute(select(func.max(catalogue_changes.c.id))).scalar() or 0

    def add_rule(self, left: str, op: str, right_code: str, right_value: float | None, user: str) -> int:
        with writing(self.engine) as conn:
            rule_id = conn.execute(insert(check_rules).values(
                left_code=left, op=op, right_code=right_code or "", right_value=None if right_code else right_value,
                active=True, created_at=dt.datetime.now(dt.UTC), created_by=user or "system")).inserted_primary_key[0]
            self._log(conn, user, "rule", left, {"id": rule_id, "op": op, "right_code": right_code,
                                                 "right_value": right_value})
        return rule_id

    def remove_rule(self, rule_id: int, user: str) -> bool:
        with writing(self.engine) as conn:
            changed = conn.execute(update(check_rules).where(check_rules.c.id == rule_id, check_rules.c.active.is_(True))
                                   .values(active=False)).rowcount
            if changed:
                self._log(conn, user, "rule_removed", "", {"id": rule_id})
        return bool(changed)

    def changes(self) -> list[dict]:
        """Every change, oldest first: id (the version it made), at, user, action, code, detail."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(catalogue_changes).order_by(catalogue_changes.c.id)).mappings().all()
        out = []
        for row in rows:
            at = row["at"]
            out.append({**row, "at": at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at,
                        "detail": json.loads(row["detail"])})
        return out

    def added_by(self) -> dict[str, tuple[str, dt.datetime]]:
        """Who added each indicator that is not built in, and when."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(catalogue_entries.c.code, catalogue_entries.c.added_by,
                                       catalogue_entries.c.added_at)
                                .where(catalogue_entries.c.origin == "added")).all()
        return {r.code: (r.added_by, r.added_at) for r in rows}

    @staticmethod
    def _log(conn: Connection, user: str, action: str, code: str, detail: dict) -> None:
        conn.execute(insert(catalogue_changes).values(at=dt.datetime.now(dt.UTC), user=user or "system",
                                                      action=action, code=code,
                                                      detail=json.dumps(detail, ensure_ascii=False, default=str)))
