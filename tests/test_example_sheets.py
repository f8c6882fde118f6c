"""Instruction and example sheets are never imported, recognised by their name or by what they say.

Generated: a workbook holds the unit's real data sheet and an instruction or example sheet built from
its parts (its name, or a neutral name with an instruction line in one of its first rows), holding a
worked example in the same layout with other figures. The truth: only the data sheet's values.
"""

from __future__ import annotations

import itertools

import openpyxl
import pytest

from indicators.workbook.reader import read_workbook
from workbooks import save

NAMES = ["填报说明", "填表须知", "指标解释", "示例", "例", "样表", "填报说明(例)", "Example", "Instructions"]
LINES = ["填报说明：请按下例填写", "示例：", "例：某区2009年数据", "以下为示例，仅供参考", "填表须知"]


def _table(ws, first_year: int, values: tuple[int, int], line: str | None = None) -> None:
    if line:
        ws.append([line])
    ws.append(["指标", f"{first_year}年", f"{first_year + 1}年"])
    ws.append(["基层工会组织数", *values])


def _workbook(example_name: str, line: str | None, example_first: bool) -> bytes:
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "数据表"
    _table(data, 2008, (300, 320))
    example = wb.create_sheet(example_name, 0 if example_first else None)
    _table(example, 2008, (111, 222), line)
    return save(wb)


CASES = [(name, None, first) for name, first in itertools.product(NAMES, (True, False))]
CASES += [(f"Sheet{i}", line, first) for i, (line, first) in enumerate(itertools.product(LINES, (True, False)))]


@pytest.mark.parametrize("name,line,example_first", CASES)
def test_only_the_data_sheets_figures_are_read(name, line, example_first):
    parsed = read_workbook(_workbook(name, line, example_first))
    assert not [p for p in parsed.problems if p.severity == "error"]
    got = {(row.code, int(row.year)): float(row.value) for row in parsed.observations.itertuples()}
    assert got == {("grassroots_unions", 2008): 300.0, ("grassroots_unions", 2009): 320.0}
    skipped = [s for s in parsed.reading.sheets if s.sheet == name]
    assert skipped and skipped[0].layout == "skipped"
    assert [n for n in skipped[0].notes if n.kind == "sheet_example"]


@pytest.mark.parametrize("name", ["数据", "表1", "2009年", "甘州区", "基层工会", "Sheet1", "例会情况"])
def test_a_data_sheet_is_not_taken_for_an_example(name):
    wb = openpyxl.Workbook()
    wb.active.title = name
    _table(wb.active, 2008, (300, 320), "2009年工会组织基本情况")
    parsed = read_workbook(save(wb))
    assert len(parsed.observations) == 2
