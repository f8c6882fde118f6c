"""What the header rows above and below a table's years say about each year column: its path.

A header is often several rows: ``实际完成 › 2009年 2010年 | 规划目标 › 2013年`` (a kind above the years), or
``2009年 › 本年新增 | 年末数`` and ``2009年 › 甘州区 | 北山县`` (sub-columns under each year). Every element of
a column's path must be understood before its values are read: an actual value (实际, 完成, 年末数), a target
(目标, 计划, 规划), or something that is not the stock (本年新增, 增减, 增长%, 同比, 比上年), which is left out
with its reason. A column whose path holds anything else is not read, and the reading says so; never "the
first column under the year".
"""

from __future__ import annotations

import re
from typing import Literal

from indicators.cell_values import normalise_text
from indicators.workbook.form_lines import is_form_line
from indicators.workbook.headers import PeriodHeader
from indicators.workbook.periods import parse_period
from indicators.workbook.units import is_unit
from indicators.workbook.view import SheetView

PathKind = Literal["value", "target", "not_stock", "unknown"]

_TARGET = re.compile(r"目标|计划|规划|预期|预计|target|plan", re.IGNORECASE)
_NOT_STOCK = re.compile(r"新增|增减|增长|增幅|增量|同比|环比|比上年|较上年|比去年|变化|变动|减少|净增|%|％|百分比|"
                        r"change|growth|increase|new", re.IGNORECASE)
_VALUE = re.compile(r"^(?:实际|实际完成|完成|完成数|完成情况|实绩|实际数|年末数|期末数|年末|期末|年底数|总数|合计|总计|数量|"
                    r"数值|绝对数|actual|value|total)$", re.IGNORECASE)


def _text(value: object) -> str:
    return re.sub(r"\s+", "", normalise_text(value)) if isinstance(value, str) else ""


def block_above(view: SheetView, header: PeriodHeader) -> list[int]:
    """The header rows directly above the row of years: not empty, not a form line, not a title."""
    rows: list[int] = []
    for r in range(header.row - 1, -1, -1):
        values = [view.seen(r, c) for c in range(view.n_cols)]
        filled = [c for c, v in enumerate(values) if v not in ("", None)]
        if not filled or is_form_line(values) or (len(filled) == 1 and filled[0] == 0):
            break
        if not any(_text(view.label(r, c)) for c in header.periods):
            break
        rows.append(r)
    return rows


def classify(element: str) -> PathKind:
    """What one element of a column's path means for its values."""
    if _TARGET.search(element):
        return "target"
    if _NOT_STOCK.search(element):
        return "not_stock"
    if _VALUE.match(element):
        return "value"
    return "unknown"


def column_path(view: SheetView, header: PeriodHeader, c: int, rows_above: list[int]) -> list[tuple[str, str]]:
    """The (cell, text) elements above a year column, top first, a merged cell counted once."""
    out: list[tuple[str, str]] = []
    for r in reversed(rows_above):
        text = _text(view.label(r, c))
        if text and parse_period(text) is None and (not out or out[-1][1] != text):
            out.append((view.ref(r, c), text))
    return out


def sub_header_row(view: SheetView, header: PeriodHeader, rows: list[int]) -> tuple[int, list[str]] | None:
    """A row of sub-headers under the years (本年新增 | 年末数, 甘州区 | 北山县): the row right under the years
    with no label and text, not numbers, under the year columns or the cells their merges cover."""
    if not rows:
        return None
    r = rows[0]
    first = header.first_period_col
    if any(_text(view.seen(r, c)) for c in range(first)):
        return None
    texts = [(c, _text(view.seen(r, c))) for c in range(first, view.n_cols)]
    words = [t for _, t in texts if t and not re.fullmatch(r"[-+]?[\d.,]+%?", t)]
    if all(is_unit(w.strip("()（）")) for w in words):
        return None  # a row of units under the years
    if len(words) >= 2 and len(words) * 2 >= len([t for _, t in texts if t]):
        return r, words
    return None
