"""The wide layout union offices keep: indicators as rows, years as columns.

Handles a (merged) title row and a 填报单位/单位 line above the header, a unit column or units
inside the row label (``基层工会组织数(个)``), indented ``其中:`` sub-rows (another indicator,
or a group of the row above, e.g. 劳动模范 / 其中: 全国), ``2013年目标`` columns, and ``注:``
footnotes under the table.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.catalogue import Indicator, find_indicator, normalise_label
from indicators.cell_values import normalise_text, parse_number, parse_qualifier, plain_text
from indicators.problems import Problem
from indicators.safety import column_letter
from indicators.sheet_headers import (
    FOOTNOTE,
    SUBROW_PREFIX,
    WideHeader,
    region_from_reporting_unit,
    region_key,
    unit_factor,
)
from indicators.sheet_long import NA_WORDS

_LABEL_UNIT = re.compile(r"[(（\[【]([^()（）\[\]【】]{1,8})[)）\]】]\s*$")
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+[、.．]|\d+[、.．)]|[(（]\d+[)）])\s*")


def _cell(row: list, col: int | None) -> object:
    if col is None or col >= len(row):
        return ""
    return row[col]


def _match_group(label: str, parent: Indicator | None) -> str | None:
    if parent is None or not parent.groups:
        return None
    key = normalise_label(label)
    for group in parent.groups:
        g = normalise_label(group)
        if key == g or key in (g + normalise_label(parent.name_zh), g + "级") or (
            key.startswith(g) and any(normalise_label(n) in key for n in (parent.name_zh, *parent.aliases))
        ):
            return group
    return None


def parse_wide_sheet(sheet: str, rows: list[list], header: WideHeader, percent_cells: set[tuple[int, int]],
                     context: dict) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Observations and targets from a wide table, and the problems its cells have."""
    problems: list[Problem] = []
    observations: list[dict] = []
    targets: list[dict] = []
    city = context.get("city", "")
    default_region = context.get("default_region") or region_from_reporting_unit(header.reporting_unit, city)
    cols = header.columns
    parent: Indicator | None = None
    label_letter = column_letter(header.label_col)
    value_cols = {**{c: ("value", y) for c, y in header.year_cols.items()},
                  **{c: ("target", y) for c, y in header.target_cols.items()}}

    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        excel_row = r + 1
        raw_label = normalise_text(_cell(row, header.label_col))
        cells = {c: _cell(row, c) for c in value_cols}
        has_values = any(normalise_text(v) for v in cells.values())
        if FOOTNOTE.match(raw_label) and not has_values:
            break
        if not raw_label and not has_values:
            continue
        is_subrow = bool(re.match(r"^[\s\u3000]|其中|含", str(_cell(row, header.label_col))))
        label = _NUMBERING.sub("", SUBROW_PREFIX.sub("", raw_label)).strip()
        indicator = find_indicator(label)
        group = ""
        if indicator is None:
            group = _match_group(label, parent) or ""
            indicator = parent if group else None
        elif not is_subrow or not indicator.groups:
            parent = indicator
        if group == "" and cols.get("group") is not None:
            group = plain_text(_cell(row, cols.get("group")))
        if indicator is None:
            if has_values:
                problems.append(Problem("unknown_indicator", sheet, f"{label_letter}{excel_row}", raw_label))
            continue
        factor = _unit_factor(row, label, indicator, header, sheet, excel_row, problems)
        if factor is None:
            continue
        region = region_key(_cell(row, cols.get("region")), city) if "region" in cols else default_region
        qualifier = parse_qualifier(_cell(row, cols.get("qualifier"))) or ""
        base = {
            "code": indicator.code, "region": region, "group": group,
            "note": plain_text(_cell(row, cols.get("note"))),
            "source": plain_text(_cell(row, cols.get("source"))),
            "sheet": sheet,
        }
        for c, (kind, year) in value_cols.items():
            parsed = _value(cells[c], indicator, sheet, excel_row, c, percent_cells, problems)
            if parsed is None:
                continue
            value, cell_qualifier = parsed
            record = {**base, "year": year, "value": value * factor,
                      "qualifier": cell_qualifier or qualifier, "col": column_letter(c), "row": excel_row}
            if kind == "value":
                observations.append(record)
            else:
                targets.append({**record, "baseline_year": None})
    obs = pd.DataFrame(observations)
    if not obs.empty:
        obs["year"] = obs["year"].astype("Int64")
    return obs, pd.DataFrame(targets), problems


def _unit_factor(row: list, label: str, indicator: Indicator, header: WideHeader, sheet: str,
                 excel_row: int, problems: list[Problem]) -> float | None:
    unit_col = header.columns.get("unit")
    unit = normalise_text(_cell(row, unit_col))
    where = f"{column_letter(unit_col)}{excel_row}" if unit_col is not None and unit else ""
    if not unit:
        match = _LABEL_UNIT.search(label)
        if match and normalise_label(label) != normalise_label(indicator.name_zh):
            unit = match.group(1)
            where = f"{column_letter(header.label_col)}{excel_row}"
    if not unit and not indicator.is_rate:  # a table-wide 单位：个 is not meant for the % rows
        unit, where = header.table_unit, header.table_unit_cell
    if not unit or unit == "%" and indicator.is_rate:
        return 1.0
    factor = unit_factor(unit, indicator.unit_zh)
    if factor is None:
        problems.append(Problem("unit_mismatch", sheet, where, unit, params={"expected": indicator.unit_zh}))
    return factor


def _value(cell: object, indicator: Indicator, sheet: str, excel_row: int, col: int,
           percent_cells: set[tuple[int, int]], problems: list[Problem]) -> tuple[float, str] | None:
    text = normalise_text(cell)
    if text == "" or text.lower() in NA_WORDS:
        return None
    parsed = parse_number(cell, indicator.unit_zh)
    if parsed is None:
        problems.append(Problem("not_a_number", sheet, f"{column_letter(col)}{excel_row}", text))
        return None
    value = parsed.value
    if (excel_row, col) in percent_cells and not isinstance(cell, str):
        value *= 100
    return value, parsed.qualifier
