"""Tables with periods across: indicators as rows (or regions as rows), years as columns.

Handles what union offices and yearbooks put around and inside such a table: a (merged) title, a
填报单位/单位 line, a 序号 column, label cells merged down, a region column with or without a
header, a unit column or units in labels (group rows take their parent's), section headings and
indented or ``#``/``其中`` sub-rows (a group of the row above, another indicator, or a statistic
outside the catalogue), ``2013年目标`` columns, periods such as ``2008年上半年``, footnote marks,
``…``/``—`` for no data, hidden rows and columns, formulas without a saved result, and notes under
the table. Tables with years as rows come here transposed (see ``view``).
"""

from __future__ import annotations

import re

from indicators.catalogue import Indicator, normalise_label
from indicators.problems import Problem
from indicators.workbook.columns import Columns, classify_columns, data_rows, row_label
from indicators.workbook.context import ReadContext
from indicators.workbook.grid import shown
from indicators.workbook.header_paths import block_above, classify, column_path, sub_header_row
from indicators.workbook.headers import PeriodHeader
from indicators.workbook.periods import future_year_problem
from indicators.workbook.reading import SheetReading
from indicators.workbook.region_rows import read_region_rows
from indicators.workbook.row_labels import clean_label
from indicators.workbook.sheet_region import RegionDecision, SheetLines
from indicators.workbook.table_cells import (
    HOW,
    SUBTOTAL,
    TOTAL,
    RowState,
    TableResult,
    cell_value,
    check_against_parts,
    column_unit,
    period_text,
    row_region,
    text_at,
    values_present,
)
from indicators.workbook.units import format_factor, is_unit, normalise_unit, unit_factor
from indicators.workbook.view import SheetView

# A section heading naming a part of the whole (a sector, town or country, a kind of employer, women,
# a breakdown) makes the rows under it that part's figures, left out and said: never matched by their
# labels alone. Other headings (一、组织建设, 工会基本情况) are topics of the whole.
_PART_HEADING = re.compile(r"非公|公有制|国有|集体|私营|民营|个体|外资|外商|港澳台|股份|联营|农村|城镇|乡镇|街道|社区|"
                           r"企业|事业|机关|行业|产业|系统|女|农民工|按.*分|其中|分类|分组|分地区|各区|各县")


def heading_is_a_part(text: str) -> bool:
    """Whether the rows under this section heading are a part's figures, not the whole's."""
    return bool(_PART_HEADING.search(text))


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


def read_wide(view: SheetView, header: PeriodHeader, lines: SheetLines, decision: RegionDecision,
              ctx: ReadContext, reading: SheetReading, skip_cols: set[int] | None = None) -> TableResult:
    """Observations and targets of a table with periods across, with the reading and the problems."""
    out = TableResult()
    sheet = view.name
    rows, _ = data_rows(view, header)
    sub = None if view.transposed else sub_header_row(view, header, rows)
    if sub is not None:
        r, words = sub
        reading.layout = "unread"
        out.problems.append(Problem("header_sub_columns", sheet, view.ref(r, header.first_period_col),
                                    "、".join(words[:4]), params={"row": r + 1, "words": "、".join(words[:4])}))
        return out
    columns = classify_columns(view, header, rows, ctx.lookup, ctx.directory, skip_cols)
    periods = _period_columns(view, header, reading, out, ctx.latest_actual_year())
    if not periods:
        return out  # quarters or months only: said once, nothing else to read
    _note_columns(view, header, columns, reading, out)
    if decision.question is not None and "region" not in columns.fields:
        out.problems.append(decision.question)
    if not columns.labels and "region" in columns.fields:
        return read_region_rows(view, header, rows, columns, periods, lines, ctx, reading, out)
    if not columns.labels:
        reading.layout = "unread"
        reading.note("no_label_column", view.ref(header.row, header.first_period_col))
        out.problems.append(Problem("no_label_column", sheet, view.ref(header.row, header.first_period_col),
                                    severity="warning"))
        return out
    unit_line = next((line for line in lines.fields
                      if line.label in ("单位", "计量单位", "unit") and is_unit(line.value)), None)
    table_unit = (normalise_unit(unit_line.value), unit_line.cell) if unit_line is not None else ("", "")
    state = RowState()
    for r in rows:
        _read_row(view, r, columns, periods, state, table_unit, decision, ctx, reading, out)
    return out


