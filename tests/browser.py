"""A real server and a real browser (Debian's Chromium under Playwright) for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db_path: Path, env: dict | None = None, workers: int = 1):
    """``python app.py`` on a free port with its own store (a file or a URL) and ``workers`` server
    processes; yields the base URL."""
    port = free_port()
    # The server's log goes to a file: a pipe nobody reads fills after a few hundred requests and
    # then blocks the server mid-request.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port), "--db", str(db_path), "--workers", str(workers)],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    process.wait(10)
                    log.seek(0)
                    raise RuntimeError(f"the server did not start:\n{log.read().decode(errors='replace')}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


class RequestLog:
    """Every request the page makes; any that would leave the machine is blocked and kept."""

    def __init__(self) -> None:
        self.local: list[str] = []
        self.outside: list[str] = []

    def route(self, route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            self.local.append(route.request.url)
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()
