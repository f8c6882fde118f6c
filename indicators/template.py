"""Writing workbooks in the upload format: the empty template, a pre-filled one, the built-in data.

The same writer makes all three, so the built-in workbook doubles as a worked example of
exactly what an upload looks like.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.catalogue import BY_CODE, CATALOGUE, CATEGORIES
from indicators.cell_values import QUALIFIER_LABELS

DATA_HEADERS = {
    "zh": ["指标代码", "指标名称", "年份", "地区", "分组", "数值", "限定", "说明", "来源"],
    "en": ["code", "indicator", "year", "region", "group", "value", "qualifier", "note", "source"],
}
TARGET_HEADERS = {
    "zh": ["指标代码", "指标名称", "目标年份", "目标值", "地区", "分组", "限定", "基期年份", "说明", "来源"],
    "en": ["code", "indicator", "target year", "target", "region", "group", "qualifier", "baseline year", "note",
           "source"],
}
SHEET_NAMES = {
    "zh": {"help": "说明", "data": "数据", "targets": "目标", "catalogue": "指标目录", "lists": "列表"},
    "en": {"help": "instructions", "data": "data", "targets": "targets", "catalogue": "indicators",
           "lists": "lists"},
}
DEFAULT_REGIONS = ("甘州区",)
KIND_LABELS = {"stock": ("时点数", "stock"), "rate": ("比率", "rate"), "cumulative": ("累计数", "cumulative"),
               "annual": ("年度数", "annual")}

INSTRUCTIONS = {
    "zh": [
        "工会指标数据填报模板",
        "",
        "1. 在“数据”表每行填写一个数值：指标代码（或指标名称，二者填一即可）、年份、数值；全市合计时“地区”留空。",
        "2. 按分组填报的指标（如劳动模范按级别）在“分组”列填写分组名称，见“指标目录”。",
        "3. 数值可以写成 2185、2,185、76%；比率类指标填百分数（76% 或 76）。",
        "4. “限定”列：报告写“以上、多、余”的填“以上”，写“近、约”的填“约”，精确值留空。",
        "5. “来源”列：如“报告”“示例”“2009年统计年报”。累计数指从2004年起的累计。",
        "6. “目标”表填写目标：指标、目标年份、目标值；“基期年份”可留空。",
        "7. 也可以直接上传本单位常用的宽表：指标为行、年份为列（如 2008 或 2008年），可带标题行、填报单位行、单位列、“其中:”子行和“注:”脚注。",
        "8. 上传后系统会逐格检查，列出所有问题（如 数据!F7），全部无误才会导入；任何一处错误都不会导入部分数据。",
    ],
    "en": [
        "Union indicator data template",
        "",
        "1. In the 'data' sheet, one value per row: indicator code (or name, either will do), year, value; "
        "leave 'region' empty for the whole city.",
        "2. Indicators broken down by group (e.g. model workers by level) take the group in 'group'; see 'indicators'.",
        "3. Values may be typed as 2185, 2,185 or 76%; rates are percentages (76% or 76).",
        "4. 'qualifier': 'at least' where the source says 以上/多/余, 'about' for 近/约, empty for exact values.",
        "5. 'source': e.g. 报告 (the report), 示例 (illustrative), or a statistical yearbook. Running totals count "
        "from 2004.",
        "6. The 'targets' sheet holds targets: indicator, target year, target value; baseline year is optional.",
        "7. A wide table (indicators as rows, years as columns such as 2008 or 2008年) can be uploaded too, with a "
        "title row, a reporting-unit line, a unit column, 其中: sub-rows and 注: footnotes.",
        "8. Every cell is checked on upload and every problem is listed (e.g. data!F7); a file with any error is "
        "not imported at all.",
    ],
}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)


def _qualifier_text(qualifier: str, lang: str) -> str:
    return QUALIFIER_LABELS.get(qualifier or "", {}).get(lang, "")


def append_as_text(ws, row: list) -> None:
    """Append a row; text is always a text cell, so ``=1+1`` typed in a note is never a formula.

    (openpyxl turns any string starting with ``=`` into a formula; the text type undoes that
    without altering the text, so a pre-filled template sent back keeps every note as it was.)
    """
    ws.append(row)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _header(ws, headers: list[str], widths: list[int]) -> None:
    ws.append(headers)
    for index, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def _rows(frame: pd.DataFrame | None, lang: str, targets: bool) -> list[list]:
    if frame is None or frame.empty:
        return []
    frame = frame.sort_values(["code", "region", "group", "year"], key=lambda s: s.map(
        {ind.code: i for i, ind in enumerate(CATALOGUE)}) if s.name == "code" else s)
    rows = []
    for rec in frame.to_dict("records"):
        name = BY_CODE[rec["code"]].name(lang)
        value = float(rec["value"])
        value = int(value) if value.is_integer() else value
        qualifier = _qualifier_text(rec.get("qualifier", ""), lang)
        if targets:
            baseline = rec.get("baseline_year")
            baseline = "" if baseline is None or pd.isna(baseline) else int(baseline)
            rows.append([rec["code"], name, int(rec["year"]), value, rec["region"], rec["group"], qualifier,
                         baseline, rec["note"], rec["source"]])
        else:
            rows.append([rec["code"], name, int(rec["year"]), rec["region"], rec["group"], value, qualifier,
                         rec["note"], rec["source"]])
    return rows


def build_workbook(observations: pd.DataFrame | None = None, targets: pd.DataFrame | None = None,
                   lang: str = "zh", regions: tuple[str, ...] | None = None,
                   extra_rows: int = 200) -> Workbook:
    """A workbook in the upload format: instructions, data, targets, the indicator list.

    With no frames it is the empty template; with the current data it can be edited and sent
    back. Drop-downs offer codes, names, regions and qualifiers for ``extra_rows`` more rows.
    """
    if regions is None:
        found = sorted(set(observations["region"]) - {""}) if observations is not None and len(observations) else []
        regions = tuple(found) or DEFAULT_REGIONS
    names = SHEET_NAMES[lang]
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = names["help"]
    for line in INSTRUCTIONS[lang]:
        help_ws.append([line])
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 120

    data_ws = wb.create_sheet(names["data"])
    _header(data_ws, DATA_HEADERS[lang], [30, 34, 8, 12, 12, 12, 10, 40, 24])
    data_rows = _rows(observations, lang, targets=False)
    for row in data_rows:
        append_as_text(data_ws, row)

    target_ws = wb.create_sheet(names["targets"])
    _header(target_ws, TARGET_HEADERS[lang], [30, 34, 10, 10, 12, 12, 10, 10, 40, 24])
    target_rows = _rows(targets, lang, targets=True)
    for row in target_rows:
        append_as_text(target_ws, row)

    cat_ws = wb.create_sheet(names["catalogue"])
    # The columns after 报告片段 say the rest of an entry, so an admin can add an indicator here
    # (indicators/workbook/catalogue_sheet.py reads the sheet back).
    cat_headers = (["指标代码", "指标名称", "英文名称", "类别", "单位", "类型", "分组", "定义", "报告片段", "方向",
                    "英文单位", "英文定义", "分子指标", "分母指标", "所属指标"] if lang == "zh"
                   else ["code", "indicator", "Chinese name", "category", "unit", "kind", "groups", "definition",
                         "fragment", "direction", "Chinese unit", "Chinese definition", "numerator", "denominator",
                         "part of"])
    _header(cat_ws, cat_headers, [30, 34, 40, 14, 8, 10, 24, 80, 8, 10, 12, 40, 24, 24, 24])
    other = "en" if lang == "zh" else "zh"
    for ind in CATALOGUE:
        kind = KIND_LABELS[ind.kind][0 if lang == "zh" else 1]
        append_as_text(cat_ws, [ind.code, ind.name(lang), ind.name(other), CATEGORIES[ind.category][lang],
                                ind.unit(lang), kind, "、".join(ind.groups), ind.definition(lang), ind.fragment,
                                ind.direction, ind.unit(other), ind.definition(other), ind.numerator,
                                ind.denominator, ind.part_of])
    for row in cat_ws.iter_rows(min_row=2):
        row[7].alignment = Alignment(wrap_text=True, vertical="top")

    lists_ws = wb.create_sheet(names["lists"])
    lists_ws.append(["地区" if lang == "zh" else "region", "限定" if lang == "zh" else "qualifier"])
    qualifiers = [label[lang] for label in QUALIFIER_LABELS.values() if label[lang]]
    for i in range(max(len(regions), len(qualifiers))):
        append_as_text(lists_ws, [regions[i] if i < len(regions) else None,
                                  qualifiers[i] if i < len(qualifiers) else None])
    lists_ws.sheet_state = "hidden"

    n = len(CATALOGUE) + 1
    cat = f"'{names['catalogue']}'"
    lists = f"'{names['lists']}'"
    _drop_down(data_ws, f"={cat}!$A$2:$A${n}", "A", len(data_rows), extra_rows, strict=True, lang=lang)
    _drop_down(data_ws, f"={cat}!$B$2:$B${n}", "B", len(data_rows), extra_rows, strict=True, lang=lang)
    _drop_down(data_ws, f"={lists}!$A$2:$A${len(regions) + 1}", "D", len(data_rows), extra_rows, strict=False,
               lang=lang)
    _drop_down(data_ws, f"={lists}!$B$2:$B${len(qualifiers) + 1}", "G", len(data_rows), extra_rows, strict=True,
               lang=lang)
    _drop_down(target_ws, f"={cat}!$A$2:$A${n}", "A", len(target_rows), extra_rows, strict=True, lang=lang)
    _drop_down(target_ws, f"={cat}!$B$2:$B${n}", "B", len(target_rows), extra_rows, strict=True, lang=lang)
    _drop_down(target_ws, f"={lists}!$A$2:$A${len(regions) + 1}", "E", len(target_rows), extra_rows, strict=False,
               lang=lang)
    wb.active = 1
    return wb


def _drop_down(ws, formula: str, column: str, filled: int, extra: int, strict: bool, lang: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = True
    validation.errorStyle = "stop" if strict else "warning"
    validation.errorTitle = "不在列表中" if lang == "zh" else "Not in the list"
    validation.error = ("请从下拉列表中选择。" if lang == "zh" else "Pick a value from the drop-down list.") if strict else (
        "这是新的地区名称，确定吗？" if lang == "zh" else "This is a new region name. Keep it?")
    ws.add_data_validation(validation)
    validation.add(f"{column}2:{column}{filled + extra + 1}")


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_template(path: str | Path, lang: str = "zh", observations: pd.DataFrame | None = None,
                   targets: pd.DataFrame | None = None, regions: tuple[str, ...] | None = None) -> None:
    """Write the template (empty, or pre-filled with the frames given) to ``path``."""
    build_workbook(observations, targets, lang, regions).save(path)
