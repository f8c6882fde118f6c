"""The workbook sent back with the bad cells marked: real workbooks in, opened with openpyxl out."""

from __future__ import annotations

import io

import openpyxl
import pytest

from indicators import problem_workbook
from indicators.problem_workbook import ERROR_COLOR, WARNING_COLOR, marked_workbook
from indicators.problems import Problem
from indicators.template import append_as_text
from indicators.workbook import read_workbook
from workbooks import long_workbook, rezip, save, wide_workbook_openpyxl

HOSTILE = '=HYPERLINK("http://x")'


def open_result(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def listed(wb: openpyxl.Workbook, title: str = "问题清单") -> list[tuple]:
    return list(wb[title].iter_rows(min_row=2, values_only=True))


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Records each original handed to the child that opens it with openpyxl."""
    opened: list[bytes] = []
    real = problem_workbook.run_bounded

    def recording(func, data, *args, **kwargs):
        opened.append(data)
        return real(func, data, *args, **kwargs)

    monkeypatch.setattr(problem_workbook, "run_bounded", recording)
    return opened


@pytest.fixture(scope="module")
def bad_long() -> tuple[bytes, list[Problem]]:
    """A long workbook with a mistyped indicator code at A2 and a non-number at E3, and its problems."""
    data = long_workbook([
        ["grassroots_union", 2009, None, None, 2400, None, "备注", "报告"],
        ["grassroots_unions", 2009, None, None, "abc", None, None, "报告"],
        ["grassroots_unions", 2010, None, None, 2500, None, None, "报告"],
    ])
    problems = read_workbook(data).problems
    assert {(p.where, p.rule) for p in problems} == {("数据!A2", "did_you_mean"), ("数据!E3", "not_a_number")}
    return data, problems


def test_long_workbook_is_marked_and_listed(bad_long, spy):
    data, problems = bad_long
    wb = open_result(marked_workbook(data, problems))
    assert spy == [data]
    assert wb.sheetnames == ["问题清单", "数据"]
    assert wb.active.title == "问题清单"
    assert not wb["数据"].sheet_view.tabSelected
    sheet = wb["问题清单"]
    assert [c.value for c in sheet[1]] == ["严重程度", "位置", "值", "说明"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    rows = listed(wb)
    assert len(rows) == len(problems) == 2
    assert sorted(r[1] for r in rows) == ["数据!A2", "数据!E3"]
    for row, problem in zip(rows, problems, strict=True):
        assert row == ("错误", problem.where, problem.value, problem.message("zh"))

    marked = wb["数据"]
    for problem in problems:
        cell = marked[problem.cell]
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb == ERROR_COLOR
        assert cell.comment is not None
        assert problem.message("zh") in cell.comment.text
        assert cell.comment.author == "工会指标看板"

    original = open_result(data)["数据"]
    assert marked.max_row == original.max_row and marked.max_column == original.max_column
    for row_before, row_after in zip(original.iter_rows(), marked.iter_rows(), strict=True):
        for before, after in zip(row_before, row_after, strict=True):
            assert after.value == before.value, after.coordinate
            if after.coordinate not in ("A2", "E3"):
                assert after.fill.fill_type is None, after.coordinate
                assert after.comment is None, after.coordinate


def test_english_labels(bad_long):
    data, problems = bad_long
    wb = open_result(marked_workbook(data, problems, lang="en"))
    assert wb.sheetnames[0] == "Problems"
    assert wb.active.title == "Problems"
    assert [c.value for c in wb["Problems"][1]] == ["Severity", "Where", "Value", "Message"]
    rows = listed(wb, "Problems")
    assert {r[0] for r in rows} == {"error"}
    assert {r[3] for r in rows} == {p.message("en") for p in problems}
    comment = wb["数据"]["E3"].comment
    assert comment.text == next(p for p in problems if p.cell == "E3").message("en")
    assert comment.text != next(p for p in problems if p.cell == "E3").message("zh")
    assert comment.author == "Union indicators"


def test_warning_is_amber_and_error_red(bad_long):
    data, _ = bad_long
    problems = [
        Problem("rate_over_100", "数据", "E2", "2400", severity="warning"),
        Problem("not_a_number", "数据", "E3", "abc"),
    ]
    wb = open_result(marked_workbook(data, problems))
    assert ERROR_COLOR != WARNING_COLOR
    assert wb["数据"]["E2"].fill.fgColor.rgb == WARNING_COLOR
    assert wb["数据"]["E3"].fill.fgColor.rgb == ERROR_COLOR
    assert [r[0] for r in listed(wb)] == ["警告", "错误"]


def test_error_wins_when_two_problems_share_a_cell(bad_long):
    data, _ = bad_long
    problems = [
        Problem("rate_over_100", "数据", "E4", "2500", severity="warning"),
        Problem("negative", "数据", "E4", "2500"),
    ]
    wb = open_result(marked_workbook(data, problems))
    cell = wb["数据"]["E4"]
    assert cell.fill.fgColor.rgb == ERROR_COLOR
    assert all(p.message("zh") in cell.comment.text for p in problems)
    assert len(listed(wb)) == 2


@pytest.mark.parametrize("hostile", [
    pytest.param(rezip(long_workbook([["grassroots_unions", 2009, None, None, 2400]]),
                       add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}), id="macro"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(64), id="not-a-zip"),
])
def test_hostile_file_is_not_opened(hostile, spy):
    problems = read_workbook(hostile).problems
    assert problems and problems[0].rule in ("macro", "not_xlsx")
    wb = open_result(marked_workbook(hostile, problems))
    assert spy == []
    assert wb.sheetnames == ["问题清单"]
    assert listed(wb) == [("错误", None, None, problems[0].message("zh"))]
    assert wb["问题清单"]["B2"].hyperlink is None


def test_unreadable_original_still_gives_the_list(spy):
    # Passes the container check, but openpyxl cannot read it: the child fails, the list remains.
    broken = rezip(long_workbook([["grassroots_unions", 2009, None, None, 2400]]),
                   replace={"xl/workbook.xml": b"this is no workbook"})
    problems = [Problem("parse_failed", params={"detail": "xl/workbook.xml"})]
    wb = open_result(marked_workbook(broken, problems))
    assert spy == [broken]
    assert wb.sheetnames == ["问题清单"]
    assert listed(wb)[0][3] == problems[0].message("zh")


def test_formula_text_stays_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    append_as_text(ws, ["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"])
    append_as_text(ws, ["grassroots_unions", 2009, None, None, HOSTILE, None, None, "报告"])
    data = save(wb)
    problems = read_workbook(data).problems
    assert [(p.where, p.value) for p in problems] == [("数据!E2", HOSTILE)]

    result = open_result(marked_workbook(data, problems + [Problem("not_a_number", value="=1+1")]))
    value = result["问题清单"]["C2"]
    assert value.value == HOSTILE
    assert value.data_type == "s"
    assert value.quotePrefix
    assert result["问题清单"]["C3"].value == "=1+1"
    assert result["数据"]["E2"].value == HOSTILE
    assert result["数据"]["E2"].data_type == "s"
    formulas = [c.coordinate for s in result.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_wide_table_with_merged_title():
    data = wide_workbook_openpyxl()
    problems = [
        Problem("not_a_number", "2009年报", "C1", "xx市工会组织建设情况统计表"),
        Problem("rate_over_100", "2009年报", "D5", "12.05", severity="warning"),
    ]
    wb = open_result(marked_workbook(data, problems))
    ws = wb["2009年报"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:E1"]
    title = ws["A1"]
    assert title.value == "xx市工会组织建设情况统计表"
    assert title.fill.fgColor.rgb == ERROR_COLOR
    assert problems[0].message("zh") in title.comment.text
    assert ws["D5"].fill.fgColor.rgb == WARNING_COLOR
    assert ws["D5"].value == 12.05
    assert [r[1] for r in listed(wb)] == ["2009年报!C1", "2009年报!D5"]


def test_hyperlink_points_to_the_cell(bad_long):
    data, problems = bad_long
    wb = open_result(marked_workbook(data, problems))
    links = {row[1].value: row[1].hyperlink for row in wb["问题清单"].iter_rows(min_row=2)}
    assert links["数据!A2"].location == "'数据'!A2"
    assert links["数据!E3"].location == "'数据'!E3"
    assert links["数据!A2"].target is None  # inside the workbook, no outside address


def test_problems_without_a_cell_are_listed_only(bad_long):
    data, problems = bad_long
    extra = [
        Problem("no_data_sheet", params={"seen": "“数据” 1: 省份 | 平均工资"}),
        Problem("sheet_not_understood", "数据", severity="warning", params={"sheet": "数据"}),
        Problem("not_a_number", "没有这张表", "B2", "x"),
        Problem("not_a_number", "数据", "ZZZZ99", "x"),
    ]
    wb = open_result(marked_workbook(data, problems + extra))
    rows = listed(wb)
    assert len(rows) == len(problems) + len(extra)
    assert [r[1] for r in rows[2:]] == [None, "数据", "没有这张表!B2", "数据!ZZZZ99"]
    assert all(wb["问题清单"].cell(row=r, column=2).hyperlink is None for r in range(4, 8))
    assert "没有这张表" not in wb.sheetnames
    filled = [c.coordinate for row in wb["数据"].iter_rows() for c in row if c.fill.fill_type]
    assert sorted(filled) == ["A2", "E3"]


def test_existing_sheet_name_and_comment_are_kept():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "问题清单"
    ws["A1"] = "the person's own sheet"
    ws["B2"] = "x"
    ws["B2"].comment = openpyxl.comments.Comment("我的备注", "张三")
    data = save(wb)
    problems = [Problem("not_a_number", "问题清单", "B2", "x")]
    result = open_result(marked_workbook(data, problems))
    assert result.sheetnames == ["问题清单 (2)", "问题清单"]
    assert result.active.title == "问题清单 (2)"
    assert result["问题清单"]["A1"].value == "the person's own sheet"
    comment = result["问题清单"]["B2"].comment.text
    assert problems[0].message("zh") in comment and "我的备注" in comment
    assert result["问题清单 (2)"]["B2"].hyperlink.location == "'问题清单'!B2"


@pytest.mark.parametrize("text", ["＝1+1", "＋1", "－1", "＠SUM(1)", "备注\n＝1+1"])
def test_full_width_formula_signs_keep_the_quote_prefix(bad_long, text):
    # A full-width sign starts a formula in Excel and WPS as the ASCII one does (issue 18, item 11).
    data, problems = bad_long
    result = open_result(marked_workbook(data, problems + [Problem("not_a_number", value=text)]))
    found = [c for row in result["问题清单"].iter_rows() for c in row if c.value == text]
    assert found and all(c.data_type == "s" and c.quotePrefix for c in found)


def test_the_marked_workbook_of_a_check_that_asks_a_question_downloads(tmp_path):
    """Issue 18, item 8: a district named only in the title made /download/problems/<job>.xlsx a 500."""
    import time

    import tables
    from app import create_app
    from indicators.users import Users

    app = create_app({"db": str(tmp_path / "s.db")})
    application = app.server.config["APPLICATION"]
    Users(application.store).add("ed", "editor-password", "editor")
    client = app.server.test_client()
    csrf = client.get("/login").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": "ed", "password": "editor-password"})
    data = tables.district_form(title="甘州区2009年工会组织情况统计表")
    job_id = application.start_check(data, "gz.xlsx", "ed", "merge")
    deadline = time.monotonic() + 120
    while not application.jobs.get(job_id).finished:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert application.check_result(job_id).asks  # the check holds a question, and nothing else stops it

    for lang, title, label in (("zh", "问题清单", "待确认"), ("en", "Problems", "question")):
        response = client.get(f"/download/problems/{job_id}.xlsx?lang={lang}")
        assert response.status_code == 200 and response.data[:2] == b"PK"
        marked = open_result(response.data)
        (row,) = [r for r in listed(marked, title) if r[1] == "表1!A1"]
        assert row[0] == label and "甘州区" in row[3]
        assert marked["表1"]["A1"].fill.fgColor.rgb == WARNING_COLOR  # the title cell is marked to look at


def test_every_severity_has_a_label_in_both_languages():
    # A severity without a label was the KeyError behind item 8; a new one must bring its label.
    from typing import get_args

    from indicators.problem_workbook import SEVERITY_LABELS
    from indicators.problems import Severity

    assert {lang: set(labels) for lang, labels in SEVERITY_LABELS.items()} == {
        "zh": set(get_args(Severity)), "en": set(get_args(Severity))}