def _period_columns(view: SheetView, header: PeriodHeader, reading: SheetReading, out: TableResult,
                    latest: int) -> dict:
    sheet = view.name
    periods: dict[int, tuple[str, int, str]] = {}  # col -> (value|target, year, period note)
    seen: dict[tuple[str, int], int] = {}
    above = [] if view.transposed else block_above(view, header)
    for c, period in sorted(header.periods.items()):
        cell = view.ref(header.row, c)
        text = shown(view.seen(header.row, c))
        if view.col_hidden(c):
            continue  # listed with every hidden column (see the reader)
        kind = "target" if period.kind == "target" else "value"
        path = column_path(view, header, c, above)
        meanings = [(where, element, classify(element)) for where, element in path]
        left_out = next((m for m in meanings if m[2] in ("not_stock", "unknown")), None)
        if left_out is not None:
            rule = "column_not_stock" if left_out[2] == "not_stock" else "column_path_unknown"
            full = " › ".join([*(element for _, element, _ in meanings), text])
            out.problems.append(Problem(rule, sheet, cell, text, severity="warning",
                                        params={"path": full, "where": left_out[0], "element": left_out[1]}))
            reading.note("column_left_out_path", cell, text, path=full, element=left_out[1])
            continue
        if any(m[2] == "target" for m in meanings):
            kind = "target"
        if kind == "value" and period.year > latest:
            out.problems.append(future_year_problem(period.year, latest, sheet, cell))
            continue
        if (kind, period.year) in seen:
            other = view.ref(header.row, seen[(kind, period.year)])
            out.problems.append(Problem("period_conflict", sheet, cell, text, params={"other": other,
                                                                                     "year": period.year}))
            continue
        seen[(kind, period.year)] = c
        periods[c] = (kind, period.year, period.note)
        if kind == "target":
            reading.note("column_target", cell, text, year=period.year)
        elif period.note:
            reading.note("column_period", cell, text, year=period.year, period=period.note)
        else:
            reading.note("column_year", cell, text, year=period.year)
    if header.subannual:
        cells = [view.ref(header.row, c) for c in sorted(header.subannual)]
        example = shown(view.seen(header.row, min(header.subannual)))
        severity = "warning" if periods else "error"
        out.problems.append(Problem("periods_subannual", sheet, cells[0], example, severity=severity,
                                    params={"cells": _span(cells), "n": len(cells)}))
        reading.note("left_out_subannual", _span(cells), example, n=len(cells))
    return periods


def _span(cells: list[str]) -> str:
    return cells[0] if len(cells) == 1 else f"{cells[0]}…{cells[-1]}"


def _note_columns(view: SheetView, header: PeriodHeader, columns: Columns, reading: SheetReading,
                  out: TableResult) -> None:
    h = header.row
    suffix = "_t" if view.transposed else ""
    for c in columns.labels:
        reading.note("column_label" + suffix, view.col_ref(c), shown(view.seen(h, c)))
    for name, c in columns.fields.items():
        if name == "region":
            examples = "、".join(dict.fromkeys(str(view.label(r, c)).strip() for r in range(h + 1, min(h + 40, view.n_rows))
                                               if view.label(r, c) not in ("", None)))
            kind = "column_region_values" if columns.region_by_values else "column_region"
            reading.note(kind + suffix, view.col_ref(c), shown(view.seen(h, c)), examples=examples[:60])
        else:
            reading.note(f"column_{name}{suffix}", view.col_ref(c), shown(view.seen(h, c)))
    for c in columns.unclassified_text:
        examples = "、".join(dict.fromkeys(str(view.label(r, c)) for r in range(h + 1, view.n_rows)
                                           if view.label(r, c) not in ("", None)))
        out.problems.append(Problem("unrecognised_column", view.name, view.col_ref(c), examples[:60]))
        columns.labels.remove(c)


