"""Tables of one indicator with regions as rows and years across (national and provincial exports).

The indicator is named above the table (``指标：地区生产总值(亿元)``), in the title or in the sheet
name; every row is a region (a 合计 row is the city, a 小计 row is checked against its parts).
"""

from __future__ import annotations

import re

from indicators.problems import Problem
from indicators.workbook.columns import Columns
from indicators.workbook.context import ReadContext
from indicators.workbook.grid import shown
from indicators.workbook.headers import PeriodHeader
from indicators.workbook.reading import SheetReading
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
    values_present,
)
from indicators.workbook.units import unit_factor
from indicators.workbook.view import SheetView


def read_region_rows(view: SheetView, header: PeriodHeader, rows: list[int], columns: Columns, periods: dict,
                      lines: SheetLines, ctx: ReadContext, reading: SheetReading, out: TableResult) -> TableResult:
    """Regions as rows, one indicator named above the table (指标：…) or in the title or sheet name."""
    reading.layout = "regions"
    named = next((line for line in lines.fields if line.label == "指标"), None)
    source = (named.value, named.cell) if named else (lines.title[1], lines.title[0]) if lines.title else (
        view.name, "")
    label = clean_label(source[0])
    found = ctx.lookup.match(label.text)
    region_col = columns.fields["region"]
    regions = [str(view.label(r, region_col)).strip() for r in rows if view.label(r, region_col) not in ("", None)]
    years = sorted({year for kind, year, _ in periods.values() if kind == "value"})
    if found is None:
        reading.outside.append(label.text or source[0])
        reading.note("left_out_regions_table", source[1], shown(source[0]), n=len(regions),
                     examples="、".join(regions[:4]), years=f"{years[0]}–{years[-1]}" if years else "")
        return out
    indicator = found[0]
    reading.note("row_indicator", source[1], shown(source[0]), code=indicator.code, name={"zh": indicator.name_zh, "en": indicator.name_en},
                 how=HOW.get(found[1], found[1]))
    fake_columns = Columns(labels=[], fields=dict(columns.fields))
    decision = RegionDecision("", "none")
    state = RowState(parent=indicator)
    for r in rows:
        if view.row_hidden(r):
            reading.note("left_out_hidden_row", view.row_ref(r), shown(view.value(r, region_col)))
            continue
        region = row_region(view, r, fake_columns, decision, ctx, reading, out)
        if region is None or not values_present(view, r, periods):
            continue
        unit = label.unit or column_unit(view, r, columns)
        factor = unit_factor(unit, indicator.unit_zh) if unit else 1.0
        if factor is None:
            out.problems.append(Problem("unit_mismatch", view.name, source[1], unit,
                                        params={"expected": indicator.unit_zh}))
            return out
        if region in (TOTAL, SUBTOTAL):
            check_against_parts(view, r, region, periods, indicator, "", unit, factor, state, reading, out)
            if region == SUBTOTAL:
                continue
            region = ""
        for c, (kind, year, period_note) in periods.items():
            parsed = cell_value(view, r, c, indicator, unit, reading, out)
            if parsed is None:
                continue
            value, qualifier, mark = parsed
            ref = view.ref(r, c)
            record = {
                "code": indicator.code, "year": year, "region": region, "group": "", "value": value * factor,
                "qualifier": qualifier, "note": "；".join(
                    n for n in (period_text(year, period_note), mark and f"注{mark}") if n),
                "source": "", "sheet": view.name, "col": ref.rstrip("0123456789"),
                "row": int(re.sub(r"\D", "", ref))}
            if kind == "target":
                out.targets.append(record | {"baseline_year": None})
            else:
                out.observations.append(record)
            reading.n_values += 1
    reading.indicators.add(indicator.code)
    return out
