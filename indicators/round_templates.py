"""A round's templates: one workbook per region, with the form's indicators only, the region's name, its
last published values beside the cells to fill, and the label cells protected; all of them in one zip.

The data sheet is a long sheet the reader knows (指标代码 … 数值 …), under one line naming the form
(表号：R3) and the reporting unit, so a table sent to the wrong round is recognised. Sheet
protection (no password: it guards against slips, the server checks every value anyway) locks the
codes, names, years, regions, groups and last values; value, qualifier, note and source are open.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.catalogue import Catalogue
from indicators.cell_values import QUALIFIER_LABELS
from indicators.labels import t
from indicators.local_time import format_date
from indicators.rounds import Round
from indicators.stat_year import year_label
from indicators.template import _header, append_as_text, workbook_bytes

FORM_PREFIX = "R"
HEADERS = {
    "zh": ["指标代码", "指标名称", "年份", "地区", "分组", "数值", "限定", "说明", "来源", "最近发布值", "发布年份",
           "数值的单位"],
    "en": ["code", "indicator", "year", "region", "group", "value", "qualifier", "note", "source",
           "last published value", "published in", "the value's unit"],
}  # the last three are for the clerk's eyes: the reader knows none of their headers and reads past them
OPEN_COLUMNS = (6, 7, 8, 9)  # value, qualifier, note, source (1-based)
_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def form_id(round_: Round) -> str:
    """The form's number written on its templates (表号：R3)."""
    return f"{FORM_PREFIX}{round_.id}"


def round_of_form(value: str) -> int | None:
    """The round a 表号 names, or None when it is not a round's form."""
    match = re.match(rf"^\s*{FORM_PREFIX}(\d{{1,9}})\b", str(value))
    return int(match.group(1)) if match else None


def region_cell(region: str) -> str:
    return region or "全市"


def _latest(published: pd.DataFrame, code: str, region: str, group: str, before: int) -> tuple[float, int] | None:
    rows = published[(published["code"] == code) & (published["region"] == region) & (published["group"] == group)
                     & (published["year"] < before)]
    if rows.empty:
        return None
    last = rows.sort_values("year").iloc[-1]
    return float(last["value"]), int(last["year"])


def region_workbook(round_: Round, region: str, catalogue: Catalogue, published: pd.DataFrame, lang: str,
                    city: str, year_basis: str = "union") -> Workbook:
    """The template of one region in a round."""
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = "说明" if lang == "zh" else "instructions"
    unit = region_cell(region) if lang == "zh" or region else t("city_total", lang)
    for line in (t("round_template_title", lang, city=city, round=round_.name, region=unit),
                 t("round_template_period", lang, period=year_label(round_.year, year_basis, lang, long=True),
                   deadline=format_date(round_.deadline, lang)),
                 "", *t("round_template_help", lang).split("\n")):
        help_ws.append([line])
    help_ws["A1"].font = Font(bold=True, size=14)
    help_ws.column_dimensions["A"].width = 120

    ws = wb.create_sheet("数据" if lang == "zh" else "data")
    line = (f"表号：{form_id(round_)}（{round_.name}）  填报单位：{region_cell(region)}" if lang == "zh"
            else f"FormID: {form_id(round_)} ({round_.name})  ReportingUnit: {region_cell(region)}")
    ws.append([line])
    ws.append([])  # keeps row 2 clear so the header stands apart
    _header_row(ws, HEADERS[lang])
    mine = published[published["region"] == region] if len(published) else published
    for code in round_.indicators:
        indicator = catalogue.get(code)
        if indicator is None:
            continue
        groups = [""] + sorted(set(mine[(mine["code"] == code) & (mine["group"] != "")]["group"])) if len(mine) else [""]
        for group in groups:
            last = _latest(mine, code, region, group, round_.year) if len(mine) else None
            append_as_text(ws, [code, indicator.name(lang), round_.year, region_cell(region), group, None, None, None,
                                round_.name, last[0] if last else None, last[1] if last else None,
                                indicator.unit(lang)])
    _protect(ws, lang)

    list_ws = wb.create_sheet("指标列表" if lang == "zh" else "indicator list")
    _header(list_ws, [t("field_code", lang), t("indicator", lang), t("unit", lang), t("definition", lang)],
            [30, 34, 10, 90])
    for code in round_.indicators:
        indicator = catalogue.get(code)
        if indicator is not None:
            append_as_text(list_ws, [code, indicator.name(lang), indicator.unit(lang), indicator.definition(lang)])
    for row in list_ws.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    wb.active = 1
    return wb


def _header_row(ws, headers: list[str]) -> None:  # type: ignore[no-untyped-def]
    ws.append(headers)
    row = ws.max_row
    for index, width in enumerate([24, 30, 8, 12, 12, 12, 10, 30, 16, 14, 10, 10], start=1):
        cell = ws.cell(row=row, column=index)
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = f"A{row + 1}"


def _protect(ws, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Label cells locked, the cells to fill open (and shaded), a drop-down for the qualifier."""
    first = 4
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row):
        for column in OPEN_COLUMNS:
            cell = row[column - 1]
            cell.protection = Protection(locked=False)
            cell.fill = _FILL
    qualifiers = ",".join(label[lang] for label in QUALIFIER_LABELS.values() if label[lang])
    validation = DataValidation(type="list", formula1=f'"{qualifiers}"', allow_blank=True)
    ws.add_data_validation(validation)
    if ws.max_row >= first:
        validation.add(f"G{first}:G{ws.max_row}")
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # a clerk may widen a column
    ws.protection.formatRows = False


def region_template(round_: Round, region: str, catalogue: Catalogue, published: pd.DataFrame, lang: str,
                    city: str, year_basis: str = "union") -> bytes:
    return workbook_bytes(region_workbook(round_, region, catalogue, published, lang, city, year_basis))


def file_name(stem: str, suffix: str) -> str:
    """A file name from typed text (a round's name): path separators, quotes and spaces become ``_``."""
    return _UNSAFE.sub("_", stem) + suffix


def template_name(round_: Round, region: str, lang: str) -> str:
    unit = region or ("全市" if lang == "zh" else "city")
    return file_name(f"{round_.name}-{unit}", ".xlsx")


def templates_zip(round_: Round, catalogue: Catalogue, published: pd.DataFrame, lang: str, city: str,
                  year_basis: str = "union") -> bytes:
    """Every region's template of the round in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for region in round_.regions:
            archive.writestr(template_name(round_, region, lang),
                             region_template(round_, region, catalogue, published, lang, city, year_basis))
    return buffer.getvalue()
