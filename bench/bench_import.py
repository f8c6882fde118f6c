"""Import speed and memory on a 100,000-row long workbook, side by side in one run.

Prints, for the same file: a bare python-calamine parse; our read and check (container checks,
bounded parse, the account of how the file was read, every rule: what ``validate`` does), and
the same without writing the account; our import (that, then publishing into a SQLite store
holding the built-in data); and pandas.read_excel with openpyxl. Then the ratios, and the peak
memory of an import in a fresh process.

    python bench/bench_import.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import python_calamine  # noqa: E402

from bench.big_workbook import bench_regions, prepare_store, write_long_workbook  # noqa: E402
from indicators.ingest import import_workbook  # noqa: E402
from indicators.region_names import BUILTIN_DIRECTORY, RegionDirectory, RegionEntry  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.workbook import default_context, read_workbook  # noqa: E402

OUT = ROOT / "bench" / "out"


def bare_calamine(path: Path) -> int:
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("数据").to_python()
    return len(rows) - 1


def our_import(path: Path, workdir: Path, n: int, n_rows: int) -> tuple[float, int]:
    store = Store(f"sqlite:///{workdir / f'bench{n}.db'}")
    prepare_store(store, n_rows)  # a store as users have it: the built-in data, the districts on the list
    started = time.perf_counter()
    result = import_workbook(store, path.read_bytes(), path.name, "bench")
    elapsed = time.perf_counter() - started
    store.close()
    if not result.ok:
        raise SystemExit(f"import refused: {result.problems[:3]}")
    return elapsed, result.revision.n_in_file


def read_and_check(path: Path, context) -> float:  # type: ignore[no-untyped-def]
    """What ``validate`` does: container check, bounded parse, the reading, every rule. No store."""
    data = path.read_bytes()
    started = time.perf_counter()
    parsed = read_workbook(data, context=context)
    elapsed = time.perf_counter() - started
    if not parsed.ok:
        raise SystemExit(f"read refused: {parsed.problems[:3]}")
    return elapsed


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - started, out


MEMORY_PROBE = """
import json, resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.big_workbook import prepare_store
from indicators.ingest import import_workbook
from indicators.store import Store
path = Path({path!r})
with tempfile.TemporaryDirectory() as d:
    store = Store(f"sqlite:///{{d}}/m.db")
    prepare_store(store, {rows})
    ok = import_workbook(store, path.read_bytes(), path.name, "bench").ok
self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"ok": ok, "self_mb": self_mb, "child_mb": child_mb}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"long_{args.rows}.xlsx"
    if not path.exists():
        print(f"writing {path.name} …", flush=True)
        write_long_workbook(path, args.rows)
    print(f"file: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {args.rows:,} rows")

    directory = RegionDirectory("xx市", (*BUILTIN_DIRECTORY.regions, *(RegionEntry(n) for n in bench_regions(args.rows))))
    explained, silent = default_context(directory=directory), default_context(directory=directory, explain=False)
    calamine_times, read_times, quiet_times, import_times = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.repeat):  # interleaved, so machine noise hits all alike
            t, rows = timed(bare_calamine, path)
            calamine_times.append(t)
            read_times.append(read_and_check(path, explained))
            quiet_times.append(read_and_check(path, silent))
            t_import, imported = our_import(path, Path(tmp), n, args.rows)
            import_times.append(t_import)
            print(f"  run {n + 1}: calamine {t:.2f} s ({rows:,} rows), read+check {read_times[-1]:.2f} s "
                  f"(without the reading {quiet_times[-1]:.2f} s), import {t_import:.2f} s ({imported:,} values)",
                  flush=True)
    t_openpyxl, frame = timed(lambda: pd.read_excel(path, sheet_name="数据", engine="openpyxl"))
    print(f"  pandas.read_excel(openpyxl): {t_openpyxl:.2f} s ({len(frame):,} rows)")

    calamine, imported = statistics.median(calamine_times), statistics.median(import_times)
    read, quiet = statistics.median(read_times), statistics.median(quiet_times)
    print()
    print(f"median bare calamine parse            {calamine:6.2f} s")
    print(f"median read+check (what validate does) {read:6.2f} s")
    print(f"  the same without writing the reading {quiet:6.2f} s")
    print(f"median import (read+check+publish)     {imported:6.2f} s")
    print(f"pandas.read_excel(openpyxl)            {t_openpyxl:6.2f} s")
    print(f"ratio openpyxl / import                {t_openpyxl / imported:6.1f}x   (goal: at least 5x)")
    print(f"ratio openpyxl / read+check            {t_openpyxl / read:6.1f}x")
    print(f"ratio read+check / bare calamine       {read / calamine:6.2f}x   (goal: at most 1.5x)")
    print(f"ratio import / bare calamine           {imported / calamine:6.2f}x   (goal: at most 1.5x)")
    print(f"the reading's share of read+check      {(read - quiet) / read * 100:6.1f}%   (goal: at most 10%)")

    probe = subprocess.run([sys.executable, "-c", MEMORY_PROBE.format(root=str(ROOT), path=str(path), rows=args.rows)],
                           capture_output=True, text=True, check=True)
    memory = json.loads(probe.stdout.strip().splitlines()[-1])
    print(f"peak memory of an import: main process {memory['self_mb']:.0f} MB, "
          f"parsing child {memory['child_mb']:.0f} MB   (goal: under 600 MB)")


if __name__ == "__main__":
    main()
