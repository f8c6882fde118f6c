"""The store as it was before migrations and versioned rows (indicators/store.py at that time),
kept to make databases exactly as that version did: the upgrade tests open them with today's
store, and bench/bench_store.py times its full-copy publish beside today's.

Copied verbatim but for three things: the URL reaches PostgreSQL through psycopg 3 (the old code
left ``postgresql://`` to SQLAlchemy's default driver), ``users`` and ``app_secrets`` are defined
here as indicators/users.py defined them then, and this docstring.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine, make_url

metadata = MetaData()

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

observations = Table(
    "observations", metadata,
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("region", String(100), nullable=False),
    Column("grp", String(100), nullable=False),
    Column("value", Float, nullable=False),
    Column("qualifier", String(4), nullable=False),
    Column("note", Text, nullable=False),
    Column("source", String(200), nullable=False),
    Index("ix_observations_revision_code", "revision_id", "code"),
)

targets = Table(
    "targets", metadata,
    Column("revision_id", Integer, ForeignKey("revisions.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("region", String(100), nullable=False),
    Column("grp", String(100), nullable=False),
    Column("value", Float, nullable=False),
    Column("qualifier", String(4), nullable=False),
    Column("baseline_year", Integer, nullable=True),
    Column("note", Text, nullable=False),
    Column("source", String(200), nullable=False),
    Index("ix_targets_revision_code", "revision_id", "code"),
)

users_table = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(10), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("failures", Integer, nullable=False, default=0),
    Column("locked_until", Float, nullable=False, default=0.0),
)

app_secrets = Table(
    "app_secrets", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
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

OBS_FIELDS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_FIELDS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
KEY = ["code", "year", "region", "group"]


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; every time the store gives out is in UTC, with its zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


class StoreError(Exception):
    """A store action that cannot be done (an unknown revision, say), with a message to show."""


@dataclass(frozen=True)
class Revision:
    id: int
    created_at: dt.datetime
    user: str
    filename: str
    sha256: str
    size_bytes: int
    parent_id: int | None
    mode: str
    n_observations: int
    n_targets: int
    n_in_file: int
    n_added: int
    n_changed: int
    comment: str


@dataclass(frozen=True)
class MergeResult:
    observations: pd.DataFrame
    targets: pd.DataFrame
    n_added: int
    n_changed: int


def merge_snapshot(old: pd.DataFrame, new: pd.DataFrame, key: list[str] = KEY) -> tuple[pd.DataFrame, int, int]:
    """The new file's rows, plus the old rows it does not mention; with counts added and changed."""
    if old.empty:
        return new.reset_index(drop=True), len(new), 0
    if new.empty:
        return old.reset_index(drop=True), 0, 0
    joined = new[key + ["value"]].merge(old[key + ["value"]], on=key, how="left", suffixes=("", "_old"),
                                        indicator=True)
    added = int((joined["_merge"] == "left_only").sum())
    both = joined[joined["_merge"] == "both"]
    changed = int((both["value"] != both["value_old"]).sum())
    kept = old.merge(new[key], on=key, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([kept[new.columns], new], ignore_index=True), added, changed


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the lock at BEGIN, so two publishers queue instead of both
        # reading the same parent and one losing the other's rows.
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """The revisioned store behind one door: publish, read, list and roll back revisions."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), future=True)
        if self.is_sqlite:
            _sqlite_pragmas(self.engine)
        metadata.create_all(self.engine)
        with self._write() as conn:
            if conn.execute(select(current.c.id)).first() is None:
                conn.execute(insert(current).values(id=1, revision_id=None))
        self._cache: tuple[int, pd.DataFrame, pd.DataFrame] | None = None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(write=True) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    # --- reading ---------------------------------------------------------------------------

    def current_revision_id(self) -> int | None:
        with self._read() as conn:
            return conn.execute(select(current.c.revision_id).where(current.c.id == 1)).scalar()

    def _frames(self, conn: Connection, revision_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        obs = pd.read_sql(
            select(*[observations.c[c] for c in ("code", "year", "region", "grp", "value", "qualifier", "note",
                                                   "source")]).where(observations.c.revision_id == revision_id),
            conn).rename(columns={"grp": "group"})
        tgt = pd.read_sql(
            select(*[targets.c[c] for c in ("code", "year", "region", "grp", "value", "qualifier",
                                              "baseline_year", "note", "source")])
            .where(targets.c.revision_id == revision_id), conn).rename(columns={"grp": "group"})
        tgt["baseline_year"] = tgt["baseline_year"].astype("Int64")
        return obs, tgt

    def data(self, revision_id: int | None = None) -> tuple[int | None, pd.DataFrame, pd.DataFrame]:
        """(revision id, observations, targets) of a revision, by default the current one.

        The current revision's frames are cached in this process until the pointer moves,
        so every process sees a publish on its next read. Treat the frames as read-only: they
        are shared with every later reader in this process.
        """
        with self._read() as conn:
            pointer = conn.execute(select(current.c.revision_id).where(current.c.id == 1)).scalar()
            wanted = pointer if revision_id is None else revision_id
            if wanted is None:
                return None, pd.DataFrame(columns=OBS_FIELDS), pd.DataFrame(columns=TARGET_FIELDS)
            if self._cache is not None and self._cache[0] == wanted:
                return wanted, self._cache[1], self._cache[2]
            if conn.execute(select(revisions.c.id).where(revisions.c.id == wanted)).first() is None:
                raise StoreError(f"没有第 {wanted} 号修订版 (no revision {wanted})")
            obs, tgt = self._frames(conn, wanted)
        if wanted == pointer:
            self._cache = (wanted, obs, tgt)
        return wanted, obs, tgt

    def revisions(self) -> list[Revision]:
        cols = [c for c in revisions.c if c.name != "content"]
        with self._read() as conn:
            rows = conn.execute(select(*cols).order_by(revisions.c.id)).mappings().all()
        return [Revision(**{**row, "created_at": _utc(row["created_at"])}) for row in rows]

    def revision(self, revision_id: int) -> Revision:
        for rev in self.revisions():
            if rev.id == revision_id:
                return rev
        raise StoreError(f"没有第 {revision_id} 号修订版 (no revision {revision_id})")

    def original_file(self, revision_id: int) -> tuple[str, bytes]:
        with self._read() as conn:
            row = conn.execute(select(revisions.c.filename, revisions.c.content)
                               .where(revisions.c.id == revision_id)).first()
        if row is None:
            raise StoreError(f"没有第 {revision_id} 号修订版 (no revision {revision_id})")
        return row.filename, row.content

    def events(self) -> list[dict]:
        with self._read() as conn:
            return [dict(r) for r in conn.execute(select(events).order_by(events.c.id)).mappings()]

    def is_empty(self) -> bool:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(revisions)).scalar() == 0

    # --- writing ---------------------------------------------------------------------------

    def publish(self, content: bytes, filename: str, user: str, new_observations: pd.DataFrame,
                new_targets: pd.DataFrame, mode: str = "merge", comment: str = "",
                check: Callable[[pd.DataFrame, pd.DataFrame], list] | None = None) -> tuple[Revision | None, list]:
        """Make a new revision current, in one transaction.

        ``mode="merge"`` keeps current values the file does not mention; ``"replace"`` keeps
        only the file's. ``check(existing_observations, merged_observations)`` runs inside
        the transaction, on the data as it is at that moment; any problems it returns cancel
        the publish and are handed back.
        """
        now = dt.datetime.now(dt.UTC)
        new_obs = new_observations[OBS_FIELDS].copy()
        new_tgt = new_targets[TARGET_FIELDS].copy()
        with self._write() as conn:
            parent = conn.execute(select(current.c.revision_id).where(current.c.id == 1)).scalar()
            if parent is not None and mode == "merge":
                old_obs, old_tgt = self._frames(conn, parent)
            else:
                old_obs, old_tgt = new_obs.iloc[0:0], new_tgt.iloc[0:0]
            if check is not None:
                problems = check(old_obs, new_obs)
                if problems:
                    conn.rollback()
                    return None, problems
            merged_obs, added, changed = merge_snapshot(old_obs, new_obs)
            merged_tgt, _, _ = merge_snapshot(old_tgt, new_tgt)
            row = {
                "created_at": now, "user": user, "filename": filename,
                "sha256": hashlib.sha256(content).hexdigest(), "size_bytes": len(content),
                "content": content, "parent_id": parent, "mode": mode,
                "n_observations": len(merged_obs), "n_targets": len(merged_tgt),
                "n_in_file": len(new_obs) + len(new_tgt), "n_added": added, "n_changed": changed,
                "comment": comment,
            }
            revision_id = conn.execute(insert(revisions).values(**row)).inserted_primary_key[0]
            self._insert_rows(conn, observations, merged_obs, revision_id)
            self._insert_rows(conn, targets, merged_tgt, revision_id)
            conn.execute(update(current).where(current.c.id == 1).values(revision_id=revision_id))
            conn.execute(insert(events).values(at=now, user=user, action="publish", revision_id=revision_id,
                                               previous_revision_id=parent))
        row.pop("content")
        return Revision(id=revision_id, **row), []

    def _insert_rows(self, conn: Connection, table: Table, frame: pd.DataFrame, revision_id: int) -> None:
        if frame.empty:
            return
        frame = frame.rename(columns={"group": "grp"})
        names = [c.name for c in table.c if c.name != "revision_id"]
        columns = [frame[name].astype(object).where(frame[name].notna(), None).tolist()
                   if name == "baseline_year" else frame[name].tolist() for name in names]
        if self.is_sqlite:
            placeholders = ", ".join([str(int(revision_id))] + ["?"] * len(names))
            quoted = ", ".join(f'"{n}"' for n in ["revision_id", *names])
            cursor = conn.connection.driver_connection.cursor()
            try:  # the driver's own executemany, fed lazily: no 100,000-tuple list built first
                cursor.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({placeholders})",
                                   zip(*columns, strict=True))
            finally:
                cursor.close()
        else:
            keys = ["revision_id", *names]
            conn.execute(insert(table), [dict(zip(keys, (revision_id, *values), strict=True))
                                         for values in zip(*columns, strict=True)])

    def rollback(self, revision_id: int, user: str) -> Revision:
        """Make an earlier revision current again. The revisions after it stay, for the record."""
        with self._write() as conn:
            if conn.execute(select(revisions.c.id).where(revisions.c.id == revision_id)).first() is None:
                raise StoreError(f"没有第 {revision_id} 号修订版 (no revision {revision_id})")
            previous = conn.execute(select(current.c.revision_id).where(current.c.id == 1)).scalar()
            conn.execute(update(current).where(current.c.id == 1).values(revision_id=revision_id))
            conn.execute(insert(events).values(at=dt.datetime.now(dt.UTC), user=user, action="rollback",
                                               revision_id=revision_id, previous_revision_id=previous))
        return self.revision(revision_id)
