"""The store's database behind one door: connecting, migrating, and moving many rows at once.

Two engines are supported, SQLite (a file, the default) and PostgreSQL (through psycopg 3, for a
shared server); everything that differs between them is here, so the store above speaks plain
SQLAlchemy plus a few calls: ``connect``, ``upgrade``, ``insert_rows``, ``set_where_ids`` and
``read_frame``.

- Schema: every table lives on ``metadata`` and every change to it is an Alembic migration in
  ``indicators/migrations/versions``; ``upgrade`` brings any database to the newest one when a
  store opens, under a lock so that two processes starting at once do not both migrate.
- Writers queue: SQLite takes the write lock at ``BEGIN IMMEDIATE``; PostgreSQL callers lock the
  row they are about to change with ``SELECT ... FOR UPDATE``.
- Bulk rows: PostgreSQL gets ``COPY``, SQLite the driver's own ``executemany``, fed lazily.
"""

from __future__ import annotations

import importlib
import io
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, Select, Table, create_engine, event, inspect, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

metadata = MetaData()

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Modules whose tables live on ``metadata``: a module that adds tables is added here, so that the
# migrations test compares the whole schema (see indicators/migrations/README.md).
TABLE_MODULES = ("indicators.store_tables", "indicators.users", "indicators.regions", "indicators.jobs",
                 "indicators.catalogue_store", "indicators.rounds_tables", "indicators.rate_limits")
# Any constant would do: it names the lock two processes take before migrating one PostgreSQL database.
_MIGRATION_LOCK = 0x756E696F6E  # "union"
PSYCOPG_HINT = "pip install 'psycopg[binary]'"
# Values read back must equal the ones written, or an unchanged value would look changed. pandas
# 3.1 parses every float exactly (and deprecates the choice); before it, only round_trip did.
_EXACT_FLOATS: dict[str, str] = {} if tuple(map(int, pd.__version__.split(".")[:2])) >= (3, 1) \
    else {"float_precision": "round_trip"}


class StoreError(Exception):
    """A store action that cannot be done (an unknown revision, say), with a message to show."""


def load_table_modules() -> MetaData:
    """``metadata`` with every table of the program on it."""
    for name in TABLE_MODULES:
        importlib.import_module(name)
    return metadata


# --- connecting ------------------------------------------------------------------------------------

def engine_url(url: str) -> URL:
    """The SQLAlchemy URL to connect with: SQLite as given, PostgreSQL always through psycopg 3.

    Refuses, with a message saying what to do, a URL of another database, another PostgreSQL
    driver, or PostgreSQL when psycopg cannot be imported.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"数据库地址无法识别 (not a database URL): {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed
    if backend != "postgresql":
        raise StoreError(f"数据库只支持 SQLite 和 PostgreSQL (the store runs on SQLite or PostgreSQL, not {backend}): "
                         "sqlite:///path/to/file.db or postgresql://user@host/database")
    if parsed.drivername not in ("postgresql", "postgresql+psycopg"):
        raise StoreError(f"PostgreSQL 请用 psycopg 3 驱动 (the store reaches PostgreSQL through psycopg 3, not "
                         f"{parsed.get_driver_name()}): write the URL as postgresql://… or postgresql+psycopg://…")
    try:
        importlib.import_module("psycopg")
    except ImportError as exc:
        raise StoreError(f"连接 PostgreSQL 需要安装 psycopg (PostgreSQL needs the psycopg package): {PSYCOPG_HINT} "
                         f"({exc})") from None
    return parsed.set(drivername="postgresql+psycopg")


def _wal(cursor: Any) -> None:
    """Switch the file to WAL. SQLite answers "database is locked" at once, without waiting for the
    busy timeout, when another process is writing while a new file is switched: so ask again, a while."""
    deadline = time.monotonic() + 30
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        # First, so that even switching a new file to WAL waits for another process opening it too.
        cursor.execute("PRAGMA busy_timeout=30000")
        _wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the lock at BEGIN, so two publishers queue instead of both
        # reading the same parent and one losing the other's rows.
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at BEGIN (IMMEDIATE), so it
    waits its turn instead of failing at once with "database is locked" when a read turns into a
    write while another process writes."""
    with engine.connect().execution_options(write=True) as conn:
        with conn.begin():
            yield conn


def connect(url: str) -> Engine:
    """An engine on the database ``url`` names (a SQLite file's folder is made if missing)."""
    parsed = engine_url(url)
    if is_sqlite(parsed):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        _sqlite_pragmas(engine)
        return engine
    # A server can restart under a long-running web process: test a pooled connection before use.
    return create_engine(parsed, pool_pre_ping=True)


def is_sqlite(bind: Engine | Connection | URL) -> bool:
    name = bind.get_backend_name() if isinstance(bind, URL) else bind.dialect.name
    return name == "sqlite"


# --- migrating -------------------------------------------------------------------------------------

