"""The tables offices really send: each layout read as a person means it, or refused or asked about
with the cell named. Never a silent misreading."""

from __future__ import annotations

import datetime as dt

import pytest

import tables
import workbooks
from indicators.ingest import import_workbook, reader_context
from indicators.region_names import BUILTIN_DIRECTORY, RegionDirectory, RegionEntry, default_aliases
from indicators.workbook import default_context, read_workbook


def stored(parsed, code, region="", group=""):
    obs = parsed.observations
    rows = obs[(obs["code"] == code) & (obs["region"] == region) & (obs["group"] == group)]
    return {int(y): round(float(v), 6) for y, v in zip(rows["year"], rows["value"], strict=True)}


def notes(parsed, kind=None):
    found = [n for s in parsed.reading.sheets for n in s.notes]
    return [n for n in found if kind is None or n.kind == kind]


def rules(parsed):
    return [(p.rule, p.where) for p in parsed.problems]


def with_regions(*names: str, city: str = "xx市") -> object:
    directory = RegionDirectory(city, (*BUILTIN_DIRECTORY.regions, *(
        RegionEntry(n, "county_city", default_aliases(n, city)) for n in names)))
    return default_context(directory=directory)


# --- regions --------------------------------------------------------------------------------------

def test_a_region_column_without_a_header_is_read_as_regions():
    parsed = read_workbook(tables.wps_region_column())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "union_members", "甘州区") == {2008: 3.23, 2009: 3.4}
    assert stored(parsed, "union_members", "城西区") == {2008: 1.9, 2009: 2.0}
    assert stored(parsed, "union_members", "") == {}  # nothing stored as the city's
    (column,) = notes(parsed, "column_region_values")
    assert column.cell == "C" and "甘州区" in column.text("zh")
    assert [n.cell for n in notes(parsed, "column_seq")] == ["A"]


def test_the_whole_city_is_unchanged_by_a_districts_table(store):
    def city_2008(frame):
        return frame[(frame.code == "union_members") & (frame.region == "") & (frame.year == 2008)].value.iloc[0]

    before = city_2008(store.data()[1])
    result = import_workbook(store, tables.wps_region_column(), "wps.xlsx", "tester")
    assert result.ok, result.problems
    assert city_2008(store.data()[1]) == before == 11.29


@pytest.mark.parametrize("line", ["填报单位（盖章）：甘州区总工会", "填报单位：甘州区总工会（盖章）  填报人：张三  电话：123",
                                  "填报单位：张掖市甘州区总工会", "填报单位：甘州区总工会（盖章）"])
def test_the_reporting_unit_line_names_the_district(line):
    parsed = read_workbook(tables.district_form(reporting=line))
    assert parsed.ok, parsed.problems
    assert set(parsed.observations["region"]) == {"甘州区"}
    (region,) = notes(parsed, "region_from_reporting")
    assert region.cell == "A1" and "甘州区" in region.text("zh")


def test_the_unit_in_the_next_cell_and_the_city_federations_departments():
    assert set(read_workbook(tables.reporting_unit_in_two_cells()).observations["region"]) == {"甘州区"}
    for line in ("填报单位：xx市总工会", "填报单位：xx市总工会组织部"):
        parsed = read_workbook(tables.district_form(reporting=line))
        assert parsed.ok and set(parsed.observations["region"]) == {""}, line


def test_an_empty_reporting_unit_is_no_region():
    parsed = read_workbook(tables.district_form(reporting="填报单位：  填报人：张三"))
    assert parsed.ok, parsed.problems
    assert set(parsed.observations["region"]) == {""}
    assert "填报人" not in " ".join(parsed.observations["region"].astype(str))
    assert notes(parsed, "region_from_none")


def test_a_district_named_only_in_the_title_is_asked_about():
    data = tables.district_form(title="甘州区2009年工会组织情况统计表")
    parsed = read_workbook(data)
    assert not parsed.ok
    (question,) = parsed.questions
    assert (question.rule, question.where, question.params["suggestion"]) == ("ask_region_title", "表1!A1", "甘州区")
    assert "甘州区" in question.message("zh") and "甘州区" in question.message("en")
    answered = read_workbook(data, context=default_context(answers={question.params["id"]: "甘州区"}))
    assert answered.ok and set(answered.observations["region"]) == {"甘州区"}
    assert notes(answered, "region_from_answer")


