"""Running as a service: several server processes on PostgreSQL, jobs every process sees, Celery on Redis.

- A real browser against three server processes: sign in, upload, preview, publish, roll back and
  a briefing download, whichever process answers each request.
- A server process killed with SIGKILL in the middle of a check: the job is marked failed with a
  message and the data is as it was.
- Celery workers through a real Redis server: checks and briefings run in another process, on
  their own queues, and their results are read from the database.
- A check never waits behind a briefing.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from at_once import at_once, slowly
from browser import ROOT, RequestLog, running_server
from indicators.application import Application
from indicators.jobs import jobs_table
from indicators.store import Store
from indicators.users import Users
from workbooks import long_workbook

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=60_000)

EDITOR, ADMIN = ("ed", "editor-password"), ("boss", "admin-password")


def _people(url: str) -> None:
    store = Store(url)
    users = Users(store)
    users.add(*EDITOR, "editor")
    users.add(*ADMIN, "admin")
    store.close()


@pytest.fixture(scope="module")
def three_workers(pg_server, tmp_path_factory):
    url = pg_server.new_database()
    _people(url)
    with running_server(url, workers=3) as base:
        yield base, url
    pg_server.drop_database(url)


def test_three_server_processes_share_sign_in_jobs_and_data(three_workers, browser, tmp_path):
    """The issue's acceptance test: every step works whichever of three processes answers it."""
    from test_upload_browser import sign_in, wide_table

    base, url = three_workers
    pids = {json.loads(urllib.request.urlopen(base + "/healthz").read())["pid"] for _ in range(30)}
    assert len(pids) >= 2, pids  # requests really are spread over the processes
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    log = RequestLog()
    context.route("**/*", log.route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    db = url  # current_values opens the store itself
    sign_in(page, base, EDITOR)
    page.wait_for_url(re.compile(r"/upload"))
    form = page.frame_locator("#upload-form-frame")
    form.locator("#upload-file").set_input_files(str(wide_table(tmp_path / "2009.xlsx")))
    form.locator("#upload-submit").click()
    expect(page.locator("#upload-preview")).to_contain_text("2,390个")  # checked by whichever process ran it
    page.click("#upload-publish")
    expect(page.locator("#upload-published")).to_contain_text("第 2 号修订版")
    assert _city(db, "grassroots_unions")[2009] == 2390
    page.goto(base + "/indicator/grassroots_unions")
    expect(page.locator("#indicator-table")).to_contain_text("2,390个")
    page.click("#nav-logout")
    sign_in(page, base, ADMIN)
    page.goto(base + "/history")
    page.locator("#history-rollback-to").click()
    page.get_by_role("option", name=re.compile(r"^1 · builtin\.xlsx")).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#history-rollback")
    expect(page.locator("#history-rolled-back")).to_contain_text("第 1 号修订版")
    assert 2009 not in _city(db, "grassroots_unions")
    page.goto(base + "/briefing")
    page.click("#briefing-pdf")
    link = page.locator("#briefing-download")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    assert log.outside == []
    context.close()


def _city(url: str, code: str) -> dict[int, float]:
    _, obs, _ = Store(url).data()
    rows = obs[(obs["code"] == code) & (obs["region"] == "") & (obs["group"] == "")]
    return dict(zip(rows["year"].astype(int), rows["value"], strict=True))


def _signed_in_opener(base: str, who: tuple[str, str]) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/login").read().decode()
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    opener.open(base + "/login", data=urllib.parse.urlencode(
        {"csrf": csrf, "name": who[0], "password": who[1], "next": "/"}).encode())
    return opener


def _upload(opener, base: str, data: bytes, name: str) -> str:  # type: ignore[no-untyped-def]
    form = opener.open(base + "/upload/form").read().decode()
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    boundary = "----test-boundary-7MA4YWxkTrZu0gW"
    body = b"".join([
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nmerge\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode(), data, f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(base + "/upload/file", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = opener.open(request)
    return urllib.parse.parse_qs(urllib.parse.urlparse(response.geturl()).query)["job"][0]


def test_a_process_killed_during_a_check_leaves_the_job_failed_and_the_data_as_it_was(tmp_path):
    from bench.big_workbook import bench_regions, write_long_workbook
    from indicators.ingest import registry, seed_if_empty

    db = tmp_path / "store.db"
    url = f"sqlite:///{db}"
    _people(url)
    store = Store(url)
    seed_if_empty(store)
    for name in bench_regions(200_000):
        registry(store).add(name)
    revisions_before = [r.id for r in store.revisions()]
    assert revisions_before == [1]
    store.close()
    big = tmp_path / "big.xlsx"
    write_long_workbook(big, 200_000)  # a check that takes seconds, long enough to kill its process
    with running_server(db, workers=2) as base:
        opener = _signed_in_opener(base, EDITOR)
        job_id = _upload(opener, base, big.read_bytes(), "big.xlsx")
        engine = Store(url).engine
        deadline = time.monotonic() + 60
        while True:
            with engine.connect() as conn:
                row = conn.execute(select(jobs_table.c.status, jobs_table.c.worker)
                                   .where(jobs_table.c.id == job_id)).first()
            if row and row.status == "running" and row.worker:
                break
            assert time.monotonic() < deadline and (row is None or row.status in ("queued", "running")), row
            time.sleep(0.02)
        os.kill(int(row.worker.rsplit(":", 1)[1]), signal.SIGKILL)  # the process running the check
        deadline = time.monotonic() + 60
        while (status := json.loads(opener.open(base + f"/upload/status/{job_id}").read()))["status"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert status["status"] == "failed" and status["error"] == "worker_lost"
        assert json.loads(urllib.request.urlopen(base + "/healthz").read())["status"] == "ok"  # still serving
    assert [r.id for r in Store(url).revisions()] == revisions_before  # nothing half-published


def test_celery_workers_through_redis_run_checks_and_briefings_on_their_own_queues(pg_server, redis_server):
    url = pg_server.new_database()
    env = {**os.environ, "INDICATORS_DB": url, "INDICATORS_REDIS_URL": redis_server.url}
    app = Application({"db": url, "redis_url": redis_server.url})
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "indicators.celery_worker", "worker", "-Q", "checks,briefings",
         "--concurrency", "2", "--pool", "threads", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        check = app.start_check(long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]), "c.xlsx",
                                "ed", "merge")
        briefing = app.start_briefing("pptx", "zh", "capacity", "ed")
        for job_id in (check, briefing):
            deadline = time.monotonic() + 180
            while not (job := app.jobs.get(job_id)).finished:
                assert time.monotonic() < deadline, job
                time.sleep(0.2)
            assert job.status == "done", job
        with app.store.engine.connect() as conn:
            workers = dict(conn.execute(select(jobs_table.c.id, jobs_table.c.worker)).all())
        assert all(not w.endswith(f":{os.getpid()}") for w in workers.values())  # run by Celery, not here
        assert app.check_result(check).ok and app.check_result(check).preview is not None
        data, mimetype, filename = app.jobs.result(briefing)
        assert data[:2] == b"PK" and filename.endswith(".pptx")
        assert {app.jobs.get(check).queue, app.jobs.get(briefing).queue} == {"checks", "briefings"}
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.store.close()
        pg_server.drop_database(url)


def test_a_check_does_not_wait_behind_a_briefing(tmp_path):
    app = Application({"db": str(tmp_path / "s.db")})
    briefing = app.start_briefing("pdf", "zh", None, "anon:1")  # every indicator: many charts
    check = app.start_check(long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]), "c.xlsx",
                            "ed", "merge")
    deadline = time.monotonic() + 120
    while not app.jobs.get(check).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert app.jobs.get(check).status == "done"
    assert not app.jobs.get(briefing).finished  # the briefing is still being made
    assert app.jobs.active("anon:1", "briefings") == 1
    app.start_briefing("pdf", "zh", "capacity", "anon:1")
    from indicators.application import UseCaseError

    with pytest.raises(UseCaseError):  # a third at once from the same reader is refused
        app.start_briefing("pdf", "zh", "aid", "anon:1")


def test_settings_given_to_create_app_reach_the_upload_form(tmp_path):
    """Found by the issue: create_app's overrides were lost on the upload path (20 MB said, 5 allowed)."""
    from app import create_app

    app = create_app({"db": str(tmp_path / "s.db"), "max_upload_mb": 5})
    Users(app.server.config["APPLICATION"].store).add(*EDITOR, "editor")
    client = app.server.test_client()
    csrf = client.get("/login").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": EDITOR[0], "password": EDITOR[1]})
    assert "5.0 MB" in client.get("/upload/form").get_data(as_text=True)
    assert app.server.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024 + 64 * 1024


def test_two_stores_in_one_process_do_not_share_their_cached_data(tmp_path):
    first, second = Application({"db": str(tmp_path / "a.db")}), Application({"db": str(tmp_path / "b.db")})
    from indicators.ingest import import_workbook

    assert import_workbook(second.store, long_workbook([["grassroots_unions", 2009, "", "", 9999, "", "", ""]]),
                           "b.xlsx", "ed").ok
    assert 2009 not in first.data_index().points("grassroots_unions") and first.data_index().revision_id == 1
    assert [p.year for p in second.data_index().points("grassroots_unions")][-1] == 2009



def test_requests_arriving_together_build_a_revisions_index_once(tmp_path, monkeypatch):
    import indicators.application as application_module

    app = Application({"db": str(tmp_path / "a.db")})
    builds: list[int] = []
    real = application_module.DataIndex

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(application_module, "DataIndex", slowly(counted))
    indexes = at_once(app.data_index)
    assert builds == [1] and len(indexes) == 8 and all(i is indexes[0] for i in indexes)


def test_requests_for_an_export_being_made_wait_for_it_instead_of_making_it_again(tmp_path):
    app = Application({"db": str(tmp_path / "a.db")})
    made: list[int] = []

    def build() -> tuple[bytes, str, str]:
        made.append(1)
        return b"png", "image/png", "chart.png"

    answers = at_once(lambda: app.cached_export(1, ("chart", "x"), slowly(build)))
    assert made == [1] and answers == [(b"png", "image/png", "chart.png")] * 8
    assert app.cached_export(1, ("chart", "y"), build) and made == [1, 1]  # another export is made


def test_an_export_is_made_once_per_revision_and_parameters(tmp_path, monkeypatch):
    from app import create_app
    from indicators.ingest import import_workbook
    from layouts import routes

    app = create_app({"db": str(tmp_path / "s.db")})
    made: list[str] = []
    real = routes.export_chart
    monkeypatch.setattr(routes, "export_chart", lambda *a, **k: made.append(a[0].code) or real(*a, **k))
    client = app.server.test_client()
    first = client.get("/export/union_members.svg?year=2008")
    second = client.get("/export/union_members.svg?year=2008")
    assert first.status_code == second.status_code == 200 and first.data == second.data and made == ["union_members"]
    client.get("/export/union_members.svg?year=2007")
    assert len(made) == 2  # other parameters: another image
    store = app.server.config["APPLICATION"].store
    assert import_workbook(store, long_workbook([["union_members", 2008, "", "", 11.3, "", "", ""]]), "x.xlsx",
                           "ed", confirm_report_changes=True).ok
    client.get("/export/union_members.svg?year=2008")
    assert len(made) == 3  # a new revision: made again
