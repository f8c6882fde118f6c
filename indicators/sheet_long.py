"""The long layout: one row per indicator, year, region, group and value (or target).

Columns are read whole with pandas, so a 100,000-row sheet costs a few vectorised passes;
only cells that are not plain numbers go through the text reader one by one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.catalogue import BY_CODE, find_indicator
from indicators.cell_values import normalise_text, parse_number, parse_qualifier, parse_year, plain_text
from indicators.problems import Problem
from indicators.safety import column_letter
from indicators.sheet_headers import FOOTNOTE, LongHeader, region_key

NA_WORDS = {"-", "—", "–", "/", "无", "n/a", "na", "×"}


def _grid(data: list[list]) -> np.ndarray:
    """The rows as one 2-D object array (calamine's rows are rectangular; others are padded)."""
    grid = np.empty((len(data), len(data[0])), dtype=object)
    try:
        grid[:] = data
    except ValueError:
        width = max(len(row) for row in data)
        grid = np.empty((len(data), width), dtype=object)
        grid[:] = [list(row) + [""] * (width - len(row)) for row in data]
    return grid


class _Factorized:
    """A column's distinct values, so each function runs once per distinct value, not per row."""

    def __init__(self, series: pd.Series) -> None:
        self.codes, self.uniques = pd.factorize(series.to_numpy(), use_na_sentinel=True)
        self.index = series.index

    def map(self, fn: Callable[[object], object], dtype: object = object) -> pd.Series:
        table = np.empty(len(self.uniques) + 1, dtype=dtype)
        table[:-1] = [fn(u) for u in self.uniques]
        table[-1] = fn(None)  # code -1: an empty (None/NaN) cell
        return pd.Series(table[self.codes], index=self.index)

    def categorical(self, fn: Callable[[object], object]) -> pd.Series:
        """``fn``'s results as a categorical column, built from the codes without a second pass."""
        mapped = np.array([str(fn(u)) for u in self.uniques] + [str(fn(None))], dtype=object)
        categories, inverse = np.unique(mapped, return_inverse=True)
        codes = inverse[self.codes]
        return pd.Series(pd.Categorical.from_codes(codes, categories), index=self.index)

    def subset(self, keep: np.ndarray) -> _Factorized:
        clone = object.__new__(_Factorized)
        clone.codes, clone.uniques, clone.index = self.codes[keep], self.uniques, self.index[keep]
        return clone


def _mapped(series: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    return _Factorized(series).map(fn)


def parse_long_sheet(sheet: str, rows: list[list], header: LongHeader, percent_cells: set[tuple[int, int]],
                     context: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """Observations (or targets) from a long sheet, and the problems its cells have."""
    problems: list[Problem] = []
    cols = header.columns
    data = rows[header.row + 1:]
    if not data:
        return pd.DataFrame(), problems
    index = pd.Index(np.arange(header.row + 2, header.row + 2 + len(data)))  # Excel row numbers
    grid = _grid(data)
    raw = {name: pd.Series(grid[:, col], index=index) for name, col in cols.items() if col < grid.shape[1]}
    value_field = "target" if header.is_targets else "value"
    year_field = "target_year" if header.is_targets else "year"

    factorized = {name: _Factorized(series) for name, series in raw.items()}

    def text(name: str, fn: Callable[[object], object] = normalise_text) -> pd.Series:
        return factorized[name].map(fn) if name in factorized else pd.Series("", index=index, dtype=object)

    def category(name: str, fn: Callable[[object], object] = plain_text) -> pd.Series:
        if name not in factorized:
            return pd.Series(pd.Categorical([""] * len(index)), index=index)
        return factorized[name].categorical(fn)

    labels = text("indicator")
    if "indicator_alt" in cols:  # a code column and a name column: the code wins, the name fills in
        labels = labels.where(labels != "", text("indicator_alt"))
    empty = {name: f.map(lambda v: plain_text(v) == "", dtype=bool).to_numpy() for name, f in factorized.items()}
    blank = np.logical_and.reduce(list(empty.values()))
    no_value = empty[value_field]
    footnote = np.zeros(len(index), dtype=bool)
    footnote[no_value] = labels[no_value].str.match(FOOTNOTE).to_numpy(dtype=bool)
    keep = ~(blank | footnote)
    if not keep.any():
        return pd.DataFrame(), problems
    if not keep.all():
        raw = {name: series[keep] for name, series in raw.items()}
        factorized = {name: f.subset(keep) for name, f in factorized.items()}
        labels = labels[keep]
        index = labels.index

    letter = {name: column_letter(col) for name, col in cols.items()}
    codes = _mapped(labels, lambda label: ind.code if (ind := find_indicator(label)) else None)
    for row in codes.index[codes.isna()]:
        problems.append(Problem("unknown_indicator", sheet, f"{letter['indicator']}{row}", labels[row]))

    years = _parse_years(raw[year_field], sheet, letter[year_field], context, problems)
    values, qualifiers = _parse_values(raw[value_field], codes, sheet, cols[value_field], percent_cells, problems)

    if "qualifier" in raw:
        qualifier_text = text("qualifier")
        explicit = text("qualifier", parse_qualifier)
        for row in explicit.index[explicit.isna()]:
            problems.append(Problem("bad_qualifier", sheet, f"{letter['qualifier']}{row}", qualifier_text[row]))
        qualifiers = explicit.where(explicit.notna() & (explicit != ""), qualifiers)

    city = context.get("city", "")
    if "region" in raw:
        regions = category("region", lambda r: region_key(r, city))
    else:
        regions = pd.Series(context.get("default_region", ""), index=index, dtype=object)

    out = pd.DataFrame({
        "code": codes,
        "year": years,
        "region": regions,
        "group": category("group"),
        "value": values,
        "qualifier": qualifiers,
        "note": category("note"),
        "source": category("source"),
    })
    if header.is_targets:
        out["baseline_year"] = text("baseline_year", lambda v: parse_year(v) if plain_text(v) else None) \
            if "baseline_year" in raw else None
    out["sheet"] = sheet
    out["col"] = letter[value_field]
    out["row"] = index.to_numpy(dtype="int32")
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
    values = pd.to_numeric(raw, errors="coerce").astype(float)
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

