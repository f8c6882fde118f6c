"""Recognising what a sheet is: its header row, what each column holds, and its years.

Headers may be in Chinese or English; the names below are what union offices actually type.
A sheet is *long* (a header naming indicator, year and value columns), *wide* (years across a
header row, indicators down a label column) or *years as rows* (years down a column, indicators
across), which the wide reader reads as its transpose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indicators.cell_values import normalise_text
from indicators.workbook.container import column_letter
from indicators.workbook.form_lines import is_form_line
from indicators.workbook.periods import Period, parse_period
from indicators.workbook.view import SheetView

# Field -> header labels (compared after folding case, width and spaces).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "indicator": ("指标代码", "指标", "指标名称", "名称", "项目", "指标项目", "项目名称", "code",
                  "indicator", "indicatorcode", "indicatorname", "item"),
    "seq": ("序号", "行次", "编号", "代码", "栏次", "no", "no.", "#", "seq", "行号"),
    "year": ("年份", "年度", "年", "统计年度", "year", "years", "时间"),
    "region": ("地区", "区域", "县区", "县(区)", "地区名称", "单位名称", "填报单位", "region", "district", "area"),
    "group": ("分组", "分类", "类别", "级别", "分项", "group", "breakdown", "level"),
    "value": ("数值", "值", "数据", "实际值", "实绩", "完成值", "数量", "value", "actual"),
    "target": ("目标值", "目标", "目标数", "target", "targetvalue"),
    "target_year": ("目标年份", "目标年", "targetyear"),
    "baseline_year": ("基期年份", "基期", "基准年", "baselineyear", "baseline"),
    "qualifier": ("限定", "数值限定", "限定词", "qualifier", "bound"),
    "note": ("说明", "备注", "注释", "note", "notes", "remark", "remarks"),
    "source": ("来源", "数据来源", "source"),
    "unit": ("单位", "计量单位", "unit", "units"),
}

# Header cells naming a column of indicator codes (grassroots_unions), not of names or numbering.
CODE_HEADERS = frozenset({"指标代码", "代码", "code", "indicatorcode"})

_FIELD_BY_LABEL: dict[str, str] = {
    re.sub(r"\s+", "", label).lower(): name
    for name, labels in FIELD_LABELS.items()
    for label in labels
}

# Lists that explain the workbook rather than hold data; read past them. Instruction and example sheets
# (说明, 填表说明, readme …) are told by example_sheet below, by their name or their first lines.
EXPLANATORY_SHEETS = {"指标列表", "指标清单", "地区列表", "列表", "目录", "indicatorlist", "regions", "lists"}
# Words that make a sheet an instruction or a worked example, in its name or its first lines: the figures
# of an example (填报说明 with 例：…) are never the unit's data.
_EXAMPLE_NAME = re.compile(r"说明|须知|解释|示例|样例|范例|举例|样表|填报要求|^例\d*$|^例[(（:：]|instruction|example|sample|readme",
                           re.IGNORECASE)
_EXAMPLE_TEXT = re.compile(r"填报说明|填表说明|填表须知|指标解释|示例|样例|范例|举例|样表|^例[:：]|以下为例|仅供参考|"
                           r"for example|example only|sample only", re.IGNORECASE)


def example_sheet(name: str, rows: list[list]) -> tuple[str, str] | None:
    """Why a sheet is instructions or an example, as (cell, text): its name, or a line of its first five
    rows ("" for the cell when it is the name). None when it is neither."""
    if _EXAMPLE_NAME.search(normalise_text(name)):
        return "", name
    for r, row in enumerate(rows[:5]):
        filled = [(c, value) for c, value in enumerate(row) if value not in ("", None)]
        if len(filled) != 1 or not isinstance(filled[0][1], str):
            continue  # a line of its own, not a cell of a table (a 来源 column's 示例 is data's source)
        c, value = filled[0]
        if _EXAMPLE_TEXT.search(normalise_text(value).strip()):
            return f"{column_letter(c)}{r + 1}", value.strip()[:60]
    return None


# Indicator catalogue sheets (admins add indicators through them; read by the catalogue, not here).
CATALOGUE_SHEETS = {"指标目录", "indicators", "catalogue", "catalog"}
# The problem list our marked workbook adds ("问题清单", "问题清单 (2)", "Problems"): sent back with it.
PROBLEM_LIST_PREFIXES = ("问题清单", "problems")

FOOTNOTE = re.compile(r"^(注|附注|说明|备注|填表说明|资料来源|数据来源|填报人|填表人|审核人|负责人|单位负责人|联系人|联系电话|填报日期|制表|"
                      r"统计负责人|报出日期|note|notes|source)\s*[:：0-9一-九、.①-⑳]?", re.IGNORECASE)


def fold(text: object) -> str:
    return re.sub(r"\s+", "", normalise_text(text)).lower()


def names_code(label: object) -> bool:
    """Whether a header cell names a column of indicator codes: that column, when filled, names the row."""
    return fold(label) in CODE_HEADERS


def field_of(label: object) -> str | None:
    """Which field a header cell names, if any."""
    return _FIELD_BY_LABEL.get(fold(label))


@dataclass
class LongHeader:
    row: int  # 0-based
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def is_targets(self) -> bool:
        return "target" in self.columns and "value" not in self.columns


def find_long_header(rows: list[list], scan: int = 30) -> LongHeader | None:
    """The first row naming an indicator column and a value (or target) column."""
    for r, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        for c, cell in enumerate(row):
            name = field_of(cell)
            if name == "seq" and fold(cell) == "代码":
                name = "indicator"  # 代码 beside a value column is the indicator's code
            if name == "indicator" and "indicator" in columns:
                name = "indicator_alt"
            if name and name not in columns:
                columns[name] = c
        if "indicator_alt" in columns and names_code(row[columns["indicator_alt"]]) \
                and not names_code(row[columns["indicator"]]):
            # 指标名称 | 指标代码: the code column names the row, the name only fills in where it is empty
            columns["indicator"], columns["indicator_alt"] = columns["indicator_alt"], columns["indicator"]
        if "indicator" not in columns:
            continue
        if "value" in columns and "year" in columns:
            return LongHeader(r, columns)
        if "target" in columns and ("year" in columns or "target_year" in columns):
            if "target_year" not in columns:
                columns["target_year"] = columns.pop("year")
            return LongHeader(r, columns)
    return None


@dataclass
class PeriodHeader:
    """A header row of periods (in a view: a transposed sheet's years column is its header row)."""

    row: int
    periods: dict[int, Period]  # column -> the year, period or target year it names
    subannual: dict[int, Period] = field(default_factory=dict)  # quarters and months
    fields: dict[str, int] = field(default_factory=dict)  # columns the header names: unit, region, …

    @property
    def first_period_col(self) -> int:
        return min([*self.periods, *self.subannual])


def _period_row(view: SheetView, r: int, low: int, high: int) -> PeriodHeader | None:
    periods: dict[int, Period] = {}
    subannual: dict[int, Period] = {}
    fields: dict[str, int] = {}
    others = gap = 0
    for c in range(view.n_cols):
        cell = view.seen(r, c)
        if cell == "" or cell is None:
            gap += 1
            if (periods or subannual) and gap >= 2:
                break  # a second table beside (or, read transposed, below) the first
            continue
        gap = 0
        period = parse_period(cell, low, high)
        if period is None:
            name = field_of(cell)
            if name and name not in fields:
                fields[name] = c
            elif periods or subannual:
                others += 1
            continue
        (subannual if period.kind == "subannual" else periods)[c] = period
    found = len(periods) + len(subannual)
    if not found or others * 2 > found:  # a row of data with year-like numbers in it, not a header
        return None
    return PeriodHeader(r, periods, subannual, fields)


def find_period_header(view: SheetView, low: int, high: int, scan: int = 40,
                       names_indicator: Callable[[str], bool] | None = None) -> PeriodHeader | None:
    """The first row naming two or more periods, or one with text to its left (a label column).

    A row labelled with an indicator's name (基层工会组织数 | 1991 | 2010) is that indicator's figures,
    counts that look like years, never a header: ``names_indicator`` tells such a label.
    """
    for r in range(min(scan, view.n_rows)):
        if view.row_hidden(r) or is_form_line(view.row_values(r)):
            continue  # a date on a 填报单位 or 填报日期 line names when it was filled in, not a period column
        header = _period_row(view, r, low, high)
        if header is None:
            continue
        if names_indicator is not None and _figures_of_an_indicator(view, header, names_indicator):
            continue
        first = header.first_period_col
        if len(header.periods) + len(header.subannual) >= 2:
            return header
        left = [view.seen(r, c) for c in range(first)]
        below = any(isinstance(view.seen(rr, c), str) and view.seen(rr, c).strip()
                    for rr in range(r + 1, min(r + 30, view.n_rows)) for c in range(first))
        if (any(isinstance(v, str) and v.strip() for v in left) or below) and first > 0:
            return header
    return None


def _figures_of_an_indicator(view: SheetView, header: PeriodHeader, names_indicator: Callable[[str], bool]) -> bool:
    """Bare numbers as the "periods", and an indicator's name to their left: a row of figures."""
    bare = all(isinstance(view.seen(header.row, c), (int, float)) for c in header.periods)
    labels = [v for c in range(header.first_period_col) if isinstance(v := view.seen(header.row, c), str) and v.strip()]
    return bare and any(names_indicator(label) for label in labels)


def years_down_a_column(view: SheetView, low: int, high: int, scan_cols: int = 10) -> int | None:
    """A column (of the first few) holding two or more years one under another: years as rows."""
    for c in range(min(scan_cols, view.n_cols)):
        run = best = 0
        filled = 0
        for r in range(view.n_rows):
            cell = view.seen(r, c)
            if cell == "" or cell is None:
                continue
            filled += 1
            period = parse_period(cell, low, high)
            if period is not None and period.kind != "target":
                run += 1
                best = max(best, run)
            elif best < 2:
                run = 0
        if best >= 2 and best * 2 >= filled - 4:
            return c
    return None


def title_rows(view: SheetView, before: int) -> list[int]:
    """Rows above a header that are a title or a note line: one visible cell of text."""
    rows = []
    for r in range(before):
        cells = [v for v in view.row_values(r) if v not in ("", None)]
        if len(cells) == 1 and isinstance(cells[0], str):
            rows.append(r)
    return rows
