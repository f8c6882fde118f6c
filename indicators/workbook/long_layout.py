"""The long layout: one row per indicator, year, region, group and value (or target).

Columns are read whole with pandas, so a 100,000-row sheet costs a few vectorised passes;
only cells that are not plain numbers go through the text reader one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.cell_values import normalise_text, parse_number, parse_qualifier, parse_year, plain_text
from indicators.problems import Problem
from indicators.workbook.container import column_letter
from indicators.workbook.context import ReadContext
from indicators.workbook.grid import SheetGrid, shown
from indicators.workbook.headers import FOOTNOTE, LongHeader
from indicators.workbook.periods import future_year_problem, parse_period
from indicators.workbook.reading import SheetReading
from indicators.workbook.row_labels import split_marks
from indicators.workbook.sheet_region import answer_key_for_name
from indicators.workbook.table_cells import HOW, NO_DATA, ambiguous_fraction, fraction_problem, period_text
from indicators.workbook.units import format_factor, unit_factor


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


def _spread_merges_down(grid: SheetGrid, header: LongHeader, data: list, key_cols: set[int],
                        reading: SheetReading) -> list:
    """A key cell merged down several rows (北山县 over four rows, an indicator over its years) names every
    row it covers, as a person reads it; each such merge is said in the reading. Values are never spread."""
    merges = [(r0, c0, r1, c1) for r0, c0, r1, c1 in grid.merged
              if r1 > r0 and r0 > header.row and c0 == c1 and c0 in key_cols]
    if not merges:
        return data
    data = [list(row) for row in data]
    for r0, c, r1, _ in merges:
        first, last = r0 - header.row - 1, min(r1 - header.row - 1, len(data) - 1)
        value = data[first][c] if c < len(data[first]) else None
        if value in ("", None):
            continue
        for row in data[first + 1:last + 1]:
            row.extend([None] * (c + 1 - len(row)))
            row[c] = value
        reading.note("merged_down", f"{column_letter(c)}{r0 + 1}:{column_letter(c)}{last + header.row + 2}",
                     shown(value), n=last - first + 1)
    return data


def parse_long_sheet(grid: SheetGrid, header: LongHeader, ctx: ReadContext,
                     reading: SheetReading) -> tuple[pd.DataFrame, list[Problem]]:
    """Observations (or targets) from a long sheet, and the problems its cells have.

    Every rule runs once per distinct value of a column (a 100,000-row sheet has a few dozen
    indicators, years and regions), then the answers are spread back over the rows.
    """
    problems: list[Problem] = []
    sheet = grid.name
    header = _unit_column_of_regions(grid, header, ctx, reading)
    cols = header.columns
    data = grid.rows[header.row + 1:]
    if not data:
        return pd.DataFrame(), problems
    value_field = "target" if header.is_targets else "value"
    data = _spread_merges_down(grid, header, data, {c for name, c in header.columns.items() if name != value_field},
                               reading)
    first_row = header.row + 2  # Excel's number of the first data row
    index = pd.Index(np.arange(first_row, first_row + len(data)))
    table = _grid(data)
    # As object columns, as the cells came: inferring a string dtype would cost a pass per column.
    raw = {name: pd.Series(table[:, col], index=index, dtype=object) for name, col in cols.items()
           if col < table.shape[1]}
    year_field = "target_year" if header.is_targets else "year"
    letter = {name: column_letter(col) for name, col in cols.items()}
    reading.note("header_row", f"{first_row - 1}", "", cells=", ".join(
        f"{letter[n]}={_FIELD_NAMES.get(n, {}).get('zh', n)}" for n in cols))

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
    hidden = np.zeros(len(index), dtype=bool)
    if grid.hidden_rows:
        hidden = np.isin(index.to_numpy() - 1, np.fromiter(grid.hidden_rows, dtype=np.int64))
        shown_hidden = index[hidden & ~blank]
        if len(shown_hidden):
            reading.note("left_out_hidden_rows", _rows_text(shown_hidden), "", n=len(shown_hidden))
    if footnote.any():
        reading.note("left_out_footnote", _rows_text(index[footnote]), str(labels[footnote].iloc[0])[:60])
    keep = ~(blank | footnote | hidden)
    if not keep.any():
        return pd.DataFrame(), problems
    if not keep.all():
        raw = {name: series[keep] for name, series in raw.items()}
        factorized = {name: f.subset(keep) for name, f in factorized.items()}
        labels = labels[keep]
        index = labels.index
    reading.note("long_rows", f"{index[0]}–{index[-1]}", "", n=len(index))

    codes = _indicator_codes(labels, sheet, letter["indicator"], ctx, reading, problems)
    years, period_notes = _parse_years(raw[year_field], sheet, letter[year_field], ctx, reading, problems,
                                       actual=not header.is_targets)
    values, qualifiers, marks, as_percent = _parse_values(raw[value_field], codes, sheet, cols[value_field], grid,
                                                          ctx, reading, problems)
    units = text("unit")
    values = _refuse_fractions(values, codes, as_percent, units, raw[value_field], sheet, letter[value_field], ctx,
                               problems)
    if "unit" in raw:
        values = _convert_units(values, codes, units, sheet, letter["unit"], ctx, reading, problems)

    if "qualifier" in raw:
        qualifier_text = text("qualifier")
        explicit = text("qualifier", parse_qualifier)
        for row in explicit.index[explicit.isna()]:
            problems.append(Problem("bad_qualifier", sheet, f"{letter['qualifier']}{row}", qualifier_text[row]))
        qualifiers = explicit.where(explicit.notna() & (explicit != ""), qualifiers)

    if "region" in raw:
        regions = _regions(factorized["region"], sheet, letter["region"], ctx, reading, problems)
    else:
        given = ctx.default_region if ctx.default_region is not None else ctx.fallback_region
        region = given if given is not None else ""
        regions = pd.Series(region, index=index, dtype=object)
        kind = "region_option" if ctx.default_region is not None else "region_from_submission"
        reading.note(kind if given is not None else "region_none_long", "", "",
                     region=region or {"zh": "全市", "en": "the whole city"})

    notes = category("note")
    extra = period_notes.fillna("") if period_notes is not None else None
    if extra is not None or marks is not None:
        combined = notes.astype(str)
        for more in (extra, marks):
            if more is not None:
                combined = combined.where(more == "", combined.str.cat(more, sep="；").str.strip("；"))
        notes = combined
    out = pd.DataFrame({
        "code": codes,
        "year": years,
        "region": regions,
        "group": category("group"),
        "value": values,
        "qualifier": qualifiers,
        "note": notes,
        "source": category("source"),
    })
    if header.is_targets:
        out["baseline_year"] = text("baseline_year", lambda v: parse_year(v) if plain_text(v) else None) \
            if "baseline_year" in raw else None
    constant = np.zeros(len(out), dtype=np.int8)  # one category each, without a pass over the rows
    out["sheet"] = pd.Categorical.from_codes(constant, [sheet])
    out["col"] = pd.Categorical.from_codes(constant, [letter[value_field]])
    out["row"] = index.to_numpy(dtype="int32")
    ok = out["code"].notna() & out["year"].notna() & out["value"].notna() & out["region"].notna()
    out = out[ok].reset_index(drop=True)
    reading.n_values += len(out)
    return out, problems


_FIELD_NAMES = {"indicator": {"zh": "指标"}, "indicator_alt": {"zh": "指标名称"}, "year": {"zh": "年份"},
                "region": {"zh": "地区"}, "group": {"zh": "分组"}, "value": {"zh": "数值"},
                "target": {"zh": "目标值"}, "target_year": {"zh": "目标年份"}, "unit": {"zh": "单位"},
                "qualifier": {"zh": "限定"}, "note": {"zh": "说明"}, "source": {"zh": "来源"},
                "baseline_year": {"zh": "基期年份"}, "seq": {"zh": "序号"}}


def _rows_text(rows: pd.Index) -> str:
    listed = ", ".join(str(r) for r in rows[:8])
    return listed + (f" …(+{len(rows) - 8})" if len(rows) > 8 else "")


def _indicator_codes(labels: pd.Series, sheet: str, letter: str, ctx: ReadContext, reading: SheetReading,
                     problems: list[Problem]) -> pd.Series:
    """Each row's indicator code, matched once per distinct label; rows outside the catalogue left out."""
    factor = _Factorized(labels)
    matches = [ctx.lookup.match(label) for label in factor.uniques]
    table = np.array([m[0].code if m else None for m in matches] + [None], dtype=object)
    codes = pd.Series(table[factor.codes], index=labels.index)
    counts = np.bincount(factor.codes[factor.codes >= 0], minlength=len(factor.uniques))
    how_counts: dict[str, int] = {}
    for i, (label, match) in enumerate(zip(factor.uniques, matches, strict=True)):
        if match is not None:
            how_counts[match[1]] = how_counts.get(match[1], 0) + int(counts[i])
            continue
        if not str(label).strip():
            continue
        first = int(labels.index[np.argmax(factor.codes == i)])
        close = ctx.lookup.closest(label)
        if close is not None:
            problems.append(Problem("did_you_mean", sheet, f"{letter}{first}", str(label),
                                    params={"suggestion": close.name_zh, "code": close.code, "n": int(counts[i])}))
        else:
            reading.note("left_out_not_catalogue_rows", f"{letter}{first}", str(label)[:60], n=int(counts[i]))
            reading.outside.append(str(label))
    reading.indicators.update(m[0].code for m in matches if m)
    if how_counts:
        reading.note("long_indicators", letter, "", n=len({m[0].code for m in matches if m}),
                     how={lang: ("、" if lang == "zh" else ", ").join(
                         f"{HOW.get(h, {}).get(lang, h)} {n}" for h, n in how_counts.items()) for lang in ("zh", "en")})
    return codes




