"""The preview of what an uploaded workbook changes, on real workbooks against the seeded store.

The seeded store holds the built-in workbook: grassroots_unions 2008 (city) = 2185 and
union_members 2008 (city) = 11.29, both sourced 报告·第8段; union_members 2007 = 10.44 (示例);
union_members 北山县 2008 = 1.24; cadres_trained_upper 2004–2008 (city only), 2008 = 300.
A workbook made by ``long_workbook`` has its values in column E from row 2 of sheet 数据.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest

from indicators.change_preview import MAX_LISTED, Change, PreviewWarning, preview_changes
from indicators.ingest import import_workbook
from indicators.region_names import BUILTIN_DIRECTORY, RegionDirectory, RegionEntry
from indicators.workbook import default_context, read_workbook
from workbooks import long_workbook, save

TARGET_HEADERS = ["指标代码", "目标年份", "目标值", "地区", "分组", "限定", "基期年份"]


def parsed(rows: list[list], target_rows: list[list] | None = None, context=None):
    """A real workbook (a 数据 sheet, and a 目标 sheet if given) read by the reader; it must be clean."""
    if target_rows is None:
        data = long_workbook(rows)
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "数据"
        ws.append(["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"])
        for row in rows:
            ws.append(row)
        targets = wb.create_sheet("目标")
        targets.append(TARGET_HEADERS)
        for row in target_rows:
            targets.append(row)
        data = save(wb)
    book = read_workbook(data, context=context)
    assert book.ok, [p.message("en") for p in book.problems]
    return book


def preview(store, rows: list[list], mode: str = "merge", target_rows: list[list] | None = None, context=None):
    _, obs, tgt = store.data()
    book = parsed(rows, target_rows, context)
    return preview_changes(obs, tgt, book.observations, book.targets, mode=mode)


def one(result, code: str):
    found = [p for p in result.indicators if p.code == code]
    assert len(found) == 1, [p.code for p in result.indicators]
    return found[0]


def test_adding_2009_values(store):
    result = preview(store, [
        ["grassroots_unions", 2009, "", "", 2390, "", "", ""],
        ["grassroots_unions", 2009, "北山县", "", 300, "", "", ""],
        ["union_members", 2009, "", "", 12.05, "", "", ""],
    ])
    unions, members = one(result, "grassroots_unions"), one(result, "union_members")
    assert [p.code for p in result.indicators] == ["grassroots_unions", "union_members"]
    assert (unions.n_added, unions.n_changed, unions.unchanged) == (2, 0, 0)
    assert (members.n_added, members.n_changed, members.unchanged) == (1, 0, 0)
    assert unions.added == [Change("grassroots_unions", 2009, "", "", None, 2390.0, "数据!E2"),
                            Change("grassroots_unions", 2009, "北山县", "", None, 300.0, "数据!E3")]
    assert members.added == [Change("union_members", 2009, "", "", None, 12.05, "数据!E4")]
    assert unions.changed == [] and members.changed == []
    assert unions.new_years == [2009] and members.new_years == [2009]
    assert unions.new_regions == [] and members.new_regions == []
    assert unions.left_out == 42 and members.left_out == 42  # 7 series × 2003–2008, all kept
    # 2390/2185 = +9.4 %, 300/284 = +5.6 %, 12.05/11.29 = +6.7 %: no jump; nothing reported changes.
    assert result.warnings == []
    assert result.removed == 0 and result.has_changes
    assert result.charts_changing == ["grassroots_unions", "union_members"]
    assert (result.targets_added, result.targets_changed) == (0, 0)


def test_changing_a_reported_value_warns_with_the_cell(store):
    result = preview(store, [
        ["grassroots_unions", 2008, "", "", 2200, "", "", ""],  # 2185 in the report
        ["grassroots_unions", 2007, "", "", 2000, "", "", ""],  # 1998, illustrative
    ])
    unions = one(result, "grassroots_unions")
    assert unions.changed == [Change("grassroots_unions", 2008, "", "", 2185.0, 2200.0, "数据!E2"),
                              Change("grassroots_unions", 2007, "", "", 1998.0, 2000.0, "数据!E3")]
    assert unions.n_changed == 2 and unions.n_added == 0 and unions.new_years == []
    # Only the reported value is a contradiction; 2000/1812 and 2200/2000 are +10 %, no jump.
    assert result.warnings == [PreviewWarning("contradicts_report", "grassroots_unions", 2008, "", "",
                                              "数据!E2", 2200.0, 2185.0)]
    assert "数据!E2" in result.warnings[0].message("zh") and "数据!E2" in result.warnings[0].message("en")


@pytest.mark.parametrize(("value", "jumps"), [
    (20, True),  # +77.1 % on 11.29
    (12, False),  # +6.3 %
    (16.9, False),  # +49.7 %
    (17, True),  # +50.6 %
    (5, True),  # −55.7 %
])
def test_a_jump_on_the_previous_year(store, value, jumps):
    result = preview(store, [["union_members", 2009, "", "", value, "", "", ""]])
    expected = [PreviewWarning("jump", "union_members", 2009, "", "", "数据!E2", float(value), 11.29)]
    assert result.warnings == (expected if jumps else [])


def test_jumps_are_measured_in_the_merged_data_per_series(store):
    result = preview(store, [
        ["union_members", 2008, "", "", 15, "", "", ""],  # 11.29 in the report; +43.7 % on 2007's 10.44
        ["union_members", 2009, "", "", 20, "", "", ""],  # +33.3 % on the file's own 2008, not on 11.29
        ["union_members", 2009, "北山县", "", 2.0, "", "", ""],  # +61.3 % on 北山县's 1.24
    ])
    assert result.warnings == [
        PreviewWarning("contradicts_report", "union_members", 2008, "", "", "数据!E2", 15.0, 11.29),
        PreviewWarning("jump", "union_members", 2009, "北山县", "", "数据!E4", 2.0, 1.24),
    ]
    assert "北山县" in result.warnings[1].message("zh") and "北山县" in result.warnings[1].message("en")


def test_a_new_region(store):
    # An admin has added 新区 to the region list; it has no data yet.
    directory = RegionDirectory("xx市", (*BUILTIN_DIRECTORY.regions, RegionEntry("新区", "district")))
    result = preview(store, [
        ["grassroots_unions", 2008, "新区", "", 50, "", "", ""],
        ["union_members", 2009, "新区", "", 1.0, "", "", ""],
    ], context=default_context(directory=directory))
    unions, members = one(result, "grassroots_unions"), one(result, "union_members")
    assert unions.new_regions == ["新区"] and unions.new_years == []
    assert members.new_regions == ["新区"] and members.new_years == [2009]
    assert unions.n_added == 1 and members.n_added == 1
    assert result.warnings == []  # no earlier year in the new region to jump from


def test_unchanged_values_are_not_changes(store):
    result = preview(store, [
        ["grassroots_unions", 2008, "", "", 2185, "", "", ""],
        ["grassroots_unions", 2007, "", "", 1998, "", "", ""],
        ["grassroots_unions", 2009, "", "", 2390, "", "", ""],
        ["union_members", 2008, "", "", 11.29 + 1e-12, "", "", ""],  # within 1e-9
    ])
    unions, members = one(result, "grassroots_unions"), one(result, "union_members")
    assert (unions.unchanged, unions.n_changed, unions.n_added) == (2, 0, 1)
    assert (members.unchanged, members.n_changed, members.n_added) == (1, 0, 0)
    assert unions.changed == [] and members.changed == []
    assert result.warnings == []
    assert result.charts_changing == ["grassroots_unions"]


def test_nothing_new_is_no_change(store):
    result = preview(store, [["cadres_trained_upper", 2008, "", "", 300, "", "", ""]])
    assert not result.has_changes and result.charts_changing == []


def test_left_out_counts_the_years_the_file_does_not_give(store):
    rows = [["cadres_trained_upper", 2008, "", "", 300, "", "", ""]]  # 2004–2007 not given
    merged = one(preview(store, rows), "cadres_trained_upper")
    assert (merged.unchanged, merged.left_out, merged.n_added, merged.n_changed) == (1, 4, 0, 0)
    replaced = preview(store, rows, mode="replace")
    assert one(replaced, "cadres_trained_upper").left_out == 4
    assert "cadres_trained_upper" in replaced.charts_changing  # its four earlier years go


def test_replace_mode_counts_what_goes(store):
    _, current, _ = store.data()
    rows = [
        ["grassroots_unions", 2008, "", "", 2185, "", "", ""],  # the same as now
        ["union_members", 2009, "", "", 12.05, "", "", ""],  # new
    ]
    replaced = preview(store, rows, mode="replace")
    assert replaced.removed == len(current) - 1  # everything but grassroots_unions 2008
    every_code = sorted(set(current["code"]))
    assert sorted(p.code for p in replaced.indicators) == every_code
    # worker_libraries has targets only; they go too, so its chart changes.
    assert sorted(replaced.charts_changing) == sorted([*every_code, "worker_libraries"])
    assert "aid_funds" in replaced.charts_changing  # dropped, not in the file
    assert one(replaced, "aid_funds").left_out == 15 and one(replaced, "aid_funds").n_added == 0
    assert replaced.targets_removed == 8  # the file has no targets: all eight go
    merged = preview(store, rows, mode="merge")
    assert merged.removed == 0 and merged.targets_removed == 0
    assert [p.code for p in merged.indicators] == ["grassroots_unions", "union_members"]
    assert merged.charts_changing == ["union_members"]

    # The preview agrees with what publishing really does.
    book = long_workbook(rows)
    # Replacing drops the report's own figures: refused, each named, until confirmed.
    refused = import_workbook(store, book, "replace.xlsx", "test", mode="replace")
    assert not refused.ok and {p.rule for p in refused.problems} == {"report_figure_change"}
    assert len(refused.problems) == int(current["source"].astype(str).str.startswith("报告").sum()) - 1
    result = import_workbook(store, book, "replace.xlsx", "test", mode="replace", confirm_report_changes=True)
    assert result.ok
    _, after, after_targets = store.data()
    assert len(after) == len(current) - replaced.removed + sum(p.n_added for p in replaced.indicators) == 2
    assert len(after_targets) == 0


def test_merge_preview_matches_the_published_revision(store):
    rows = [
        ["grassroots_unions", 2008, "", "", 2200, "", "", ""],
        ["grassroots_unions", 2009, "", "", 2390, "", "", ""],
        ["union_members", 2009, "北山县", "", 1.3, "", "", ""],
        ["cadres_trained_upper", 2008, "", "", 300, "", "", ""],
    ]
    result = preview(store, rows)
    # 2200 changes the report's 2185: the import needs the explicit yes the preview's box gives.
    revision = import_workbook(store, long_workbook(rows), "merge.xlsx", "test", mode="merge",
                               confirm_report_changes=True).revision
    assert revision is not None
    assert revision.n_added == sum(p.n_added for p in result.indicators) == 2
    assert revision.n_changed == sum(p.n_changed for p in result.indicators) == 1


def test_target_counts(store):
    result = preview(store, [["grassroots_unions", 2008, "", "", 2185, "", "", ""]], target_rows=[
        ["union_formation_rate", 2013, 95, "", "", "以上", 2008],  # 90 now: changed
        ["membership_rate", 2013, 90, "", "", "以上", 2008],  # the same
        ["collective_contract_coverage", 2013, 85, "", "", "", 2008],  # new
    ])
    assert (result.targets_added, result.targets_changed, result.targets_removed) == (1, 1, 0)
    assert result.target_codes == ["union_formation_rate", "collective_contract_coverage"]
    assert result.has_changes
    assert result.charts_changing == ["union_formation_rate", "collective_contract_coverage"]
    assert one(result, "grassroots_unions").unchanged == 1


def test_messages_name_the_indicator_in_both_languages(store):
    result = preview(store, [
        ["grassroots_unions", 2008, "", "", 2200, "", "", ""],
        ["union_members", 2009, "", "", 20, "", "", ""],
    ])
    report, jump = result.warnings
    assert report.kind == "contradicts_report" and jump.kind == "jump"
    zh, en = report.message("zh"), report.message("en")
    for part in ("基层工会组织数", "2008年", "全市", "2,200个", "2,185个", "数据!E2", "报告"):
        assert part in zh, (part, zh)
    for part in ("Grassroots union organisations", "2008", "City total", "2,200 organisations",
                 "2,185 organisations", "数据!E2", "report"):
        assert part in en, (part, en)
    zh, en = jump.message("zh"), jump.message("en")
    for part in ("工会会员数", "2009年", "全市", "20万人", "2008年", "11.29万人", "77.1%", "数据!E3"):
        assert part in zh, (part, zh)
    for part in ("Union members", "2009", "City total", "200,000 people", "2008", "112,900 people", "77.1%",
                 "above"):
        assert part in en, (part, en)


def test_unknown_mode_is_refused(store):
    _, obs, tgt = store.data()
    with pytest.raises(ValueError):
        preview_changes(obs, tgt, obs, tgt, mode="overwrite")


def test_twenty_thousand_rows(store):
    """4 indicators × 50 new regions × 100 years, as the reader would hand them (categoricals)."""
    _, current, targets = store.data()
    codes = ["grassroots_unions", "union_members", "aid_funds", "membership_rate"]
    regions = [f"区{i:02d}" for i in range(50)]
    years = list(range(1901, 2001))
    n = len(codes) * len(regions) * len(years)
    assert n == 20_000
    frame = pd.DataFrame({
        "code": np.repeat(codes, len(regions) * len(years)),
        "year": np.tile(years, len(codes) * len(regions)),
        "region": np.tile(np.repeat(regions, len(years)), len(codes)),
        "group": "", "value": 10.0, "qualifier": "", "note": "", "source": "", "sheet": "数据", "col": "E",
        "row": np.arange(2, n + 2, dtype="int32"),
    })
    for name in ("code", "region", "group", "qualifier", "note", "source", "sheet", "col"):
        frame[name] = frame[name].astype("category")

    first = preview_changes(current, targets, frame, targets)
    assert [p.code for p in first.indicators] == ["grassroots_unions", "union_members", "membership_rate",
                                                  "aid_funds"]  # catalogue order
    for p in first.indicators:
        assert (p.n_added, p.n_changed, p.unchanged) == (5000, 0, 0)
        assert len(p.added) == MAX_LISTED and p.changed == []
        assert p.new_years == years and p.new_regions == regions
        assert p.left_out == int((current["code"] == p.code).sum())
    assert first.indicators[0].added[0] == Change("grassroots_unions", 1901, "区00", "", None, 10.0, "数据!E2")
    assert first.warnings == []

    # Now as the current data (plain strings, as the store gives them), with every even year doubled.
    stored = frame.astype({name: str for name in ("code", "region", "group", "source")})
    doubled = frame.assign(value=np.where(frame["year"] % 2 == 0, 20.0, 10.0))
    second = preview_changes(stored, targets, doubled, targets)
    for p in second.indicators:
        assert (p.n_added, p.n_changed, p.unchanged, p.left_out) == (0, 2500, 2500, 0)
        assert len(p.changed) == MAX_LISTED and p.new_years == [] and p.new_regions == []
        assert p.changed[0].old == 10.0 and p.changed[0].new == 20.0 and p.changed[0].year == 1902
    # Each doubled year is +100 % on the odd year before it: 4 × 50 × 50 jumps, none against a report.
    assert len(second.warnings) == 10_000
    assert {(w.kind, w.value, w.reference) for w in second.warnings} == {("jump", 20.0, 10.0)}


def test_a_rate_s_jump_is_told_in_percentage_points():
    """40% -> 62% is 22 points up, not "55% more"."""
    warning = PreviewWarning("jump", "union_formation_rate", 2009, "甘州区", "", "B7", 62.0, 40.0)
    assert "提高了 22个百分点" in warning.message("zh") and "%增加" not in warning.message("zh")
    assert "22 percentage points above" in warning.message("en")
    count = PreviewWarning("jump", "grassroots_unions", 2009, "", "", "B3", 1300.0, 2185.0)
    assert "减少了 40.5%" in count.message("zh")
