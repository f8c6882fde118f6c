"""Long tables with key cells merged down, generated: a merged region or indicator names every row it covers.

Each table is built from its rows (indicator, year, region, value) with the truth known; then runs of equal
keys are merged down (a region over 2, 3 or 4 rows, the indicator over its years, at the top, middle or
bottom of the table), the covered cells left empty as Excel leaves them, written by openpyxl or XlsxWriter.
The reader must store exactly the rows as built: never a district's values as the city's, never a year
dropped.
"""

from __future__ import annotations

import io
import itertools
import random

import openpyxl
import pytest
import xlsxwriter

from indicators.workbook.reader import read_workbook
from workbooks import save

HEADER = ["指标名称", "年份", "地区", "数值"]
INDICATORS = [("基层工会组织数", "grassroots_unions"), ("工会会员数", "union_members")]
REGIONS = ["北山县", "南河县", "甘州区"]


def _rows(rng: random.Random) -> list[list]:
    rows = []
    for region in rng.sample(REGIONS, rng.randint(1, 3)):
        for (label, _), years in itertools.product(INDICATORS[:rng.randint(1, 2)], [rng.randint(2, 4)]):
            for year in range(2006, 2006 + years):
                value = rng.randint(100, 900) if label == "基层工会组织数" else round(rng.uniform(1, 9), 2)
                rows.append([label, year, region, value])
    return rows


def _runs(rows: list[list], col: int) -> list[tuple[int, int]]:
    """Runs of two or more equal cells down a column: (first, last) row indexes."""
    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][col] != rows[start][col]:
            if i - start >= 2:
                runs.append((start, i - 1))
            start = i
    return runs


def _write(rows: list[list], merge_cols: list[int], writer: str) -> bytes:
    merges = [(col, a, b) for col in merge_cols for a, b in _runs(rows, col)]
    covered = {(a + k, col) for col, a, b in merges for k in range(1, b - a + 1)}
    if writer == "openpyxl":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "数据"
        ws.append(HEADER)
        for i, row in enumerate(rows):
            ws.append([None if (i, c) in covered else v for c, v in enumerate(row)])
        for col, a, b in merges:
            ws.merge_cells(start_row=a + 2, start_column=col + 1, end_row=b + 2, end_column=col + 1)
        return save(wb)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, HEADER)
    for i, row in enumerate(rows):
        for c, v in enumerate(row):
            if (i, c) not in covered:
                ws.write(i + 1, c, v)
    for col, a, b in merges:
        ws.merge_range(a + 1, col, b + 1, col, rows[a][col])
    wb.close()
    return buffer.getvalue()


CASES = list(itertools.product(range(15), [[2], [0], [0, 2]], ["openpyxl", "xlsxwriter"]))


@pytest.mark.parametrize("seed,merge_cols,writer", CASES)
def test_a_key_merged_down_names_every_row_it_covers(seed, merge_cols, writer):
    rows = _rows(random.Random(seed))
    parsed = read_workbook(_write(rows, merge_cols, writer))
    assert not [(p.rule, p.cell) for p in parsed.problems if p.severity in ("error", "question")]
    codes = dict(INDICATORS)
    truth = sorted((codes[label], year, region, float(value)) for label, year, region, value in rows)
    got = sorted((r.code, int(r.year), r.region, float(r.value)) for r in parsed.observations.itertuples())
    assert got == truth
    if _runs(rows, merge_cols[0]):
        notes = [n for s in parsed.reading.sheets for n in s.notes if n.kind == "merged_down"]
        assert notes and all(":" in n.cell for n in notes)