def _parse_years(raw: pd.Series, sheet: str, letter: str, ctx: ReadContext, reading: SheetReading,
                 problems: list[Problem], actual: bool = True) -> tuple[pd.Series, pd.Series | None]:
    low, high = ctx.year_min, ctx.year_max
    numeric = pd.to_numeric(raw, errors="coerce")
    years = numeric.where(numeric == np.floor(numeric))
    notes: pd.Series | None = None
    todo = raw[years.isna()]
    if len(todo):
        factor = _Factorized(todo)
        parsed = [parse_period(u, 1000, 9999) for u in factor.uniques]
        for i, (text, period) in enumerate(zip(factor.uniques, parsed, strict=True)):
            rows = todo.index[factor.codes == i]
            if period is None or period.kind in ("subannual", "target"):
                rule = "periods_subannual_cell" if period is not None and period.kind == "subannual" else "bad_year"
                for row in rows[:50]:
                    problems.append(Problem(rule, sheet, f"{letter}{row}", normalise_text(raw[row]),
                                            params={"low": low, "high": high}))
                continue
            years[rows] = period.year
            if period.note:
                notes = pd.Series("", index=raw.index, dtype=object) if notes is None else notes
                notes[rows] = period_text(period.year, period.note)
                reading.note("year_period", f"{letter}{rows[0]}", normalise_text(text), year=period.year,
                             period=period.note, n=len(rows))
    out_of_range = years.notna() & ((years < low) | (years > high))
    for row in years.index[out_of_range]:
        problems.append(Problem("year_out_of_range", sheet, f"{letter}{row}", str(int(years[row])),
                                params={"low": low, "high": high}))
    refused = out_of_range
    if actual:
        latest = ctx.latest_actual_year()
        in_future = years.notna() & ~out_of_range & (years > latest)
        for row in years.index[in_future]:
            problems.append(future_year_problem(int(years[row]), latest, sheet, f"{letter}{row}"))
        refused = out_of_range | in_future
    return years.where(~refused).astype("Int64"), notes


