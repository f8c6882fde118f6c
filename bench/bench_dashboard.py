"""Dashboard speed with 100,000 observations in the store, side by side in one run.

- first chart: time from navigation to the first chart drawn in headless Chromium, for the
  overview's indicator page and for a one-graph Dash page served on the same machine;
- callbacks: the page's real callback requests (recorded from the browser) replayed by 10
  concurrent clients; 95th percentile per callback;
- memory: the server process's peak resident size.

    python bench/bench_dashboard.py [--rows 100000] [--rounds 5] [--requests 40]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.big_workbook import prepare_store, write_long_workbook  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS, free_port, running_server  # noqa: E402
from indicators.ingest import import_workbook  # noqa: E402
from indicators.store import Store  # noqa: E402

OUT = ROOT / "bench" / "out"


def big_store(path: Path, rows: int) -> None:
    workbook = OUT / f"long_{rows}.xlsx"
    if not workbook.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        write_long_workbook(workbook, rows)
    store = Store(f"sqlite:///{path}")
    prepare_store(store, rows)
    result = import_workbook(store, workbook.read_bytes(), workbook.name, "bench")
    assert result.ok, result.problems[:3]
    store.close()


def first_chart_seconds(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    return time.perf_counter() - started


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def replay(base: str, recorded: list[tuple[str, bytes]], clients: int, per_client: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    lock = threading.Lock()

    def client(offset: int) -> None:
        for n in range(per_client):
            name, body = recorded[(offset + n) % len(recorded)]
            request = urllib.request.Request(base + "/_dash-update-component", data=body,
                                             headers={"Content-Type": "application/json"})
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
            with lock:
                timings.setdefault(name, []).append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.db"
        print(f"loading {args.rows:,} observations into a store …", flush=True)
        big_store(db, args.rows)
        port = free_port()
        yardstick = subprocess.Popen([sys.executable, str(ROOT / "bench" / "one_graph_app.py"), str(port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with running_server(db) as base, sync_playwright() as p:
                for _ in range(100):
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                        break
                    except OSError:
                        time.sleep(0.2)
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                recorded: list[tuple[str, bytes]] = []

                def record(request) -> None:
                    if "_dash-update-component" in request.url and request.post_data_buffer:
                        body = request.post_data_buffer
                        output = request.post_data_json.get("output", "?")
                        recorded.append((output[:60], body))

                ours_url = base + "/indicator/union_members?year=2008"
                yard_url = f"http://127.0.0.1:{port}/"
                first_chart_seconds(page, ours_url)  # warm both once: caches, indexes
                first_chart_seconds(page, yard_url)
                ours, yard = [], []
                for _ in range(args.rounds):
                    yard.append(first_chart_seconds(page, yard_url))
                    ours.append(first_chart_seconds(page, ours_url))
                page.on("request", record)
                page.goto(base + "/?year=2008", wait_until="networkidle")
                page.goto(base + "/indicator/grassroots_unions?region=第001区", wait_until="networkidle")
                page.goto(base + "/indicator/union_formation_rate?lang=en", wait_until="networkidle")
                browser.close()
                # The process serving the pages (a gunicorn worker, not its master), as it says itself.
                server_pid = json.loads(urllib.request.urlopen(base + "/healthz").read())["pid"]
                timings = replay(base, recorded, clients=10, per_client=args.requests)
                rss = peak_rss_mb(server_pid)
        finally:
            yardstick.terminate()
    ours_median, yard_median = statistics.median(ours), statistics.median(yard)
    print(f"first chart drawn, median of {args.rounds}: indicator page {ours_median:.2f} s, "
          f"one-graph Dash page {yard_median:.2f} s")
    print(f"ratio indicator page / one-graph page: {ours_median / yard_median:.2f}x   (goal: at most 2x)")
    print("callbacks under 10 concurrent clients (95th percentile, goal under 150 ms):")
    for name, values in sorted(timings.items()):
        values.sort()
        p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
        print(f"  {name:<60} n={len(values):>4}  p50={statistics.median(values) * 1000:6.0f} ms  "
              f"p95={p95 * 1000:6.0f} ms")
    print(f"server process peak memory: {rss:.0f} MB   (goal: under 400 MB)")


if __name__ == "__main__":
    main()
