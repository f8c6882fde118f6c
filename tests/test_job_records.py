"""Jobs' inputs and results are stored as JSON and never unpickled: a pickle written into a job's row
with a real UPDATE (the attack of issue 18) runs nothing on the next poll or by the next worker, and the
job shows failed with a message saying its record could not be read; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pytest
from sqlalchemy import LargeBinary, inspect, text

from indicators.application import Application, UseCaseError
from indicators.labels import t
from indicators.users import Users
from workbooks import long_workbook


class _OpensAFile:
    """Unpickling this creates ``path``: the stand-in for "runs a command"."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (self.path, "w"))


def _checked(app: Application) -> str:
    job_id = app.start_check(long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]), "c.xlsx",
                             "ed", "merge")
    deadline = time.monotonic() + 120
    while not (job := app.jobs.get(job_id)).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job.status == "done"
    return job_id


def _write_pickle(app: Application, job_id: str, column: str, marker: Path, **also: str) -> None:
    """What an attacker with the database does: one UPDATE putting a pickle in the column, as the column takes it."""
    payload = pickle.dumps(_OpensAFile(str(marker)), protocol=0)  # protocol 0 is ASCII: fits a text column too
    kind = {c["name"]: c["type"] for c in inspect(app.store.engine).get_columns("jobs")}[column]
    value = payload if isinstance(kind, LargeBinary) else payload.decode("ascii")
    sets = ", ".join([f"{column} = :value", *(f"{k} = :{k}" for k in also)])
    with app.store.engine.begin() as conn:
        conn.execute(text(f"UPDATE jobs SET {sets} WHERE id = :id"), {"value": value, "id": job_id, **also})


def _poll(dash_app, client, job_id: str) -> str:  # type: ignore[no-untyped-def]
    """The upload page's poll, as the browser sends it."""
    key = next(k for k in dash_app.callback_map if "upload-status.children" in k)
    outputs = [{"id": o.split(".")[0], "property": o.split(".", 1)[1]} for o in key.strip(".").split("...")]
    body = {"output": key, "outputs": outputs, "changedPropIds": ["upload-poll.n_intervals"],
            "inputs": [{"id": "upload-poll", "property": "n_intervals", "value": 3}],
            "state": [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "en"}},
                      {"id": "upload-shown", "property": "data", "value": None}]}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return json.dumps(response.get_json(), ensure_ascii=False)


def _signed_in(dash_app, name: str, password: str):  # type: ignore[no-untyped-def]
    client = dash_app.server.test_client()
    login = client.get("/login")
    csrf = login.get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": name, "password": password, "next": "/"})
    return client


def test_a_pickled_result_runs_nothing_on_the_next_poll(backend_url, tmp_path):
    from app import create_app

    dash_app = create_app({"db": backend_url})
    app = dash_app.server.config["APPLICATION"]
    Users(app.store).add("ed", "editor-password", "editor")
    job_id = _checked(app)
    marker = tmp_path / "ran"
    _write_pickle(app, job_id, "result", marker)
    client = _signed_in(dash_app, "ed", "editor-password")
    client.get("/")  # Dash gathers the pages' callbacks on its first request
    shown = _poll(dash_app, client, job_id)
    assert not marker.exists()
    job = app.jobs.get(job_id)
    assert (job.status, job.error) == ("failed", "unreadable")
    assert t("job_unreadable", "en") in shown
    status = client.get(f"/upload/status/{job_id}").get_json()
    assert (status["status"], status["error"]) == ("failed", "unreadable")
    with pytest.raises(UseCaseError) as refused:  # nor does publishing it read the pickle
        app.publish(job_id, "ed", "editor")
    assert refused.value.code == "no_job"
    assert not marker.exists()


def test_a_pickled_input_is_not_run_by_the_next_worker(backend_url, tmp_path):
    app = Application({"db": backend_url})
    job_id = _checked(app)
    marker = tmp_path / "ran"
    _write_pickle(app, job_id, "input", marker, status="queued")
    app.jobs.execute(job_id, app)  # what a runner does with a queued job
    assert not marker.exists()
    job = app.jobs.get(job_id)
    assert (job.status, job.error) == ("failed", "unreadable")


def test_the_unreadable_message_says_so_in_both_languages():
    assert "无法读取" in t("job_unreadable", "zh") and "数据未作任何修改" in t("job_unreadable", "zh")
    assert "could not be read" in t("job_unreadable", "en") and "not changed" in t("job_unreadable", "en")