def _unit_column_of_regions(grid: SheetGrid, header: LongHeader, ctx: ReadContext,
                            reading: SheetReading) -> LongHeader:
    """A 单位 column holding region names (甘州区, 全市) is the reporting unit's column, not a unit of measure."""
    col = header.columns.get("unit")
    if col is None or "region" in header.columns:
        return header
    names = {plain_text(row[col]) for row in grid.rows[header.row + 1:] if col < len(row)} - {""}
    if not names or any(ctx.directory.match(name).kind not in ("region", "city") for name in names):
        return header
    columns = {("region" if name == "unit" else name): c for name, c in header.columns.items()}
    reading.note("column_unit_is_region", f"{column_letter(col)}{header.row + 1}",
                 plain_text(grid.rows[header.row][col]), examples="、".join(sorted(names)[:6]))
    return dataclasses.replace(header, columns=columns)


def _refuse_fractions(values: pd.Series, codes: pd.Series, as_percent: set[int], units: pd.Series, raw: pd.Series,
                      sheet: str, letter: str, ctx: ReadContext, problems: list[Problem]) -> pd.Series:
    """Rates typed as fractions (0.92) refused by the wide reader's rule, before any unit conversion."""
    rates = [code for code, ind in ctx.lookup.by_code.items() if ind.is_rate]
    candidates = values.index[codes.isin(rates).to_numpy(dtype=bool) & (values > 0).to_numpy() & (values < 1).to_numpy()]
    refused = [row for row in candidates
               if ambiguous_fraction(ctx.lookup.by_code[codes[row]], float(values[row]), row in as_percent, units[row])]
    for row in refused[:50]:
        problems.append(fraction_problem(sheet, f"{letter}{row}", shown(raw[row]), float(values[row])))
    if refused:
        values = values.copy()
        values[refused] = np.nan
    return values


