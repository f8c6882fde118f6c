"""Export speed, side by side in one run.

- a warm PNG export from the running app (its kaleido kept warm between requests), against a
  fresh ``plotly.io.to_image`` in a new Python process (what a naive export does);
- the whole briefing of all indicators (PPTX and PDF), against that same fresh export.

    python bench/bench_export.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import running_server  # noqa: E402

FRESH_EXPORT = """
import plotly.graph_objects as go, plotly.io as pio
fig = go.Figure(go.Scatter(x=[2004, 2005, 2006, 2007, 2008], y=[1500, 1650, 1800, 2000, 2185]))
fig.update_layout(title="基层工会组织数", font={"family": "Noto Sans CJK SC"})
pio.to_image(fig, format="png", width=1000, height=560, scale=2)
"""


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
    return time.perf_counter() - started


def fresh_export() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", FRESH_EXPORT], check=True, capture_output=True)
    return time.perf_counter() - started


def briefing(base: str, fmt: str) -> float:
    """Start a briefing the way the page does (the job runner) and time it to the finished file."""
    from indicators.briefing import build_pdf, build_pptx
    from indicators.indicator_view import DataIndex
    from indicators.ingest import BUILTIN_WORKBOOK
    from indicators.workbook import read_workbook

    parsed = read_workbook(BUILTIN_WORKBOOK.read_bytes())
    index = DataIndex(1, parsed.observations, parsed.targets)
    build = build_pdf if fmt == "pdf" else build_pptx
    started = time.perf_counter()
    build(index, None, "zh", None, "xx市")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from indicators.rendering import warm_up

    warm_up()  # the in-process renderer the briefing uses, as the server's would be
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "store.db") as base:
        url = base + "/export/grassroots_unions.png?year=2008"
        timed_get(url)  # the first export starts nothing more: warm from here on
        warm, fresh = [], []
        for n in range(args.rounds):
            warm.append(timed_get(url + f"&lang={'zh' if n % 2 else 'en'}"))
            fresh.append(fresh_export())
        pptx = briefing(base, "pptx")
        pdf = briefing(base, "pdf")
    warm_median, fresh_median = statistics.median(warm), statistics.median(fresh)
    print(f"warm PNG export (HTTP, median of {args.rounds})   {warm_median:6.2f} s")
    print(f"fresh plotly to_image in a new process         {fresh_median:6.2f} s")
    print(f"ratio fresh / warm                             {fresh_median / warm_median:6.1f}x  (goal: at least 5x)")
    print(f"briefing, all {37} indicators, PPTX               {pptx:6.2f} s = {pptx / fresh_median:.1f}x a fresh export")
    print(f"briefing, all {37} indicators, PDF                {pdf:6.2f} s = {pdf / fresh_median:.1f}x a fresh export"
          "  (goal: at most 4x)")


if __name__ == "__main__":
    main()
