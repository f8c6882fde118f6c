"""The upload template: written, opened and typed into as a person would, then read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators.catalogue import BY_CODE, CATALOGUE
from indicators.template import build_workbook, workbook_bytes, write_template
from indicators.workbook import read_workbook

SHEETS = {
    "zh": ["说明", "数据", "目标", "指标目录", "列表"],
    "en": ["instructions", "data", "targets", "indicators", "lists"],
}
DATA_HEADERS = {
    "zh": ["指标代码", "指标名称", "年份", "地区", "分组", "数值", "限定", "说明", "来源"],
    "en": ["code", "indicator", "year", "region", "group", "value", "qualifier", "note", "source"],
}
TARGET_HEADERS = {
    "zh": ["指标代码", "指标名称", "目标年份", "目标值", "地区", "分组", "限定", "基期年份", "说明", "来源"],
    "en": ["code", "indicator", "target year", "target", "region", "group", "qualifier", "baseline year", "note",
           "source"],
}
OBS_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]


def records(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """A frame's rows as sorted plain tuples (categories to str, NA baseline to None)."""
    out = []
    for row in frame[columns].astype(object).itertuples(index=False):
        out.append(tuple(None if (not isinstance(v, str) and pd.isna(v)) else
                         (int(v) if k in ("year", "baseline_year") else float(v) if k == "value" else str(v))
                         for k, v in zip(columns, row, strict=True)))
    return sorted(out, key=repr)


def read_file(path: Path):
    return read_workbook(path.read_bytes())


