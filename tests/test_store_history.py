"""How the store keeps revisions, on SQLite and on a real PostgreSQL server (each test runs on both):
a revision writes only what it changes, any revision reads back exactly right after rollbacks
and publishes on older revisions, and publishers running at once all keep their values."""

from __future__ import annotations

import random
import threading

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from indicators.revision_delta import canonical
from indicators.store import KEY, OBS_FIELDS, TARGET_FIELDS, Store, StoreError, revision_query
from indicators.store_tables import OPEN, observations, targets


@pytest.fixture
def url(backend_url: str) -> str:
    return backend_url


def frame(rows: list[tuple], fields: list[str] = OBS_FIELDS) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=fields)


def no_targets() -> pd.DataFrame:
    return pd.DataFrame(columns=TARGET_FIELDS)


def row_count(store: Store, table=observations) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def by_key(data: pd.DataFrame) -> pd.DataFrame:
    """A revision's rows in key order, for comparing contents whatever the row order."""
    fields = OBS_FIELDS if "baseline_year" not in data.columns else TARGET_FIELDS
    return canonical(canonical(data, fields).sort_values(KEY), fields)


def fresh(url: str, revision_id: int | None = None):
    store = Store(url)
    try:
        return store.data(revision_id)
    finally:
        store.close()


def grid(n: int, value_of=lambda i: float(i), source: str = "s") -> pd.DataFrame:
    """n observations: grassroots_unions by year and region, value_of(i) each."""
    i = np.arange(n)
    return pd.DataFrame({"code": "grassroots_unions", "year": 2000 + i % 20, "region": [f"区{j:05d}" for j in i // 20],
                         "group": "", "value": [value_of(k) for k in i], "qualifier": "", "note": "",
                         "source": source})[OBS_FIELDS]


# --- a revision writes only what it changes -------------------------------------------------------

def test_publishing_200_changed_values_into_a_large_store_adds_200_rows(url):
    store = Store(url)
    base = grid(20_000)
    store.publish(b"base", "base.xlsx", "u", base, no_targets(), mode="replace")
    assert row_count(store) == 20_000
    changed = base.sample(200, random_state=1).assign(value=lambda f: f["value"] + 0.5)

    revision, problems = store.publish(b"200", "200.xlsx", "u", changed, no_targets())

    assert not problems
    assert (revision.n_added, revision.n_changed, revision.n_observations) == (0, 200, 20_000)
    assert row_count(store) == 20_200  # not 40,000: the 19,800 unchanged values are not copied
    _, now, _ = fresh(url)
    expected = base.set_index(KEY)["value"].copy()
    expected.loc[changed.set_index(KEY).index] = changed.set_index(KEY)["value"]
    assert now.set_index(KEY)["value"].sort_index().equals(expected.sort_index())
    _, first, _ = fresh(url, 1)
    pd.testing.assert_frame_equal(by_key(first), by_key(base))  # revision 1 still reads as it was
    store.close()


def test_values_the_file_repeats_unchanged_are_not_written_again(url):
    store = Store(url)
    base = grid(1_000)
    store.publish(b"a", "a.xlsx", "u", base, no_targets(), mode="replace")

    revision, _ = store.publish(b"b", "b.xlsx", "u", base.iloc[:300], no_targets())
    assert (revision.n_added, revision.n_changed, revision.n_observations) == (0, 0, 1_000)
    assert row_count(store) == 1_000

    # a different note is a different row, though not a changed value
    renoted = base.iloc[:3].assign(note="修订")
    revision, _ = store.publish(b"c", "c.xlsx", "u", renoted, no_targets())
    assert (revision.n_added, revision.n_changed) == (0, 0)
    assert row_count(store) == 1_003
    assert (fresh(url)[1].set_index(KEY).loc[renoted.set_index(KEY).index, "note"] == "修订").all()
    store.close()


def test_replace_ends_the_rows_the_file_leaves_out_without_copying_the_rest(url):
    store = Store(url)
    base = grid(1_000)
    store.publish(b"a", "a.xlsx", "u", base, no_targets(), mode="replace")
    kept = base.iloc[10:].copy()
    kept.loc[kept.index[:5], "value"] += 1

    revision, _ = store.publish(b"b", "b.xlsx", "u", kept, no_targets(), mode="replace")

    assert (revision.n_added, revision.n_changed, revision.n_observations) == (0, 5, 990)
    assert row_count(store) == 1_005
    with store.engine.connect() as conn:
        ended_here = conn.execute(select(func.count()).select_from(observations)
                                  .where(observations.c.valid_to == revision.id)).scalar()
        still_open = conn.execute(select(func.count()).select_from(observations)
                                  .where(observations.c.valid_to == OPEN)).scalar()
    assert (ended_here, still_open) == (15, 990)  # 10 left out + 5 replaced; the 990 valid now
    pd.testing.assert_frame_equal(by_key(fresh(url)[1]), by_key(kept))
    store.close()


def test_values_read_back_exactly_as_written(url):
    """Exact floats matter: a value read back a hair off would count as changed next time."""
    store = Store(url)
    awkward = [0.1 + 0.2, 1 / 3, 1e-300, 123456789.123456789, 2**53 + 1.0, -0.5, 12.05, 5e-324]
    values = grid(len(awkward)).assign(value=awkward, note=['引号"', "逗号,", "换行\n", "", "\\N", "NULL", "tab\t", "x"])
    store.publish(b"a", "a.xlsx", "u", values, no_targets(), mode="replace")

    _, back, _ = fresh(url)
    assert back["value"].tolist() == awkward
    assert back["note"].tolist() == values["note"].tolist()
    other = Store(url)  # a process that has read the data from the database publishes the same file
    other.data()
    revision, _ = other.publish(b"b", "b.xlsx", "u", values, no_targets())
    assert (revision.n_added, revision.n_changed) == (0, 0) and row_count(store) == len(awkward)
    other.close()
    store.close()


def test_a_file_with_a_key_twice_is_refused_with_a_message(url):
    store = Store(url)
    twice = grid(3).iloc[[0, 1, 1]]
    with pytest.raises(StoreError) as caught:
        store.publish(b"a", "a.xlsx", "u", twice, no_targets())
    assert "区00000" in str(caught.value) and "more than once" in str(caught.value)
    assert store.is_empty()
    store.close()


# --- any revision reads back right after rollbacks ------------------------------------------------

def test_rollback_then_publish_on_the_old_revision_reads_right_everywhere(url):
    """Revisions 1, 2, 3; roll back to 1; revision 4's parent is 1: it must not see 2's or 3's values."""
    store = Store(url)
    one = grid(6)
    store.publish(b"1", "1.xlsx", "u", one, no_targets(), mode="replace")
    store.publish(b"2", "2.xlsx", "u", frame([("grassroots_unions", 2000, "区00000", "", 99.0, "", "", "2")]),
                  no_targets())
    three = grid(4, lambda i: 300.0 + i, source="3")  # replace: drops the last two keys
    store.publish(b"3", "3.xlsx", "u", three, no_targets(), mode="replace")
    snapshots = {r: by_key(fresh(url, r)[1]) for r in (1, 2, 3)}
    store.rollback(1, "admin")

    four = frame([("grassroots_unions", 2001, "区00000", "", 41.0, "", "", "4"),
                  ("grassroots_unions", 2050, "区00000", "", 42.0, "", "", "4")])
    revision, _ = store.publish(b"4", "4.xlsx", "u", four, no_targets())

    assert (revision.id, revision.parent_id, revision.n_added, revision.n_changed) == (4, 1, 1, 1)
    expected = pd.concat([one[~((one["year"] == 2001) & (one["region"] == "区00000"))], four])
    pd.testing.assert_frame_equal(by_key(fresh(url)[1]), by_key(expected))
    pd.testing.assert_frame_equal(by_key(store.data()[1]), by_key(expected))  # the publisher's own cache
    for r, snapshot in snapshots.items():  # the branch not taken reads as it did
        pd.testing.assert_frame_equal(by_key(fresh(url, r)[1]), snapshot)
    store.rollback(3, "admin")
    pd.testing.assert_frame_equal(by_key(fresh(url)[1]), snapshots[3])
    store.close()


def open_rows_per_key(store: Store) -> int:
    """The most rows still open (valid in the newest revision) for one key, over both tables."""
    most = 0
    with store.engine.connect() as conn:
        for table in (observations, targets):
            counts = (select(func.count().label("n")).where(table.c.valid_to == OPEN)
                      .group_by(table.c.code, table.c.year, table.c.region, table.c.grp).subquery())
            most = max(most, conn.execute(select(func.coalesce(func.max(counts.c.n), 0))).scalar())
    return most


def _reference_publish(parent: tuple[pd.DataFrame, pd.DataFrame], obs: pd.DataFrame, tgt: pd.DataFrame,
                       mode: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a revision holds, computed the simplest way: a full copy, as the store once did."""
    if mode == "replace":
        return obs, tgt

    def merged(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
        kept = old.merge(new[KEY], on=KEY, how="left", indicator=True)
        return pd.concat([kept[kept["_merge"] == "left_only"][new.columns], new], ignore_index=True)

    return merged(parent[0], obs), merged(parent[1], tgt)


def _random_file(rng: random.Random, current: pd.DataFrame, mode: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    keys = [(c, y, r, "") for c in ("grassroots_unions", "union_members") for y in range(2000, 2005)
            for r in ("", "甘州区", "临泽县")]
    chosen = rng.sample(keys, rng.randint(1, 8) if mode == "merge" else rng.randint(5, 20))
    old = current.set_index(KEY)["value"].to_dict() if not current.empty else {}
    rows = []
    for key in chosen:  # a third of the time, the value already stored: an unchanged value
        value = old[key] if key in old and rng.random() < 0.33 else float(rng.randint(1, 500))
        rows.append((*key, value, rng.choice(["", "以上"]), rng.choice(["", "注"]), "示例"))
    tgt_keys = rng.sample(keys, rng.randint(0, 3))
    tgt_rows = [(*k, float(rng.randint(1, 900)), "", rng.choice([None, 2008]), "", "t") for k in tgt_keys]
    return frame(rows), frame(tgt_rows, TARGET_FIELDS)


def test_every_revision_reads_back_right_through_random_publishes_and_rollbacks(url):
    rng = random.Random(10)
    store = Store(url)
    expected: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}
    pointer: int | None = None
    for step in range(30):
        action = "rollback" if expected and rng.random() < 0.25 else rng.choice(["merge", "merge", "replace"])
        if action == "rollback":
            pointer = rng.choice(sorted(expected))
            store.rollback(pointer, "admin")
        else:
            parent = expected[pointer] if pointer else (frame([]), frame([], TARGET_FIELDS))
            obs, tgt = _random_file(rng, parent[0], action)
            revision, _ = store.publish(f"{step}".encode(), f"{step}.xlsx", "u", obs, tgt, mode=action)
            pointer = revision.id
            expected[pointer] = _reference_publish(parent, obs, tgt, action)
            assert revision.n_observations == len(expected[pointer][0])
            assert revision.n_targets == len(expected[pointer][1])
        rid, cached_obs, cached_tgt = store.data()
        fresh_rid, fresh_obs, fresh_tgt = fresh(url)
        assert rid == fresh_rid == pointer, step
        # the frames a publish builds in memory are exactly what another process reads, order included
        pd.testing.assert_frame_equal(cached_obs, fresh_obs)
        pd.testing.assert_frame_equal(cached_tgt, fresh_tgt)
        pd.testing.assert_frame_equal(by_key(fresh_obs), by_key(expected[pointer][0]))
        pd.testing.assert_frame_equal(by_key(fresh_tgt), by_key(expected[pointer][1]))
        assert open_rows_per_key(store) <= 1, step
    for revision_id, (obs, tgt) in expected.items():
        _, got_obs, got_tgt = fresh(url, revision_id)
        pd.testing.assert_frame_equal(by_key(got_obs), by_key(obs), obj=f"revision {revision_id}")
        pd.testing.assert_frame_equal(by_key(got_tgt), by_key(tgt), obj=f"revision {revision_id}")
    store.close()


# --- publishers at once ---------------------------------------------------------------------------

def test_many_merge_publishers_at_once_all_kept(url):
    """Four publishers, each with its own connection pool, three merges each, started together: on
    PostgreSQL only the pointer row's lock keeps a publish from building on a stale parent."""
    Store(url).publish(b"0", "0.xlsx", "u", grid(40), no_targets(), mode="replace")
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def publisher(worker: int) -> None:
        store = Store(url)
        try:
            barrier.wait()
            for n in range(3):
                values = frame([("union_members", 2010 + n, f"工人{worker}", "", float(worker * 10 + n), "", "", "")])
                _, problems = store.publish(f"{worker}-{n}".encode(), f"{worker}-{n}.xlsx", f"w{worker}", values,
                                            no_targets())
                assert not problems
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=publisher, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures, failures
    store = Store(url)
    revisions = store.revisions()
    assert [r.parent_id for r in revisions] == [None, *range(1, 13)]  # each built on the one before
    rid, obs, _ = fresh(url)
    assert rid == 13 and len(obs) == 40 + 12 == revisions[-1].n_observations
    members = obs[obs["code"] == "union_members"].set_index(["region", "year"])["value"]
    assert {(f"工人{w}", 2010 + n): w * 10.0 + n for w in range(4) for n in range(3)} == members.to_dict()
    store.close()


def test_on_postgresql_reading_a_revision_after_much_churn_uses_the_validity_index(pg_url):
    """Reading revision r is one query, ``valid_to > r AND valid_from <= r``; once most rows have
    ended, PostgreSQL answers it from the (valid_to, valid_from) index rather than the table.
    (SQLite scans in id order instead, which is faster while a revision is most of the table.)"""
    store = Store(pg_url)
    store.publish(b"a", "a.xlsx", "u", grid(20_000), no_targets(), mode="replace")
    revision, _ = store.publish(b"b", "b.xlsx", "u", grid(100, lambda i: i + 0.5), no_targets(), mode="replace")
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE observations")
        query = revision_query(observations, OBS_FIELDS, revision.id)  # exactly what data() runs
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + sql).scalars())
    assert "ix_observations_valid" in plan, plan
    assert len(fresh(pg_url)[1]) == 100
    store.close()