def _parse_values(raw: pd.Series, codes: pd.Series, sheet: str, col: int, grid: SheetGrid, ctx: ReadContext,
                  reading: SheetReading, problems: list[Problem]
                  ) -> tuple[pd.Series, pd.Series, pd.Series | None, set[int]]:
    """Each row's number, qualifier and footnote mark, and the rows whose cell says it is a percentage."""
    letter = column_letter(col)
    as_percent: set[int] = set()
    values = pd.to_numeric(raw, errors="coerce").astype(float)
    values[~np.isfinite(values.to_numpy())] = np.nan  # "inf", "1e400": not numbers a person means
    qualifiers = pd.Series("", index=raw.index, dtype=object)
    marks: pd.Series | None = None
    no_data: list[int] = []
    for row in raw.index[values.isna()]:
        cell = raw[row]
        if (row - 1, col) in grid.formula_without_value:
            problems.append(Problem("formula_without_value", sheet, f"{letter}{row}"))
            continue
        text = normalise_text(cell)
        stripped, mark = split_marks(str(cell)) if isinstance(cell, str) else (cell, "")
        if text == "":
            if codes[row] is not None and not pd.isna(codes[row]):
                problems.append(Problem("value_missing", sheet, f"{letter}{row}", text))
            continue
        if normalise_text(stripped).lower() in NO_DATA or (mark and not normalise_text(stripped)):
            no_data.append(row)
            continue
        indicator = ctx.lookup.by_code.get(codes[row]) if isinstance(codes[row], str) else None
        parsed = parse_number(stripped, indicator.unit_zh if indicator else "")
        if parsed is None:
            problems.append(Problem("not_a_number", sheet, f"{letter}{row}", shown(cell)))
            continue
        values[row] = parsed.value
        qualifiers[row] = parsed.qualifier
        if parsed.percent:
            as_percent.add(row)
        if mark:
            marks = pd.Series("", index=raw.index, dtype=object) if marks is None else marks
            marks[row] = f"注{mark}"
            reading.note("mark_removed", f"{letter}{row}", shown(cell), mark=mark)
    if no_data:
        reading.note("left_out_no_data_rows", f"{letter}{no_data[0]}", shown(raw[no_data[0]]), n=len(no_data))
    percent_rows = [row for row, cell_col in grid.percent if cell_col == col]
    if percent_rows:
        rows = pd.Index(percent_rows) + 1
        rows = rows[rows.isin(values.index)]
        numeric = np.array([not isinstance(raw[r], str) for r in rows], dtype=bool)
        values[rows[numeric]] = values[rows[numeric]] * 100
        as_percent.update(int(r) for r in rows[numeric])
        if numeric.any():
            first = rows[numeric][0]
            reading.note("percent_cells", f"{letter}{first}", shown(raw[first], percent=True), n=int(numeric.sum()))
    return values, qualifiers, marks, as_percent


