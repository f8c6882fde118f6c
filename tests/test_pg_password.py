"""The documented ways of giving the store a PostgreSQL password work (docs/deploy.md): a password file
named by PGPASSFILE with the URL carrying none, and a percent-encoded password in the URL; without
either, the server refuses. A server of its own, with password (SCRAM) sign-in for the store's role."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from indicators.store import Store

PASSWORD = "Gh@n7:x"  # an @ and a : — what a URL and a password file must escape


@pytest.fixture(scope="module")
def password_server():
    from pg import PostgresServer, find_bin_dir

    if find_bin_dir() is None:
        pytest.fail("PostgreSQL is missing: bash tests/run_all.sh installs it")
    with PostgresServer() as server:
        with psycopg.connect(host=str(server.socket_dir), port=server.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE ROLE union_app LOGIN PASSWORD '{PASSWORD}'")
            conn.execute("CREATE DATABASE indicators OWNER union_app")
        (server.data_dir / "pg_hba.conf").write_text("local all postgres trust\nlocal all all scram-sha-256\n")
        server._run("pg_ctl", "-D", str(server.data_dir), "reload")
        time.sleep(0.5)  # the reload is asynchronous
        yield server


def _url(server, password: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"postgresql://union_app{password}@/indicators?host={server.socket_dir}&port={server.port}"


def test_without_a_password_the_server_refuses(password_server, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(OperationalError):
        Store(_url(password_server))


def test_a_password_file_named_by_pgpassfile_opens_the_store(password_server, monkeypatch, tmp_path):
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:{password_server.port}:indicators:union_app:{PASSWORD.replace(':', chr(92) + ':')}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    store = Store(_url(password_server))
    assert store.current_revision_id() is None  # migrated, open, empty
    store.close()


def test_a_percent_encoded_password_in_the_url_opens_the_store(password_server, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    store = Store(_url(password_server, ":Gh%40n7%3Ax"))
    store.close()
