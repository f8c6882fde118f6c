"""Header rows above and below the years, generated: each year column read by its whole path, or not at all.

A kind row above the years (实际完成 › 2009年 2010年 | 规划目标 › 2013年, in the spellings offices use, merged
or not) decides whether a column holds actual values, targets, or something that is not the stock (本年新增,
增长%), which is left out and said; sub-columns under each year (本年新增 | 年末数, 甘州区 | 北山县) refuse the
sheet naming the row. The truth comes from how each table was built.
"""

from __future__ import annotations

import itertools

import pytest

from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

ACTUAL = ["实际完成", "实际", "完成情况", "年末数"]
TARGET = ["规划目标", "目标", "计划", "2013年目标"]
NOT_STOCK = ["本年新增", "比上年增长%", "增减", "同比增长"]
UNKNOWN = ["备用", "其他口径"]


def _two_rows(first: str, second: str, merge: bool) -> bytes:
    wb, ws = sheet()
    ws.append(["指标", first, None if merge else first, second])
    ws.append([None, "2009年", "2010年", "2013年"])
    if merge:
        ws.merge_cells("B1:C1")
    ws.merge_cells("A1:A2")
    ws.append(["基层工会组织数", 300, 320, 400])
    ws.append(["工会会员数（万人）", 3.2, 3.4, 4.0])
    return save(wb)


def _values(parsed, frame="observations") -> dict:
    return {(row.code, int(row.year)): float(row.value) for row in getattr(parsed, frame).itertuples()}


ACTUALS = {("grassroots_unions", 2009): 300.0, ("grassroots_unions", 2010): 320.0,
           ("union_members", 2009): 3.2, ("union_members", 2010): 3.4}
PLANNED = {("grassroots_unions", 2013): 400.0, ("union_members", 2013): 4.0}


@pytest.mark.parametrize("first,second,merge", list(itertools.product(ACTUAL, TARGET[:3], (True, False))))
def test_a_plan_beside_actual_values_is_a_target_never_an_actual_value(first, second, merge):
    parsed = read_workbook(_two_rows(first, second, merge))
    assert _values(parsed) == ACTUALS
    assert _values(parsed, "targets") == PLANNED


@pytest.mark.parametrize("first,second,merge", list(itertools.product(ACTUAL[:2], NOT_STOCK + UNKNOWN, (True, False))))
def test_a_column_that_is_not_the_stock_is_left_out_and_said(first, second, merge):
    parsed = read_workbook(_two_rows(first, second, merge))
    assert _values(parsed) == ACTUALS and not len(parsed.targets)
    said = [p for p in parsed.problems if p.rule in ("column_not_stock", "column_path_unknown")]
    assert [p.cell for p in said] == ["D2"]
    assert second.replace(" ", "") in said[0].message("zh") and said[0].message("en")


def _sub_columns(subs: tuple[str, str], years: int) -> bytes:
    wb, ws = sheet()
    ws.append(["指标", *itertools.chain.from_iterable((f"{2008 + i}年", None) for i in range(years))])
    ws.append([None, *subs * years])
    for i in range(years):
        ws.merge_cells(start_row=1, start_column=2 + 2 * i, end_row=1, end_column=3 + 2 * i)
    ws.append(["基层工会组织数", *[v for i in range(years) for v in (10 + i, 300 + i)]])
    return save(wb)


@pytest.mark.parametrize("subs,years", list(itertools.product(
    [("本年新增", "年末数"), ("甘州区", "北山县"), ("年末数", "比上年增减"), ("男", "女")], (1, 2, 3))))
def test_sub_columns_under_each_year_refuse_the_sheet_naming_the_row(subs, years):
    parsed = read_workbook(_sub_columns(subs, years))
    assert not len(parsed.observations)
    refusal = [p for p in parsed.problems if p.rule == "header_sub_columns"]
    assert refusal and refusal[0].cell == "B2" and subs[0] in refusal[0].message("zh")
