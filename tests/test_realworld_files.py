"""Every real file in tests/realworld/ (see its README and real/SOURCES.txt): what the reader gives.

The yearbook union tables' catalogue rows are read exactly; the statistics bureaus' exports,
which hold no dashboard indicator, get one short, clear message naming what they hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.catalogue import BUILTIN, Indicator
from indicators.workbook import default_context, read_workbook

REAL = Path(__file__).resolve().parent / "realworld"


def read(name: str):
    return read_workbook((REAL / name).read_bytes())


def stored(parsed, code):
    obs = parsed.observations
    rows = obs[(obs["code"] == code) & (obs["region"] == "") & (obs["group"] == "")]
    return {int(y): round(float(v), 6) for y, v in zip(rows["year"], rows["value"], strict=True)}


def kinds(parsed, kind):
    return [n for s in parsed.reading.sheets for n in s.notes if n.kind == kind]


def test_u1_jiangsu_yearbook_with_sections_indents_and_hash_rows():
    parsed = read("union_tables/U1_江苏统计年鉴2006_16-11_工会妇联基本情况.xlsx")
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions") == {1995: 36215, 2000: 37160, 2004: 213686, 2005: 224605}
    assert stored(parsed, "union_members") == {1995: 645.48, 2000: 626.67, 2004: 924.18, 2005: 1002.25}
    assert len(parsed.observations) == 8  # nothing else: 职工人数, #女会员人数 … are not dashboard indicators
    left_out = {n.shown for n in kinds(parsed, "left_out_not_catalogue") + kinds(parsed, "left_out_subrow")}
    assert {"职工人数(万人)", "#女会员人数", "妇联干部数(人)"} <= left_out
    assert [n.cell for n in kinds(parsed, "row_section")] == ["A4", "A18", "A23", "A28"]


@pytest.mark.parametrize(("unit", "values"), [
    ("万人", {1995: 275.81, 2000: 262.26, 2004: 386.42, 2005: 411.46}),
    ("人", {1995: 2758100.0, 2000: 2622600.0, 2004: 3864200.0, 2005: 4114600.0}),
])
def test_u1_once_female_members_is_an_indicator_its_hash_row_is_in_its_parents_unit(unit, values):
    """#女会员人数 states no unit: it is counted in its parent's, 会员人数(万人) at A8, never in a
    table-wide or an earlier row's unit."""
    female = Indicator("female_members", "女会员人数", "Female members", "organisation", unit, unit, "stock", "up",
                       "", "", "", "", part_of="union_members")
    grown = BUILTIN.with_added([female])
    data = (REAL / "union_tables/U1_江苏统计年鉴2006_16-11_工会妇联基本情况.xlsx").read_bytes()
    parsed = read_workbook(data, context=default_context(catalogue=grown, lookup=grown.lookup))
    assert parsed.ok, parsed.problems
    assert stored(parsed, "female_members") == pytest.approx(values)
    assert stored(parsed, "union_members") == {1995: 645.48, 2000: 626.67, 2004: 924.18, 2005: 1002.25}
    conversions = [(n.cell, n.shown, n.params["to"]) for n in kinds(parsed, "unit_conversion")]
    assert conversions == ([] if unit == "万人" else [("A8", "万人", "人")])


def test_u2_city_yearbook_with_units_in_labels_and_sub_rows():
    parsed = read("union_tables/U2_城市年鉴2011_表15-4_工会组织基本情况.xlsx")
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions") == {2009: 9683, 2010: 10314}  # 基层工会数(个)
    assert stored(parsed, "union_members") == {2009: 170.4293, 2010: 178.957}  # 工会会员数(人) → 万人
    (conversion,) = kinds(parsed, "unit_conversion")
    assert (conversion.cell, conversion.shown, conversion.params["to"]) == ("A11", "人", "万人")
    assert [n.cell for n in kinds(parsed, "left_out_subrow")][:2] == ["A4", "A5"]  # 其中:企业合计 …


def test_u3_years_as_rows_with_a_three_row_header_and_masked_numbers():
    parsed = read("union_tables/U3_湖北统计年鉴2013_20-1_工会组织情况_masked.xlsx")
    assert dict(parsed.sheets) == {"20-1": "transposed"}
    matched = {n.params["code"]: n.cell for n in kinds(parsed, "row_indicator")}
    assert matched == {"grassroots_unions": "B5", "union_members": "E5"}  # 会员人数 under its merged parent
    assert [p.rule for p in parsed.problems] == ["no_values"]  # every number is *** in this copy
    assert parsed.observations.empty
    (masked,) = kinds(parsed, "left_out_no_data_cells")
    assert masked.shown == "***" and masked.params["n"] == 54


