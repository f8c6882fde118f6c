"""A real Redis server for the tests: Debian's redis-server on a free port, in a throw-away folder.

``tests/run_all.sh`` installs Debian's ``redis-server`` when it is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

INSTALL_HINT = "install Debian's redis-server (bash tests/run_all.sh does it)"


def find_redis() -> str | None:
    return shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)


class RedisServer:
    """``with RedisServer() as redis: redis.url`` — a server that nothing else uses, gone afterwards;
    ``stop()`` and ``start()`` take it down and bring it back on the same port."""

    def __enter__(self) -> RedisServer:
        self.folder = tempfile.TemporaryDirectory(prefix="redis-test-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.start()
        return self

    def start(self) -> None:
        """Start the server on its port (again, after ``stop``)."""
        binary = find_redis()
        if binary is None:
            raise RuntimeError(f"Redis is missing: {INSTALL_HINT}")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.folder.name, "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (its queues go with it: nothing is saved); ``start`` brings it back."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.folder.cleanup()
