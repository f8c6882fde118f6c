"""Alembic's environment for the store's database.

The store runs it from ``indicators.database.upgrade`` with its own connection, already inside a
transaction (``config.attributes["connection"]``). Run from the command line (``alembic ...`` in the
project folder, configured by ``[tool.alembic]`` in pyproject.toml), it connects to the database
``INDICATORS_DB`` names (or ``-x db=URL``), the same way the program does.
"""

from __future__ import annotations

from alembic import context

from indicators import database, settings

target_metadata = database.load_table_modules()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=target_metadata,
                      # SQLite cannot ALTER most things: autogenerate rewrites such changes as a table copy.
                      render_as_batch=database.is_sqlite(connection), compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    raise SystemExit("the store's migrations run against a database: drop --sql")
else:
    url = context.get_x_argument(as_dictionary=True).get("db") or settings.db_url()
    engine = database.connect(url)
    try:
        with engine.connect().execution_options(write=True) as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()
