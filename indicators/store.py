"""The revisioned store: every accepted workbook is a revision; nothing is ever overwritten.

A revision holds the original file (bytes and SHA-256), who sent it and when, and the
observations and targets that were current once it was published. Publishing is one
transaction that also moves the ``current`` pointer; rollback moves the pointer back. Readers
look up the pointer and then read rows no writer changes under them, so they never see half a
revision. SQLite (a file) by default, PostgreSQL for a shared server (``indicators.database``).

How revisions are kept: versioned rows with validity ranges
-----------------------------------------------------------
A revision stores only what it changes. Each row of ``observations`` (and ``targets``) is one
value of one key (code, year, region, group) and carries the revision ids it is valid in,
``valid_from <= r < valid_to`` (``valid_to = OPEN`` while valid in the newest revision). So:

- reading revision ``r`` is one query, ``WHERE valid_to > r AND valid_from <= r ORDER BY id``,
  whatever the history before it: a range on the (valid_to, valid_from) index, which PostgreSQL
  uses once most rows have ended, while SQLite scans in id order, faster as long as the revision
  is most of the table (as the current one is);
- publishing writes only the file's rows that differ from the parent and sets ``valid_to`` on
  the parent's rows they replace (or, with ``replace``, that the file leaves out): 200 changed
  values in a store of 1,000,000 add 200 rows, not 1,000,200;
- rollback only moves the pointer, as before: no row changes.

Ranges are over revision *ids*, and ids grow in the order revisions are published, while
history is a tree: after rolling back from 3 to 1, revision 4's parent is 1, not 3. The rows
still open always describe the newest revision (the "tip"), so a publish on a parent ``p`` that is
not the tip first makes the open rows describe ``p`` again: rows that revisions after ``p``
began end at the new revision, and rows of ``p`` that they ended are written again, valid from
the new revision. That touches only what changed between ``p`` and the tip, and leaves every
older revision's ranges, hence its data, as they were. Publishers take the pointer row's lock
(``SELECT ... FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) before reading the
parent, so two publishes queue and ids follow publishing order.

Row ids are handed out by the publisher under that lock, so the frames it builds in memory for
the new revision carry the same ids, in the same order, as a later read from the database:
the current revision's frames are cached per process and rebuilt by a publish without reading
the million rows back. Each key has at most one open row; tests/test_store_history.py checks
that after every step of a random history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Select, Table, func, insert, select, update

from indicators import database
from indicators.database import StoreError, insert_rows, is_sqlite, metadata, read_frame, set_where_ids
from indicators.revision_delta import (
    DTYPES,
    KEY,
    OBS_FIELDS,
    TARGET_FIELDS,
    Delta,
    canonical,
    key_hashes,
    revision_delta,
)
from indicators.store_tables import OPEN, current, events, observations, revisions, targets

__all__ = ["KEY", "OBS_FIELDS", "TARGET_FIELDS", "MergeResult", "Revision", "Store", "StoreError", "metadata",
           "revision_query"]


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; every time the store gives out is in UTC, with its zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


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


class _Rows:
    """One revision's rows of one table: the frame callers get, each row's id in the table, and
    each row's key hash (``key_hashes``), which the next publish uses to find keys.

    A publish hands its new revision over as a recipe (the parent's frame less the ended rows,
    plus the written ones) and the frame is assembled on first use, so the publish itself
    returns once committed; the publisher's next read then takes a fraction of a second rather
    than reading the rows back from the database.
    """

    def __init__(self, ids: np.ndarray, frame: pd.DataFrame | None = None,
                 build: Callable[[], pd.DataFrame] | None = None, hashes: np.ndarray | None = None) -> None:
        self.ids = ids
        self._frame, self._build, self._hashes = frame, build, hashes

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            assert self._build is not None
            self._frame, self._build = self._build(), None
        return self._frame

    def hashes(self) -> np.ndarray:
        if self._hashes is None:
            self._hashes = key_hashes(self.frame)
        return self._hashes

    @staticmethod
    def empty(fields: list[str]) -> _Rows:
        return _Rows(np.empty(0, dtype=np.int64), canonical(pd.DataFrame(columns=fields), fields))


_TABLES: tuple[tuple[Table, list[str]], ...] = ((observations, OBS_FIELDS), (targets, TARGET_FIELDS))


def _column(field: str) -> str:
    return "grp" if field == "group" else field  # GROUP is an SQL keyword


def revision_query(table: Table, fields: list[str], revision_id: int) -> Select:
    """The one query that reads a revision's rows of ``table``, with their ids, in id order.

    Its condition is a range on the (valid_to, valid_from) index: PostgreSQL uses the index once
    most rows have ended; SQLite scans in id order, faster while the revision is most of the table.
    """
    return (select(table.c.id, *[table.c[_column(f)].label(f) for f in fields])
            .where(table.c.valid_to > revision_id, table.c.valid_from <= revision_id)
            .order_by(table.c.id))


def _refuse_duplicate_keys(frame: pd.DataFrame, what: str) -> None:
    duplicated = frame[frame.duplicated(KEY, keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        raise StoreError(f"{what} 中同一指标、年份、地区、分组出现多次 (a key appears more than once in the {what}): "
                         f"{first['code']} {first['year']} {first['region']!r} {first['group']!r}")


class Store:
    """The revisioned store behind one door: publish, read, list and roll back revisions."""

    def __init__(self, url: str) -> None:
        """Open (creating or upgrading as needed) the store at ``url``: a SQLite or PostgreSQL URL."""
        self.url = url
        self.engine = database.connect(url)
        self.is_sqlite = is_sqlite(self.engine)
        database.upgrade(self.engine)
        with self._read() as conn:
            has_pointer = conn.execute(select(current.c.id)).first() is not None
        if not has_pointer:
            with self._write() as conn:
                database.insert_if_missing(conn, current, {"id": 1, "revision_id": None})
        self._cache: tuple[int, _Rows, _Rows] | None = None
        # One thread of this process loads a revision; the others asking meanwhile wait and take its
        # frames, instead of every request after a publish reading 100,000 rows at once.
        self._loading = threading.Lock()

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

    def _read_rows(self, conn: Connection, table: Table, fields: list[str], revision_id: int) -> _Rows:
        """One revision's rows of one table, in id order, in one query."""
        frame = read_frame(conn, revision_query(table, fields, revision_id),
                           {"id": "int64", **{f: DTYPES[f] for f in fields}})
        ids = frame.pop("id").to_numpy(dtype=np.int64)
        return _Rows(ids, frame)

    def _rows_of(self, conn: Connection, revision_id: int | None) -> tuple[_Rows, _Rows]:
        """A revision's rows of both tables: from this process's cache when it holds them."""
        if revision_id is None:
            return _Rows.empty(OBS_FIELDS), _Rows.empty(TARGET_FIELDS)
        cache = self._cache
        if cache is not None and cache[0] == revision_id:
            return cache[1], cache[2]
        obs, tgt = (self._read_rows(conn, table, fields, revision_id) for table, fields in _TABLES)
        return obs, tgt

    def data(self, revision_id: int | None = None) -> tuple[int | None, pd.DataFrame, pd.DataFrame]:
        """(revision id, observations, targets) of a revision, by default the current one.

        The current revision's frames are cached in this process until the pointer moves,
        so every process sees a publish on its next read. Treat the frames as read-only: they
        are shared with every later reader in this process.
        """
        pointer = self.current_revision_id()
        wanted = pointer if revision_id is None else revision_id
        if wanted is None:
            return None, pd.DataFrame(columns=OBS_FIELDS), pd.DataFrame(columns=TARGET_FIELDS)
        cache = self._cache
        if cache is not None and cache[0] == wanted:
            return wanted, cache[1].frame, cache[2].frame
        with self._loading:
            cache = self._cache  # loaded by another thread while this one waited
            if cache is not None and cache[0] == wanted:
                return wanted, cache[1].frame, cache[2].frame
            with self._read() as conn:
                if conn.execute(select(revisions.c.id).where(revisions.c.id == wanted)).first() is None:
                    raise StoreError(f"没有第 {wanted} 号修订版 (no revision {wanted})")
                obs, tgt = self._rows_of(conn, wanted)
            if wanted == pointer:
                self._cache = (wanted, obs, tgt)
        return wanted, obs.frame, tgt.frame

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

    def _lock_pointer(self, conn: Connection) -> int | None:
        """The current revision, with the pointer row locked until the transaction ends, so a
        second publisher or rollback waits here and then reads the pointer this one leaves."""
        return conn.execute(select(current.c.revision_id).where(current.c.id == 1).with_for_update()).scalar()

    def publish(self, content: bytes, filename: str, user: str, new_observations: pd.DataFrame,
                new_targets: pd.DataFrame, mode: str = "merge", comment: str = "",
                check: Callable[[pd.DataFrame, pd.DataFrame], list] | None = None,
                also: Callable[[Connection, int], None] | None = None,
                claim: Callable[[Connection], None] | None = None) -> tuple[Revision | None, list]:
        """Make a new revision current, in one transaction, writing only what it changes.

        ``mode="merge"`` keeps current values the file does not mention; ``"replace"`` keeps
        only the file's. ``check(existing_observations, file_observations)`` runs inside the
        transaction, on the data as it is at that moment (nothing, in replace mode); any
        problems it returns cancel the publish and are handed back. ``n_added`` and
        ``n_changed`` count the file's keys the parent lacks and those whose value differs.
        ``also(connection, revision_id)`` writes what belongs with the revision in the same
        transaction (a workbook's new indicators, a round's closing), so both happen or neither.
        ``claim(connection)`` runs first, once this publisher holds the pointer's lock: it may raise
        to give up before anything is written (a check another session has just published).
        """
        if mode not in ("merge", "replace"):
            raise StoreError(f"发布方式应为 merge 或 replace (mode must be merge or replace): {mode!r}")
        now = dt.datetime.now(dt.UTC)
        new_obs = canonical(new_observations, OBS_FIELDS)
        new_tgt = canonical(new_targets, TARGET_FIELDS)
        _refuse_duplicate_keys(new_obs, "observations")
        _refuse_duplicate_keys(new_tgt, "targets")
        with self._write() as conn:
            parent = self._lock_pointer(conn)
            if claim is not None:
                claim(conn)
            tip = conn.execute(select(func.max(revisions.c.id))).scalar()
            parent_obs, parent_tgt = self._rows_of(conn, parent)
            if check is not None:
                problems = check(parent_obs.frame if mode == "merge" else parent_obs.frame.iloc[0:0], new_obs)
                if problems:
                    conn.rollback()
                    return None, problems
            obs_delta = revision_delta(parent_obs.frame, new_obs, mode, parent_obs.hashes())
            tgt_delta = revision_delta(parent_tgt.frame, new_tgt, mode, parent_tgt.hashes())
            row = {
                "created_at": now, "user": user, "filename": filename,
                "sha256": hashlib.sha256(content).hexdigest(), "size_bytes": len(content),
                "content": content, "parent_id": parent, "mode": mode,
                "n_observations": len(parent_obs.ids) - len(obs_delta.ended) + len(obs_delta.rows),
                "n_targets": len(parent_tgt.ids) - len(tgt_delta.ended) + len(tgt_delta.rows),
                "n_in_file": len(new_obs) + len(new_tgt), "n_added": obs_delta.n_added,
                "n_changed": obs_delta.n_changed, "comment": comment,
            }
            revision_id = conn.execute(insert(revisions).values(**row)).inserted_primary_key[0]
            obs_rows = self._write_delta(conn, observations, parent, tip, revision_id, parent_obs, obs_delta)
            tgt_rows = self._write_delta(conn, targets, parent, tip, revision_id, parent_tgt, tgt_delta)
            if also is not None:
                also(conn, revision_id)
            conn.execute(update(current).where(current.c.id == 1).values(revision_id=revision_id))
            conn.execute(insert(events).values(at=now, user=user, action="publish", revision_id=revision_id,
                                               previous_revision_id=parent))
        self._cache = (revision_id, obs_rows, tgt_rows)
        row.pop("content")
        return Revision(id=revision_id, **row), []

    def _write_delta(self, conn: Connection, table: Table, parent: int | None, tip: int | None, revision_id: int,
                     base: _Rows, delta: Delta) -> _Rows:
        """Write one table's part of a new revision; return the new revision's rows.

        The open rows describe the tip. When the parent is not the tip (a publish after a
        rollback), rows begun after the parent end here and the parent's rows ended after it are
        written again; then the rows the delta ends are closed and its rows written, valid from
        ``revision_id``.
        """
        after = parent or 0
        coming_back = np.empty(0, dtype=np.int64)
        if tip is not None and tip != after:
            coming_back = np.asarray(conn.execute(
                select(table.c.id).where(table.c.valid_to > after, table.c.valid_to <= tip,
                                         table.c.valid_from <= after)).scalars().all(), dtype=np.int64)
            conn.execute(update(table).where(table.c.valid_to == OPEN, table.c.valid_from > after)
                         .values(valid_to=revision_id))
        ended = np.zeros(len(base.ids), dtype=bool)
        ended[delta.ended] = True
        back = np.isin(base.ids, coming_back)
        set_where_ids(conn, table, "valid_to", revision_id, base.ids[ended & ~back].tolist())
        kept = ~ended & ~back
        again = back & ~ended
        written = pd.concat([base.frame[again], delta.rows], ignore_index=True) if again.any() else delta.rows
        first_id = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        new_ids = np.arange(first_id, first_id + len(written), dtype=np.int64)
        if len(written):
            fields = list(written.columns)
            columns = [written[f].astype(object).where(written[f].notna(), None).tolist() if f == "baseline_year"
                       else written[f].tolist() for f in fields]
            insert_rows(conn, table, ["id", "valid_from", "valid_to", *map(_column, fields)],
                        zip(new_ids.tolist(), repeat(revision_id), repeat(OPEN), *columns))
        if kept.all() and not len(written):
            return base
        ids = np.concatenate([base.ids[kept], new_ids])
        hashes = np.concatenate([base.hashes()[kept], base.hashes()[again], delta.row_hashes])
        if not kept.any():  # nothing of the parent stays as it was: the written rows are the revision
            return _Rows(ids, written.reset_index(drop=True), hashes=hashes)
        parent_frame = base.frame
        return _Rows(ids, build=lambda: pd.concat([parent_frame[kept], written], ignore_index=True), hashes=hashes)

    def rollback(self, revision_id: int, user: str) -> Revision:
        """Make an earlier revision current again. The revisions after it stay, for the record."""
        with self._write() as conn:
            previous = self._lock_pointer(conn)
            if conn.execute(select(revisions.c.id).where(revisions.c.id == revision_id)).first() is None:
                raise StoreError(f"没有第 {revision_id} 号修订版 (no revision {revision_id})")
            conn.execute(update(current).where(current.c.id == 1).values(revision_id=revision_id))
            conn.execute(insert(events).values(at=dt.datetime.now(dt.UTC), user=user, action="rollback",
                                               revision_id=revision_id, previous_revision_id=previous))
        return self.revision(revision_id)
