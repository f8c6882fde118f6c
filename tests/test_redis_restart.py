"""Celery workers and Redis going away: a restart during a check, and an upload while it is down.

A real Redis server (tests/redis_server.py), a real Celery checks worker started as docs/deploy.md
says, and a real SQLite store every process shares.
"""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from briefing_calls import ask_for_briefing, briefing_shown
from sqlalchemy import select

from browser import ROOT, running_server
from indicators.application import Application
from indicators.jobs import jobs_table
from indicators.labels import t
from indicators.store import Store
from indicators.users import Users
from redis_server import RedisServer, find_redis
from workbooks import long_workbook

ROWS = [["grassroots_unions", 2009, "", "", 2390, "", "", ""]]


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    """A Redis server of this test's own, since the test stops and starts it."""
    if find_redis() is None:
        pytest.fail("Redis is missing: install Debian's redis-server (bash tests/run_all.sh does it)")
    with RedisServer() as server:
        yield server


@contextmanager
def checks_worker(db: str, redis_url: str, log: Path) -> Iterator[subprocess.Popen]:
    env = {**os.environ, "INDICATORS_DB": db, "INDICATORS_REDIS_URL": redis_url}
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "indicators.celery_worker", "worker", "-Q", "checks",
             "--pool", "threads", "--concurrency", "2", "--loglevel", "WARNING", "--without-gossip",
             "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(10)


def wait_until_finished(app: Application, job_id: str, worker: subprocess.Popen, log: Path, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while not (job := app.jobs.get(job_id)).finished:
        assert worker.poll() is None, f"the worker exited with {worker.returncode}:\n{log.read_text(errors='replace')}"
        assert time.monotonic() < deadline, (job, log.read_text(errors="replace"))
        time.sleep(0.2)
    return job


def test_a_redis_restart_during_a_check_leaves_the_worker_working(tmp_path, redis):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    app = Application({"db": db, "redis_url": redis.url})
    log = tmp_path / "worker.log"
    try:
        with checks_worker(db, redis.url, log) as worker:
            first = app.start_check(long_workbook(ROWS), "first.xlsx", "ed", "merge")
            deadline = time.monotonic() + 120
            while app.jobs.get(first).status == "queued":
                assert time.monotonic() < deadline and worker.poll() is None, log.read_text(errors="replace")
                time.sleep(0.05)
            assert app.jobs.get(first).status == "running"
            redis.stop()  # during the check
            time.sleep(1)
            redis.start()
            assert wait_until_finished(app, first, worker, log).status == "done"  # it kept running
            second = app.start_check(long_workbook(ROWS), "second.xlsx", "ed", "merge")
            job = wait_until_finished(app, second, worker, log)
            assert job.status == "done", (job, log.read_text(errors="replace"))
            assert app.check_result(second).ok
            time.sleep(3)  # the first check's late acknowledgement, on a connection that is gone, comes after
            assert worker.poll() is None, f"the worker exited with {worker.returncode}:\n{log.read_text(errors='replace')}"
    finally:
        app.store.close()


def _upload_form_post(session: requests.Session, base: str, lang: str) -> requests.Response:
    form = session.get(f"{base}/upload/form?lang={lang}").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    return session.post(f"{base}/upload/file", data={"csrf": csrf, "mode": "merge", "lang": lang},
                        files={"file": ("c.xlsx", long_workbook(ROWS))}, allow_redirects=False, timeout=60)


def test_an_upload_or_briefing_while_redis_is_down_gets_503_or_a_message_and_leaves_no_job(tmp_path, redis):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(db)
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(db, env={"INDICATORS_REDIS_URL": redis.url}) as base:
        session = requests.Session()
        page = session.get(f"{base}/login").text
        csrf = page.split('name="csrf" value="')[1].split('"')[0]
        session.post(f"{base}/login", data={"csrf": csrf, "name": "ed", "password": "editor-password", "next": "/"})
        redis.stop()
        answers = {lang: _upload_form_post(session, base, lang) for lang in ("zh", "en")}
        briefing = ask_for_briefing(requests.Session(), base, {})
        briefing_page = briefing_shown(requests.Session(), base, briefing, {})
        redis.start()
        ok = _upload_form_post(session, base, "zh")
    for lang, answer in answers.items():
        assert answer.status_code == 503, (answer.status_code, answer.text[:500])
        assert t("jobs_unavailable", lang) in html.unescape(answer.text)
        assert answer.headers.get("Retry-After")
    assert t("jobs_unavailable", "en").startswith("Background work")  # the English page is in English
    assert briefing["id"] is None and briefing["refused"] == "jobs_unavailable"
    assert t("jobs_unavailable", "en") in briefing_page  # the briefing page (English here) says so too
    store = Store(db)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(select(jobs_table.c.id, jobs_table.c.status)).all()
    finally:
        store.close()
    assert ok.status_code == 302 and "job=" in ok.headers["Location"]  # Redis back: uploads go through again
    assert len(rows) == 1  # only that one: none left queued from the refused uploads
