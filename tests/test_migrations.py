"""The store's schema goes through Alembic, on SQLite and on a real PostgreSQL server (each test
runs on both): the migrations build exactly the tables the code declares, a store made before
migrations upgrades in place with every revision intact, and odd databases are refused clearly."""

from __future__ import annotations

import dataclasses
import threading

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from indicators.database import engine_url, head_revision, load_table_modules
from indicators.ingest import BUILTIN_WORKBOOK, import_workbook, reader_context, seed_if_empty
from indicators.revision_delta import KEY, OBS_FIELDS, TARGET_FIELDS, canonical
from indicators.store import Store, StoreError
from indicators.users import Users
from legacy_store import Store as LegacyStore
from legacy_store import app_secrets as legacy_secrets
from legacy_store import users_table as legacy_users
from workbooks import long_workbook


@pytest.fixture
def url(backend_url: str) -> str:
    return backend_url


def by_key(data: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    return canonical(canonical(data, fields).sort_values(KEY), fields)


def raw_engine(url: str):
    return create_engine(engine_url(url))


def test_the_migrations_build_exactly_the_tables_the_code_declares(url):
    Store(url).close()  # an empty database, brought to the newest migration
    engine = raw_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, load_table_modules()) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
    engine.dispose()


def _legacy_history(url: str) -> LegacyStore:
    """A store as the version before migrations made it: five revisions, one of them published on
    an older revision after a rollback, and a user who has signed up."""
    old = LegacyStore(url)
    seed_if_empty(old)  # 1: the built-in workbook
    _, seeded, _ = old.data()
    first = seeded.iloc[0]
    steps = [
        (long_workbook([["grassroots_unions", 2009, None, None, 2400], [first["code"], int(first["year"]),
                        first["region"] or None, first["group"] or None, float(first["value"]) + 1]]), "merge"),  # 2
        (long_workbook([["union_members", 2009, "甘州区", None, 4.5]]), "merge"),  # 3
        (long_workbook([["grassroots_unions", 2010, None, None, 2500], ["union_members", 2010, None, None, 13]]),
         "replace"),  # 4
    ]
    # Today's reader with the built-in region list (that version had no registry); the report's
    # figures change with the explicit yes today's import asks for.
    then = {"context": reader_context(None), "confirm_report_changes": True}
    for n, (book, mode) in enumerate(steps, start=2):
        result = import_workbook(old, book, f"{n}.xlsx", "editor", mode=mode, **then)
        assert result.ok, result.problems
    old.rollback(2, "admin")
    result = import_workbook(old, long_workbook([["grassroots_unions", 2011, None, None, 2600]]), "5.xlsx", "editor",
                             **then)
    assert result.ok and result.revision.parent_id == 2  # 5, on 2
    with old.engine.begin() as conn:
        conn.execute(legacy_users.insert().values(name="editor", password_hash="x", role="editor",
                                                  created_at=pd.Timestamp("2024-01-01", tz="UTC"), failures=0,
                                                  locked_until=0.0))
        conn.execute(legacy_secrets.insert().values(name="session_key", value="k"))
    return old


