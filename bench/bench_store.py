"""Publishing into a large store, today's versioned rows beside the full copy per revision that
the store made before them, measured side by side in one run on SQLite and on PostgreSQL.

For each engine, two fresh databases get the same N observations as revision 1: one through
today's store, one through the store as it was (tests/legacy_store.py, its code kept as it was).
Then, on each:

- publish C changed values (merge), spread over the whole store: seconds, rows the
  observations table gained, and how much the table and its indexes grew;
- today's store twice: in the process that holds the current revision (as the web process that
  checked the upload does), then that process's next read; and in a new process (which first
  reads the parent from the database);
- read a revision of N observations in a new process, and from the process's cache.

PostgreSQL runs in a throw-away server (tests/pg.py), as in the tests; it is skipped, saying
so, where its binaries are missing.

    python bench/bench_store.py [--rows 1000000] [--changes 200] [--engines sqlite,postgresql] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sqlalchemy import text  # noqa: E402

from indicators.store import OBS_FIELDS, TARGET_FIELDS, Store  # noqa: E402
from legacy_store import Store as LegacyStore  # noqa: E402
from pg import PostgresServer, find_bin_dir  # noqa: E402

NO_TARGETS = pd.DataFrame(columns=TARGET_FIELDS)


def observations(n: int) -> pd.DataFrame:
    """n observations: 37 indicators x 20 years x as many regions as it takes, 4 groups each."""
    i = np.arange(n)
    return pd.DataFrame({
        "code": np.array([f"indicator_{k:02d}" for k in range(37)])[i % 37],
        "year": 2000 + (i // 37) % 20,
        "region": [f"区{j:05d}" for j in i // (37 * 20 * 4)],
        "group": np.array(["", "全国", "省部级", "市级"])[(i // (37 * 20)) % 4],
        "value": np.round(np.sin(i) * 1000 + 5000, 2), "qualifier": "", "note": "", "source": "示例",
    })[OBS_FIELDS]


def changed_values(base: pd.DataFrame, n: int) -> pd.DataFrame:
    return base.sample(n, random_state=10).assign(value=lambda f: f["value"] + 1.0).reset_index(drop=True)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def rows_and_bytes(store: Store | LegacyStore) -> tuple[int, int]:
    """Rows in the observations table, and bytes the table and its indexes take."""
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM observations")).scalar()
        if store.engine.dialect.name == "sqlite":
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar() - \
                conn.exec_driver_sql("PRAGMA freelist_count").scalar()
            size = pages * conn.exec_driver_sql("PRAGMA page_size").scalar()
        else:
            size = conn.execute(text("SELECT pg_total_relation_size('observations')")).scalar()
    return rows, size


def measure(url_today: str, url_before: str, base: pd.DataFrame, changes: pd.DataFrame, rounds: int) -> dict:
    """Each figure, before and today. Quick steps run ``rounds`` times, interleaved where there is a
    before and a today, and the best is kept: the machine is shared, and a busy moment should
    not fall on one side only."""
    today, before = Store(url_today), LegacyStore(url_before)
    load_today, _ = timed(lambda: today.publish(b"base", "base.xlsx", "bench", base, NO_TARGETS, mode="replace"))
    load_before, _ = timed(lambda: before.publish(b"base", "base.xlsx", "bench", base, NO_TARGETS, mode="replace"))
    rows0, size0 = rows_and_bytes(today)
    rows0_b, size0_b = rows_and_bytes(before)

    # the store as it was copies every row: slow enough that one publish tells
    publish_before, (rev_b, _) = timed(lambda: before.publish(b"c", "c.xlsx", "bench", changes, NO_TARGETS))
    assert rev_b.n_changed == len(changes)
    rows1_b, size1_b = rows_and_bytes(before)
    before.close()

    warm, next_read, cold = [], [], []
    for n in range(rounds):
        values = changes.assign(value=lambda f, n=n: f["value"] + n + 1.0)  # different values each round
        seconds, (rev, _) = timed(lambda v=values: today.publish(b"c", "c.xlsx", "bench", v, NO_TARGETS))
        assert rev.n_changed == len(changes) and rev.n_observations == len(base)
        warm.append(seconds)
        if n == 0:
            rows1, size1 = rows_and_bytes(today)
        next_read.append(timed(today.data)[0])  # the publisher assembles its new revision's frames
    for n in range(rounds):
        fresh = Store(url_today)  # nothing cached: reads the parent from the database first
        values = changes.assign(value=lambda f, n=n: f["value"] + 100 + n)
        cold.append(timed(lambda f=fresh, v=values: f.publish(b"c", "c.xlsx", "bench", v, NO_TARGETS))[0])
        fresh.close()
    today.close()

    reads_today, reads_before, cached_today, cached_before = [], [], [], []
    for _ in range(rounds):
        for kind, reads, cached in ((Store, reads_today, cached_today), (LegacyStore, reads_before, cached_before)):
            reader = kind(url_today if kind is Store else url_before)
            seconds, (_, frame, _) = timed(reader.data)
            assert len(frame) == len(base)
            reads.append(seconds)
            cached.append(timed(reader.data)[0])
            reader.close()

    return {
        "load revision 1 (s)": (load_before, load_today),
        f"publish {len(changes)} changed values (s)": (publish_before, min(warm)),
        "  then the publisher's next read (s)": (None, min(next_read)),
        "  the same publish, from a new process (s)": (None, min(cold)),
        "  rows the table gained": (rows1_b - rows0_b, rows1 - rows0),
        "  table and indexes grew (MB)": ((size1_b - size0_b) / 1e6, (size1 - size0) / 1e6),
        f"read a revision of {len(base):,}, new process (s)": (min(reads_before), min(reads_today)),
        "read the current revision, cached (s)": (min(cached_before), min(cached_today)),
    }


def show(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    return f"{value:,.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3, help="repeats of the quick steps; the best is shown")
    args = parser.parse_args()
    base = observations(args.rows)
    changes = changed_values(base, args.changes)
    print(f"{args.rows:,} observations; {args.changes} changed values spread over the whole store; "
          f"quick steps best of {args.rounds}\n")
    print(f"{'engine':<11} {'what':<44} {'full copy (before)':>19} {'versioned rows':>15} {'ratio':>8}")
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines.split(","):
            if engine == "sqlite":
                urls = (f"sqlite:///{tmp}/today.db", f"sqlite:///{tmp}/before.db")
            elif find_bin_dir() is None:
                print(f"{engine:<11} skipped: PostgreSQL's binaries are missing (bash tests/run_all.sh installs them)")
                continue
            else:
                server = stack.enter_context(PostgresServer())
                urls = (server.new_database("today"), server.new_database("before"))
            for what, (old, new) in measure(*urls, base, changes, args.rounds).items():
                ratio = "" if not (old and new) or what.startswith("read the current") else \
                    f"{old / new:,.0f}x" if old / new >= 10 else f"{old / new:.1f}x"
                print(f"{engine:<11} {what:<44} {show(old):>19} {show(new):>15} {ratio:>8}", flush=True)


if __name__ == "__main__":
    main()
