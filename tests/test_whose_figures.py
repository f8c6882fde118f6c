"""Whose figures: a table naming the country or a province is asked about, never stored as the city's.

Generated from its parts: where the other geography is named (title, a 数据来源 line under the table, an
地区：全国 line above it), how (国家统计局, 全国, 中国, 分省, 湖北省 …), and whether the sheet also says it is
one of the city's units (a 填报单位 line): the truth is known by construction.
"""

from __future__ import annotations

import itertools

import pytest

from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

FOREIGN = ["数据来源：国家统计局", "资料来源：中华全国总工会", "数据来源：《中国工会统计年鉴》", "地区：全国",
           "数据来源：湖北省统计局", "数据来源：各省总工会"]
TITLES = ["全国工会组织基本情况", "分省工会组织情况", "江苏省工会组织基本情况"]


def _table(title: str | None = None, above: str | None = None, below: str | None = None,
           reporting: str | None = None) -> bytes:
    wb, ws = sheet()
    for line in (title, reporting, above):
        if line:
            ws.append([line])
    ws.append(["指标", "2008年", "2009年"])
    ws.append(["基层工会组织数", 300, 320])
    ws.append(["工会会员数（万人）", 3.23, 3.4])
    if below:
        ws.append([])
        ws.append([below])
    return save(wb)


def _cases() -> list[tuple]:
    out = [(None, line, None) for line in FOREIGN if line.startswith("地区")]
    out += [(None, None, line) for line in FOREIGN if not line.startswith("地区")]
    out += [(title, None, None) for title in TITLES]
    out += [(title, None, line) for title, line in itertools.product(TITLES[:1], FOREIGN[:2])]
    return out


@pytest.mark.parametrize("title,above,below", _cases())
def test_another_geography_is_asked_about_naming_its_cell(title, above, below):
    parsed = read_workbook(_table(title, above, below))
    questions = [p for p in parsed.problems if p.rule == "ask_region_foreign"]
    assert len(questions) == 1 and questions[0].cell, [(p.rule, p.cell) for p in parsed.problems]
    assert not parsed.ok
    for lang in ("zh", "en"):
        assert questions[0].message(lang)


@pytest.mark.parametrize("below", FOREIGN)
def test_a_district_form_with_a_source_line_is_the_districts(below):
    parsed = read_workbook(_table(reporting="填报单位：甘州区总工会", below=below))
    assert not [p for p in parsed.problems if p.severity in ("error", "question")]
    assert set(parsed.observations["region"]) == {"甘州区"}


@pytest.mark.parametrize("title", ["xx市总工会2009年统计表", "甘州区工会组织情况", "工会组织基本情况", None])
def test_the_citys_own_tables_are_not_asked_about(title):
    parsed = read_workbook(_table(title=title, below="数据来源：市总工会组织部"))
    assert not [p for p in parsed.problems if p.rule == "ask_region_foreign"]


def test_the_answer_stores_the_figures_under_the_region_chosen():
    from indicators.workbook.reader import default_context
    ctx = default_context(None)
    ctx.answers["region@表1"] = "甘州区"
    parsed = read_workbook(_table(below="数据来源：国家统计局"), context=ctx)
    assert parsed.ok and set(parsed.observations["region"]) == {"甘州区"}
