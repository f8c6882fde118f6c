"""Run a parser in a forked child with a memory and a time bound.

A native parser that meets a hostile file may try to allocate hundreds of gigabytes and abort
the whole process (python-calamine does, for a cell at XFD1048576). In a child with
``RLIMIT_AS`` set, that costs the child, and the caller gets an answer it can show.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import faulthandler
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any


class SandboxError(Exception):
    """The child did not give an answer. ``what`` is ``"memory"``, ``"time"`` or ``"crash"``."""

    def __init__(self, what: str, detail: str = "") -> None:
        super().__init__(f"{what}: {detail}" if detail else what)
        self.what = what
        self.detail = detail


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies (the server or command line killed mid-parse),
    so a parse never outlives the process waiting for it; elsewhere the time limit still ends it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _child(conn: Any, func: Callable[..., Any], args: tuple, memory_bytes: int,
           cpu_seconds: int, parent: int) -> None:
    faulthandler.disable()  # a parser's abort here is expected and answered; no dump on stderr
    _die_with_parent(parent)
    try:
        limit = _virtual_memory_bytes() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        result = ("ok", func(*args))
    except MemoryError:
        result = ("memory", "")
    except Exception:  # noqa: BLE001 - anything the parser raises goes back as text
        result = ("crash", traceback.format_exc(limit=3))
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", ""))
    finally:
        conn.close()
        os._exit(0)


class BoundedChild:
    """A forked child computing ``func(*args)`` within a memory and a time bound, started at once.

    The caller may do other work meanwhile (the reader checks the container beside the parse),
    then :meth:`wait` for the answer, or :meth:`stop` the child when that work says no.
    """

    def __init__(self, func: Callable[..., Any], args: tuple, memory_mb: int, seconds: float) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child_conn = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_child,
            args=(child_conn, func, args, memory_mb * 1024 * 1024, max(1, int(seconds) + 1), os.getpid()),
            daemon=True,
        )
        self._deadline = time.monotonic() + seconds
        self._process.start()
        child_conn.close()

    def wait(self, cancelled: Callable[[], bool] | None = None) -> Any:
        """The child's answer; :class:`SandboxError` when it ran out of memory or time, died, or
        ``cancelled()`` turned true. The child is gone when this returns or raises."""
        try:
            while not self._conn.poll(min(0.5, max(0.0, self._deadline - time.monotonic()))):
                if time.monotonic() >= self._deadline:
                    raise SandboxError("time")
                if cancelled is not None and cancelled():
                    raise SandboxError("cancelled")
            try:
                status, payload = self._conn.recv()
            except (EOFError, OSError):
                self._process.join(1)
                code = self._process.exitcode
                what = {-6: "memory", -9: "memory", -24: "time"}.get(code, "crash")
                raise SandboxError(what, f"exit code {code}") from None
        finally:
            self.stop()
        if status == "ok":
            return payload
        raise SandboxError(status, payload)

    def stop(self) -> None:
        """Kill the child if it still works, and reap it. Safe to call twice."""
        self._conn.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5)


def run_bounded(func: Callable[..., Any], *args: Any, memory_mb: int, seconds: float,
                cancelled: Callable[[], bool] | None = None) -> Any:
    """``func(*args)`` computed in a forked child bounded in memory and time.

    Raises :class:`SandboxError` when the child runs out of memory, out of time, or dies, or
    (``what == "cancelled"``) when ``cancelled()`` turns true while it works: the child is killed.
    """
    return BoundedChild(func, args, memory_mb, seconds).wait(cancelled)