def test_title_and_reporting_unit_that_disagree_are_asked_about():
    parsed = read_workbook(tables.district_form(title="城东区2009年统计表", reporting="填报单位：甘州区总工会"))
    assert [q.rule for q in parsed.questions] == ["ask_region_conflict"]
    assert "城东区" in parsed.questions[0].message("zh") and "甘州区" in parsed.questions[0].message("zh")


def test_a_county_level_city_is_a_region_not_the_city():
    data = tables.district_form(reporting="填报单位：玉门市总工会")
    unknown = read_workbook(data)
    assert [q.rule for q in unknown.questions] == ["ask_region_unknown"]  # not on the list: asked, not invented
    assert "玉门市" in unknown.questions[0].message("zh")
    known = read_workbook(data, context=with_regions("玉门市"))
    assert known.ok and set(known.observations["region"]) == {"玉门市"}


def test_one_sheet_per_district():
    parsed = read_workbook(tables.one_sheet_per_district())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions", "甘州区") == {2009: 300}
    assert stored(parsed, "grassroots_unions", "城东区") == {2009: 301}
    assert len(notes(parsed, "region_from_sheet")) == 2


def test_subtotals_are_checked_not_stored_and_the_total_is_the_city():
    parsed = read_workbook(tables.subtotals())
    assert parsed.ok, parsed.problems
    assert set(parsed.observations["region"]) == {"甘州区", "城东区", "北山县", ""}
    assert stored(parsed, "union_members", "") == {2009: 8.0}
    assert "城区小计" not in set(parsed.observations["region"])
    assert [n.cell for n in notes(parsed, "left_out_subtotal")] == ["A5"]
    assert len(notes(parsed, "total_checked")) == 2  # the subtotal and the total agree with their parts
    wrong = read_workbook(tables.subtotals(total=9.0, subtotal=6.0))
    assert sorted((p.rule, p.where) for p in wrong.problems) == [
        ("subtotal_mismatch", "表1!B5"), ("total_mismatch", "表1!B7")]
    assert all(p.severity == "warning" for p in wrong.problems)


def test_the_command_line_refuses_an_unknown_region_unless_told(tmp_path):
    from test_cli import run

    path = tmp_path / "yumen.xlsx"
    path.write_bytes(tables.district_form(reporting="填报单位：玉门市总工会"))
    db = tmp_path / "s.db"
    proc = run(db, "import", str(path))
    assert proc.returncode == 1 and "“玉门市”不在地区列表中" in proc.stdout and "表1!A1" in proc.stdout
    assert "--region" in proc.stdout
    assert run(db, "regions", "add", "玉门市", "--en", "Yumen").returncode == 0
    proc = run(db, "import", str(path))
    assert proc.returncode == 0, proc.stdout
    proc = run(db, "validate", "--explain", str(tmp_path / "yumen.xlsx"))
    assert "地区：玉门市（来自填报单位“填报单位：玉门市总工会”）" in proc.stdout


def test_region_option_answers_for_the_whole_file(tmp_path):
    from test_cli import run

    path = tmp_path / "title.xlsx"
    path.write_bytes(tables.district_form(title="甘州区2009年工会统计表"))
    db = tmp_path / "s.db"
    assert run(db, "validate", str(path)).returncode == 1
    proc = run(db, "import", "--region", "甘州区", str(path))
    assert proc.returncode == 0, proc.stdout
    assert run(db, "import", "--region", "不存在区", str(path)).returncode == 2


# --- what a person cannot see ----------------------------------------------------------------------

def test_hidden_rows_columns_and_sheets_are_left_out_and_listed():
    parsed = read_workbook(tables.hidden_parts())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions") == {2008: 2185, 2009: 2390}  # not 9999 from the hidden column
    assert stored(parsed, "union_membership") == {} and stored(parsed, "union_members") == {}
    assert stored(parsed, "union_formation_rate") == {2008: 90, 2009: 92}
    assert [n.cell for n in notes(parsed, "left_out_hidden_row")] == ["3"]
    assert [(n.cell, n.shown) for n in notes(parsed, "left_out_hidden_column")] == [("C", "2009年（草稿）")]
    assert dict(parsed.sheets)["草稿"] == "hidden"