@pytest.mark.parametrize("name", ["real/cz_行业年均工资及其增长率.xlsx", "real/cz_近二十年各产业投资情况数据表.xlsx",
                                  "real/cz_近十年就业人口数据.xlsx"])
def test_yearbook_extracts_with_years_as_rows(name):
    parsed = read(name)
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    assert "transposed" in dict(parsed.sheets).values()
    assert "采矿业" in parsed.problems[0].message("zh")


@pytest.mark.parametrize(("name", "indicator", "n_regions"), [
    ("real/di_分省年度数据.xls", "地区生产总值", 31), ("real/di_主要城市年度数据.xls", "国内生产总值", 36),
    ("real/rj_分省年度数据.csv", "地区生产总值", 31), ("real/xq_分省年度数据.xls", "分省年度数据", 31)])
def test_national_exports_by_region_are_understood_as_one_indicator_by_regions(name, indicator, n_regions):
    parsed = read(name)
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    assert indicator in parsed.problems[0].message("zh")
    (table,) = kinds(parsed, "left_out_regions_table")
    assert table.params["n"] == n_regions
    assert "regions" in dict(parsed.sheets).values()


def test_the_gbk_csv_says_its_encoding():
    parsed = read("real/rj_分省年度数据.csv")
    assert parsed.reading.notes[0].params == {"format": "CSV", "detail": "GBK/GB18030"}


def test_wps_table_with_a_region_column_without_a_header():
    parsed = read("real/rj_一般公共预算等.xls")
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    (column,) = kinds(parsed, "column_region_values")
    assert column.cell == "D" and "北京" in column.params["examples"]
    assert [n.cell for n in kinds(parsed, "column_seq")] == ["A"]
    left_out = kinds(parsed, "left_out_not_catalogue")
    assert len(left_out) <= 4  # one line per label repeated down its rows, not one per row


@pytest.mark.parametrize("name", ["real/gk_ExportData.xls", "real/gk_国内生产总值现价.xls",
                                  "real/gk_工业增加值行业月度.xls"])
def test_quarterly_and_monthly_exports_get_a_clear_message(name):
    parsed = read(name)
    assert parsed.problems and {p.rule for p in parsed.problems} == {"periods_subannual"}
    assert "季度或月度" in parsed.problems[0].message("zh")
    assert "quarterly or monthly" in parsed.problems[0].message("en")


@pytest.mark.parametrize("name", ["real/xq_RD经费原.xlsx", "real/xq_有效发明专利数原.xlsx"])
def test_years_in_row_one_with_no_labels(name):
    parsed = read(name)
    assert [p.rule for p in parsed.problems] == ["no_label_column", "no_data_sheet"]
    assert "指标名称" in parsed.problems[0].message("zh")


@pytest.mark.parametrize(("name", "found"), [("real/xw_年度数据.xls", "能源消费总量"),
                                             ("real/rg_年度数据.xls", "生活垃圾清运量"),
                                             ("real/lt_年度数据.xlsx", "社会消费品零售总额")])
def test_national_annual_exports_name_what_they_hold(name, found):
    parsed = read(name)
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    assert found in parsed.problems[0].message("zh") and found in parsed.problems[0].message("en")
    assert dict(parsed.sheets) and set(dict(parsed.sheets).values()) == {"wide"}


def test_every_real_file_has_a_test_here():
    here = Path(__file__).read_text(encoding="utf-8")
    files = sorted(p.relative_to(REAL).as_posix() for p in REAL.rglob("*") if p.suffix in (".xls", ".xlsx", ".csv"))
    assert files and [f for f in files if f.split("/")[-1] not in here] == []


def test_a_yearbook_catalogue_with_a_group_column_names_what_it_holds():
    """real2/yj_统一目录.xlsx: a 码 column, a 顶级目录 section column, five label levels, groups
    (总计/企业/事业 …) and regions (全市) as columns, years 2018…2009. None is a dashboard
    indicator: one message naming what it holds, rendered in both languages (no traceback)."""
    parsed = read("real2/yj_统一目录.xlsx")
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    for lang in ("zh", "en"):
        message = parsed.problems[0].message(lang)
        assert "人口 劳动力" in message and "工业" in message
    assert parsed.observations.empty


