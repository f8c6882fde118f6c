"""Tables stacked on one sheet: where the next block starts, and each block read on its own.

A blank row, then (within a few rows: a block's own title may come first) a row that heads periods
again — ``指标 | 2005年 | 2006年`` under a table of 2008–2009 — starts a new table. Each block is read
with its own header, never under the first block's: the reader reads the sheet once per block, with
the other blocks' rows blanked out (cell names stay the sheet's own, and the title and form lines
above the first table stay in view for every block: they say whose figures all of them are).
"""

from __future__ import annotations

import dataclasses

from indicators.region_names import RegionDirectory
from indicators.workbook.grid import SheetGrid
from indicators.workbook.headers import PeriodHeader, _period_row
from indicators.workbook.view import SheetView

_LOOK_AHEAD = 3  # rows after a blank row where the next block's header may sit (after its own title)


def next_block(view: SheetView, header: PeriodHeader, low: int, high: int) -> tuple[int, int] | None:
    """(first row, header row) of the next table below ``header``'s, or None when there is none."""
    blank_seen = False
    data_seen = False
    for r in range(header.row + 1, view.n_rows):
        values = [view.value(r, c) for c in range(view.n_cols)]
        if all(v in ("", None) for v in values):
            blank_seen = data_seen
            continue
        data_seen = True
        if not blank_seen:
            continue
        blank_seen = False
        for h in range(r, min(r + _LOOK_AHEAD, view.n_rows)):
            found = _period_row(view, h, low, high)
            if found is not None and _heads_a_table(view, found):
                return r, h
    return None


def _heads_a_table(view: SheetView, found: PeriodHeader) -> bool:
    """Two periods or more, or one with a label (指标, 项目, 地区) to its left: a header, not a data row."""
    if len(found.periods) + len(found.subannual) >= 2:
        return all(not isinstance(view.value(found.row, c), (int, float)) or c in found.periods
                   for c in range(view.n_cols) if view.value(found.row, c) not in ("", None))
    first = found.first_period_col
    return any(isinstance(v := view.seen(found.row, c), str) and v.strip() for c in range(first))


def masked(grid: SheetGrid, rows: range) -> SheetGrid:
    """The sheet with ``rows`` blanked out: another block's cells, out of this block's reading."""
    kept = [[] if r in rows else row for r, row in enumerate(grid.rows)]
    return dataclasses.replace(grid, rows=kept, formulas={}, merged=[m for m in grid.merged
                                                                      if m[0] not in rows and m[2] not in rows])


def regions_across(view: SheetView, directory: RegionDirectory, scan: int = 15) -> tuple[str, str] | None:
    """(first cell, names) of a header row naming two regions or more across: 指标 | 甘州区 | 北山县."""
    for r in range(min(scan, view.n_rows)):
        found = [(c, v) for c in range(view.n_cols) if isinstance(v := view.seen(r, c), str)
                 and (m := directory.match(v)).kind in ("region", "city") and m.how != "city"]
        if len(found) >= 2:
            return view.ref(r, found[0][0]), "、".join(str(v).strip() for _, v in found[:6])
    return None
