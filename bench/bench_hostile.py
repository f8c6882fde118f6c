"""Case 1 of the hardening issue, measured: a 100,000-row workbook with a problem in every row.

Before, the problem table rendered all 100,321 problems: a 58 MB answer every poll and the
server at 1.85 GB. This uploads such a file through the form to a real server (one worker
process, SQLite), waits for the check, fetches the page's answer as the browser's poll does, and
prints the server's peak memory (the worker and its parsing child, from /proc) and the answer's size.

    python bench/bench_hostile.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import xlsxwriter  # noqa: E402
from test_service import _signed_in_opener, _upload  # noqa: E402

from browser import running_server  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.users import Users  # noqa: E402

EDITOR = ("bench", "bench-password")


def flood(path: Path, rows: int) -> None:
    """A mistyped code and a word for a number in every row."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, ["指标代码", "年份", "地区", "分组", "数值"])
    for n in range(1, rows + 1):
        ws.write_row(n, 0, ["grassrots_unions", 1950 + n % 150, "", f"g{n}", "很多"])
    wb.close()


def _memory_mb(worker: int) -> dict[str, float]:
    """Resident memory, in MB: the server process itself; its Python children (the bounded parse and
    marking children); the Chromium the chart renderer keeps warm."""
    found = {"worker": 0.0, "children": 0.0, "chromium": 0.0}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid, rss = int(fields["Pid"]), int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        if pid == worker:
            found["worker"] += rss
        elif _descends(pid, worker):
            found["chromium" if "chrom" in fields["Name"] or "kaleido" in fields["Name"] else "children"] += rss
    return found


def _descends(pid: int, root: int) -> bool:
    for _ in range(8):
        try:
            pid = int(Path(f"/proc/{pid}/status").read_text().split("PPid:")[1].split()[0])
        except (OSError, IndexError):
            return False
        if pid == root:
            return True
        if pid in (0, 1):
            return False
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = folder / "flood.xlsx"
        flood(book, args.rows)
        db = folder / "store.db"
        store = Store(f"sqlite:///{db}")
        Users(store).add(*EDITOR, "editor")
        store.close()
        with running_server(db) as base:
            server_pid = json.loads(urllib.request.urlopen(base + "/healthz").read())["pid"]
            opener = _signed_in_opener(base, EDITOR)
            idle = _memory_mb(server_pid)
            peak = dict(idle)
            stop = threading.Event()

            def sample() -> None:
                while not stop.is_set():
                    for key, value in _memory_mb(server_pid).items():
                        peak[key] = max(peak[key], value)
                    time.sleep(0.05)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            started = time.perf_counter()
            job_id = _upload(opener, base, book.read_bytes(), "flood.xlsx")
            while (status := json.loads(opener.open(base + f"/upload/status/{job_id}").read()))["status"] \
                    in ("queued", "running"):
                time.sleep(0.3)
            checked = time.perf_counter() - started
            body = {"output": "..upload-status.children...upload-poll.disabled...upload-publish.style..."
                              "upload-confirm.style...upload-shown.data..",
                    "outputs": [{"id": i, "property": p} for i, p in (
                        ("upload-status", "children"), ("upload-poll", "disabled"), ("upload-publish", "style"),
                        ("upload-confirm", "style"), ("upload-shown", "data"))],
                    "inputs": [{"id": "upload-poll", "property": "n_intervals", "value": 1}],
                    "changedPropIds": ["upload-poll.n_intervals"],
                    "state": [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "zh"}},
                              {"id": "upload-shown", "property": "data", "value": None}]}
            request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"})
            answer = opener.open(request).read()
            marked = opener.open(base + f"/download/problems/{job_id}.xlsx").read()
            stop.set()
            sampler.join()
    print(f"rows with a problem: {args.rows:,}; problems sent to the page: {len(status['problems'])} "
          f"(status {status['status']}, ok={status['ok']})")
    print(f"check took {checked:.1f} s")
    print(f"the page's answer to its poll: {len(answer) / 1024:.0f} KB   (before: 58 MB)")
    print(f"the marked workbook (every problem listed): {len(marked) / 1e6:.1f} MB")
    print(f"server process: idle {idle['worker']:.0f} MB, peak {peak['worker']:.0f} MB   "
          f"(goal: under 400 MB; before: 1.85 GB)")
    print(f"its bounded parse and marking children, peak {peak['children']:.0f} MB in all "
          f"(each capped by INDICATORS_PARSE_MEMORY_MB); the warm Chromium {peak['chromium']:.0f} MB")


if __name__ == "__main__":
    main()
