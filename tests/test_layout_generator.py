"""The reader against thousands of generated office tables: each read to its truth, or stopped naming a cell.

The layouts come from ``tests/layout_gen.py`` (seeded; the truth is how each was built). CI checks
``INDICATORS_LAYOUTS`` seeds (2,000 by default); ``python tests/layout_gen.py 50000`` is the long run,
with counts by outcome and by layout part. The last tests show the property can fail: a misreading
planted in a layout's truth is caught.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from layout_gen import check, generate, run

from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

COUNT = int(os.environ.get("INDICATORS_LAYOUTS", "2000"))
CHUNK = 100


@pytest.mark.parametrize("first", range(0, COUNT, CHUNK))
def test_every_generated_layout_is_read_to_its_truth_or_stopped_naming_a_cell(first):
    counts, _, misread = run(range(first, min(first + CHUNK, COUNT)))
    assert not misread, "\n".join(f"seed {seed} {parts}: {failure}" for seed, parts, failure in misread[:5])
    assert counts.get("read", 0) > CHUNK // 3  # most office tables are simply read


def test_the_generator_draws_every_part_and_every_outcome():
    parts: dict[str, set[str]] = {}
    for seed in range(400):
        for part, value in generate(seed).parts.items():
            parts.setdefault(part, set()).add(value)
    assert {"city", "district-form", "district-sheet", "district-title", "regions-rows", "foreign-source", "long",
            "regions-across"} <= parts["whose"]
    assert {"openpyxl", "xlsxwriter", "csv-utf8", "csv-gb18030"} <= parts["file"]
    assert {"none", "actual+target", "actual+not-stock"} <= parts["kind row"]
    for part in ("hidden row", "section", "blocks", "example sheet", "merged", "total row", "form", "unit line"):
        assert part in parts, part
    counts, _, _ = run(range(300))
    assert {"read", "asked", "refused"} <= set(counts)


def _first(predicate) -> object:
    return next(layout for seed in range(2000) if predicate(layout := generate(seed)))


def test_a_value_planted_wrong_in_the_truth_is_caught():
    layout = _first(lambda lay: check(lay).category == "read" and lay.truth)
    key = next(iter(layout.truth))
    planted = dataclasses.replace(layout, truth={**layout.truth, key: layout.truth[key] + 1})
    assert check(planted).category == "misread"
    moved = dataclasses.replace(layout, truth={(k[0], k[1] + 1, k[2]): v for k, v in layout.truth.items()})
    assert check(moved).category == "misread"


def test_a_cell_left_out_without_a_word_is_caught():
    layout = _first(lambda lay: check(lay).category == "read")
    planted = dataclasses.replace(layout, left_out=[*layout.left_out, (None, "Z99")])
    assert check(planted).category == "misread"


def test_figures_of_another_geography_read_without_a_question_are_caught():
    layout = _first(lambda lay: check(lay).category == "read" and lay.truth)
    assert check(dataclasses.replace(layout, must_ask=True)).category == "misread"


# The examples of the issue that the generator draws, each with its neighbours, as plain tests too.

def _stacked(blocks: int, titles: bool, form: str | None) -> tuple[bytes, dict]:
    wb, ws = sheet()
    if form:
        ws.append([form])
    truth = {}
    region = "北山县" if form else ""
    for b in range(blocks):
        if b:
            ws.append([])
            if titles:
                ws.append([f"表{b + 1} 往年情况"])
        years = [2009 - 2 * b - 1, 2009 - 2 * b] if b else [2008, 2009]
        ws.append(["指标", *[f"{y}年" for y in years]])
        for i, (label, code) in enumerate([("基层工会组织数", "grassroots_unions"), ("工会会员数", "union_members")]):
            values = [100 * (b + 1) + i + j for j in range(len(years))]
            ws.append([label, *values])
            truth.update({(code, y, region): float(v) for y, v in zip(years, values, strict=True)})
    return save(wb), truth


@pytest.mark.parametrize("blocks", [2, 3])
@pytest.mark.parametrize("titles", [True, False])
@pytest.mark.parametrize("form", [None, "填报单位：北山县总工会"])
def test_stacked_tables_are_each_read_under_their_own_header(blocks, titles, form):
    data, truth = _stacked(blocks, titles, form)
    parsed = read_workbook(data)
    assert not [p for p in parsed.problems if p.severity == "error"], [(p.rule, p.cell) for p in parsed.problems]
    got = {(r.code, int(r.year), r.region): float(r.value) for r in parsed.observations.itertuples()}
    assert got == truth
    notes = [n for s in parsed.reading.sheets for n in s.notes if n.kind == "table_block"]
    assert len(notes) == blocks - 1


@pytest.mark.parametrize("names", [["甘州区", "北山县"], ["甘州区", "北山县", "南河县", "合计"]])
def test_regions_across_are_refused_naming_the_header_and_what_to_do(names):
    wb, ws = sheet()
    ws.append(["2009年各县区工会组织情况"])
    ws.append(["指标", *names])
    ws.append(["基层工会组织数", *range(1, len(names) + 1)])
    parsed = read_workbook(save(wb))
    assert not len(parsed.observations)
    refusal = next(p for p in parsed.problems if p.rule == "regions_across")
    assert refusal.cell == "B2" and names[0] in refusal.message("zh") and "长表" in refusal.message("zh")
    assert "long table" in refusal.message("en")


@pytest.mark.parametrize("count", [2038, 2096, 1990])
@pytest.mark.parametrize("year", ["09年", "2004", 2004, "2009年"])
def test_a_count_that_looks_like_a_year_under_a_single_year_header_is_a_value(count, year):
    wb, ws = sheet("南河县")
    ws.append(["指标", year])
    ws.append(["基层工会组织数", count])
    ws.append(["工会组建率(%)", 60.1])
    parsed = read_workbook(save(wb))
    got = {(r.code, r.region): float(r.value) for r in parsed.observations.itertuples()}
    assert got == {("grassroots_unions", "南河县"): float(count), ("union_formation_rate", "南河县"): 60.1}


@pytest.mark.parametrize("trailing", [[], [[None], ["填表人：张三"]]])
def test_a_hidden_last_row_is_left_out_with_a_note(trailing):
    wb, ws = sheet()
    ws.append(["指标", "2008年", "2009年"])
    ws.append(["基层工会组织数", 1, 2])
    ws.append(["工会会员数", 3, 4])
    ws.row_dimensions[3].hidden = True
    for row in trailing:
        ws.append(row)
    parsed = read_workbook(save(wb))
    assert set(parsed.observations["code"]) == {"grassroots_unions"}
    assert [n.cell for s in parsed.reading.sheets for n in s.notes if n.kind == "left_out_hidden_row"] == ["3"]


@pytest.mark.parametrize("heading", ["三、非公有制企业工会", "其中：非公有制企业", "（二）农村"])
def test_a_section_heading_typed_over_the_number_column_qualifies_the_rows_under_it(heading):
    wb, ws = sheet()
    ws.append(["序号", "指标", "2009年"])
    ws.append([1, "基层工会组织数", 300])
    ws.append([heading])
    ws.append([2, "职工入会率", 80.0])
    parsed = read_workbook(save(wb))
    assert set(parsed.observations["code"]) == {"grassroots_unions"}
    assert [p.rule for p in parsed.problems] == ["row_in_section"]


@pytest.mark.parametrize("source", ["资料来源：省统计局", "数据来源：省总工会", "数据来源：甘肃省统计局"])
def test_a_provinces_figures_are_asked_about(source):
    wb, ws = sheet()
    ws.append(["指标", "2009年"])
    ws.append(["基层工会组织数", 300])
    ws.append([source])
    parsed = read_workbook(save(wb))
    assert [p.rule for p in parsed.problems if p.severity == "question"] == ["ask_region_foreign"]


@pytest.mark.parametrize("header", ["单位", "县区", "地区"])
def test_a_long_tables_unit_column_holding_regions_is_their_region(header):
    wb, ws = sheet()
    ws.append(["指标", "年份", header, "数值"])
    ws.append(["工会组建率", 2009, "甘州区", 91.5])
    ws.append(["工会组建率", 2009, "全市", 90.0])
    parsed = read_workbook(save(wb))
    assert not [p for p in parsed.problems if p.severity == "error"]
    got = {(r.code, r.region): float(r.value) for r in parsed.observations.itertuples()}
    assert got == {("union_formation_rate", "甘州区"): 91.5, ("union_formation_rate", ""): 90.0}


@pytest.mark.parametrize("footer", ["填表人：张三　审核人：李四", "联系电话：0936-1234567", "联系人：王五"])
def test_a_form_line_under_regions_as_rows_is_not_asked_about_as_a_region(footer):
    wb, ws = sheet()
    ws.append(["指标：工会会员数（万人）"])
    ws.append(["地区", "2009年"])
    ws.append(["甘州区", 3.2])
    ws.append(["北山县", 1.1])
    ws.append([footer])
    parsed = read_workbook(save(wb))
    assert not [p for p in parsed.problems if p.severity in ("error", "question")], \
        [(p.rule, p.cell) for p in parsed.problems]
    assert set(parsed.observations["region"]) == {"甘州区", "北山县"}


@pytest.mark.parametrize("counts", [(1991, 2010), (1975, 2637, 2001), (2008, 2009)])
@pytest.mark.parametrize("label", ["基层工会组织数", "工会会员数（万人）"])
def test_a_row_of_counts_that_look_like_years_is_never_a_header(counts, label):
    """Found by the long run (6 of 50,000): regions across, and the first row of figures read as years."""
    wb, ws = sheet()
    ws.append(["2009年各县区工会组织情况"])
    ws.append(["指标", *["甘州区", "北山县", "南河县"][:len(counts)]])
    ws.append([label, *counts])
    ws.append(["职工入会率", *[80.5] * len(counts)])
    parsed = read_workbook(save(wb))
    assert not len(parsed.observations), parsed.observations[["code", "year", "value"]]
    assert "regions_across" in [p.rule for p in parsed.problems]
