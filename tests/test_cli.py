"""The command line, run as people run it: ``python -m indicators`` in a real subprocess.

Every test uses its own SQLite file in ``tmp_path``; workbooks are written with openpyxl
(one with XlsxWriter, for a formula cell that carries a cached value).
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from indicators.catalogue import CATALOGUE
from indicators.problems import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
BOM = b"\xef\xbb\xbf"
LONG_HEADERS = ["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"]
HISTORY_LINE = re.compile(
    r"^([* ])\s*(\d+)\s+\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d\s+(\S+)\s+(\S+)\s+(\d+)\s+([0-9a-f]{12})$")


# --- helpers ---------------------------------------------------------------------------------

def run(db: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    """``python -m indicators --db DB [--lang L] ARGS`` in the project directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INDICATORS_")}
    command = [sys.executable, "-m", "indicators", "--db", str(db)]
    if lang:
        command += ["--lang", lang]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stdout
    assert "Traceback" not in proc.stderr


def write_long(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(LONG_HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def good_workbook(path: Path) -> Path:
    return write_long(path, [["grassroots_unions", 2009, None, None, 2390, None, "年报", "2009年统计年报"]])


def bad_workbook(path: Path) -> Path:
    """Four errors, one per row: a mistyped code (A2), text for a value (E3), the year 1800 (B4), a rate of 120 (E5)."""
    return write_long(path, [
        ["grassroots_union", 2009, None, None, 5],
        ["grassroots_unions", 2009, None, None, "很多"],
        ["grassroots_unions", 1800, None, None, 2000],
        ["union_formation_rate", 2009, None, None, 120],
    ])


def history(db: Path) -> list[tuple[str, int, str, str, int]]:
    """(mark, revision id, user, file name, observations) for each line of ``history``."""
    proc = run(db, "history")
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    rows = []
    for line in proc.stdout.splitlines():
        match = HISTORY_LINE.match(line)
        if match:
            mark, rev, user, filename, n, _ = match.groups()
            rows.append((mark, int(rev), user, filename, int(n)))
    assert rows, proc.stdout
    return rows


def current_ids(rows: list[tuple]) -> list[int]:
    return [row[1] for row in rows if row[0] == "*"]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def xlsx_data_rows(path: Path) -> tuple[list, list[list], openpyxl.Workbook]:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows()]
    header = [c.value for c in rows[0]]
    return header, rows[1:], wb


# --- validate --------------------------------------------------------------------------------

def test_validate_good_workbook_passes(tmp_path: Path) -> None:
    proc = run(tmp_path / "s.db", "validate", str(good_workbook(tmp_path / "good.xlsx")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查通过" in proc.stdout
    assert "1 个数值" in proc.stdout
    assert "[错误]" not in proc.stdout
    assert_no_traceback(proc)


BAD_CELLS_ZH = {
    "数据!A2": "“grassroots_union”不是看板指标，是否应为“基层工会组织数”",
    "数据!E3": "“很多”不是数字",
    "数据!B4": "年份 1800 超出范围",
    "数据!E5": "比率 120% 超过 100%",
}
BAD_CELLS_EN = {
    "数据!A2": "“grassroots_union” is not a dashboard indicator: did you mean “基层工会组织数”",
    "数据!E3": "“很多” is not a number",
    "数据!B4": "Year 1800 is out of range",
    "数据!E5": "The rate 120% is over 100%",
}


def _error_lines(stdout: str, tag: str) -> dict[str, str]:
    found = {}
    for line in stdout.splitlines():
        match = re.match(rf"^\[{tag}\] (\S+!\w+): (.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_validate_bad_workbook_lists_every_problem_in_chinese(tmp_path: Path) -> None:
    proc = run(tmp_path / "s.db", "validate", str(bad_workbook(tmp_path / "bad.xlsx")))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = _error_lines(proc.stdout, "错误")
    assert set(found) == set(BAD_CELLS_ZH), proc.stdout
    for where, fragment in BAD_CELLS_ZH.items():
        assert fragment in found[where], (where, found[where])
    assert "共 4 个错误，文件不能导入。" in proc.stdout
    assert "检查通过" not in proc.stdout
    assert_no_traceback(proc)


def test_validate_bad_workbook_in_english(tmp_path: Path) -> None:
    proc = run(tmp_path / "s.db", "validate", str(bad_workbook(tmp_path / "bad.xlsx")), lang="en")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = _error_lines(proc.stdout, "error")
    assert set(found) == set(BAD_CELLS_EN), proc.stdout
    for where, fragment in BAD_CELLS_EN.items():
        assert fragment in found[where], (where, found[where])
    assert "4 error(s): the file cannot be imported." in proc.stdout
    for chinese in ("[错误]", "未知指标", "不是数字", "文件不能导入"):
        assert chinese not in proc.stdout
    assert_no_traceback(proc)


# --- import, history, rollback ---------------------------------------------------------------

def test_import_history_and_rollback(tmp_path: Path, builtin) -> None:
    db = tmp_path / "s.db"
    n_builtin = len(builtin.observations)
    proc = run(db, "import", str(good_workbook(tmp_path / "good.xlsx")), "--user", "alice")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "已发布第 2 号修订版" in proc.stdout
    assert_no_traceback(proc)

    rows = history(db)
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        (1, "system", "builtin.xlsx", n_builtin),
        (2, "alice", "good.xlsx", n_builtin + 1),
    ]
    assert current_ids(rows) == [2]

    proc = run(db, "rollback", "1", "--user", "bob")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "第 1 号修订版" in proc.stdout and "builtin.xlsx" in proc.stdout
    rows = history(db)
    assert [r[1] for r in rows] == [1, 2], "a rollback keeps the later revisions"
    assert current_ids(rows) == [1]

    # The current data really is revision 1 again: the export holds the built-in rows only.
    proc = run(db, "export-data", str(tmp_path / "after.csv"))
    assert proc.returncode == 0, proc.stderr
    _, exported = read_csv(tmp_path / "after.csv")
    assert len(exported) == n_builtin
    assert not [r for r in exported if r["指标代码"] == "grassroots_unions" and r["年份"] == "2009"]
    assert {r["修订版"] for r in exported} == {"1"}


def test_rollback_to_unknown_revision_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    before = history(db)
    proc = run(db, "rollback", "99")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "99" in proc.stderr
    assert_no_traceback(proc)
    assert history(db) == before


@pytest.mark.parametrize("lang, said", [(None, "文件未导入"), ("en", "nothing was imported")])
def test_import_of_a_refused_file_changes_nothing(tmp_path: Path, lang: str | None, said: str) -> None:
    db = tmp_path / "s.db"
    before = history(db)
    proc = run(db, "import", str(bad_workbook(tmp_path / "bad.xlsx")), lang=lang)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert said in proc.stdout
    assert "数据!A2" in proc.stdout and "数据!E5" in proc.stdout
    assert_no_traceback(proc)
    assert history(db) == before
    assert [r[1] for r in before] == [1]


# --- usage errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["validate"],
    ["import"],
    ["template"],
    ["export-data"],
    ["rollback"],
    ["rollback", "one"],
    ["rollback", "1.5"],
], ids=lambda a: " ".join(a) or "no-subcommand")
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run(tmp_path / "s.db", *args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "usage:" in proc.stderr
    assert_no_traceback(proc)


@pytest.mark.parametrize("command", ["validate", "import"])
def test_missing_file_is_a_usage_error_naming_it(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "不存在的文件.xlsx"
    proc = run(tmp_path / "s.db", command, str(missing))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert str(missing) in proc.stderr
    assert_no_traceback(proc)


@pytest.mark.parametrize("command", ["validate", "import"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_is_read_by_what_it_holds_not_by_its_name(tmp_path: Path, command: str, lang: str) -> None:
    """A CSV file named .xlsx is read as the CSV it is, and the reading says so; a binary file is refused."""
    csv_named_xlsx = tmp_path / "report.xlsx"
    csv_named_xlsx.write_text("指标代码,年份,数值\ngrassroots_unions,2009,2390\n", encoding="utf-8")
    db = tmp_path / "s.db"
    proc = run(db, command, str(csv_named_xlsx), lang=lang)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ("文件类型：CSV UTF-8" if lang == "zh" else "file type: CSV UTF-8") in proc.stdout
    binary = tmp_path / "photo.xlsx"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    proc = run(db, command, str(binary), lang=lang)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert MESSAGES["not_xlsx"][0 if lang == "zh" else 1] in proc.stdout
    assert_no_traceback(proc)
    if command == "import":
        assert [r[1] for r in history(db)] == [1, 2]


@pytest.mark.parametrize("args", [
    ["template", "{missing}/模板.xlsx"],
    ["export-data", "{missing}/数据.csv"],
    ["export-data", "{missing}/数据.xlsx"],
])
def test_output_in_a_missing_folder_is_a_usage_error_not_a_traceback(tmp_path: Path, args: list[str]) -> None:
    """The CLI promises that bad input never ends in a traceback; an output path that cannot be written is bad input."""
    missing = tmp_path / "no" / "such" / "folder"
    args = [a.format(missing=missing) for a in args]
    proc = run(tmp_path / "s.db", *args)
    assert_no_traceback(proc)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert str(missing) in proc.stderr


def test_db_that_is_a_folder_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    proc = run(folder, "history")
    assert_no_traceback(proc)
    assert proc.returncode == 2, proc.stdout + proc.stderr


# --- template ------------------------------------------------------------------------------------

def test_template_has_the_sheets_headers_and_drop_downs(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    proc = run(tmp_path / "s.db", "template", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_no_traceback(proc)
    wb = openpyxl.load_workbook(out)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"]
    assert visible == ["说明", "数据", "目标", "指标目录"]
    assert len(hidden) == 1
    lists = wb[hidden[0]]

    data = wb["数据"]
    assert [c.value for c in data[1]] == ["指标代码", "指标名称", "年份", "地区", "分组", "数值", "限定", "说明", "来源"]
    assert data.max_row == 1, "the empty template has no data rows"
    assert data.freeze_panes == "A2"
    assert wb["目标"].freeze_panes == "A2"
    assert [c.value for c in wb["目标"][1]][:4] == ["指标代码", "指标名称", "目标年份", "目标值"]

    n = len(CATALOGUE)
    by_column: dict[str, list] = {}
    for dv in data.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column.setdefault(rng.coord.split(":")[0], []).append(dv)
    code_lists = [dv for dv in by_column.get("A2", []) if dv.type == "list"]
    region_lists = [dv for dv in by_column.get("D2", []) if dv.type == "list"]
    assert code_lists and region_lists
    assert code_lists[0].formula1.lstrip("=") == f"'指标目录'!$A$2:$A${n + 1}"
    assert region_lists[0].formula1.lstrip("=").startswith(f"'{lists.title}'!$A$2:")
    # Every region the drop-down offers is a non-empty name in the hidden sheet.
    last = int(region_lists[0].formula1.rsplit("$", 1)[1])
    offered = [lists.cell(row=r, column=1).value for r in range(2, last + 1)]
    assert offered and all(isinstance(v, str) and v for v in offered)

    catalogue = wb["指标目录"]
    codes = [row[0] for row in catalogue.iter_rows(min_row=2, values_only=True) if row[0]]
    assert codes == [ind.code for ind in CATALOGUE]


def test_template_needs_an_xlsx_name(tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    proc = run(tmp_path / "s.db", "template", str(out))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert ".xlsx" in proc.stderr
    assert not out.exists()
    assert_no_traceback(proc)


def test_filled_template_holds_the_builtin_data(tmp_path: Path, builtin) -> None:
    out = tmp_path / "filled.xlsx"
    proc = run(tmp_path / "s.db", "template", "--filled", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["数据"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == len(builtin.observations)
    city_2008 = [r for r in rows if r[0] == "grassroots_unions" and r[2] == 2008 and not r[3] and not r[4]]
    assert len(city_2008) == 1
    assert city_2008[0][1] == "基层工会组织数"
    assert city_2008[0][5] == 2185
    targets = [r for r in wb["目标"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(targets) == len(builtin.targets)


def test_template_in_english(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    proc = run(tmp_path / "s.db", "template", str(out), lang="en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Template written" in proc.stdout
    wb = openpyxl.load_workbook(out)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [
        "instructions", "data", "targets", "indicators"]
    assert [c.value for c in wb["data"][1]][:3] == ["code", "indicator", "year"]


# --- export-data ---------------------------------------------------------------------------------

def test_export_csv(tmp_path: Path, builtin) -> None:
    out = tmp_path / "数据.csv"
    proc = run(tmp_path / "s.db", "export-data", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_no_traceback(proc)
    assert out.read_bytes().startswith(BOM)
    header, rows = read_csv(out)
    assert "指标代码" in header and "年份" in header and "数值" in header
    assert len(rows) == len(builtin.observations)
    match = [r for r in rows if r["指标代码"] == "grassroots_unions" and r["年份"] == "2008" and r["地区"] == "全市"
             and r["分组"] == ""]
    assert len(match) == 1
    assert float(match[0]["数值"]) == 2185
    assert f"{len(rows)} 个观测值" in proc.stdout


def test_export_xlsx(tmp_path: Path, builtin) -> None:
    out = tmp_path / "数据.xlsx"
    proc = run(tmp_path / "s.db", "export-data", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header, rows, _ = xlsx_data_rows(out)
    assert header[:4] == ["指标代码", "指标名称", "类别", "年份"]
    assert len(rows) == len(builtin.observations)
    assert not [c.coordinate for row in rows for c in row if c.data_type == "f"]
    year, value, region = header.index("年份"), header.index("数值"), header.index("地区")
    match = [r for r in rows if r[0].value == "grassroots_unions" and r[year].value == 2008
             and r[region].value == "全市"]
    assert len(match) == 1 and match[0][value].value == 2185


@pytest.mark.parametrize("name", ["out.json", "out", "out.xls"])
def test_export_needs_csv_or_xlsx(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    proc = run(tmp_path / "s.db", "export-data", str(out))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert not out.exists()
    assert_no_traceback(proc)


# --- formula injection -----------------------------------------------------------------------------

DANGEROUS_NOTES = ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(1)"]


def injection_workbook(path: Path) -> Path:
    """Notes typed as text that Excel would run as formulas, and one real formula cell (no cached value)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(LONG_HEADERS)
    for i, note in enumerate(DANGEROUS_NOTES):
        ws.append(["grassroots_unions", 2010 + i, None, None, 3000 + i])
        cell = ws.cell(row=ws.max_row, column=7)
        cell.value = note
        cell.data_type = "s"  # text, not a formula
    ws.append(["grassroots_unions", 2014, None, None, 3100])
    ws.cell(row=ws.max_row, column=7).value = "=1+1"  # a real formula; openpyxl stores no cached value
    ws.cell(row=ws.max_row, column=8).value = '="-"&"9"'
    wb.save(path)
    check = openpyxl.load_workbook(path)["数据"]
    assert [check.cell(row=r, column=7).data_type for r in range(2, 7)] == ["s", "s", "s", "s", "f"]
    return path


def test_formula_text_in_notes_is_neutralised_in_csv_export(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    proc = run(db, "import", str(injection_workbook(tmp_path / "inj.xlsx")))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = tmp_path / "out.csv"
    assert run(db, "export-data", str(out)).returncode == 0
    _, rows = read_csv(out)
    notes = {int(r["年份"]): (r["说明"], r["来源"]) for r in rows
             if r["指标代码"] == "grassroots_unions" and r["地区"] == "全市" and int(r["年份"]) >= 2010}
    assert {year: note for year, (note, _) in notes.items() if year < 2014} == {
        2010 + i: "'" + note for i, note in enumerate(DANGEROUS_NOTES)}
    # The formula cell had no cached value: it reads as empty, never as formula text.
    assert notes[2014] == ("", "")
    text = out.read_bytes().decode("utf-8-sig")
    assert '"\'=HYPERLINK(""x"")"' in text
    for row in rows:
        for column, field in row.items():
            assert not field.startswith(("=", "+", "-", "@")), (column, field)


def test_formula_text_in_notes_is_neutralised_in_xlsx_export(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert run(db, "import", str(injection_workbook(tmp_path / "inj.xlsx"))).returncode == 0
    out = tmp_path / "out.xlsx"
    assert run(db, "export-data", str(out)).returncode == 0
    header, rows, _ = xlsx_data_rows(out)
    assert not [c.coordinate for row in rows for c in row if c.data_type == "f"]
    year, region, note, source = (header.index(h) for h in ("年份", "地区", "说明", "来源"))
    by_year = {r[year].value: r for r in rows
               if r[0].value == "grassroots_unions" and r[region].value == "全市" and r[year].value >= 2010}
    for i, text in enumerate(DANGEROUS_NOTES):
        cell = by_year[2010 + i][note]
        assert cell.data_type == "s"
        assert cell.value == "'" + text
    assert by_year[2014][note].value in (None, "")
    assert by_year[2014][source].value in (None, "")
    for row in rows:
        for cell in row:
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.coordinate


def test_formula_with_a_cached_value_is_imported_as_its_value_and_neutralised(tmp_path: Path) -> None:
    """XlsxWriter stores a formula's cached result; the importer keeps the result, the export defuses it."""
    import xlsxwriter

    path = tmp_path / "cached.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, LONG_HEADERS)
    ws.write_row(1, 0, ["grassroots_unions", 2015, "", "", 3200])
    ws.write_formula(1, 6, '="-5"&"+5"', None, "-5+5")
    wb.close()
    db = tmp_path / "s.db"
    assert run(db, "import", str(path)).returncode == 0
    out = tmp_path / "out.xlsx"
    assert run(db, "export-data", str(out)).returncode == 0
    header, rows, _ = xlsx_data_rows(out)
    year, note = header.index("年份"), header.index("说明")
    match = [r for r in rows if r[0].value == "grassroots_unions" and r[year].value == 2015]
    assert len(match) == 1
    assert match[0][note].value == "'-5+5"
    assert match[0][note].data_type == "s"


def test_filled_template_never_holds_a_formula(tmp_path: Path) -> None:
    """Group names are free text (an unknown group is only a warning), so they can look like formulas too;
    a region must be on the region list, so a formula-like region is asked about and never stored."""
    db = tmp_path / "s.db"
    for region in ("=1+1", None):
        path = tmp_path / "regions.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "数据"
        ws.append(LONG_HEADERS)
        ws.append(["grassroots_unions", 2009, region, '=HYPERLINK("x")', 10, None, "-2+3"])
        for column in (3, 4, 7):
            ws.cell(row=2, column=column).data_type = "s"
        wb.save(path)
        proc = run(db, "import", str(path))
        if region:
            assert proc.returncode == 1 and "“=1+1”不在地区列表中" in proc.stdout, proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[警告]" in proc.stdout  # the unknown group
    out = tmp_path / "filled.xlsx"
    assert run(db, "template", "--filled", str(out)).returncode == 0
    filled = openpyxl.load_workbook(out)
    formulas = [f"{ws.title}!{c.coordinate}={c.value}" for ws in filled.worksheets for row in ws.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas == []


# --- English messages ------------------------------------------------------------------------------

def test_english_messages_across_commands(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    proc = run(db, "validate", str(good_workbook(tmp_path / "good.xlsx")), lang="en")
    assert proc.returncode == 0
    assert "OK: 1 values can be imported." in proc.stdout

    proc = run(db, "import", str(good_workbook(tmp_path / "good.xlsx")), lang="en")
    assert proc.returncode == 0
    assert "Published revision 2" in proc.stdout

    proc = run(db, "history", lang="en")
    assert "(* marks the current revision)" in proc.stdout
    assert "当前修订版" not in proc.stdout

    proc = run(db, "rollback", "1", lang="en")
    assert proc.returncode == 0
    assert "Rolled back: revision 1" in proc.stdout

    proc = run(db, "template", str(tmp_path / "t.txt"), lang="en")
    assert proc.returncode == 2
    assert "must end in .xlsx" in proc.stderr

    proc = run(db, "export-data", str(tmp_path / "out.json"), lang="en")
    assert proc.returncode == 2
    assert "must end in .csv or .xlsx" in proc.stderr

    proc = run(db, "import", str(bad_workbook(tmp_path / "bad.xlsx")), lang="en")
    assert proc.returncode == 1
    assert "[error] 数据!A2: “grassroots_union” is not a dashboard indicator: did you mean" in proc.stdout
    assert "4 error(s): nothing was imported, the data is unchanged." in proc.stdout
    assert "错误" not in proc.stdout

    proc = run(db, "validate", str(bad_workbook(tmp_path / "bad.xlsx")), lang="en")
    assert "cannot be imported" in proc.stdout


# --- draft -----------------------------------------------------------------------------------------

def test_draft_prints_the_years_paragraphs(tmp_path: Path) -> None:
    proc = run(tmp_path / "s.db", "draft")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("xx市工会工作主要指标 · 2008年度（2007.10.1–2008.9.30）")
    assert "组织建设方面，截至2008年上半年，全市基层工会组织数达到2185个" in proc.stdout
    english = run(tmp_path / "s.db", "draft", "--year", "2008", lang="en")
    assert "Main union indicators · xx City" in english.stdout and "Ganzhou" not in english.stdout
    missing = run(tmp_path / "s.db", "draft", "--year", "1990")
    assert missing.returncode == 2 and "1990" in missing.stderr
    assert_no_traceback(missing)
