"""Shared test set-up: the project root on the import path, a fresh store, the built-in data, and
fresh databases on both engines the store runs on (SQLite, and a real PostgreSQL server)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from indicators.ingest import BUILTIN_WORKBOOK, seed_if_empty  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.workbook import read_workbook  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def isolated_data_home(tmp_path_factory) -> Path:
    """The program's data folder for the run (a PostgreSQL store's exports go there), not the home folder's."""
    folder = tmp_path_factory.mktemp("data-home")
    os.environ["XDG_DATA_HOME"] = str(folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A real SQLite store in a file, seeded with the built-in workbook as revision 1."""
    s = Store(f"sqlite:///{tmp_path / 'store.db'}")
    seed_if_empty(s)
    yield s
    s.close()


@pytest.fixture(scope="session")
def pg_server():
    """One throw-away PostgreSQL server for the whole run, started the first time a test needs it."""
    from pg import INSTALL_HINT, PostgresServer, find_bin_dir

    if find_bin_dir() is None:  # a skipped PostgreSQL test would pass CI while proving nothing
        pytest.fail(f"PostgreSQL is missing: {INSTALL_HINT}")
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server():
    """One throw-away Redis server for the whole run, started the first time a test needs it."""
    from redis_server import INSTALL_HINT, RedisServer, find_redis

    if find_redis() is None:  # a skipped Redis test would pass CI while proving nothing
        pytest.fail(f"Redis is missing: {INSTALL_HINT}")
    with RedisServer() as server:
        yield server


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path: Path) -> str:
    """A new, empty database on each engine in turn: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def builtin():
    """The built-in workbook as the reader sees it."""
    return read_workbook(BUILTIN_WORKBOOK.read_bytes())


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright (its own browser download is not used)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():  # a skipped browser test would pass CI while proving nothing
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command (bash tests/run_all.sh), which installs it")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