def _convert_units(values: pd.Series, codes: pd.Series, units: pd.Series, sheet: str, letter: str,
                   ctx: ReadContext, reading: SheetReading, problems: list[Problem]) -> pd.Series:
    """Values in the 单位 column's unit, turned into each indicator's own (118600 人 → 11.86 万人)."""
    pairs = pd.DataFrame({"code": codes, "unit": units}).astype(object)
    factors = pd.Series(1.0, index=values.index)
    for (code, unit), rows in pairs.groupby(["code", "unit"], dropna=True, sort=False).groups.items():
        if not unit or code not in ctx.lookup.by_code:
            continue
        expected = ctx.lookup.by_code[code].unit_zh
        factor = unit_factor(unit, expected)
        if factor is None:
            for row in list(rows)[:50]:
                problems.append(Problem("unit_mismatch", sheet, f"{letter}{row}", unit, params={"expected": expected}))
            factors[rows] = np.nan
        elif factor != 1.0:
            factors[rows] = factor
            reading.note("unit_conversion_rows", f"{letter}{rows[0]}", unit, to=expected, factor=format_factor(factor),
                         n=len(rows), code=code)
    return values * factors


def _regions(factor: _Factorized, sheet: str, letter: str, ctx: ReadContext, reading: SheetReading,
             problems: list[Problem]) -> pd.Series:
    """Each row's region from the registry, matched once per distinct name; totals are the city."""
    table = np.empty(len(factor.uniques) + 1, dtype=object)
    table[-1] = ctx.default_region if ctx.default_region is not None else ""
    first_rows = {}
    for i, name in enumerate(factor.uniques):
        rows = factor.index[factor.codes == i]
        first_rows[i] = int(rows[0])
        match = ctx.directory.match(name)
        cell = f"{letter}{first_rows[i]}"
        if match.kind in ("city", "empty"):
            table[i] = ""
        elif match.kind == "region":
            table[i] = match.region
            if match.how != "exact":
                reading.note("region_matched", cell, shown(name), region=match.region)
        elif match.kind == "subtotal":
            table[i] = None
            reading.note("left_out_subtotal_rows", cell, shown(name), n=len(rows))
        else:
            key = answer_key_for_name(match.text)
            if key in ctx.answers:
                table[i] = ctx.answers[key]
                reading.note("region_answered", cell, shown(name), region=ctx.answers[key] or "全市")
            else:
                table[i] = ""
                problems.append(Problem("ask_region_name", sheet, cell, match.text, severity="question",
                                        params={"id": key, "suggestion": match.suggestion, "name": match.text,
                                                "n": len(rows)}))
    names = sorted({str(v) for v in table[:-1] if v})
    if names:
        reading.note("region_column_long", letter, "", regions="、".join(names[:8]), n=len(names))
    else:
        reading.note("region_column_city", letter, "")
    return pd.Series(table[factor.codes], index=factor.index)
