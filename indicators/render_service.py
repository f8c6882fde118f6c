"""One chart renderer per host: a small service that owns the only Chromium, and the client every process uses.

A warm kaleido costs a Chromium of about a gigabyte; one per gunicorn worker and one per Celery worker
multiplied that by the number of processes. The production server (``python app.py``) starts this
service once, beside gunicorn, and its workers render through it; Celery workers use it when
``INDICATORS_RENDER_SOCKET`` names the same socket (``python -m indicators render-service`` runs it on
its own, e.g. under systemd). Empty, the setting keeps the renderer inside the process, as a laptop
or a test wants.

The service listens on a Unix socket in a folder only its owner may enter. A request is a length
(8 bytes, big-endian) and a JSON object: ``{"op": "render", "figures": [...], "fmt": "svg",
"width": 1000, "height": 560}`` or ``{"op": "pdf", ...}``. The answer is one status byte (0 ok, 1
error), a length and the payload: for ``render``, a JSON list of base64 strings; for ``pdf``, the
PDF's bytes; for an error, its message. Nothing but JSON crosses the socket: no pickles.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import socketserver
import struct
import threading
from collections.abc import Sequence
from pathlib import Path

import plotly.utils

from indicators.rendering import FORMATS, Renderer, RenderError

_LENGTH = struct.Struct(">Q")
_MAX_REQUEST = 256 * 1024 * 1024  # a briefing of every indicator is a few MB of figure JSON


def _send(sock: socket.socket, status: int, payload: bytes) -> None:
    sock.sendall(bytes([status]) + _LENGTH.pack(len(payload)) + payload)


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise ConnectionError("the connection closed mid-message")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        renderer: Renderer = self.server.renderer  # type: ignore[attr-defined]
        try:
            (length,) = _LENGTH.unpack(_read_exactly(self.request, _LENGTH.size))
            if length > _MAX_REQUEST:
                raise ValueError(f"request of {length} bytes is over the limit")
            request = json.loads(_read_exactly(self.request, length))
            figures, fmt = request["figures"], request.get("fmt", "svg")
            width, height = int(request["width"]), int(request["height"])
            if request.get("op") == "pdf":
                payload = renderer.pages_to_pdf(figures, width, height)
            elif request.get("op") == "render" and fmt in FORMATS:
                images = renderer.render_many(figures, fmt, width, height)
                payload = json.dumps([base64.b64encode(image).decode("ascii") for image in images]).encode()
            else:
                raise ValueError(f"unknown request: {request.get('op')!r} {fmt!r}")
        except (RenderError, ValueError, KeyError, TypeError, json.JSONDecodeError, ConnectionError) as exc:
            try:
                _send(self.request, 1, str(exc).encode("utf-8", "replace"))
            except OSError:
                pass
            return
        _send(self.request, 0, payload)


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def serve(path: str | Path, tabs: int = 4, ready: threading.Event | None = None) -> None:
    """Run the host's renderer on the Unix socket ``path`` until the process is stopped."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)  # only the service's owner (the web and Celery workers' user) may connect
    if path.exists():
        path.unlink()  # a socket left by a service that was killed
    server = _Server(str(path), _Handler)
    os.chmod(path, 0o600)
    server.renderer = Renderer(tabs=tabs)  # type: ignore[attr-defined]
    server.renderer.render_many([{"data": [], "layout": {}}], "svg", 10, 10)  # type: ignore[attr-defined]  # warm
    if ready is not None:
        ready.set()
    print(f"chart renderer listening on {path}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        server.renderer.close()  # type: ignore[attr-defined]
        path.unlink(missing_ok=True)


class RemoteRenderer:
    """The host's renderer, reached over its socket; the same methods as :class:`Renderer`."""

    def __init__(self, path: str | Path, timeout: float = 300) -> None:
        self.path = str(path)
        self.timeout = timeout

    def _ask(self, request: dict) -> bytes:
        body = json.dumps(request, cls=plotly.utils.PlotlyJSONEncoder).encode("utf-8")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(self.timeout)
                sock.connect(self.path)
                sock.sendall(_LENGTH.pack(len(body)) + body)
                status = _read_exactly(sock, 1)[0]
                (length,) = _LENGTH.unpack(_read_exactly(sock, _LENGTH.size))
                payload = _read_exactly(sock, length)
        except (OSError, ConnectionError) as exc:
            raise RenderError(f"the chart renderer service at {self.path} is not answering: {exc}") from exc
        if status != 0:
            raise RenderError(payload.decode("utf-8", "replace"))
        return payload

    def render(self, figure: dict, fmt: str, width: int = 1000, height: int = 560) -> bytes:
        return self.render_many([figure], fmt, width, height)[0]

    def render_many(self, figures: Sequence[dict], fmt: str, width: int = 1000, height: int = 560) -> list[bytes]:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}")
        payload = self._ask({"op": "render", "figures": list(figures), "fmt": fmt, "width": width, "height": height})
        return [base64.b64decode(image) for image in json.loads(payload)]

    def pages_to_pdf(self, figures: Sequence[dict], width: int, height: int) -> bytes:
        return self._ask({"op": "pdf", "figures": list(figures), "width": width, "height": height})

    def close(self) -> None:
        """Nothing to close: the service owns the Chromium."""
