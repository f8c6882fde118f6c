"""A shared server under load, side by side in one run: the embedded default vs 4 workers on PostgreSQL
with Celery workers through Redis, both on a store of 100,000 observations.

For each set-up, 20 concurrent clients for ``--seconds`` mix: the overview and indicator pages'
callbacks (recorded from a real browser, replayed with their parameters), pages, warm PNG and SVG
exports, full data downloads (the whole revision, CSV and XLSX, both languages) and filtered ones
(an indicator up to a year, a region), and an upload → check → publish every ``--publish-every``
seconds whose steps land on whichever process answers, so every full download is asked for again
right after each publish. It prints requests per second, p50/p95 per kind, errors (must be 0), the
memory of each server process, and how many times each download of the current revision was built
(once: the exports folder's build log).

    python bench/bench_load.py [--seconds 120] [--clients 20] [--rows 100000] [--publish-every 60]

The red team's soak (issue 18) is ``--seconds 600``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_service import _signed_in_opener, _upload  # noqa: E402

from bench.big_workbook import prepare_store, write_long_workbook  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402
from indicators.ingest import import_workbook  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.users import Users  # noqa: E402
from pg import PostgresServer  # noqa: E402
from redis_server import RedisServer  # noqa: E402
from workbooks import long_workbook  # noqa: E402

OUT = ROOT / "bench" / "out"
EDITOR = ("bench", "bench-password")
PUBLISH_OUTPUTS = [("upload-result", "children"), ("upload-publish", "style")]


def fill(url: str, rows: int) -> None:
    workbook = OUT / f"long_{rows}.xlsx"
    if not workbook.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        write_long_workbook(workbook, rows)
    store = Store(url)
    prepare_store(store, rows)
    assert import_workbook(store, workbook.read_bytes(), workbook.name, "bench").ok
    Users(store).add(*EDITOR, "editor")
    store.close()


def record_callbacks(base: str) -> list[tuple[str, bytes]]:
    recorded: list[tuple[str, bytes]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def keep(request) -> None:  # type: ignore[no-untyped-def]
            if "_dash-update-component" in request.url and request.post_data_buffer:
                recorded.append((request.post_data_json.get("output", "?")[:40], request.post_data_buffer))

        page.on("request", keep)
        for path in ("/?year=2008", "/indicator/grassroots_unions?region=第001区",
                     "/indicator/union_formation_rate?lang=en", "/indicator/union_members?year=2006"):
            page.goto(base + path, wait_until="networkidle")
        browser.close()
    return recorded


def _publish_body(base: str, job_id: str) -> bytes:
    outputs = [{"id": i, "property": p} for i, p in PUBLISH_OUTPUTS]
    callbacks = json.loads(urllib.request.urlopen(base + "/_dash-dependencies").read())
    key = next(c["output"] for c in callbacks if c["output"].startswith("..upload-result.children"))
    return json.dumps({"output": key,
                       "outputs": outputs, "inputs": [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                       "changedPropIds": ["upload-publish.n_clicks"],
                       "state": [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "zh"}},
                                 {"id": "upload-confirm", "property": "value", "value": []}]}).encode()


class Load:
    def __init__(self, base: str, recorded: list[tuple[str, bytes]], seconds: float, clients: int,
                 publish_every: float, regions: list[str]) -> None:
        self.base, self.recorded, self.seconds, self.clients = base, recorded, seconds, clients
        self.publish_every, self.regions = publish_every, regions
        self.timings: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def _time(self, kind: str, fn) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
            with self.lock:
                self.errors.append(f"{kind}: {type(exc).__name__}: {exc}"[:200])
            return
        with self.lock:
            self.timings.setdefault(kind, []).append(time.perf_counter() - started)

    def _get(self, path: str) -> None:
        with urllib.request.urlopen(self.base + path, timeout=120) as response:
            response.read()
            if response.status >= 400:
                raise RuntimeError(f"{response.status} {path}")

    def _callback(self, body: bytes) -> None:
        request = urllib.request.Request(self.base + "/_dash-update-component", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()

    def reader(self, seed: int) -> None:
        rng = random.Random(seed)
        deadline = time.monotonic() + self.seconds
        codes = ["grassroots_unions", "union_members", "union_formation_rate", "aid_funds", "model_workers"]
        while time.monotonic() < deadline:
            roll = rng.random()
            if roll < 0.6:
                name, body = rng.choice(self.recorded)
                self._time("callback", lambda body=body: self._callback(body))
            elif roll < 0.72:
                self._time("page", lambda: self._get(rng.choice(["/", "/indicator/union_members?year=2007",
                                                                 "/method"])))
            elif roll < 0.82:
                code, fmt = rng.choice(codes), rng.choice(["png", "svg"])
                self._time(fmt, lambda code=code, fmt=fmt: self._get(f"/export/{code}.{fmt}?year=2008"))
            elif roll < 0.9:
                fmt, lang = rng.choice(["csv", "xlsx"]), rng.choice(["zh", "en"])
                self._time("download full", lambda fmt=fmt, lang=lang: self._get(f"/download/data.{fmt}?lang={lang}"))
            else:
                query = rng.choice([f"code={rng.choice(codes)}&year={rng.choice([2006, 2007, 2008])}",
                                    "region=" + urllib.parse.quote(rng.choice(self.regions or [""]))])
                fmt = rng.choice(["csv", "xlsx"])
                self._time("download filtered", lambda fmt=fmt, query=query: self._get(f"/download/data.{fmt}?{query}"))

    def uploader(self) -> None:
        """A publish every ``publish_every`` seconds until the end, each a new revision."""
        deadline = time.monotonic() + self.seconds
        n = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            year = 2010 + n % 15  # a past year (the reader refuses future ones), a new value each time
            data = long_workbook([["grassroots_unions", year, "", "", 3000 + n, "", "", ""]])
            n += 1

            def one_round(data: bytes = data, year: int = year) -> None:
                opener = _signed_in_opener(self.base, EDITOR)  # a new connection: any process
                job_id = _upload(opener, self.base, data, f"{year}.xlsx")
                deadline = time.monotonic() + 120
                while json.loads(opener.open(self.base + f"/upload/status/{job_id}").read())["status"] in (
                        "queued", "running"):
                    if time.monotonic() > deadline:
                        raise TimeoutError("check")
                    time.sleep(0.2)
                fresh = _signed_in_opener(self.base, EDITOR)  # the publish from yet another connection
                request = urllib.request.Request(self.base + "/_dash-update-component", data=_publish_body(self.base, job_id),
                                                 headers={"Content-Type": "application/json"})
                answer = fresh.open(request).read().decode()
                if "号修订版" not in json.dumps(json.loads(answer), ensure_ascii=False):
                    raise RuntimeError(f"publish: {answer[:200]}")

            self._time("upload→publish", one_round)
            time.sleep(max(0.0, min(self.publish_every - (time.monotonic() - started), deadline - time.monotonic())))

    def run(self) -> float:
        threads = [threading.Thread(target=self.reader, args=(i,)) for i in range(self.clients - 1)]
        threads.append(threading.Thread(target=self.uploader))
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started


def workers_memory_mb(base: str) -> dict[int, float]:
    pids = {json.loads(urllib.request.urlopen(base + "/healthz").read())["pid"] for _ in range(40)}
    out = {}
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                out[pid] = int(line.split()[1]) / 1024
    return out


def builds_per_file(exports: Path) -> dict[str, int]:
    """How often each download of the revisions still kept was built (the exports folder's build logs)."""
    counts: dict[str, int] = {}
    for log in exports.glob("r*.builds"):
        for line in log.read_text(encoding="utf-8").splitlines():
            name = line.split("\t", 1)[0]
            counts[name] = counts.get(name, 0) + 1
    return counts


def report(name: str, load: Load, elapsed: float, memory: dict[int, float], builds: dict[str, int]) -> None:
    total = sum(len(v) for v in load.timings.values())
    print(f"\n== {name}: {total} requests in {elapsed:.0f} s = {total / elapsed:.1f} per second; "
          f"errors: {len(load.errors)}")
    for kind, values in sorted(load.timings.items()):
        values.sort()
        p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
        print(f"  {kind:<16} n={len(values):>5}  p50={statistics.median(values) * 1000:7.0f} ms  "
              f"p95={p95 * 1000:7.0f} ms")
    for error in load.errors[:5]:
        print(f"  ! {error}")
    print("  peak memory per server process: " + ", ".join(f"{mb:.0f} MB" for mb in sorted(memory.values())))
    twice = {name: n for name, n in builds.items() if n > 1}
    print(f"  downloads of the kept revisions: {len(builds)} files, built more than once: {twice or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--publish-every", type=float, default=60, help="seconds between publishes")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        embedded_db = f"sqlite:///{Path(tmp) / 'embedded.db'}"
        print("loading the embedded store …", flush=True)
        fill(embedded_db, args.rows)
        pg = stack.enter_context(PostgresServer())
        redis = stack.enter_context(RedisServer())
        shared_db = pg.new_database()
        print("loading the PostgreSQL store …", flush=True)
        fill(shared_db, args.rows)
        # The clients all come from one address, and the anonymous rate limits count per address: off here
        # (-1), or the bench would measure the 429s they are there to give.
        unlimited = {"INDICATORS_ANONYMOUS_RENDERS_PER_MINUTE": "-1", "INDICATORS_ANONYMOUS_BRIEFINGS_PER_HOUR": "-1"}
        setups = [("embedded default: 1 process, SQLite, job threads", embedded_db, 1,
                   {"INDICATORS_EXPORTS_DIR": str(Path(tmp) / "embedded-exports"), **unlimited}),
                  ("4 workers, PostgreSQL, Celery workers through Redis", shared_db, 4,
                   {"INDICATORS_REDIS_URL": redis.url, "INDICATORS_EXPORTS_DIR": str(Path(tmp) / "shared-exports"),
                    **unlimited})]
        for name, url, workers, env in setups:
            celery = None
            if "INDICATORS_REDIS_URL" in env:
                celery = subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "indicators.celery_worker", "worker", "-Q",
                     "checks,briefings", "--pool", "threads", "--concurrency", "2", "--loglevel", "WARNING",
                     "--without-gossip", "--without-mingle"], cwd=ROOT,
                    env={**os.environ, "INDICATORS_DB": url, **env}, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
            try:
                with running_server(url, env=env, workers=workers) as base:
                    recorded = record_callbacks(base)
                    for code in ("grassroots_unions", "union_members", "union_formation_rate", "aid_funds",
                                 "model_workers"):
                        for _ in range(workers * 2):  # every process's renderer warm before the clock starts
                            urllib.request.urlopen(f"{base}/export/{code}.png?year=2008", timeout=120).read()
                    reading = Store(url)
                    _, observations, _ = reading.data()
                    reading.close()
                    regions = sorted({r for r in observations["region"].astype(str) if r})[:20]
                    load = Load(base, recorded, args.seconds, args.clients, args.publish_every, regions)
                    elapsed = load.run()
                    results.append((name, load, elapsed, workers_memory_mb(base),
                                    builds_per_file(Path(env["INDICATORS_EXPORTS_DIR"]))))
            finally:
                if celery is not None:
                    celery.terminate()
                    celery.wait(30)
    for result in results:
        report(*result)
    print("\ngoals (issue 18): errors 0; downloads p95 < 1 s; callbacks p95 < 300 ms on 2 cores; < 400 MB per web "
          "worker at the end; each download built once per revision")


if __name__ == "__main__":
    main()
