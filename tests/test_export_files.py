"""Data downloads built once per revision and shared by every server process (issue 18, item 12).

Two real server processes on one SQLite file: the full downloads are built once (counted in the
export directory's build log, not timed), both serve the same bytes, concurrent first requests
build once, a publish builds the new revision's files in the background and the old ones go, and
the formula guard still applies to what is served from the files.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest

from browser import ROOT, running_server
from indicators.application import Application
from indicators.export_files import ExportKey, default_exports_dir
from indicators.settings import data_home
from indicators.store import Store
from workbooks import long_workbook

INJECTIONS = ['＝HYPERLINK("x")', "＋1+1", "－2+3", "@SUM(1)"]  # openpyxl would write '=' as a formula
FULL = ["/download/data.csv", "/download/data.xlsx", "/download/data.csv?lang=en", "/download/data.xlsx?lang=en"]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def builds(directory: Path, revision: int) -> list[str]:
    """The build log's lines for one revision: one line per file built."""
    log = directory / f"r{revision}.builds"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def wait_for(condition, seconds: float = 300) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the background build did not finish"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    db = tmp_path_factory.mktemp("shared") / "store.db"
    rows = [["grassroots_unions", 2009 + i, "", "", 2390 + i, "", text, ""] for i, text in enumerate(INJECTIONS)]
    book = db.parent / "notes.xlsx"
    book.write_bytes(long_workbook(rows))
    # Imported from the command line: no server builds anything until a download is asked for.
    subprocess.run([sys.executable, "-m", "indicators", "--db", str(db), "import", str(book)], cwd=ROOT, check=True,
                   capture_output=True)
    with running_server(db) as first, running_server(db) as second:
        yield first, second, db


def publish(app: Application, data: bytes) -> int:
    job_id = app.start_check(data, "notes.xlsx", "ed", "merge")
    wait_for(lambda: app.jobs.get(job_id).finished, 120)
    assert app.jobs.get(job_id).status == "done", app.jobs.get(job_id).error
    result = app.publish(job_id, "ed", "editor")
    assert result.ok
    return result.revision.id


def test_the_exports_directory_sits_beside_the_sqlite_file(tmp_path):
    assert default_exports_dir(f"sqlite:///{tmp_path / 'store.db'}", data_home()) == tmp_path / "store-exports"
    elsewhere = default_exports_dir("postgresql://u:secret@db.example:5433/indicators", tmp_path)
    assert elsewhere.parent == tmp_path / "union-indicators" and "secret" not in str(elsewhere)


def test_concurrent_first_requests_on_two_servers_build_once_and_serve_the_same_bytes(servers):
    first, second, db = servers
    directory = default_exports_dir(f"sqlite:///{db}", data_home())
    revision = Store(f"sqlite:///{db}").current_revision_id()
    assert builds(directory, revision) == []
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda i: fetch((first, second)[i % 2] + FULL[i % 4]), range(32)))
    assert {status for status, _ in answers} == {200}
    for k, path in enumerate(FULL):
        bodies = {body for i, (_, body) in enumerate(answers) if i % 4 == k}
        assert len(bodies) == 1, path  # both processes serve the same bytes
    log = builds(directory, revision)
    assert len(log) == 4 and len(set(log)) == 4, log  # each of the four built once, by one process
    # The formula guard applies to what the files hold.
    xlsx = next(body for i, (_, body) in enumerate(answers) if i % 4 == 1)
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert all("'" + text in texts and text not in texts for text in INJECTIONS)
    csv_text = next(body for i, (_, body) in enumerate(answers) if i % 4 == 0).decode("utf-8-sig")
    notes = {row["说明"] for row in csv.DictReader(io.StringIO(csv_text))}
    assert all("'" + text in notes and text not in notes for text in INJECTIONS)


def test_filtered_downloads_are_built_once_and_junk_parameters_share_their_file(servers):
    first, second, db = servers
    directory = default_exports_dir(f"sqlite:///{db}", data_home())
    revision = Store(f"sqlite:///{db}").current_revision_id()
    paths = ["/download/data.csv?code=union_members&year=2006", "/download/data.csv?year=2006&code=union_members",
             "/download/data.csv?code=union_members&year=2006&junk=1"]
    before = len(builds(directory, revision))
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda i: fetch((first, second)[i % 2] + paths[i % 3]), range(12)))
    assert {status for status, _ in answers} == {200} and len({body for _, body in answers}) == 1
    assert "union_members" in answers[0][1].decode("utf-8-sig")
    assert len(builds(directory, revision)) == before + 1