def _is_heading_text(value: object) -> bool:
    """Text, not a row number: a heading typed in the 序号 column (三、…, 其中：…)."""
    text = str(value or "").strip()
    return bool(text) and not text.replace(".", "").isdigit()


def _read_row(view: SheetView, r: int, columns: Columns, periods: dict, state: RowState, table_unit: tuple[str, str],
              decision: RegionDecision, ctx: ReadContext, reading: SheetReading, out: TableResult) -> None:
    sheet = view.name
    if view.row_hidden(r):
        written = [view.value(r, c) for c in [*columns.labels, *periods] if view.value(r, c) not in ("", None)]
        if written:
            reading.note("left_out_hidden_row", view.row_ref(r), shown(written[0]))
        return
    raw, label_col, parents = row_label(view, r, columns.labels)
    code_col = columns.fields.get("code", -1)
    if code_col >= 0 and str(view.label(r, code_col) or "").strip():
        # a filled code names the row: matched, mistyped (did you mean) or outside, as any label is
        raw, label_col = view.label(r, code_col), code_col
    has_values = values_present(view, r, periods)
    seq_col = columns.fields.get("seq", -1)
    if raw in ("", None) and not has_values and seq_col >= 0 and _is_heading_text(view.label(r, seq_col)):
        raw, label_col = view.label(r, seq_col), seq_col  # 三、非公有制企业工会 typed over the 序号 column
    if raw in ("", None) and not has_values:
        return
    cell = view.ref(r, label_col) if label_col >= 0 else view.ref(r, columns.labels[0])
    label = clean_label(raw, view.indent(r, label_col) if label_col >= 0 else 0)
    if label.empty:
        if has_values:
            out.problems.append(Problem("row_without_label", sheet, cell, severity="warning"))
            reading.note("left_out_no_label", view.row_ref(r))
        return
    subrow = label.subrow or (state.parent_indent >= 0 and label.indent > state.parent_indent and not label.numbered)
    found = ctx.lookup.match(label.text)
    # 劳动模范 / 其中：全国 / 省部级: the rows after a 其中 row are groups too, marked or not
    group = _match_group(label.text, state.parent) if subrow or found is None else None
    if group is not None and state.parent is not None:
        indicator, how = state.parent, "group"
        reading.note("row_group", cell, shown(raw), group=group, code=indicator.code, name={"zh": indicator.name_zh, "en": indicator.name_en})
    elif found is not None:
        indicator, how = found
        reading.note("row_indicator", cell, shown(raw), code=indicator.code, name={"zh": indicator.name_zh, "en": indicator.name_en},
                     how=HOW.get(how, how))
        if not subrow:
            state.parent, state.parent_label, state.parent_indent = indicator, label.text, label.indent
            state.parent_unit, state.parent_unit_cell = _own_unit(view, r, label, label_col, columns)
    else:
        if has_values and (close := ctx.lookup.closest(label.text)) is not None:
            out.problems.append(Problem("did_you_mean", sheet, cell, label.text,
                                        params={"suggestion": close.name_zh, "code": close.code}))
        elif not has_values:
            reading.note("row_section", cell, shown(raw))
        elif subrow and state.parent_label:
            reading.note_repeated("left_out_subrow", cell, shown(raw), parent=state.parent_label)
        else:
            reading.note_repeated("left_out_not_catalogue", cell, shown(raw))
        if has_values:
            reading.outside.append(label.text)
            if not subrow:  # its sub-rows (#女职工人数 under 职工人数(万人)) are in its unit too
                state.parent, state.parent_label, state.parent_indent = None, label.text, label.indent
                state.parent_unit, state.parent_unit_cell = _own_unit(view, r, label, label_col, columns)
        else:  # a section heading: the rows under it are its items, not sub-rows of one another
            state.parent, state.parent_label, state.parent_indent = None, "", -1
            state.parent_unit, state.parent_unit_cell = "", ""
            part = heading_is_a_part(label.text)
            state.section, state.section_cell = (label.text, cell) if part else ("", "")
        return
    if state.section and how != "group":
        if has_values:
            out.problems.append(Problem("row_in_section", sheet, cell, label.text, severity="warning",
                                        params={"section": state.section, "where": state.section_cell}))
            reading.note("left_out_section", cell, shown(raw), section=state.section)
        return
    if not has_values:
        reading.note("left_out_blank", view.row_ref(r), shown(raw))
        return
    reading.indicators.add(indicator.code)
    unit, unit_cell = _row_unit(view, r, label, label_col, columns, how == "group" or subrow, state, table_unit,
                                indicator, parents)
    factor = unit_factor(unit, indicator.unit_zh) if unit else 1.0
    if factor is None:
        out.problems.append(Problem("unit_mismatch", sheet, unit_cell, unit, params={"expected": indicator.unit_zh}))
        return
    if factor != 1.0:
        reading.note("unit_conversion", unit_cell, unit, to=indicator.unit_zh, factor=format_factor(factor))
    region = row_region(view, r, columns, decision, ctx, reading, out)
    if region is None:
        return
    if region in (TOTAL, SUBTOTAL):
        check_against_parts(view, r, region, periods, indicator, group or "", unit, factor, state, reading, out)
        if region == SUBTOTAL:
            return
        region = ""
    base_note = label.marks and f"注{label.marks}"
    if label.marks:
        reading.note("mark_removed", cell, shown(raw), mark=label.marks)
    for c, (kind, year, period_note) in periods.items():
        parsed = cell_value(view, r, c, indicator, unit, reading, out)
        if parsed is None:
            continue
        value, qualifier, mark = parsed
        note = "；".join(n for n in (period_text(year, period_note), base_note, mark and f"注{mark}",
                                     text_at(view, r, columns.fields.get("note"))) if n)
        record = {"code": indicator.code, "year": year, "region": region, "group": group or "",
                  "value": value * factor, "qualifier": qualifier, "note": note,
                  "source": text_at(view, r, columns.fields.get("source")), "sheet": sheet,
                  "col": view.ref(r, c).rstrip("0123456789"), "row": int(re.sub(r"\D", "", view.ref(r, c)))}
        (out.targets if kind == "target" else out.observations).append(
            record | ({"baseline_year": None} if kind == "target" else {}))
        reading.n_values += 1


