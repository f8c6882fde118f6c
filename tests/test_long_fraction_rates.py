"""A rate typed as a fraction (0.92 for 92 %) is read by one rule in long and wide tables alike:
refused naming its cell where it is ambiguous, read as a percentage where the cell's format, a %
sign or 单位：小数 says so."""

from __future__ import annotations

import openpyxl
import pytest

from indicators.catalogue import LOOKUP
from indicators.workbook import read_workbook
from workbooks import save

RATES = [code for code, ind in LOOKUP.by_code.items() if ind.is_rate][:4]
# (cell value, number format, unit): how offices write a rate
SPELLINGS = [
    (0.92, "General", ""), (0.5, "General", ""), (0.075, "General", ""), (0.999, "General", "%"),
    (0.92, "0%", ""), (0.075, "0.0%", ""), ("92%", "General", ""), ("0.5%", "General", ""),
    (0.92, "General", "小数"), (0.4, "General", "比例"), (92, "General", ""), (1, "General", "%"),
]


def _long(code: str, value: object, number_format: str, unit: str) -> tuple[bytes, str]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["指标代码", "年份", "数值", "单位"])
    ws.append([code, 2009, value, unit or None])
    ws["C2"].number_format = number_format
    return save(wb), "数据!C2"


def _wide(code: str, value: object, number_format: str, unit: str) -> tuple[bytes, str]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["指标", "单位", "2009年"])
    ws.append([LOOKUP.by_code[code].name_zh, unit or None, value])
    ws["C2"].number_format = number_format
    return save(wb), "表1!C2"


def _outcome(parsed, code: str):  # type: ignore[no-untyped-def]
    fractions = [p.where for p in parsed.problems if p.rule == "ambiguous_fraction"]
    obs = parsed.observations
    stored = [round(float(v), 6) for v in obs[obs["code"] == code]["value"]] if len(obs) else []
    return fractions, stored


@pytest.mark.parametrize(("value", "number_format", "unit"), SPELLINGS)
@pytest.mark.parametrize("code", RATES)
def test_a_long_sheet_reads_a_rate_as_the_wide_reader_does(code, value, number_format, unit):
    long_data, long_cell = _long(code, value, number_format, unit)
    wide_data, wide_cell = _wide(code, value, number_format, unit)
    long_fractions, long_stored = _outcome(read_workbook(long_data), code)
    wide_fractions, wide_stored = _outcome(read_workbook(wide_data), code)
    assert long_stored == wide_stored
    assert [w.replace(long_cell, "cell") for w in long_fractions] == [w.replace(wide_cell, "cell") for w in wide_fractions]


@pytest.mark.parametrize("value", [0.92, 0.5, 0.075, 0.999])
@pytest.mark.parametrize("code", RATES)
def test_a_bare_fraction_in_a_long_sheet_is_refused_naming_its_cell(code, value):
    data, cell = _long(code, value, "General", "")
    parsed = read_workbook(data)
    assert not parsed.ok
    (problem,) = [p for p in parsed.problems if p.rule == "ambiguous_fraction"]
    assert problem.where == cell
    assert f"{value * 100:g}%" in problem.message("zh") and f"{value * 100:g}%" in problem.message("en")
    assert code not in set(parsed.observations["code"]) if len(parsed.observations) else True