def test_a_formula_without_a_saved_result_is_an_error_naming_its_cell(tmp_path):
    parsed = read_workbook(tables.formulas_without_values())
    assert rules(parsed) == [("formula_without_value", "表1!C2")]
    assert "保存" in parsed.problems[0].message("zh") and "save" in parsed.problems[0].message("en")
    saved = read_workbook(tables.formulas_with_values(tmp_path / "f.xlsx"))
    assert saved.ok and stored(saved, "grassroots_unions") == {2008: 2185, 2009: 2390}


# --- periods -----------------------------------------------------------------------------------------

def test_periods_are_read_as_their_year_with_the_period_noted():
    parsed = read_workbook(tables.periods())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions") == {2007: 2100, 2008: 2185}
    obs = parsed.observations.set_index(["code", "year"])
    assert obs.loc[("grassroots_unions", 2008), "note"] == "2008年上半年"
    assert obs.loc[("grassroots_unions", 2007), "note"] == "2007年末"
    assert [n.cell for n in notes(parsed, "column_period")] == ["B1", "C1"]


def test_quarters_get_one_clear_message():
    parsed = read_workbook(tables.quarters())
    assert rules(parsed) == [("periods_subannual", "表1!B1")]
    assert "季度或月度" in parsed.problems[0].message("zh")


def test_years_as_rows_are_read_transposed():
    parsed = read_workbook(tables.years_as_rows())
    assert parsed.ok, parsed.problems
    assert dict(parsed.sheets) == {"20-1": "transposed"}
    assert stored(parsed, "grassroots_unions") == {2007: 2010, 2008: 2185}
    assert stored(parsed, "union_members") == {2007: 10.44, 2008: 11.29}
    assert [n.cell for n in notes(parsed, "left_out_subrow")] == ["D2"]  # #女会员: part of 会员人数


# --- yearbook conventions ---------------------------------------------------------------------------

def test_yearbook_conventions():
    parsed = read_workbook(tables.yearbook_conventions())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions") == {2008: 2185, 2009: 2390}  # "2390*": the mark is no digit
    assert stored(parsed, "union_members") == {2008: 11.29, 2009: 12.05}  # "120500①" 人 → 万人, never 1205001
    assert stored(parsed, "model_workers") == {2008: 165, 2009: 171}
    assert stored(parsed, "model_workers", group="全国") == {2008: 2, 2009: 2}  # "#全国" is a group of the row above
    assert stored(parsed, "worker_libraries") == {}  # … and — mean no data
    obs = parsed.observations.set_index(["code", "year", "group"])
    assert obs.loc[("union_members", 2009, ""), "note"] == "注①"
    assert obs.loc[("grassroots_unions", 2009, ""), "note"] == "注*"
    assert [n.cell for n in notes(parsed, "left_out_subrow")] == ["B7"]  # #女会员人数
    assert [n.cell for n in notes(parsed, "column_seq")] == ["A"]
    assert {n.shown for n in notes(parsed, "left_out_no_data_cells")} == {"…", "—"}
    assert any(n.shown == "120500①" for n in notes(parsed, "mark_removed"))


def test_a_near_miss_is_an_error_and_other_rows_are_listed():
    parsed = read_workbook(tables.near_miss_and_outside())
    assert rules(parsed) == [("did_you_mean", "表1!A2")]
    assert parsed.problems[0].params["code"] == "grassroots_unions"
    assert [n.shown for n in notes(parsed, "left_out_not_catalogue")] == ["职工人数"]


@pytest.mark.parametrize("names", [("总计", "企业", "事业"), ("男", "女"), ("国有", "集体", "私营")])
def test_an_unnamed_column_of_repeating_names_is_refused_naming_its_column(names):
    """Names repeating under each indicator, neither regions nor groups: refused naming the
    column and what it holds, in both languages (it once ended in KeyError: 'cell')."""
    parsed = read_workbook(tables.unnamed_column_beside_labels(names))
    assert rules(parsed) == [("unrecognised_column", "表1!B")]
    assert not parsed.ok
    for lang in ("zh", "en"):
        message = parsed.problems[0].message(lang)
        assert "B" in message and "、".join(names) in message