# --- the empty template ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_template_reads_back_with_one_message(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang)
    parsed = read_file(path)
    # Not "no data sheet": the empty data and target sheets are recognised by their headers; the
    # one message says nothing was filled in (an empty file would otherwise make an empty revision).
    assert [p.rule for p in parsed.problems] == ["nothing_to_import"]
    assert parsed.observations.empty and parsed.targets.empty
    names = SHEETS[lang]
    assert parsed.sheets == [(names[0], "skipped"), (names[1], "long"), (names[2], "targets"),
                             (names[3], "skipped"), (names[4], "hidden")]  # the drop-downs' hidden list


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_sheets_and_headers(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS[lang]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 4 + ["hidden"]
    names = SHEETS[lang]
    assert [c.value for c in wb[names[1]][1]] == DATA_HEADERS[lang]
    assert [c.value for c in wb[names[2]][1]] == TARGET_HEADERS[lang]
    assert wb[names[1]].freeze_panes == "A2" and wb[names[2]].freeze_panes == "A2"
    assert wb.active.title == names[1], "the template opens on the data sheet"
    assert not [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


# --- a template filled in by a person -------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_filled_by_a_person_reads_back(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEETS[lang][1]]
    assert ws.max_row == 1
    at_least = "以上" if lang == "zh" else "at least"
    ws.append(["grassroots_unions", None, 2009, None, None, 2390, at_least])
    ws.append([None, "工会会员数", 2009, None, None, 12.05])  # named by its Chinese name, code left empty
    ws.append(["grassroots_unions", None, "2010年", None, None, "2,400"])  # year and value typed as text
    ws.append(["union_formation_rate", None, 2009, None, None, 0.92])  # shown as 92%
    ws["F5"].number_format = "0%"
    assert isinstance(ws["C4"].value, str) and isinstance(ws["F4"].value, str)
    wb.save(path)

    parsed = read_file(path)
    assert parsed.problems == []
    got = {(r["code"], r["year"], r["region"], r["group"]): (r["value"], r["qualifier"], r["note"], r["source"])
           for r in parsed.observations[OBS_COLUMNS].astype(object).to_dict("records")}
    assert len(parsed.observations) == 4
    assert got.keys() == {
        ("grassroots_unions", 2009, "", ""),
        ("union_members", 2009, "", ""),
        ("grassroots_unions", 2010, "", ""),
        ("union_formation_rate", 2009, "", ""),
    }
    assert got[("grassroots_unions", 2009, "", "")] == (2390, ">=", "", "")
    assert got[("union_members", 2009, "", "")][0] == pytest.approx(12.05)
    assert got[("grassroots_unions", 2010, "", "")][0] == 2400
    assert got[("union_formation_rate", 2009, "", "")][0] == pytest.approx(92)
    assert all(v[2:] == ("", "") for v in got.values())
    assert parsed.targets.empty
    # Each value is traced to the cell it came from.
    cells = sorted(f"{r.sheet}!{r.col}{r.row}" for r in parsed.observations.itertuples())
    assert cells == [f"{SHEETS[lang][1]}!F{row}" for row in (2, 3, 4, 5)]


def test_english_template_accepts_english_names(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, "en")
    wb = openpyxl.load_workbook(path)
    ws = wb["data"]
    ws.append([None, BY_CODE["union_members"].name_en, 2009, None, None, 12.05])
    wb["targets"].append(["grassroots_unions", None, 2013, 2600, None, None, "at least", 2008])
    wb.save(path)
    parsed = read_file(path)
    assert parsed.problems == []
    assert records(parsed.observations, OBS_COLUMNS) == [("union_members", 2009, "", "", 12.05, "", "", "")]
    assert records(parsed.targets, TARGET_COLUMNS) == [
        ("grassroots_unions", 2013, "", "", 2600.0, ">=", 2008, "", "")]


def test_template_filled_with_a_mistake_names_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb["数据"]
    ws.append(["grassroots_unions", None, 2009, None, None, "很多"])
    wb.save(path)
    parsed = read_file(path)
    assert [(p.rule, p.where) for p in parsed.problems] == [("not_a_number", "数据!F2")]


# --- pre-filled with the built-in data --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_prefilled_with_builtin_data_round_trips(builtin, lang: str) -> None:
    assert builtin.ok and len(builtin.observations) and len(builtin.targets)
    wb = build_workbook(builtin.observations, builtin.targets, lang=lang)
    data_rows = [r for r in wb[SHEETS[lang][1]].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(data_rows) == len(builtin.observations)
    parsed = read_workbook(workbook_bytes(wb))
    assert parsed.problems == []
    assert records(parsed.observations, OBS_COLUMNS) == records(builtin.observations, OBS_COLUMNS)
    assert records(parsed.targets, TARGET_COLUMNS) == records(builtin.targets, TARGET_COLUMNS)
    # The comparison sees notes, sources and qualifiers that are really there.
    assert (builtin.observations["note"] != "").any()
    assert (builtin.observations["qualifier"] != "").any()
    assert builtin.targets["baseline_year"].notna().any()


def test_prefilled_template_keeps_notes_that_look_like_formulas(builtin, tmp_path: Path) -> None:
    """A pre-filled template is meant to be edited and sent back: a note must come back as it was.

    The template must not hold formulas, but guarding it by prefixing an apostrophe changes the
    text itself, so the note that comes back is not the note that went out.
    """
    obs = builtin.observations.copy()
    obs["note"] = obs["note"].astype(str)
    obs["source"] = obs["source"].astype(str)
    first = obs.index[0]
    second = obs.index[1]
    obs.loc[first, "note"] = "-5%以内（与上年相比）"
    obs.loc[second, "note"] = '=HYPERLINK("x")'
    obs.loc[second, "source"] = "+统计年报"
    path = tmp_path / "filled.xlsx"
    write_template(path, "zh", obs, builtin.targets)
    wb = openpyxl.load_workbook(path)
    assert not [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    parsed = read_file(path)
    assert parsed.problems == []
    assert records(parsed.observations, OBS_COLUMNS) == records(obs, OBS_COLUMNS)


# --- the indicator list -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_catalogue_sheet_lists_every_indicator_with_unit_and_definition(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang)
    ws = openpyxl.load_workbook(path)[SHEETS[lang][3]]
    header = [c.value for c in ws[1]]
    code_col = header.index("指标代码" if lang == "zh" else "code")
    name_col = header.index("指标名称" if lang == "zh" else "indicator")
    unit_col = header.index("单位" if lang == "zh" else "unit")
    definition_col = header.index("定义" if lang == "zh" else "definition")
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v not in (None, "") for v in r)]
    assert len(rows) == len(CATALOGUE)
    for row, ind in zip(rows, CATALOGUE, strict=True):
        assert row[code_col] == ind.code
        assert row[name_col] == ind.name(lang)
        assert row[unit_col] == ind.unit(lang)
        assert row[definition_col] == ind.definition(lang)
        assert row[definition_col], ind.code


def test_catalogue_sheet_is_what_the_drop_downs_point_at(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, "zh")
    wb = openpyxl.load_workbook(path)
    n = len(CATALOGUE)
    formulas = {}
    for dv in wb["数据"].data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            formulas[rng.coord.split(":")[0]] = (dv.type, dv.formula1.lstrip("="))
    assert formulas["A2"] == ("list", f"'指标目录'!$A$2:$A${n + 1}")
    assert formulas["B2"] == ("list", f"'指标目录'!$B$2:$B${n + 1}")
    assert wb["指标目录"].cell(row=n + 1, column=1).value == CATALOGUE[-1].code
    assert wb["指标目录"].cell(row=n + 2, column=1).value is None
