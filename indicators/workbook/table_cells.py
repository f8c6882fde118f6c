"""What the cells of a table hold: a value, no data, a formula without a result, a region, a total.

Shared by the readers of tables with periods across (indicators as rows, regions as rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.catalogue import Indicator
from indicators.cell_values import normalise_text, parse_number
from indicators.problems import Problem
from indicators.workbook.columns import Columns
from indicators.workbook.context import ReadContext
from indicators.workbook.grid import shown
from indicators.workbook.reading import SheetReading
from indicators.workbook.row_labels import split_marks
from indicators.workbook.sheet_region import RegionDecision, answer_key_for_name
from indicators.workbook.units import normalise_unit
from indicators.workbook.view import SheetView

NO_DATA = {"-", "—", "–", "--", "——", "/", "…", "...", "……", "***", "**", "*", "×", "n/a", "na", "无", "空"}
_RATE_FRACTION_UNITS = {"小数", "比例"}

@dataclass
class RowState:
    """What the rows above say about the next one: its section, its parent and the parent's unit."""

    parent: Indicator | None = None
    parent_label: str = ""
    parent_unit: str = ""
    parent_unit_cell: str = ""  # where the parent's unit is written (its label, or its 单位 cell)
    parent_indent: int = -1
    block_start: int = 0  # first observation since the last subtotal or total row
    total_start: int = 0  # first observation since the last total row
    section: str = ""  # the heading above that makes the rows under it a part's (三、非公有制企业工会), else ""
    section_cell: str = ""


@dataclass
class TableResult:
    observations: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


TOTAL, SUBTOTAL = "\x00total", "\x00subtotal"  # a 合计 row (stored as the city) and a 小计 row (checked only)

def period_text(year: int, period: str) -> str:
    """``2008年上半年``, ``2007年末``: the period a value belongs to, for its note."""
    if not period:
        return ""
    return f"{year}{period}" if period.startswith("年") else f"{year}年{period}"


HOW = {"code": {"zh": "代码", "en": "code"}, "name": {"zh": "名称", "en": "name"},
        "name_en": {"zh": "英文名称", "en": "English name"}, "alias": {"zh": "别名", "en": "alias"}}


def values_present(view: SheetView, r: int, periods: dict) -> bool:
    return any(view.seen(r, c) not in ("", None) for c in periods)


def text_at(view: SheetView, r: int, c: int | None) -> str:
    if c is None:
        return ""
    value = view.seen(r, c)
    return "" if value in ("", None) else shown(value)


def column_unit(view: SheetView, r: int, columns: Columns) -> str:
    c = columns.fields.get("unit")
    return normalise_text(view.seen(r, c)) if c is not None else ""


def row_region(view: SheetView, r: int, columns: Columns, decision: RegionDecision, ctx: ReadContext,
                reading: SheetReading, out: TableResult) -> str | None:
    c = columns.fields.get("region")
    if c is None:
        return decision.region if decision.region is not None else ""
    text = view.label(r, c)
    cell = view.ref(r, c)
    match = ctx.directory.match(text)
    if match.kind == "city":
        reading.note("region_total_row", cell, shown(text))
        return TOTAL
    if match.kind == "subtotal":
        reading.note("left_out_subtotal", cell, shown(text))
        return SUBTOTAL
    if match.kind == "region":
        if match.how != "exact":
            reading.note("region_matched", cell, shown(text), region=match.region)
        return match.region
    if match.kind == "empty":
        reading.note("left_out_no_region", view.row_ref(r))
        return None
    key = answer_key_for_name(match.text)
    if key in ctx.answers:
        reading.note("region_answered", cell, shown(text), region=ctx.answers[key] or "全市")
        return ctx.answers[key]
    if not any(p.params.get("id") == key for p in out.problems):
        out.problems.append(Problem("ask_region_name", view.name, cell, match.text, severity="question",
                                    params={"id": key, "suggestion": match.suggestion, "name": match.text}))
    return ""


def ambiguous_fraction(indicator: Indicator, number: float, typed_percent: bool, unit: str) -> bool:
    """A rate under 1 with no % sign, no percentage format and no 单位：小数: 0.92 may mean 92 % or 0.92 %,
    so it is asked to be written plainly rather than guessed (long and wide tables alike)."""
    return indicator.is_rate and 0 < number < 1 and not typed_percent \
        and normalise_unit(unit) not in _RATE_FRACTION_UNITS


def fraction_problem(sheet: str, cell: str, found: str, number: float) -> Problem:
    """The error for an ambiguous fraction, naming the cell and the percentage it may mean."""
    return Problem("ambiguous_fraction", sheet, cell, found, params={"percent": f"{number * 100:g}%"})


def cell_value(view: SheetView, r: int, c: int, indicator: Indicator, unit: str, reading: SheetReading,
                out: TableResult) -> tuple[float, str, str] | None:
    """(value, qualifier, footnote mark) of one cell, or None when it holds none (said in the reading)."""
    cell = view.ref(r, c)
    if view.col_hidden(c):
        return None
    if view.formula_without_value(r, c):
        out.problems.append(Problem("formula_without_value", view.name, cell))
        return None
    value = view.seen(r, c)
    if value in ("", None):
        return None
    mark = ""
    if isinstance(value, str):
        value, mark = split_marks(value)
        text = normalise_text(value)
        if text.lower() in NO_DATA or (not text and mark):
            reading.no_data.append((cell, shown(view.seen(r, c))))
            return None
    parsed = parse_number(value, indicator.unit_zh)
    if parsed is None:
        out.problems.append(Problem("not_a_number", view.name, cell, shown(view.seen(r, c))))
        return None
    number = parsed.value
    if view.percent(r, c) and not isinstance(value, str):
        number *= 100
    elif ambiguous_fraction(indicator, number, parsed.percent, unit):
        out.problems.append(fraction_problem(view.name, cell, shown(view.seen(r, c)), number))
        return None
    if mark:
        reading.note("mark_removed", cell, shown(view.seen(r, c)), mark=mark)
    return number, parsed.qualifier, mark


def check_against_parts(view: SheetView, r: int, kind: str, periods: dict, indicator: Indicator, group: str,
                         unit: str, factor: float, state: RowState, reading: SheetReading, out: TableResult) -> None:
    """A 小计 or 合计 row is checked against the sum of the region rows since the last such row."""
    start = state.block_start if kind == SUBTOTAL else state.total_start
    block = [o for o in out.observations[start:]
             if o["code"] == indicator.code and o["group"] == group and o["region"]]
    state.block_start = len(out.observations)
    if kind == TOTAL:
        state.total_start = len(out.observations)
    if indicator.is_rate or len({o["region"] for o in block}) < 2:
        return
    quiet = SheetReading(reading.sheet, reading.layout)  # the row's own cells are noted when stored
    for c, (kind_, year, _) in periods.items():
        if kind_ != "value":
            continue
        parsed = cell_value(view, r, c, indicator, unit, quiet, TableResult())
        parts = [o["value"] for o in block if o["year"] == year]
        if parsed is None or len(parts) < 2:
            continue
        total, summed = parsed[0] * factor, sum(parts)
        if abs(total - summed) > max(1e-6, 0.005 * abs(summed)):
            out.problems.append(Problem("subtotal_mismatch" if kind == SUBTOTAL else "total_mismatch", view.name,
                                        view.ref(r, c), shown(view.seen(r, c)), severity="warning",
                                        params={"sum": f"{summed / factor:,.10g}", "n": len(parts)}))
        else:
            reading.note("total_checked", view.ref(r, c), shown(view.seen(r, c)), n=len(parts))