def test_a_file_with_no_catalogue_indicator_gets_one_message():
    parsed = read_workbook(tables.nothing_for_the_dashboard())
    assert [p.rule for p in parsed.problems] == ["no_catalogue_indicator"]
    assert "职工人数" in parsed.problems[0].message("zh") and "女职工人数" in parsed.problems[0].message("en")
    assert "“”" not in parsed.problems[0].message("zh")


# --- units ---------------------------------------------------------------------------------------------

def test_a_long_sheets_unit_column_converts_and_refuses():
    parsed = read_workbook(tables.long_with_units())
    assert rules(parsed) == [("unit_mismatch", "数据!E5")]
    assert stored(parsed, "union_members", "甘州区") == {2009: 11.86}  # 118600 人, not 118600 万人
    assert stored(parsed, "aid_funds") == {2009: 523}  # 5230000 元 → 万元
    assert "城区小计" not in set(parsed.observations["region"])
    conversions = {(n.cell, n.shown, n.params["to"]) for n in notes(parsed, "unit_conversion_rows")}
    assert conversions == {("E2", "人", "万人"), ("E3", "元", "万元")}


def test_group_rows_take_their_parents_unit():
    parsed = read_workbook(tables.group_rows_take_the_parent_unit())
    assert parsed.ok, parsed.problems
    assert stored(parsed, "aid_funds") == {2009: 433}
    assert stored(parsed, "model_workers", group="全国") == {2009: 2}


def test_a_table_wide_unit_that_does_not_fit_a_row_names_the_line_that_says_it():
    parsed = read_workbook(tables.table_unit_line())
    assert rules(parsed) == [("unit_mismatch", "表1!A2")]  # 单位：个 cannot be 万人: the line is named
    assert not parsed.ok


# --- other file types ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "bom", "shown"), [("utf-8", True, "UTF-8 (BOM)"), ("utf-8", False, "UTF-8"),
                                                         ("gbk", False, "GBK/GB18030")])
def test_csv_in_every_encoding_offices_use(encoding, bom, shown):
    parsed = read_workbook(tables.csv_bytes(encoding, bom))
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions", "甘州区") == {2009: 320}
    assert stored(parsed, "union_members") == {2009: 12.05}
    assert parsed.reading.notes[0].params["detail"] == shown


def test_an_xls_with_macros_or_a_password_is_refused_before_any_parser():
    import ole

    macro = ole.build({"Workbook": ole.biff_globals([0]), "_VBA_PROJECT_CUR": {"VBA": {"dir": b"x"}}})
    xlm = ole.build({"Workbook": ole.biff_globals([0, 1])})
    encrypted = ole.build({"EncryptionInfo": b"x", "EncryptedPackage": b"y"})
    assert [p.rule for p in read_workbook(macro).problems] == ["macro"]
    assert [p.rule for p in read_workbook(xlm).problems] == ["macro"]
    assert [p.rule for p in read_workbook(encrypted).problems] == ["encrypted"]


@pytest.mark.parametrize("name", ["lo_district.ods", "lo_district.xls", "lo_district.xlsx"])
def test_the_same_table_saved_by_libreoffice(name):
    """Hidden row, merged title, 填报单位 with （盖章）, percent cells and a # sub-row, as LibreOffice saves them."""
    parsed = read_workbook((tables.FIXTURES / name).read_bytes())
    assert parsed.ok, parsed.problems
    assert set(parsed.observations["region"]) == {"甘州区"}
    assert stored(parsed, "grassroots_unions", "甘州区") == {2008: 300, 2009: 320}
    assert stored(parsed, "union_formation_rate", "甘州区") == {2008: 90, 2009: 92}
    assert stored(parsed, "union_members", "甘州区") == {2008: 3.23, 2009: 3.4}  # not the hidden draft row
    assert [n.cell for n in notes(parsed, "left_out_hidden_row")] == ["5"]


# --- the report's own figures -------------------------------------------------------------------------------

def test_changing_a_figure_of_the_report_needs_a_yes(store):
    data = tables.district_form(reporting="填报单位：xx市总工会")  # the city's 2008 figures, changed
    refused = import_workbook(store, data, "city.xlsx", "tester")
    assert not refused.ok
    assert {(p.rule, p.where) for p in refused.problems} == {("report_figure_change", "表1!B3"),
                                                             ("report_figure_change", "表1!B4")}
    assert "11.29" in " ".join(p.message("zh") for p in refused.problems)
    assert store.current_revision_id() == 1
    accepted = import_workbook(store, data, "city.xlsx", "tester", confirm_report_changes=True)
    assert accepted.ok and store.current_revision_id() == 2


