"""Run a call from several threads released together, for tests of what happens at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def at_once(call: Callable[[], Any], n: int = 8) -> list[Any]:
    """``call()`` from ``n`` threads that start together; their answers, in the order they came."""
    barrier = threading.Barrier(n)
    answers: list[Any] = []

    def run() -> None:
        barrier.wait()
        answers.append(call())

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def slowly(call: Callable[..., Any], seconds: float = 0.05) -> Callable[..., Any]:
    """``call``, taking a little longer, so that other threads arrive while it runs."""
    def slow(*args: Any, **kwargs: Any) -> Any:
        threading.Event().wait(seconds)
        return call(*args, **kwargs)
    return slow
