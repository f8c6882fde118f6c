"""The revisioned store on a real SQLite file and a real PostgreSQL server (every test runs on
both): seeding, merge and replace imports, rollback, refusals that change nothing, and readers
and writers working at the same time."""

from __future__ import annotations

import hashlib
import multiprocessing
import queue
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from at_once import at_once, slowly
from indicators.ingest import BUILTIN_WORKBOOK, import_workbook, seed_if_empty
from indicators.store import OBS_FIELDS, TARGET_FIELDS, Store, StoreError
from workbooks import long_workbook

KEY = ["code", "year", "region", "group"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def url(backend_url: str) -> str:
    """A new database: a SQLite file, then a PostgreSQL database (the test runs once on each)."""
    return backend_url


@pytest.fixture
def seeded(url: str):
    store = Store(url)
    seed_if_empty(store)
    yield store
    store.close()


def value_of(frame: pd.DataFrame, code: str, year: int, region: str = "", group: str = "") -> float:
    row = frame[(frame["code"] == code) & (frame["year"] == year) & (frame["region"] == region)
                & (frame["group"] == group)]
    assert len(row) == 1, row
    return float(row["value"].iloc[0])


def fresh_data(url: str, revision_id: int | None = None):
    """A revision's data as a new Store reads it, so no cache of this process answers."""
    store = Store(url)
    try:
        return store.data(revision_id)
    finally:
        store.close()


# --- seeding -------------------------------------------------------------------------------------

def test_seed_makes_revision_1_from_the_builtin_workbook_with_its_original_bytes(url):
    store = Store(url)
    assert store.is_empty() and store.current_revision_id() is None

    revision = seed_if_empty(store)

    original = BUILTIN_WORKBOOK.read_bytes()
    assert revision is not None and revision.id == 1
    assert store.current_revision_id() == 1
    assert store.original_file(1) == ("builtin.xlsx", original)
    (stored,) = store.revisions()
    assert stored.sha256 == hashlib.sha256(original).hexdigest()
    assert stored.size_bytes == len(original)
    assert stored.mode == "replace" and stored.parent_id is None
    assert stored.n_observations == len(store.data()[1]) > 0
    store.close()


def test_second_seed_does_nothing(seeded):
    before = seeded.revisions()

    assert seed_if_empty(seeded) is None

    assert seeded.revisions() == before
    assert seeded.current_revision_id() == 1
    assert [e["action"] for e in seeded.events()] == ["publish"]


# --- importing -----------------------------------------------------------------------------------

def test_merge_import_counts_added_and_changed_and_keeps_untouched_values(seeded, url):
    _, old, _ = seeded.data()
    old_copy = old.copy()
    unions_2008 = value_of(old, "grassroots_unions", 2008)
    members_2008 = value_of(old, "union_members", 2008)
    data = long_workbook([
        ["grassroots_unions", 2008, None, None, unions_2008 + 7],  # changed
        ["union_members", 2008, None, None, members_2008],  # the same value: not a change
        ["grassroots_unions", 2009, None, None, unions_2008 + 50],  # added
    ])

    result = import_workbook(seeded, data, "2009.xlsx", "tester", confirm_report_changes=True)  # 2008 is the report's

    assert result.ok, result.problems
    revision = result.revision
    assert (revision.id, revision.parent_id, revision.mode) == (2, 1, "merge")
    assert (revision.n_added, revision.n_changed, revision.n_in_file) == (1, 1, 3)
    assert seeded.current_revision_id() == 2
    rid, new, _ = fresh_data(url)
    assert rid == 2 and len(new) == len(old) + 1 == revision.n_observations
    assert value_of(new, "grassroots_unions", 2008) == unions_2008 + 7
    assert value_of(new, "grassroots_unions", 2009) == unions_2008 + 50
    assert value_of(new, "union_members", 2008) == members_2008
    untouched = old[~((old["code"] == "grassroots_unions") & old["year"].isin([2008, 2009]) & (old["region"] == "")
                      & (old["group"] == ""))]
    kept = untouched.merge(new, on=KEY, how="left", suffixes=("", "_new"))
    assert kept["value"].tolist() == kept["value_new"].tolist()  # every other value kept as it was
    # the first revision is still there, unchanged
    rid1, first, _ = fresh_data(url, 1)
    assert rid1 == 1
    pd.testing.assert_frame_equal(first, old_copy)
    assert seeded.original_file(2) == ("2009.xlsx", data)


def test_replace_import_keeps_only_the_files_rows(seeded, url):
    data = long_workbook([
        ["grassroots_unions", 2009, None, None, 2400],
        ["union_members", 2009, "甘州区", None, 4.5],
    ])

    result = import_workbook(seeded, data, "only.xlsx", "tester", mode="replace",
                             confirm_report_changes=True)  # replacing drops the report's figures

    assert result.ok, result.problems
    assert result.revision.mode == "replace" and result.revision.n_observations == 2
    rid, obs, tgt = fresh_data(url)
    assert rid == 2
    assert sorted(map(tuple, obs[["code", "year", "region", "value"]].values.tolist())) == [
        ("grassroots_unions", 2009, "", 2400.0), ("union_members", 2009, "甘州区", 4.5)]
    assert tgt.empty
    assert len(fresh_data(url, 1)[1]) > 2  # revision 1 still holds the built-in data


# --- rollback ------------------------------------------------------------------------------------

def test_rollback_makes_revision_1_current_and_keeps_the_later_revisions(seeded, url):
    _, first, first_targets = fresh_data(url, 1)
    result = import_workbook(seeded, long_workbook([["grassroots_unions", 2009, None, None, 2400]]), "a.xlsx", "u")
    assert result.ok and seeded.current_revision_id() == 2

    revision = seeded.rollback(1, "admin")

    assert revision.id == 1
    assert seeded.current_revision_id() == 1
    rid, obs, tgt = fresh_data(url)
    assert rid == 1
    pd.testing.assert_frame_equal(obs, first)
    pd.testing.assert_frame_equal(tgt, first_targets)
    assert [r.id for r in seeded.revisions()] == [1, 2]  # nothing deleted
    assert len(fresh_data(url, 2)[1]) == len(first) + 1  # revision 2 still readable
    last = seeded.events()[-1]
    assert (last["action"], last["user"], last["revision_id"], last["previous_revision_id"]) == (
        "rollback", "admin", 1, 2)


def test_rollback_to_a_missing_revision_raises_with_a_message(seeded):
    with pytest.raises(StoreError) as caught:
        seeded.rollback(99, "admin")
    assert "99" in str(caught.value)
    assert seeded.current_revision_id() == 1
    assert [e["action"] for e in seeded.events()] == ["publish"]


# --- refusals ------------------------------------------------------------------------------------

def snapshot(url: str):
    store = Store(url)
    try:
        rid, obs, tgt = store.data()
        return store.revisions(), store.current_revision_id(), rid, obs, tgt, store.events()
    finally:
        store.close()


def assert_unchanged(url: str, before) -> None:
    after = snapshot(url)
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert after[2] == before[2]
    pd.testing.assert_frame_equal(after[3], before[3])
    pd.testing.assert_frame_equal(after[4], before[4])
    assert after[5] == before[5]


def test_refused_workbook_changes_nothing(seeded, url):
    before = snapshot(url)
    data = long_workbook([
        ["grassroots_unions", 2009, None, None, 2400],
        ["grassroots_union", 2009, None, None, 1],
    ])

    result = import_workbook(seeded, data, "bad.xlsx", "tester")

    assert not result.ok and result.revision is None
    assert [(p.rule, p.where) for p in result.problems] == [("did_you_mean", "数据!A3")]
    assert_unchanged(url, before)


def test_cumulative_total_going_down_from_the_stored_value_is_refused(seeded, url):
    stored_2008 = value_of(seeded.data()[1], "model_workers", 2008)
    assert stored_2008 == 165
    before = snapshot(url)

    result = import_workbook(seeded, long_workbook([["model_workers", 2009, None, None, 160]]), "m.xlsx", "u")

    assert not result.ok and result.revision is None
    (problem,) = result.problems
    assert (problem.rule, problem.where, problem.value) == ("cumulative_decrease", "数据!E2", "160")
    assert "165" in problem.message("zh") and "2008" in problem.message("en")
    assert_unchanged(url, before)


def test_cumulative_total_raised_above_a_later_stored_year_is_refused(seeded, url):
    """2007 set to 200 while 2008 stays 165: once merged, the running total would go down."""
    assert value_of(seeded.data()[1], "model_workers", 2008) == 165
    assert value_of(seeded.data()[1], "model_workers", 2007) < 165
    before = snapshot(url)

    result = import_workbook(seeded, long_workbook([["model_workers", 2007, None, None, 200]]), "m.xlsx", "u")

    assert not result.ok and result.revision is None
    assert [(p.rule, p.where) for p in result.problems] == [("cumulative_above_later", "数据!E2")]
    assert_unchanged(url, before)


# --- readers and writers at the same time --------------------------------------------------------

ROWS = 20_000
N_REVISIONS = 5


def big_revision(k: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Revision k's data: ROWS values k*10^6 + i, one per (year, region)."""
    i = pd.RangeIndex(ROWS)
    obs = pd.DataFrame({
        "code": "grassroots_unions", "year": 2000 + i % 20, "region": [f"区{j // 20:04d}" for j in i],
        "group": "", "value": k * 1_000_000.0 + i, "qualifier": "", "note": "", "source": f"rev{k}",
    })[OBS_FIELDS]
    return obs, pd.DataFrame(columns=TARGET_FIELDS)


def summary(revision_id: int | None, obs: pd.DataFrame) -> tuple:
    values = obs["value"]
    return (revision_id, len(obs), float(values.min()), float(values.max()), int(values.nunique()),
            int(obs["source"].nunique()))


def whole(k: int, n_observations: int) -> tuple:
    """The summary a whole revision k gives."""
    return (n_observations, k * 1_000_000.0, k * 1_000_000.0 + ROWS - 1, ROWS, 1)


def check_every_read_was_whole(seen: list[tuple], published: dict[int, int], store: Store) -> None:
    n_observations = {r.id: r.n_observations for r in store.revisions()}
    assert len({s[0] for s in seen}) >= 2  # the reader saw the pointer move
    for revision_id, *rest in seen:
        k = published[revision_id]
        assert tuple(rest) == whole(k, n_observations[revision_id]), (revision_id, rest)


def wait_until_seen(progress, revision_id: int) -> None:
    """Until the reader reports ``revision_id`` (the timeout only guards against a hang)."""
    while (got := progress.get(timeout=120)) != revision_id:
        if isinstance(got, BaseException):
            raise got


def publish_big(store: Store, k: int) -> int:
    obs, tgt = big_revision(k)
    revision, problems = store.publish(f"rev{k}".encode(), f"rev{k}.xlsx", "writer", obs, tgt, mode="replace")
    assert not problems
    return revision.id


def test_a_reader_thread_never_sees_half_a_revision(url):
    writer = Store(url)
    published = {publish_big(writer, 1): 1}
    seen: list[tuple] = []
    progress: queue.Queue = queue.Queue()
    stop = threading.Event()
    failures: list[BaseException] = []

    def read_in_loop() -> None:
        reader = Store(url)  # its own engine and connection pool
        try:
            while not stop.is_set():
                revision_id, obs, _ = reader.data()
                if not seen or seen[-1][0] != revision_id:
                    progress.put(revision_id)
                seen.append(summary(revision_id, obs))
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failures.append(exc)
            progress.put(exc)
        finally:
            reader.close()

    thread = threading.Thread(target=read_in_loop)
    thread.start()
    try:
        wait_until_seen(progress, max(published))
        for k in range(2, N_REVISIONS + 1):
            published[publish_big(writer, k)] = k
            wait_until_seen(progress, max(published))  # the reader keeps reading during the next publish
    finally:
        stop.set()
        thread.join()
    assert not failures, failures
    check_every_read_was_whole(seen, published, writer)
    assert {s[0] for s in seen} == set(published)
    writer.close()


def read_in_process(url: str, stop, progress, out) -> None:
    """The reader of the process test: reads until told to stop, reporting each new revision seen."""
    reader = Store(url)
    seen: list[tuple] = []
    try:
        while not stop.is_set():
            revision_id, obs, _ = reader.data()
            if not seen or seen[-1][0] != revision_id:
                progress.put(revision_id)
            seen.append(summary(revision_id, obs))
    finally:
        reader.close()
        out.put(seen)




def test_a_reader_process_never_sees_half_a_revision(url):
    writer = Store(url)
    published = {publish_big(writer, 1): 1}
    ctx = multiprocessing.get_context("spawn")
    stop, progress, out = ctx.Event(), ctx.Queue(), ctx.Queue()
    process = ctx.Process(target=read_in_process, args=(url, stop, progress, out))
    process.start()
    try:
        wait_until_seen(progress, max(published))
        for k in range(2, N_REVISIONS + 1):
            published[publish_big(writer, k)] = k
            wait_until_seen(progress, max(published))
    finally:
        stop.set()
        seen = out.get(timeout=120)
        process.join(60)
    assert process.exitcode == 0
    check_every_read_was_whole(seen, published, writer)
    assert {s[0] for s in seen} == set(published)
    writer.close()


def test_two_publishers_at_once_both_kept_in_order_and_no_value_lost(seeded, url):
    files = {
        "a.xlsx": long_workbook([["grassroots_unions", 2009, None, None, 2401]]),
        "b.xlsx": long_workbook([["union_members", 2009, None, None, 12.5]]),
    }
    n_before = len(seeded.data()[1])
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def publish(name: str) -> None:
        store = Store(url)
        try:
            barrier.wait()
            results[name] = import_workbook(store, files[name], name, name)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            results[name] = exc
        finally:
            store.close()

    threads = [threading.Thread(target=publish, args=(name,)) for name in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert all(getattr(r, "ok", False) for r in results.values()), results
    revisions = seeded.revisions()
    assert [r.id for r in revisions] == [1, 2, 3]
    assert [r.parent_id for r in revisions] == [None, 1, 2]  # each built on the one before
    assert {revisions[1].filename, revisions[2].filename} == set(files)
    assert [r.n_added for r in revisions[1:]] == [1, 1]
    assert seeded.current_revision_id() == 3
    rid, obs, _ = fresh_data(url)
    assert rid == 3 and len(obs) == n_before + 2 == revisions[2].n_observations
    assert value_of(obs, "grassroots_unions", 2009) == 2401
    assert value_of(obs, "union_members", 2009) == 12.5


def test_many_threads_asking_for_a_new_revision_at_once_load_it_once(seeded, url, monkeypatch):
    """After a publish every request of a process wants the new revision: one thread reads its rows,
    the others wait and take them (each reading 100,000 rows at once is what slowed a busy server)."""
    reader = Store(url)  # a process that has not read anything yet
    loads: list[str] = []
    real = Store._read_rows

    def counted(self, conn, table, fields, revision_id):  # type: ignore[no-untyped-def]
        loads.append(table.name)
        return real(self, conn, table, fields, revision_id)

    monkeypatch.setattr(Store, "_read_rows", slowly(counted))
    answers = at_once(reader.data)
    reader.close()
    assert sorted(loads) == ["observations", "targets"]  # once each table, not once per thread
    assert len(answers) == 8 and all(a[1] is answers[0][1] for a in answers)  # the same frames for all


def test_the_store_is_a_real_sqlite_file_on_disk(tmp_path):
    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}")
    seed_if_empty(store)
    n_observations = len(store.data()[1])
    store.close()
    assert db.is_file() and db.stat().st_size > 0
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT id, filename FROM revisions").fetchall() == [(1, "builtin.xlsx")]
        assert raw.execute("SELECT revision_id FROM current").fetchall() == [(1,)]
        assert raw.execute("SELECT count(*) FROM observations WHERE valid_from = 1").fetchone()[0] == n_observations


@pytest.mark.parametrize(("url", "says"), [
    ("mysql://u@localhost/db", "SQLite or PostgreSQL"),
    ("postgresql+psycopg2://u@localhost/db", "psycopg 3"),
    ("postgresql+asyncpg://u@localhost/db", "postgresql://"),
    ("no url at all", "not a database URL"),
])
def test_a_url_the_store_cannot_use_is_refused_saying_what_to_write(url, says):
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert says in str(caught.value)


def test_a_postgresql_url_without_its_driver_installed_names_the_package_to_install():
    """Run where psycopg cannot be imported (a Python that blocks it, as an install without it would)."""
    program = ("import sys; sys.modules['psycopg'] = None\n"
               "from indicators.store import Store, StoreError\n"
               "try:\n    Store('postgresql://u@localhost/indicators')\n"
               "except StoreError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "pip install 'psycopg[binary]'" in done.stdout
