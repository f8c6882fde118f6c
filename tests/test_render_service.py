"""One chart renderer per host: the production server's workers share one Chromium through the render service.

Issue 18: a warm kaleido (a Chromium of about a gigabyte) ran in every gunicorn worker. These tests run
the real service and the real production server (``python app.py --workers 2``), count the Chromium
browsers on the machine that belong to it, and check that exports answer with a clear message when
the service is down.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from browser import ROOT, running_server
from indicators.rendering import RenderError

FIGURE = {"data": [{"type": "bar", "x": ["甘州区", "北山县"], "y": [3, 5]}], "layout": {"title": {"text": "会员"}}}


def _start_service(path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "INDICATORS_RENDER_SOCKET"}
    service = subprocess.Popen([sys.executable, "-m", "indicators", "render-service", "--socket", str(path)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not path.exists():
        assert service.poll() is None and time.monotonic() < deadline, "the render service did not start"
        time.sleep(0.2)
    return service


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_the_service_renders_svg_png_and_pdf_over_its_socket_and_says_what_went_wrong(tmp_path):
    from indicators.render_service import RemoteRenderer

    path = tmp_path / "r" / "render.sock"
    service = _start_service(path)
    try:
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"  # only its owner may connect
        remote = RemoteRenderer(path)
        svg, png = remote.render(FIGURE, "svg", 400, 300), remote.render(FIGURE, "png", 400, 300)
        assert b"<svg" in svg and "甘州区".encode() in svg
        assert png.startswith(b"\x89PNG")
        assert remote.pages_to_pdf([FIGURE, FIGURE], 400, 300).startswith(b"%PDF")
        with pytest.raises(ValueError):
            remote.render(FIGURE, "gif", 400, 300)
    finally:
        _stop(service)
    with pytest.raises(RenderError, match="not answering"):
        RemoteRenderer(path).render(FIGURE, "svg", 400, 300)


def _processes() -> dict[int, tuple[int, list[str]]]:
    """pid → (parent pid, command line) of every process on the machine."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        found[int(entry.name)] = (parent, [part.decode(errors="replace") for part in cmdline if part])
    return found


def _browsers_under(root: int) -> list[tuple[int, list[str]]]:
    """Chromium browser processes (not its renderer, GPU or zygote children) descended from ``root``."""
    table = _processes()

    def descends(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = table.get(pid, (0, []))[0]
        return False

    return [(pid, cmd) for pid, (_, cmd) in table.items()
            if cmd and "chrom" in Path(cmd[0]).name and not any(a.startswith("--type=") for a in cmd)
            and descends(pid)]


def test_the_production_servers_workers_share_one_chromium(tmp_path):
    db = tmp_path / "one-renderer.db"
    env = {"INDICATORS_RENDER_SOCKET": ""}
    with running_server(db, env=env, workers=2) as base:
        app_pid = next(pid for pid, (_, cmd) in _processes().items()
                       if any(part.endswith("app.py") for part in cmd) and str(db) in cmd)
        for n in range(8):  # new connections: both workers answer some
            answer = requests.get(f"{base}/export/grassroots_unions.svg?lang={'zh' if n % 2 else 'en'}",
                                  headers={"Connection": "close"}, timeout=120)
            assert answer.status_code == 200 and "<svg" in answer.text, answer.text[:300]
        time.sleep(2)  # any worker that would warm its own Chromium has had time to start it
        browsers = _browsers_under(app_pid)
        assert len(browsers) == 1, browsers
        table = _processes()
        parent = table[browsers[0][0]][0]
        chain = []
        while parent > 1:
            chain.append(" ".join(table.get(parent, (0, []))[1]))
            parent = table.get(parent, (0, []))[0]
        assert any("render-service" in link for link in chain), chain  # the service owns it, no worker does


def test_an_export_says_the_renderer_is_down_and_pages_keep_working(tmp_path, monkeypatch):
    monkeypatch.setenv("INDICATORS_RENDER_SOCKET", str(tmp_path / "nobody" / "render.sock"))
    from app import create_app

    app = create_app({"db": str(tmp_path / "down.db")})
    client = app.server.test_client()
    answer = client.get("/export/grassroots_unions.svg")
    assert answer.status_code == 503
    assert "图表暂时无法生成" in answer.get_data(as_text=True) and "not answering" in answer.get_data(as_text=True)
    assert client.get("/").status_code == 200
    app.server.config["APPLICATION"].store.engine.dispose()
