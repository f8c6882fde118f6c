"""A real PostgreSQL server for the tests and benchmarks: Debian's binaries, a throw-away cluster.

``PostgresServer`` runs ``initdb`` and ``pg_ctl`` in a temporary folder, as the ``postgres``
user when we are root (PostgreSQL refuses to run as root), and listens only on a Unix socket in
that folder, so it neither needs nor takes a TCP port that another run could be using. Each test
gets its own database (``new_database``), so tests never see each other's rows.

``tests/run_all.sh`` installs Debian's ``postgresql`` when it is missing.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

BIN_ROOT = Path("/usr/lib/postgresql")
INSTALL_HINT = "install Debian's postgresql (bash tests/run_all.sh does it) or put initdb and pg_ctl on PATH"


def find_bin_dir() -> Path | None:
    """The newest PostgreSQL's bin folder under /usr/lib/postgresql, else the one on PATH, else None."""
    versions = sorted((p for p in BIN_ROOT.glob("*/bin") if (p / "initdb").exists()),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    # Only names the socket file (.s.PGSQL.<port>) inside our own folder: no TCP listener is opened.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, started on entry and removed on exit."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        found = bin_dir or find_bin_dir()
        if found is None:
            raise RuntimeError(f"PostgreSQL is not installed: {INSTALL_HINT}")
        self.bin_dir = found
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="union-indicators-pg-"))
        self.data_dir = self.folder / "data"
        self.socket_dir = self.folder  # Unix socket lives here; no TCP
        self._as_postgres = os.geteuid() == 0
        self._counter = itertools.count(1)

    # --- running the server -------------------------------------------------------------------------

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")

    def start(self) -> PostgresServer:
        if self._as_postgres:
            # The postgres user must be able to enter and own the folder; 0700 keeps others out of the
            # socket, whose local connections are trusted.
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.folder.chmod(0o700)
        self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        # A throw-away cluster: durability settings off, so the tests wait on the disk less.
        self._options = (f"-p {self.port} -k {self.socket_dir} -c listen_addresses='' -c fsync=off "
                         "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self.resume()
        return self

    def halt(self) -> None:
        """Stop the server, keeping its cluster: a database outage, for the tests that need one."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the (stopped) server again on the same socket and data."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", self._options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- databases ------------------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database of this server (through its Unix socket)."""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname="postgres",
                               autocommit=True)

    def new_database(self, prefix: str = "t") -> str:
        """Create an empty database and return its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        with self._admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``new_database``, closing whatever connections are left on it."""
        name = make_url(url).database
        with self._admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
