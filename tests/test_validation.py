"""Every validation rule names the cell as Excel shows it, all problems come at once, in either language."""

from __future__ import annotations

from indicators.ingest import import_workbook, validate_workbook
from indicators.workbook import read_workbook
from workbooks import long_workbook

# Columns: A 指标代码, B 年份, C 地区, D 分组, E 数值, F 限定, G 说明, H 来源 (data start at row 2).


def rules(parsed):
    return [(p.rule, p.where, p.value) for p in parsed.problems]


def test_each_rule_names_its_cell_and_all_come_at_once():
    parsed = read_workbook(long_workbook([
        ["grassroots_union", 2009, "", "", 1, "", "", ""],  # row 2: a typo of a code
        ["grassroots_unions", 2009, "", "", "many", "", "", ""],  # row 3
        ["grassroots_unions", "twenty", "", "", 5, "", "", ""],  # row 4
        ["grassroots_unions", 1800, "", "", 5, "", "", ""],  # row 5
        ["union_members", 2009, "", "", 12, "", "", ""],  # row 6
        ["union_members", 2009, "", "", 13, "", "", ""],  # row 7: duplicates row 6
        ["union_formation_rate", 2009, "", "", 120, "", "", ""],  # row 8
        ["grassroots_unions", 2010, "", "", -5, "", "", ""],  # row 9
        ["festival_visits", 2009, "", "", 9000, "", "", ""],  # row 10
        ["festival_visits", 2010, "", "", 8000, "", "", ""],  # row 11: a running total going down
        ["grassroots_unions", 2011, "", "", "", "", "", ""],  # row 12: no value
        ["grassroots_unions", 2012, "", "", 1, "maybe", "", ""],  # row 13
        ["model_workers", 2009, "", "国家级", 3, "", "", ""],  # row 14: unknown group (a warning)
        ["no_such_statistic", 2009, "", "", 1, "", "", ""],  # row 15: outside the catalogue, left out
    ]))
    assert not parsed.ok
    found = rules(parsed)
    expected = [
        ("did_you_mean", "数据!A2", "grassroots_union"),
        ("not_a_number", "数据!E3", "many"),
        ("bad_year", "数据!B4", "twenty"),
        ("year_out_of_range", "数据!B5", "1800"),
        ("duplicate", "数据!E7", "13"),
        ("rate_over_100", "数据!E8", "120"),
        ("negative", "数据!E9", "-5"),
        ("cumulative_decrease", "数据!E11", "8,000"),
        ("value_missing", "数据!E12", ""),
        ("bad_qualifier", "数据!F13", "maybe"),
        ("unknown_group", "数据!E14", "国家级"),
    ]
    assert sorted(found) == sorted(expected)
    by_rule = {p.rule: p for p in parsed.problems}
    assert by_rule["did_you_mean"].params["code"] == "grassroots_unions"
    # A row outside the catalogue refuses nothing; the reading lists it with its cell.
    (left_out,) = [n for s in parsed.reading.sheets for n in s.notes if n.kind == "left_out_not_catalogue_rows"]
    assert (left_out.cell, left_out.shown) == ("A15", "no_such_statistic")
    assert by_rule["unknown_group"].severity == "warning"
    assert by_rule["duplicate"].params["other"] == "数据!E6"


def test_messages_in_chinese_and_english():
    parsed = read_workbook(long_workbook([["grassroots_unions", 2009, "", "", "many", "", "", ""]]))
    (problem,) = parsed.problems
    assert "“many”不是数字" in problem.message("zh")
    assert "“many” is not a number" in problem.message("en")
    assert problem.as_dict("en")["where"] == "数据!E2"


def test_a_cumulative_total_checked_against_the_store(store):
    # The store holds model_workers 2008 = 165 (the report); 2009 = 150 would make it go down.
    data = long_workbook([["model_workers", 2009, "", "", 150, "", "", ""]])
    parsed = validate_workbook(data, store)
    assert rules(parsed) == [("cumulative_decrease", "数据!E2", "150")]
    assert parsed.problems[0].params == {"previous": "165", "previous_year": 2008}
    before = store.current_revision_id()
    result = import_workbook(store, data, "bad.xlsx", "tester")
    assert not result.ok and store.current_revision_id() == before


def test_one_problem_refuses_the_whole_file(store):
    _, before, _ = store.data()
    data = long_workbook([
        ["grassroots_unions", 2009, "", "", 2390, "", "", ""],
        ["union_members", 2009, "", "", "twelve", "", "", ""],
    ])
    result = import_workbook(store, data, "half.xlsx", "tester")
    assert not result.ok
    assert [p.where for p in result.problems] == ["数据!E3"]
    _, after, _ = store.data()
    assert after.equals(before)
    assert 2009 not in set(after[after["code"] == "grassroots_unions"]["year"])


def test_warnings_do_not_refuse(store):
    data = long_workbook([["model_workers", 2009, "", "国家级", 3, "", "", ""]])
    result = import_workbook(store, data, "warn.xlsx", "tester")
    assert result.ok
    assert [p.rule for p in result.parsed.problems] == ["unknown_group"]