def test_a_store_made_before_migrations_upgrades_in_place_and_every_revision_reads_back_identical(url):
    old = _legacy_history(url)
    before = {r.id: old.data(r.id) for r in old.revisions()}
    revisions_before = [dataclasses.asdict(r) for r in old.revisions()]
    files_before = {r: old.original_file(r) for r in before}
    events_before, pointer_before = old.events(), old.current_revision_id()
    with old.engine.connect() as conn:
        legacy_rows = conn.execute(text("SELECT count(*) FROM observations")).scalar()
    old.close()
    assert sorted(before) == [1, 2, 3, 4, 5] and pointer_before == 5

    store = Store(url)

    engine = raw_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert not {"legacy_observations", "legacy_targets"} & set(inspect(conn).get_table_names())
        rows_now = conn.execute(text("SELECT count(*) FROM observations")).scalar()
    engine.dispose()
    # one row per change, not a copy per revision: revisions 2, 3 and 4 change 2, 1 and 2 values; 5,
    # published on 2 after the replace of 4 had ended nearly all of 2's rows, writes its rows again
    assert rows_now == len(before[1][1]) + 2 + 1 + 2 + len(before[5][1]) < legacy_rows
    for revision_id, (_, obs, tgt) in before.items():
        rid, got_obs, got_tgt = Store(url).data(revision_id)
        assert rid == revision_id
        pd.testing.assert_frame_equal(by_key(got_obs, OBS_FIELDS), by_key(obs, OBS_FIELDS), obj=f"rev {revision_id}")
        pd.testing.assert_frame_equal(by_key(got_tgt, TARGET_FIELDS), by_key(tgt, TARGET_FIELDS),
                                      obj=f"rev {revision_id}")
    assert [dataclasses.asdict(r) for r in store.revisions()] == revisions_before
    assert {r: store.original_file(r) for r in before} == files_before
    assert store.events() == events_before and store.current_revision_id() == pointer_before
    assert Users(store).get("editor").role == "editor"

    # and it goes on working: publish on top, roll back
    result = import_workbook(store, long_workbook([["grassroots_unions", 2012, None, None, 2700]]), "6.xlsx", "e")
    assert result.ok and result.revision.parent_id == 5
    _, now, _ = Store(url).data()
    expected = pd.concat([before[5][1], pd.DataFrame([["grassroots_unions", 2012, "", "", 2700.0, "", "", ""]],
                                                     columns=OBS_FIELDS)])
    pd.testing.assert_frame_equal(by_key(now, OBS_FIELDS), by_key(expected, OBS_FIELDS))
    store.rollback(3, "admin")
    pd.testing.assert_frame_equal(by_key(Store(url).data()[1], OBS_FIELDS), by_key(before[3][1], OBS_FIELDS))
    store.close()


def test_a_store_opened_again_is_not_migrated_again(url):
    store = Store(url)
    seed_if_empty(store)
    store.close()
    engine = raw_engine(url)
    with engine.begin() as conn:  # a marker no migration would leave
        conn.execute(text("INSERT INTO app_secrets (name, value) VALUES ('marker', 'kept')"))
    engine.dispose()
    again = Store(url)
    assert again.current_revision_id() == 1
    with again.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM app_secrets WHERE name = 'marker'")).scalar() == "kept"
    again.close()


def test_stores_opening_a_new_database_at_once_migrate_it_once(url):
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def open_store() -> None:
        try:
            barrier.wait()
            Store(url).close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failures.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    store = Store(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
        assert conn.execute(text("SELECT count(*) FROM current")).scalar() == 1
    seed_if_empty(store)
    assert store.current_revision_id() == 1
    store.close()


def test_a_database_at_a_migration_newer_than_the_program_is_refused(url):
    Store(url).close()
    engine = raw_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert "9999" in str(caught.value) and "update the program" in str(caught.value)


def test_a_database_holding_someone_elses_tables_is_refused(url):
    engine = raw_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE observations (station TEXT, reading FLOAT)"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert "'observations' was not made by this program" in str(caught.value)


def test_the_builtin_workbook_seeds_a_store_the_same_on_both_engines(url, tmp_path):
    """The same publish gives the same frames, dtypes and order included, on SQLite and PostgreSQL."""
    store, reference = Store(url), Store(f"sqlite:///{tmp_path / 'reference.db'}")
    for s in (store, reference):
        assert import_workbook(s, BUILTIN_WORKBOOK.read_bytes(), "builtin.xlsx", "system", mode="replace").ok
    for a, b in zip(Store(url).data()[1:], Store(reference.url).data()[1:], strict=True):
        pd.testing.assert_frame_equal(a, b)
    store.close()
    reference.close()
