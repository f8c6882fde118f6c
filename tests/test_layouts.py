"""The layouts people really send: long sheets, wide tables, targets; as openpyxl and XlsxWriter write them."""

from __future__ import annotations

import openpyxl
import pytest

from indicators.workbook import read_workbook
from workbooks import long_workbook, save, wide_workbook_openpyxl, wide_workbook_xlsxwriter


def values(parsed, code, group=""):
    obs = parsed.observations
    rows = obs[(obs["code"] == code) & (obs["group"] == group)]
    return {int(y): v for y, v in zip(rows["year"], rows["value"], strict=True)}


def test_long_sheet_chinese_headers():
    data = long_workbook([
        ["grassroots_unions", 2009, "", "", 2390, "", "年报", "统计年报"],
        ["工会会员数", "2009年", "甘州区", "", "4.5", "", "", ""],
        ["model_workers", 2009, "", "全国", 3, "", "", ""],
        ["membership_rate", 2009, "全市", "", "91%", "以上", "", ""],
    ])
    parsed = read_workbook(data)
    assert parsed.problems == []
    obs = parsed.observations.set_index(["code", "year", "region", "group"])
    assert obs.loc[("grassroots_unions", 2009, "", ""), "value"] == 2390
    assert obs.loc[("grassroots_unions", 2009, "", ""), "source"] == "统计年报"
    assert obs.loc[("union_members", 2009, "甘州区", ""), "value"] == 4.5
    assert obs.loc[("model_workers", 2009, "", "全国"), "value"] == 3
    assert obs.loc[("membership_rate", 2009, "", ""), "value"] == 91
    assert obs.loc[("membership_rate", 2009, "", ""), "qualifier"] == ">="


def test_long_sheet_english_headers_and_column_order():
    data = long_workbook([[2009, 2390, "grassroots_unions"], [2009, 12.05, "Union members"]],
                         headers=["Year", "Value", "Indicator"], sheet="data")
    parsed = read_workbook(data)
    assert parsed.problems == []
    assert values(parsed, "grassroots_unions") == {2009: 2390}
    assert values(parsed, "union_members") == {2009: 12.05}


def test_long_sheet_below_a_title_with_blank_rows_and_a_footnote():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws["B2"] = "2009年工会统计数据"
    ws.append([])
    ws.append([None, "指标", "年份", "数值"])  # header in row 4, starting at column B
    ws.append([None, "grassroots_unions", 2009, 2390])
    ws.append([])
    ws.append([None, "union_members", 2009, "x"])  # row 7: a bad value, to check the cell named
    ws.append([None, "注：2009年为快报数。"])
    parsed = read_workbook(save(wb))
    assert values(parsed, "grassroots_unions") == {2009: 2390}
    assert [(p.rule, p.where) for p in parsed.problems] == [("not_a_number", "数据!D7")]


def test_percent_formatted_cells_in_a_long_sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["指标代码", "年份", "数值"])
    ws.append(["collective_contract_coverage", 2009, 0.8])
    ws["C2"].number_format = "0.0%"
    ws.append(["grassroots_unions", 2009, 2390])
    parsed = read_workbook(save(wb))
    assert values(parsed, "collective_contract_coverage") == {2009: pytest.approx(80)}
    assert values(parsed, "grassroots_unions") == {2009: 2390}


def test_wide_table_written_by_openpyxl():
    parsed = read_workbook(wide_workbook_openpyxl())
    assert parsed.problems == []
    assert dict(parsed.sheets) == {"2009年报": "wide"}
    assert values(parsed, "grassroots_unions") == {2008: 2185, 2009: 2390}  # "2,390" typed as text
    assert values(parsed, "union_members") == {2008: 11.29, 2009: 12.05}  # unit in the label
    assert values(parsed, "migrant_members_recruited") == {2008: 3.01, 2009: 3.6}  # 其中: sub-row
    assert values(parsed, "union_formation_rate") == {2008: pytest.approx(90), 2009: pytest.approx(92)}
    assert values(parsed, "model_workers") == {2008: 165, 2009: 171}
    assert values(parsed, "model_workers", "全国") == {2008: 2, 2009: 2}  # 其中：全国 is a group
    assert values(parsed, "model_workers", "省部级") == {2008: 19, 2009: 20}
    assert set(parsed.observations["region"]) == {""}  # 填报单位：xx市总工会 is the whole city
    targets = parsed.targets
    assert list(zip(targets["code"], targets["year"], targets["value"], strict=True)) == [
        ("union_formation_rate", 2013, pytest.approx(95))]


def test_wide_table_written_by_another_program(tmp_path):
    parsed = read_workbook(wide_workbook_xlsxwriter(tmp_path / "x.xlsx"))
    assert parsed.problems == []
    assert values(parsed, "grassroots_unions") == {2007: 700, 2008: 720, 2009: 760}
    assert values(parsed, "collective_contract_coverage") == {
        2007: pytest.approx(70), 2008: pytest.approx(76), 2009: pytest.approx(80.1)}
    assert set(parsed.observations["region"]) == {"甘州区"}  # from 填报单位：甘州区总工会


def test_wide_table_units_are_converted_or_refused():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["指标名称", "计量单位", "2009年"])
    ws.append(["一、组织建设"])  # a section heading, no values: passed over
    ws.append(["工会会员数", "人", 120500])  # people -> 万人
    ws.append(["市总工会帮扶资金", "元", 1_000_000])  # yuan -> 万元
    ws.append(["基层工会组织数", "万元", 5])  # nonsense unit
    ws.append(["职工书屋", "个", "—"])  # a dash: no value, no error
    parsed = read_workbook(save(wb))
    assert values(parsed, "union_members") == {2009: pytest.approx(12.05)}
    assert values(parsed, "aid_funds") == {2009: pytest.approx(100)}
    assert [(p.rule, p.where, p.value) for p in parsed.problems] == [("unit_mismatch", "表1!B5", "万元")]
    assert "worker_libraries" not in set(parsed.observations["code"])


def test_targets_sheet():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "目标"
    ws.append(["指标代码", "目标年份", "目标值", "基期年份", "限定"])
    ws.append(["worker_libraries", 2013, 40, 2008, ""])
    ws.append(["membership_rate", "2013年", "90%", "", "以上"])
    parsed = read_workbook(save(wb))
    assert parsed.problems == []
    tgt = parsed.targets.set_index("code")
    assert tgt.loc["worker_libraries", "value"] == 40 and tgt.loc["worker_libraries", "baseline_year"] == 2008
    assert tgt.loc["membership_rate", "value"] == 90 and tgt.loc["membership_rate", "qualifier"] == ">="


def test_an_unreadable_extra_sheet_is_a_warning_not_a_refusal():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["指标代码", "年份", "数值"])
    ws.append(["grassroots_unions", 2009, 2390])
    wb.create_sheet("草稿")["A1"] = "随手记的东西"
    parsed = read_workbook(save(wb))
    assert parsed.ok
    assert [(p.rule, p.severity, p.sheet) for p in parsed.problems] == [("sheet_not_understood", "warning", "草稿")]


def test_a_workbook_with_no_data_sheet_is_refused():
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    parsed = read_workbook(save(wb))
    assert not parsed.ok
    assert "no_data_sheet" in [p.rule for p in parsed.problems]
