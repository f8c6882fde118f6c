"""What each column left of the years holds: labels, regions, units, a 序号 column, notes.

A header names most columns (指标, 单位, 地区 …); a column without one is recognised by what it
holds: small whole numbers are a 序号 column, units a unit column, names of places (with 区/县/市
or on the region list) a region column (a common WPS layout), other text a label column. A table
may have several label columns (a section column beside the item column, or a header of several
rows when years run down the side); a row's label is the last one filled in, and the ones before
it are its parents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.catalogue import Lookup
from indicators.region_names import RegionDirectory, looks_like_region
from indicators.workbook.headers import FOOTNOTE, PeriodHeader, field_of, fold, names_code
from indicators.workbook.row_labels import clean_label
from indicators.workbook.units import is_unit
from indicators.workbook.view import SheetView

_KEPT_FIELDS = ("unit", "region", "group", "note", "source", "qualifier")


@dataclass
class Columns:
    labels: list[int] = field(default_factory=list)  # label columns, left to right
    fields: dict[str, int] = field(default_factory=dict)  # unit, region, group, note, source, qualifier, seq, code
    region_by_values: bool = False  # the region column has no header: recognised by its values
    hidden: list[int] = field(default_factory=list)  # hidden columns that hold something
    unclassified_text: list[int] = field(default_factory=list)


def data_rows(view: SheetView, header: PeriodHeader) -> tuple[list[int], int]:
    """The rows of the table under the header, and the first row of what follows it (notes, 填报人)."""
    first = header.first_period_col
    rows: list[int] = []
    end = view.n_rows
    for r in range(header.row + 1, view.n_rows):
        label = next((str(v) for c in range(first) if isinstance(v := view.seen(r, c), str) and v.strip()), "")
        has_values = any(view.seen(r, c) not in ("", None) for c in header.periods)
        if not has_values and label and FOOTNOTE.match(label.strip().lstrip("\u3000")):
            end = r
            break
        rows.append(r)
    # Trailing empty rows end the table; a hidden row holding values is not empty (it is read as
    # left out, with a note), so emptiness is judged on what the cells hold, not on what shows.
    while rows and all(view.value(rows[-1], c) in ("", None) for c in range(view.n_cols)):
        rows.pop()
    return rows, end


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    text = str(value).strip()
    return text.isdigit() and len(text) <= 4


def classify_columns(view: SheetView, header: PeriodHeader, rows: list[int], lookup: Lookup,
                     directory: RegionDirectory, skip: set[int] | None = None) -> Columns:
    """Sort the columns left of the years (and named columns anywhere) into labels, regions, units …"""
    columns = Columns()
    first = header.first_period_col
    candidates = sorted(set(range(first)) | {c for c in header.fields.values() if c not in header.periods})
    for c in candidates:
        if skip and c in skip:
            continue
        values = [view.label(r, c) for r in rows]
        filled = [v for v in values if v not in ("", None)]
        if view.col_hidden(c):
            if any(view.value(r, c) not in ("", None) for r in rows):
                columns.hidden.append(c)
            continue
        name = field_of(view.seen(header.row, c))
        if name == "seq" and any(lookup.match(v) or lookup.closest(v) for v in filled if isinstance(v, str)):
            name = "indicator"  # a 代码 column holding indicator codes (or typos of them)
        if name in _KEPT_FIELDS or name == "seq":
            columns.fields.setdefault(name, c)
            continue
        if name == "indicator":
            columns.labels.append(c)
            continue
        if not filled:
            continue
        if all(_is_number(v) for v in filled):
            columns.fields.setdefault("seq", c)
            continue
        texts = [v for v in filled if isinstance(v, str)]
        if texts and sum(is_unit(v) for v in texts) >= 0.8 * len(texts) and "unit" not in columns.fields:
            columns.fields["unit"] = c
            continue
        catalogue_hits = sum(1 for v in texts if lookup.match(clean_label(v).text))
        regional = sum(1 for v in texts if looks_like_region(v, directory))
        if texts and catalogue_hits == 0 and regional >= 0.6 * len(texts) and "region" not in columns.fields:
            columns.fields["region"] = c
            columns.region_by_values = True
            continue
        columns.labels.append(c)
    codes = [c for c in columns.labels if names_code(view.seen(header.row, c))]
    if codes and len(codes) < len(columns.labels):
        # 指标代码 beside 指标名称: the code names the row where it is filled, never a parent label
        columns.fields["code"] = codes[0]
        columns.labels.remove(codes[0])
    if not columns.labels and "region" in columns.fields and not columns.region_by_values:
        return columns  # regions are the rows: the indicator is named above the table
    if len(columns.labels) > 1 and "region" not in columns.fields:
        # Two text columns where labels repeat in one and vary in the other: the other is regions
        # whose names are not (yet) on the list, such as a county-level city; say so, never merge them.
        for c in columns.labels[1:]:
            names = [fold(view.label(r, c)) for r in rows if view.label(r, c) not in ("", None)]
            parents = [fold(view.label(r, columns.labels[0])) for r in rows if view.label(r, c) not in ("", None)]
            if names and len(set(parents)) < len(parents) and len(set(names)) < len(names) \
                    and all(not lookup.match(clean_label(n).text) for n in names):
                columns.unclassified_text.append(c)
    return columns


def row_label(view: SheetView, r: int, label_cols: list[int]) -> tuple[object, int, list[str]]:
    """The row's own label (the last label column filled in), its column, and the labels before it."""
    chosen, chosen_col, parents = "", -1, []
    for c in label_cols:
        value = view.label(r, c)
        if value not in ("", None) and str(value).strip():
            if chosen not in ("", None) and str(chosen).strip() != str(value).strip():
                parents.append(str(chosen))
            chosen, chosen_col = value, c
    return chosen, chosen_col, parents
