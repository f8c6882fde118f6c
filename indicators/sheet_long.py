"""The long layout: one row per indicator, year, region, group and value (or target).

Columns are read whole with pandas, so a 100,000-row sheet costs a few vectorised passes;
only cells that are not plain numbers go through the text reader one by one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import BY_CODE, find_indicator
from indicators.cell_values import normalise_text, parse_number, parse_qualifier, parse_year
from indicators.problems import Problem
from indicators.safety import column_letter
from indicators.sheet_headers import FOOTNOTE, LongHeader, region_key

NA_WORDS = {"-", "—", "–", "/", "无", "n/a", "na", "×"}


def _column(frame: pd.DataFrame, columns: dict[str, int], name: str) -> pd.Series:
    index = columns.get(name)
    if index is None or index >= frame.shape[1]:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[index]


def _text(series: pd.Series) -> pd.Series:
    uniques = {value: normalise_text(value) for value in pd.unique(series)}
    return series.map(uniques).astype(object)


def parse_long_sheet(sheet: str, rows: list[list], header: LongHeader, percent_cells: set[tuple[int, int]],
                     context: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """Observations (or targets) from a long sheet, and the problems its cells have."""
    problems: list[Problem] = []
    cols = header.columns
    frame = pd.DataFrame(rows[header.row + 1:], dtype=object)
    if frame.empty:
        return pd.DataFrame(), problems
    frame.index = np.arange(header.row + 2, header.row + 2 + len(frame))  # Excel row numbers
    value_field = "target" if header.is_targets else "value"
    year_field = "target_year" if header.is_targets else "year"
    labels = _text(_column(frame, cols, "indicator"))
    if "indicator_alt" in cols:  # a code column and a name column: the code wins, the name fills in
        labels = labels.where(labels != "", _text(_column(frame, cols, "indicator_alt")))
    raw_values = _column(frame, cols, value_field)
    raw_years = _column(frame, cols, year_field)

    used = [frame[c] for c in cols.values() if c < frame.shape[1]]
    blank = np.logical_and.reduce([(s == "") | s.isna() for s in used]) if used else np.ones(len(frame), bool)
    footnote = labels.str.match(FOOTNOTE) & ((raw_values == "") | raw_values.isna())
    keep = ~(blank | footnote.to_numpy())
    frame, labels, raw_values, raw_years = frame[keep], labels[keep], raw_values[keep], raw_years[keep]
    if frame.empty:
        return pd.DataFrame(), problems

    letter = {name: column_letter(index) for name, index in cols.items()}
    code_of = {label: (ind.code if (ind := find_indicator(label)) else None) for label in pd.unique(labels)}
    codes = labels.map(code_of)
    for row in codes.index[codes.isna()]:
        problems.append(Problem("unknown_indicator", sheet, f"{letter['indicator']}{row}", labels[row]))

    years = _parse_years(raw_years, sheet, letter[year_field], context, problems)
    values, qualifiers = _parse_values(raw_values, codes, sheet, cols[value_field], percent_cells, problems)

    qualifier_text = _text(_column(frame, cols, "qualifier"))
    for text in pd.unique(qualifier_text):
        if parse_qualifier(text) is None:
            for row in qualifier_text.index[qualifier_text == text]:
                problems.append(Problem("bad_qualifier", sheet, f"{letter['qualifier']}{row}", text))
    explicit = qualifier_text.map(lambda t: parse_qualifier(t) or "")
    qualifiers = explicit.where(explicit != "", qualifiers)

    city = context.get("city", "")
    region_text = _text(_column(frame, cols, "region"))
    regions = region_text.map({r: region_key(r, city) for r in pd.unique(region_text)})
    if "region" not in cols and context.get("default_region"):
        regions = pd.Series(context["default_region"], index=frame.index)

    out = pd.DataFrame({
        "code": codes,
        "year": years,
        "region": regions,
        "group": _text(_column(frame, cols, "group")),
        "value": values,
        "qualifier": qualifiers,
        "note": _text(_column(frame, cols, "note")),
        "source": _text(_column(frame, cols, "source")),
    })
    if header.is_targets:
        baseline = _column(frame, cols, "baseline_year")
        out["baseline_year"] = baseline.map(lambda v: parse_year(v) if normalise_text(v) else None)
    out["sheet"] = sheet
    out["col"] = letter[value_field]
    out["row"] = frame.index.to_numpy(dtype="int32")
    ok = out["code"].notna() & out["year"].notna() & out["value"].notna()
    return out[ok].reset_index(drop=True), problems


def _parse_years(raw: pd.Series, sheet: str, letter: str, context: dict,
                 problems: list[Problem]) -> pd.Series:
    low, high = context["year_min"], context["year_max"]
    numeric = pd.to_numeric(raw, errors="coerce")
    years = numeric.where(numeric == np.floor(numeric))
    for row in raw.index[years.isna()]:
        parsed = parse_year(raw[row])
        if parsed is None:
            shown = normalise_text(raw[row])
            problems.append(Problem("bad_year", sheet, f"{letter}{row}", shown,
                                    params={"low": low, "high": high}))
        else:
            years[row] = parsed
    out_of_range = years.notna() & ((years < low) | (years > high))
    for row in years.index[out_of_range]:
        problems.append(Problem("year_out_of_range", sheet, f"{letter}{row}", str(int(years[row])),
                                params={"low": low, "high": high}))
    return years.where(~out_of_range).astype("Int64")


def _parse_values(raw: pd.Series, codes: pd.Series, sheet: str, col: int,
                  percent_cells: set[tuple[int, int]], problems: list[Problem]) -> tuple[pd.Series, pd.Series]:
    letter = column_letter(col)
    values = pd.to_numeric(raw.where(~raw.map(lambda v: isinstance(v, str))), errors="coerce").astype(float)
    qualifiers = pd.Series("", index=raw.index, dtype=object)
    for row in raw.index[values.isna()]:
        cell = raw[row]
        text = normalise_text(cell)
        if text == "" or text.lower() in NA_WORDS:
            if codes[row] is not None and not pd.isna(codes[row]):
                problems.append(Problem("value_missing", sheet, f"{letter}{row}", text))
            continue
        indicator = BY_CODE.get(codes[row]) if isinstance(codes[row], str) else None
        parsed = parse_number(cell, indicator.unit_zh if indicator else "")
        if parsed is None:
            problems.append(Problem("not_a_number", sheet, f"{letter}{row}", text))
            continue
        values[row] = parsed.value
        qualifiers[row] = parsed.qualifier
    for row, cell_col in percent_cells:
        if cell_col == col and row in values.index and not isinstance(raw[row], str):
            values[row] = values[row] * 100
    return values, qualifiers