def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the migrations shipped in this package (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The newest migration's id (read once per process: the files do not change while it runs)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "indicators/migrations/versions holds no migration"
    return head


@cache
def known_revisions() -> frozenset[str]:
    """Every migration's id."""
    return frozenset(script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def schema_revision(conn: Connection) -> str | None:
    """The migration a database is at; None for an empty database or one made before migrations."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration, in one transaction, if it is not there yet.

    A database made before migrations existed (it has the store's tables but no
    ``alembic_version``) is recognised by the first migration, converted in place and stamped.
    """
    head = head_revision()
    with engine.connect() as conn:  # the usual case, checked without taking the write lock
        with conn.begin():
            if schema_revision(conn) == head:
                return
    with engine.connect().execution_options(write=True) as conn:
        with conn.begin():
            if not is_sqlite(conn):  # SQLite's BEGIN IMMEDIATE already queues a second process
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            version = schema_revision(conn)
            if version == head:  # another process migrated it while we waited
                return
            if version is None:
                _refuse_foreign_tables(conn)
            elif version not in known_revisions():
                raise StoreError(f"数据库的结构版本 {version} 比本程序新 (the database is at migration {version}, "
                                 f"newer than this program's {head}): update the program")
            load_table_modules()
            command.upgrade(alembic_config(conn), "head")


def _refuse_foreign_tables(conn: Connection) -> None:
    """A database without ``alembic_version`` is empty, or a store made before migrations existed
    (whose tables the first migration keeps); one holding other tables of the same names is refused."""
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    for table, needed in (("revisions", {"id", "sha256", "content"}), ("observations", {"revision_id", "value"}),
                          ("current", {"id", "revision_id"})):
        if table in tables and not needed <= {c["name"] for c in inspector.get_columns(table)}:
            raise StoreError(f"数据库中的 {table} 表不是本程序建立的 (the database's table {table!r} was not made by "
                             "this program): give the store a database of its own")


def insert_if_missing(conn: Connection, table: Table, values: dict[str, Any]) -> None:
    """INSERT one row unless a row with its key exists: two processes opening a new store at once
    both find no row, and a row lock cannot be taken on a row that is not there yet."""
    dialect_insert = sqlite_insert if is_sqlite(conn) else postgresql_insert
    conn.execute(dialect_insert(table).values(**values).on_conflict_do_nothing())


# --- many rows at once -----------------------------------------------------------------------------

def _raw_cursor(conn: Connection) -> Any:
    # The driver's own cursor on the connection SQLAlchemy holds, so it shares the transaction.
    return conn.connection.driver_connection.cursor()


def insert_rows(conn: Connection, table: Table, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert many rows (tuples in the order of ``names``): COPY on PostgreSQL, executemany on SQLite."""
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = _raw_cursor(conn)
    try:
        if is_sqlite(conn):
            placeholders = ", ".join("?" * len(names))
            cursor.executemany(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})', rows)
        else:
            with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
    finally:
        cursor.close()


def set_where_ids(conn: Connection, table: Table, column: str, value: int, ids: Sequence[int]) -> None:
    """``UPDATE table SET column = value`` for the rows whose ``id`` is in ``ids``, in one round trip
    on PostgreSQL (an array parameter) and one prepared statement on SQLite."""
    if len(ids) == 0:
        return
    cursor = _raw_cursor(conn)
    try:
        if is_sqlite(conn):
            cursor.executemany(f'UPDATE "{table.name}" SET "{column}" = ? WHERE id = ?',
                               ((value, int(i)) for i in ids))
        else:
            cursor.execute(f'UPDATE "{table.name}" SET "{column}" = %s WHERE id = ANY(%s)',
                           (value, [int(i) for i in ids]))
    finally:
        cursor.close()


def read_frame(conn: Connection, query: Select, dtypes: dict[str, Any]) -> pd.DataFrame:
    """The rows of a SELECT as a frame with one column per selected column, of the given dtypes.

    PostgreSQL sends them as CSV through COPY, which pandas parses in C, about twice as fast as
    building a Python tuple per row; SQLite hands over tuples, turned into columns at once. The
    query's parameters are the store's own integers, written into the SQL as literals.
    Text columns never hold NULL here, so only non-text columns read an empty field as missing.
    """
    columns = list(query.selected_columns.keys())
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = _raw_cursor(conn)
    try:
        if is_sqlite(conn):
            cursor.execute(sql)
            return pd.DataFrame.from_records(cursor.fetchall(), columns=columns).astype(dtypes)
        buffer = io.BytesIO()
        with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            for chunk in copy:
                buffer.write(chunk)
    finally:
        cursor.close()
    buffer.seek(0)
    text_columns = [c for c in columns if dtypes.get(c) == "str"]
    return pd.read_csv(buffer, names=columns, header=None, keep_default_na=False,
                       na_values={c: [""] for c in columns if c not in text_columns},
                       dtype={c: "str" for c in text_columns}, encoding="utf-8", **_EXACT_FLOATS).astype(dtypes)
