"""A workbook's 指标目录 sheet: the indicators it lists that the catalogue does not have yet.

The upload template writes the catalogue as this sheet; an admin adds a row (code, names, units,
kind, direction, category, definitions …) and sends the workbook back, and the new indicator's
values in the same workbook are read with it. Rows whose code the catalogue has are left as they
are. Every wrong field is an error naming its cell; only an admin may publish a file that adds
indicators (the application checks that, not the reader).
"""

from __future__ import annotations

from indicators.catalogue import Catalogue, Indicator
from indicators.catalogue_edit import indicator_problems, make_indicator, normalise_fields
from indicators.problems import Problem
from indicators.workbook.container import column_letter
from indicators.workbook.grid import SheetGrid, shown
from indicators.workbook.headers import fold
from indicators.workbook.reading import SheetReading

HEADER_FIELDS: dict[str, str] = {
    **dict.fromkeys(("指标代码", "代码", "code"), "code"),
    **dict.fromkeys(("指标名称", "名称", "中文名称", "chinesename"), "name_zh"),
    **dict.fromkeys(("英文名称", "englishname", "indicator", "name"), "name_en"),
    **dict.fromkeys(("单位", "中文单位", "计量单位", "chineseunit"), "unit_zh"),
    **dict.fromkeys(("英文单位", "englishunit", "unit"), "unit_en"),
    **dict.fromkeys(("类型", "kind"), "kind"),
    **dict.fromkeys(("方向", "direction"), "direction"),
    **dict.fromkeys(("类别", "category"), "category"),
    **dict.fromkeys(("定义", "中文定义", "chinesedefinition"), "definition_zh"),
    **dict.fromkeys(("英文定义", "englishdefinition", "definition"), "definition_en"),
    **dict.fromkeys(("分组", "groups"), "groups"),
    **dict.fromkeys(("别名", "aliases"), "aliases"),
    **dict.fromkeys(("分子指标", "分子", "numerator"), "numerator"),
    **dict.fromkeys(("分母指标", "分母", "denominator"), "denominator"),
    **dict.fromkeys(("所属指标", "其中项所属", "partof"), "part_of"),
}


def _header(grid: SheetGrid) -> tuple[int, dict[str, int]] | None:
    for r in range(min(10, len(grid.rows))):
        columns: dict[str, int] = {}
        for c in range(grid.width):
            name = HEADER_FIELDS.get(fold(grid.seen(r, c)))
            if name and name not in columns:
                columns[name] = c
        if "code" in columns and ("name_zh" in columns or "name_en" in columns):
            return r, columns
    return None


def read_catalogue_sheet(grid: SheetGrid, catalogue: Catalogue,
                         sheet: SheetReading) -> tuple[list[Indicator], list[Problem]]:
    """The new indicators a catalogue sheet lists, and the problems of its rows."""
    sheet.layout = "catalogue"
    found = _header(grid)
    if found is None:
        sheet.note("catalogue_no_header")
        return [], []
    header, columns = found
    new: list[Indicator] = []
    problems: list[Problem] = []
    known = 0
    seen: set[str] = set()
    for r in range(header + 1, len(grid.rows)):
        raw = {name: grid.seen(r, c) for name, c in columns.items()}
        code_text = str(raw.get("code") or "").strip()
        if not code_text:
            continue
        code_cell = f"{column_letter(columns['code'])}{r + 1}"
        if code_text.lower() in catalogue.by_code:
            known += 1
            continue
        if code_text.lower() in seen:
            problems.append(Problem("catalogue_duplicate_row", grid.name, code_cell, shown(code_text),
                                    params={"found": code_text}))
            continue
        seen.add(code_text.lower())
        fields = normalise_fields(raw)
        wrong = indicator_problems(fields, catalogue)
        for item in wrong:
            column = columns.get(item.field, columns["code"])
            problems.append(Problem(item.rule, grid.name, f"{column_letter(column)}{r + 1}",
                                    shown(raw.get(item.field, "")), params=item.message_params()))
        if wrong:
            continue
        indicator = make_indicator(fields)
        new.append(indicator)
        catalogue = catalogue.with_added([indicator])  # the next row may name this one
        sheet.note("catalogue_new", code_cell, shown(raw.get("name_zh") or raw.get("name_en") or code_text),
                   code=indicator.code)
    if known:
        sheet.note("catalogue_known", "", "", n=known)
    sheet.n_values = len(new)
    if not new and not problems:
        sheet.layout = "skipped"  # the list of the catalogue as it is: nothing to add
    return new, problems
