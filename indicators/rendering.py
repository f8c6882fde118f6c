"""Rendering figures to PNG, SVG and PDF: one door, one warm renderer (the host's service, or the process's own).

kaleido 1.x drives the system Chromium. Starting it costs seconds, so one instance is kept
running in a background thread with its own event loop, and every export and briefing goes
through it; several figures are rendered at once in its tabs. Nothing is fetched from the
internet: plotly.js comes from the installed plotly package and MathJax is off.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import json
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import plotly
import plotly.utils

from indicators import settings

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

    def pages_to_pdf(self, figures: Sequence[dict], width: int, height: int) -> bytes:
        """Many figures as the pages of one PDF, laid out and printed by Chromium in a single pass.

        Printing once is several times faster than a PDF per figure joined afterwards (each of
        those carries its own copy of the CJK font).
        """
        self._ensure_started()
        future = asyncio.run_coroutine_threadsafe(self._print_pages(list(figures), width, height), self._loop)
        try:
            return future.result(self.timeout * max(1, len(figures)))
        except Exception as exc:  # noqa: BLE001 - devtools errors vary by version
            raise RenderError(f"printing the report failed: {exc}") from exc

    async def _print_pages(self, figures: list[dict], width: int, height: int) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "report.html"
            page.write_text(_report_html(figures, width, height), encoding="utf-8")
            tab = await self._kaleido.create_tab("")
            try:
                loaded = tab.subscribe_once("Page.loadEventFired")
                await tab.send_command("Page.enable")
                await tab.send_command("Page.navigate", params={"url": page.as_uri()})
                await loaded
                ready = await tab.send_command("Runtime.evaluate", params={
                    "expression": "window.reportReady", "awaitPromise": True, "returnByValue": True})
                value = ready.get("result", {}).get("result", {}).get("value")
                if value != len(figures):
                    raise RenderError(f"the report page drew {value} of {len(figures)} figures: {ready}")
                printed = await tab.send_command("Page.printToPDF", params={
                    "printBackground": True, "preferCSSPageSize": True,
                    "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0})
            finally:
                await self._kaleido.close_tab(tab)
        if "error" in printed:
            raise RenderError(str(printed["error"]))
        return base64.b64decode(printed["result"]["data"])

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


def _report_html(figures: list[dict], width: int, height: int) -> str:
    pages = "".join(f'<div class="page" id="page{n}"></div>' for n in range(len(figures)))
    # Inside a <script>, "<!--" or "<script" in a value (a file name, say) would change how the HTML
    # parser ends the element: every "<", ">" and "&" goes in as a JSON escape instead.
    data = (json.dumps(figures, cls=plotly.utils.PlotlyJSONEncoder)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}
.page {{ width: {width}px; height: {height}px; overflow: hidden; break-after: page }}
.page:last-of-type {{ break-after: auto }}</style>
<script src="{PLOTLY_JS.as_uri()}"></script></head><body>{pages}
<script>
const figures = {data};
window.reportReady = Promise.all(figures.map((f, n) => Plotly.newPlot("page" + n, f.data || [],
  Object.assign({{}}, f.layout, {{width: {width}, height: {height}}}), {{staticPlot: true}})))
  .then(() => figures.length);
</script></body></html>"""


_RENDERER = Renderer()
atexit.register(_RENDERER.close)


def renderer() -> Renderer:
    """The host's render service when ``INDICATORS_RENDER_SOCKET`` names one (one Chromium for every
    process: see ``indicators/render_service.py``), else this process's own warm renderer."""
    path = settings.get("render_socket")
    if path:
        from indicators.render_service import RemoteRenderer

        return RemoteRenderer(path)  # type: ignore[return-value]
    return _RENDERER


def render(figure: dict, fmt: str, width: int = 1000, height: int = 560) -> bytes:
    """Render one figure with the warm renderer."""
    return renderer().render(figure, fmt, width, height)


def render_many(figures: Sequence[dict], fmt: str, width: int = 1000, height: int = 560) -> list[bytes]:
    """Render several figures in parallel with the warm renderer."""
    return renderer().render_many(figures, fmt, width, height)


def pages_to_pdf(figures: Sequence[dict], width: int, height: int) -> bytes:
    """Figures as the pages of one PDF, printed by the warm renderer in one pass."""
    return renderer().pages_to_pdf(figures, width, height)


def warm_up(wait: float = 120) -> None:
    """Start Chromium now (at server start), so the first export is not the slow one; with the host's
    render service, wait (up to ``wait`` seconds) for it to listen, as it starts beside the server."""
    path = settings.get("render_socket")
    if path:
        import time

        deadline = time.monotonic() + wait
        while not Path(path).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    render({"data": [], "layout": {"width": 10, "height": 10}}, "svg", 10, 10)