def test_a_check_comes_back_from_its_record_as_it_was_made(store):
    from indicators.job_records import from_json, to_json

    app = Application({"db": store.url})
    job_id = _checked(app)
    check = app.check_result(job_id)
    again = from_json(to_json(check))
    assert type(again) is type(check) and again.data == check.data and again.preview == check.preview
    assert again.parsed.problems == check.parsed.problems and again.parsed.reading == check.parsed.reading
    assert again.parsed.observations.equals(check.parsed.observations)
    assert list(again.parsed.observations.dtypes) == list(check.parsed.observations.dtypes)


def test_the_migration_drops_pickled_jobs_and_keeps_json_from_then_on(backend_url, tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from indicators.database import alembic_config, load_table_modules
    from indicators.store import Store

    engine = create_engine(backend_url)
    load_table_modules()
    with engine.begin() as conn:  # a store as the previous program left it, with a pickled job waiting
        command.upgrade(alembic_config(conn), "0008")
        conn.execute(text("INSERT INTO jobs (id, kind, queue, owner, status, done, total, error, input, created, "
                          "heartbeat, polled, worker) VALUES ('old', 'upload', 'checks', 'ed', 'queued', 0, 0, '', "
                          ":input, 0, 0, 0, '')"), {"input": pickle.dumps(_OpensAFile(str(tmp_path / "ran")))})
    engine.dispose()
    store = Store(backend_url)  # migrates to the newest
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM jobs")).scalar() == 0
    kinds = {c["name"]: c["type"] for c in inspect(store.engine).get_columns("jobs")}
    assert not isinstance(kinds["input"], LargeBinary) and not isinstance(kinds["result"], LargeBinary)
    assert not (tmp_path / "ran").exists()
    store.close()


def test_frames_of_every_kind_a_check_holds_come_back_with_their_types():
    import numpy as np
    import pandas as pd

    from indicators.job_records import from_json, to_json

    frame = pd.DataFrame({
        "code": pd.Categorical(["a", "b", "a", "c"]), "year": np.array([2006, 2007, 2008, 2009]),
        "value": [1.5, np.nan, float("inf"), 0.0], "baseline_year": pd.array([2003, None, 2004, None], dtype="Int64"),
        "note": pd.Series(["x", None, "说明\x00", ""], dtype="str"), "hidden": [True, False, True, False]})
    again = from_json(to_json(frame))
    assert again.equals(frame) and list(again.dtypes) == list(frame.dtypes)
    assert from_json(to_json(frame.iloc[:0])).equals(frame.iloc[:0])


def test_a_record_naming_anything_but_the_kinds_a_job_keeps_is_refused():
    from indicators.job_records import RecordError, from_json

    for record in ('{"$t": "os.system", "v": {}}', '{"$t": "UploadCheck", "v": {"no_such_field": 1}}',
                   '{"$t": "frame", "columns": [{"name": "x", "dtype": "int64", "values": [{"$t": "bytes"}]}], '
                   '"length": 1, "index": null}', "cposix\nsystem\n(S'true'\ntR."):
        with pytest.raises(RecordError):
            from_json(record)


def test_a_published_check_keeps_its_parsed_workbook_once(store):
    from indicators.job_records import from_json, to_json

    app = Application({"db": store.url})
    job_id = _checked(app)
    Users(app.store).add("ed", "editor-password", "editor")
    assert app.publish(job_id, "ed", "editor").ok
    check = app.check_result(job_id)
    assert check.published is not None and check.published.parsed is check.parsed  # as the publish left it
    record = to_json(check)
    assert record.count('"$t":"ParsedWorkbook"') == 1
    assert from_json(record).published.revision == check.published.revision


def test_a_pickled_briefing_runs_nothing_when_its_page_or_download_asks(backend_url, tmp_path):
    from app import create_app
    from layouts.briefing_jobs import job_status

    dash_app = create_app({"db": backend_url})
    app = dash_app.server.config["APPLICATION"]
    job_id = _checked(app)
    marker = tmp_path / "ran"
    _write_pickle(app, job_id, "result", marker, kind="briefing-pdf")  # a finished briefing's row, rewritten
    response = dash_app.server.test_client().get(f"/download/briefing/{job_id}")
    assert response.status_code == 404 and not marker.exists()
    assert (app.jobs.get(job_id).status, app.jobs.get(job_id).error) == ("failed", "unreadable")
    with dash_app.server.test_request_context("/briefing"):
        shown, stop = job_status(job_id, "zh")
    assert stop and t("job_unreadable", "zh") in str(shown) and not marker.exists()