def test_the_reader_uses_the_stores_region_list(store):
    from indicators.ingest import registry

    registry(store).add("玉门市", user="admin")
    parsed = read_workbook(tables.district_form(reporting="填报单位：玉门市总工会"),
                           context=reader_context(store))
    assert parsed.ok and set(parsed.observations["region"]) == {"玉门市"}


def test_the_wps_layout_as_xlsxwriter_writes_it(tmp_path):
    parsed = read_workbook(tables.district_table_xlsxwriter(tmp_path / "x.xlsx"))
    assert parsed.ok, parsed.problems
    assert stored(parsed, "grassroots_unions", "甘州区") == {2008: 300, 2009: 320}
    assert stored(parsed, "grassroots_unions", "北山县") == {2008: 100, 2009: 105}
    assert stored(parsed, "grassroots_unions", "") == {}  # the 填报单位 is the city, but the rows name districts
    assert "草稿" not in set(parsed.observations["region"]) and "城区小计" not in set(parsed.observations["region"])
    assert [n.cell for n in notes(parsed, "left_out_hidden_row")] == ["7"]
    assert [n.cell for n in notes(parsed, "total_checked")] == ["D6", "E6"]  # 城区小计 = 甘州区 + 城东区


# --- years later than a figure can be ------------------------------------------------------------

AUTUMN = dt.date(2025, 11, 1)  # union statistics year 2026 (1 Oct 2025 – 30 Sep 2026)
SUMMER = dt.date(2025, 9, 30)  # still union year 2025


def _as_of(today: dt.date) -> object:
    return default_context(today=today)


@pytest.mark.parametrize(("today", "year", "refused"), [
    (AUTUMN, 2026, False), (AUTUMN, 2027, False), (AUTUMN, 2028, True), (AUTUMN, 2099, True),
    (SUMMER, 2026, False), (SUMMER, 2027, True), (SUMMER, 2009, False),
])
def test_a_long_sheets_year_after_next_statistics_year_is_refused_naming_its_cell(today, year, refused):
    data = workbooks.long_workbook([["grassroots_unions", 2009, "", "", 9683], ["union_members", year, "", "", 12.5]])
    parsed = read_workbook(data, context=_as_of(today))
    if not refused:
        assert parsed.ok, parsed.problems
        assert stored(parsed, "union_members") == {year: 12.5}
        return
    assert rules(parsed) == [("year_in_future", "数据!B3")]
    latest = 2027 if today == AUTUMN else 2026
    for lang in ("zh", "en"):
        message = parsed.problems[0].message(lang)
        assert "B3" in message and str(year) in message and str(latest) in message
    assert stored(parsed, "union_members") == {}


@pytest.mark.parametrize("year", [2013, 2030, 2099])
def test_a_target_year_may_be_later_than_any_actual_year(year):
    data = workbooks.long_workbook([["union_members", year, 20.0]], headers=["指标代码", "目标年份", "目标值"],
                                   sheet="目标")
    parsed = read_workbook(data, context=_as_of(SUMMER))
    assert parsed.ok, parsed.problems
    assert [(t["code"], int(t["year"])) for t in parsed.targets.to_dict("records")] == [("union_members", year)]


@pytest.mark.parametrize(("header", "refused"), [(2027, False), ("2028年", True), (2099, True)])
def test_a_wide_year_column_after_next_statistics_year_is_refused_but_a_target_column_is_not(header, refused):
    wb, ws = tables.sheet()
    ws.append(["指标", 2009, header, "2030年目标"])
    ws.append(["基层工会组织数", 9683, 9700, 12000])
    parsed = read_workbook(workbooks.save(wb), context=_as_of(AUTUMN))
    assert rules(parsed) == ([("year_in_future", "表1!C1")] if refused else [])
    assert stored(parsed, "grassroots_unions") == ({2009: 9683} if refused else {2009: 9683, 2027: 9700})
    assert [int(t["year"]) for t in parsed.targets.to_dict("records")] == [2030]