def test_a_wind_style_xls_shows_its_series_names_decoded_by_the_files_code_page():
    """real2/mk_CPI.xls: calamine reads its UTF-16 series names byte by byte (NULs between the letters);
    the names come from xlrd, which decodes them as the file says, and the message names them in Chinese."""
    parsed = read("real2/mk_CPI.xls")
    message = next(p for p in parsed.problems if p.rule == "no_catalogue_indicator").message("zh")
    assert "居民消费价格指数CPI_当月同比" in message
    assert "\x00" not in message and all("\x00" not in n.shown for s in parsed.reading.sheets for n in s.notes)


# real2/: exports that hold no dashboard indicator as found. Each is refused with one message naming
# what it holds (the words below come from the file), in both languages, and nothing is read.
REAL2_HOLDS = {
    "real2/am_年度数据.csv": "国内生产总值",
    "real2/cz_近十年各行业生产总值.xlsx": "国民总收入",
    "real2/cz_近十年各行业生产总值-en.xlsx": "GDP",
    "real2/gk_汽车制造业.xls": "2020年4月",
    "real2/gk_营业收入.xls": "2010-05",
    "real2/ka_月度数据.xls": "2017年12月",
    "real2/lo_check.xls": "2018年02月",
    "real2/lo_汇总表.xls": "MV6190",
    "real2/lo_逻辑审核关系表.xls": "报表代码",
    "real2/mk_年度数据.xls": "国内生产总值指数",
    "real2/rg_人口年度数据.xls": "年末总人口",
    "real2/rn_分省年度数据_整合.csv": "GDP_亿元",
    "real2/rn_城镇单位就业人员.csv": "城镇单位就业人员",
    "real2/rn_私营个体就业人员.csv": "私营企业和个体就业人员",
    "real2/xw_能源消费年度数据.xls": "能源消费总量",
    "real2/zy_平均工资.xlsx": "平均工资",
}


@pytest.mark.parametrize("name", sorted(REAL2_HOLDS))
def test_a_real_export_without_dashboard_indicators_is_refused_naming_what_it_holds(name):
    parsed = read(name)
    assert not len(parsed.observations) and not len(parsed.targets)
    stops = [p for p in parsed.problems if p.severity in ("error", "question")]
    assert stops, [p.rule for p in parsed.problems]
    assert REAL2_HOLDS[name] in " ".join(p.message("zh") for p in stops)
    assert all(p.message("en") for p in parsed.problems)  # every rule renders in both languages


def _with_added(labels: list[str]):
    """The built-in catalogue with ``labels`` added as indicators, as an admin would add them."""
    from indicators.catalogue import Indicator, active
    from indicators.workbook.reader import default_context

    added = [Indicator(f"added_{i}", label, f"Added {i}", "organisation", "", "", "stock", "up", "", "", "", "")
             for i, label in enumerate(dict.fromkeys(labels))]
    catalogue = active().with_added(added)
    return default_context(None, catalogue=catalogue, lookup=catalogue.lookup)


# Files that say whose figures they are not (数据来源：国家统计局, provinces in a region column): even once
# an admin adds their indicators, they are asked about, never read as the city's.
REAL2_FOREIGN = {
    "real2/xw_能源消费年度数据.xls": "ask_region_foreign",
    "real2/rg_人口年度数据.xls": "ask_region_foreign",
    "real2/rn_城镇单位就业人员.csv": "ask_region_name",
    "real2/rn_私营个体就业人员.csv": "ask_region_name",
}


@pytest.mark.parametrize("name", sorted(REAL2_FOREIGN))
def test_another_geographys_figures_are_asked_about_even_once_their_indicators_exist(name):
    first = read(name)
    labels = [label for sheet in first.reading.sheets for label in sheet.outside][:8]
    parsed = read_workbook((REAL / name).read_bytes(), context=_with_added(labels))
    asked = [p for p in parsed.problems if p.severity == "question"]
    assert REAL2_FOREIGN[name] in {p.rule for p in asked}, [(p.rule, p.cell) for p in parsed.problems][:6]
    assert all(p.cell for p in asked)
