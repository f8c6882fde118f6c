"""Rendering figures to PNG, SVG and PDF: one door, one warm renderer for the whole process.

kaleido 1.x drives the system Chromium. Starting it costs seconds, so one instance is kept
running in a background thread with its own event loop, and every export and briefing goes
through it; several figures are rendered at once in its tabs. Nothing is fetched from the
internet: plotly.js comes from the installed plotly package and MathJax is off.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import plotly

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
PNG_SCALE = 2  # print quality
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class RenderError(Exception):
    """A figure could not be rendered (Chromium missing, a timeout, a broken figure)."""


class Renderer:
    """A persistent kaleido with ``tabs`` tabs, fed from any thread."""

    def __init__(self, tabs: int = 2, timeout: float = 60) -> None:
        self.tabs = tabs
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def _ensure_started(self) -> None:
        with self._lock:
            if self._kaleido is not None:
                return
            import kaleido

            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="kaleido-renderer", daemon=True)
            thread.start()

            async def open_kaleido() -> Any:
                k = kaleido.Kaleido(n=self.tabs, timeout=self.timeout, mathjax=False, plotlyjs=str(PLOTLY_JS))
                await k.open()
                return k

            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(open_kaleido(), loop).result(120)
            except Exception as exc:  # noqa: BLE001 - any start-up failure becomes one clear error
                loop.call_soon_threadsafe(loop.stop)
                raise RenderError(f"cannot start the chart renderer (Chromium): {exc}") from exc
            self._loop, self._thread = loop, thread

    def _submit(self, figure: dict, fmt: str, width: int, height: int) -> Future:
        opts = {"format": fmt, "width": width, "height": height, "scale": PNG_SCALE if fmt == "png" else 1}
        return asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(figure, opts=opts), self._loop)

    def render(self, figure: dict, fmt: str, width: int = 1000, height: int = 560) -> bytes:
        """One figure as ``fmt`` bytes (``png`` at twice the size, for print)."""
        return self.render_many([figure], fmt, width, height)[0]

    def render_many(self, figures: Sequence[dict], fmt: str, width: int = 1000, height: int = 560) -> list[bytes]:
        """Several figures at once, spread over the renderer's tabs; results in the same order."""
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}")
        self._ensure_started()
        futures = [self._submit(figure, fmt, width, height) for figure in figures]
        try:
            return [future.result(self.timeout * max(1, len(figures))) for future in futures]
        except Exception as exc:  # noqa: BLE001 - kaleido's own errors vary by version
            raise RenderError(f"rendering failed: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            if self._kaleido is None or self._loop is None:
                return
            try:
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(20)
            except Exception:  # noqa: BLE001 - closing at exit: nothing more to do
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._kaleido = None


_RENDERER = Renderer()
atexit.register(_RENDERER.close)


def render(figure: dict, fmt: str, width: int = 1000, height: int = 560) -> bytes:
    """Render one figure with the process's warm renderer."""
    return _RENDERER.render(figure, fmt, width, height)


def render_many(figures: Sequence[dict], fmt: str, width: int = 1000, height: int = 560) -> list[bytes]:
    """Render several figures in parallel with the process's warm renderer."""
    return _RENDERER.render_many(figures, fmt, width, height)


def warm_up() -> None:
    """Start Chromium now (at server start), so the first export is not the slow one."""
    render({"data": [], "layout": {"width": 10, "height": 10}}, "svg", 10, 10)