def test_the_filled_template_is_built_once_per_revision_and_language_too(servers):
    first, second, db = servers
    directory = default_exports_dir(f"sqlite:///{db}", data_home())
    revision = Store(f"sqlite:///{db}").current_revision_id()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda i: fetch((first, second)[i % 2] + "/download/template.xlsx?filled=1"), range(8)))
    assert {status for status, _ in answers} == {200} and len({body for _, body in answers}) == 1
    sheets = openpyxl.load_workbook(io.BytesIO(answers[0][1])).sheetnames
    assert "数据" in sheets
    made = [line for line in builds(directory, revision) if line.startswith(f"r{revision}-template-zh.")]
    assert len(made) == 1, builds(directory, revision)


def test_a_publish_builds_the_new_files_once_in_the_background_and_the_old_ones_go(servers):
    first, second, db = servers
    directory = default_exports_dir(f"sqlite:///{db}", data_home())
    old = Store(f"sqlite:///{db}").current_revision_id()
    fetch(first + "/download/data.csv")  # the old revision has its files
    assert list(directory.glob(f"r{old}-*"))
    app = Application({"db": str(db)})
    new = publish(app, long_workbook([["grassroots_unions", 2013, "", "", 2500, "", "", ""]]))
    wait_for(lambda: len(builds(directory, new)) == 4)  # made by the publishing process's job, no request
    for path in FULL:
        status_a, body_a = fetch(first + path)
        status_b, body_b = fetch(second + path)
        assert status_a == status_b == 200 and body_a == body_b
    assert len(builds(directory, new)) == 4  # the requests built nothing again
    assert b"2500" in fetch(second + "/download/data.csv")[1]
    assert not list(directory.glob(f"r{old}-*")) and not (directory / f"r{old}.builds").exists()


def test_a_rollback_builds_the_revision_it_makes_current_and_removes_the_others(servers):
    _, second, db = servers
    directory = default_exports_dir(f"sqlite:///{db}", data_home())
    app = Application({"db": str(db)})
    newest = app.store.current_revision_id()
    earlier = newest - 1
    for log in directory.glob(f"r{earlier}.builds"):
        log.unlink()  # counted afresh
    app.rollback(earlier, "admin", "admin")
    wait_for(lambda: len(builds(directory, earlier)) == 4 and not list(directory.glob(f"r{newest}-*")))
    assert fetch(second + "/download/data.csv")[0] == 200
    assert len(builds(directory, earlier)) == 4


def test_with_celery_a_worker_builds_the_published_revisions_downloads_on_postgresql(pg_url, redis_server, tmp_path):
    exports = tmp_path / "exports"
    env = {**os.environ, "INDICATORS_DB": pg_url, "INDICATORS_REDIS_URL": redis_server.url,
           "INDICATORS_EXPORTS_DIR": str(exports)}
    app = Application({"db": pg_url, "redis_url": redis_server.url, "exports_dir": str(exports)})
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "indicators.celery_worker", "worker", "-Q", "checks,briefings",
         "--concurrency", "2", "--pool", "threads", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        revision = publish(app, long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]))
        wait_for(lambda: len(builds(exports, revision)) == 4)
        holders = {line.split("\t")[1].split(":")[1] for line in builds(exports, revision)}
        assert holders == {str(worker.pid)}  # built by the Celery worker, not by this process
        with app.exports.open(ExportKey(revision, "xlsx", "en")) as handle:
            assert handle.read(2) == b"PK"
        assert len(builds(exports, revision)) == 4  # read, not built again
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.store.close()


def test_a_lock_left_by_a_builder_killed_mid_build_does_not_stop_the_download(tmp_path):
    app = Application({"db": str(tmp_path / "s.db")})
    key = ExportKey(app.store.current_revision_id(), "csv", "zh")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process that no longer exists, as after kill -9
    app.exports.directory.mkdir(parents=True)
    lock = app.exports.directory / f"{key.stem}.csv.lock"
    lock.write_text(f"{socket.gethostname()}:{dead.pid}:1", encoding="utf-8")
    with app.exports.open(key) as handle:
        assert handle.read(3) == b"\xef\xbb\xbf"
    assert not lock.exists() and len(app.exports.builds(key.revision_id)) == 1