def _own_unit(view: SheetView, r: int, label, label_col: int, columns: Columns) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The unit a row states itself (in its label or its 单位 cell), and that cell."""
    if label.unit:
        return label.unit, view.ref(r, label_col)
    c = columns.fields.get("unit")
    unit = column_unit(view, r, columns)
    return (unit, view.ref(r, c)) if unit and c is not None else ("", "")


def _row_unit(view: SheetView, r: int, label, label_col: int, columns: Columns, under_parent: bool, state: RowState,
              table_unit: tuple[str, str], indicator: Indicator, parents: list[str]) -> tuple[str, str]:
    """The unit of a row's values and the cell that says it. A group row or a 其中 row (#女会员人数 under
    会员人数(万人)) without a unit of its own is in its parent's."""
    own = _own_unit(view, r, label, label_col, columns)
    if own[0]:
        return own
    if under_parent and state.parent_unit:
        return state.parent_unit, state.parent_unit_cell or view.ref(r, label_col)
    for parent in reversed(parents):  # a header of several rows: the unit of the level above
        unit = clean_label(parent).unit
        if unit:
            return unit, view.ref(r, label_col)
    if table_unit[0] and not indicator.is_rate:  # a table-wide 单位：个 is not meant for the % rows
        return table_unit
    return "", ""
