"""Tables as union offices, district federations and yearbooks really make them, for the reader's tests.

Each builder writes one layout the importer issue names, with openpyxl (as Excel does) or
XlsxWriter (another program's conventions); ``tests/fixtures/`` holds the same tables saved by
LibreOffice (see ``make_fixtures.py`` there).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

from workbooks import save

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sheet(title: str = "表1") -> tuple[openpyxl.Workbook, object]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def wps_region_column() -> bytes:
    """WPS layout: 序号, the indicator merged down its rows, a region column with no header, years."""
    wb, ws = sheet("Sheet1")
    ws.append(["序号", "指标", None, 2008, 2009])
    rows = [("甘州区", 3.23, 3.4), ("城东区", 2.1, 2.3), ("城西区", 1.9, 2.0)]
    for i, (region, v8, v9) in enumerate(rows, start=1):
        ws.append([i, "工会会员数（万人）" if i == 1 else None, region, v8, v9])
    ws.merge_cells("B2:B4")
    return save(wb)


def district_form(reporting: str | None = None, title: str | None = None, sheet_name: str = "表1",
                  extra_lines: list[str] | None = None) -> bytes:
    """A district's form: an optional title and 填报单位 line, then 指标 × 2008/2009."""
    wb, ws = sheet(sheet_name)
    if title:
        ws.append([title])
        ws.merge_cells("A1:C1")
    if reporting is not None:
        ws.append([reporting])
    for line in extra_lines or []:
        ws.append([line])
    ws.append(["指标", "2008年", "2009年"])
    ws.append(["基层工会组织数", 300, 320])
    ws.append(["工会会员数", 3.23, 3.4])
    return save(wb)


def reporting_unit_in_two_cells() -> bytes:
    """填报单位： in one cell, the unit's name in the next, as paper forms are typed in."""
    wb, ws = sheet()
    ws.append(["填报单位：", "甘州区总工会（盖章）", None, "填报日期：2010年1月"])
    ws.append(["指标", "2008年", "2009年"])
    ws.append(["基层工会组织数", 300, 320])
    return save(wb)


def one_sheet_per_district() -> bytes:
    wb = openpyxl.Workbook()
    for i, name in enumerate(("甘州区", "城东区")):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["指标", "2009年"])
        ws.append(["基层工会组织数", 300 + i])
    return save(wb)


def subtotals(total: float = 8.0, subtotal: float = 5.0) -> bytes:
    """Regions as rows of one indicator, with 城区小计 and 合计 rows."""
    wb, ws = sheet()
    ws.append(["指标：工会会员数（万人）"])
    ws.append(["地区", "2009年"])
    for region, value in (("甘州区", 3.0), ("城东区", 2.0), ("城区小计", subtotal), ("北山县", 3.0),
                          ("合计", total)):
        ws.append([region, value])
    return save(wb)


def hidden_parts() -> bytes:
    """A hidden draft row, a hidden draft column and a hidden sheet, all holding values."""
    wb, ws = sheet()
    ws.append(["指标", "2008年", "2009年（草稿）", "2009年"])
    ws.append(["基层工会组织数", 2185, 9999, 2390])
    ws.append(["工会会员数", 99.9, 99.9, 99.9])  # a draft row, hidden
    ws.append(["工会组建率", 0.9, 0.5, 0.92])
    ws["B4"].number_format = ws["C4"].number_format = ws["D4"].number_format = "0%"
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    draft = wb.create_sheet("草稿")
    draft.append(["指标", "2009年"])
    draft.append(["基层工会组织数", 1])
    draft.sheet_state = "hidden"
    return save(wb)


def formulas_without_values() -> bytes:
    """A file written by a script: openpyxl saves formulas without their results."""
    wb, ws = sheet()
    ws.append(["指标", "2008年", "2009年"])
    ws.append(["基层工会组织数", 2185, "=B2+205"])
    return save(wb)


def formulas_with_values(path: Path) -> bytes:
    """The same table from a program that saves each formula's result beside it."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("表1")
    ws.write_row("A1", ["指标", "2008年", "2009年"])
    ws.write("A2", "基层工会组织数")
    ws.write_number("B2", 2185)
    ws.write_formula("C2", "=B2+205", None, 2390)
    wb.close()
    return path.read_bytes()


def periods() -> bytes:
    """Columns named as yearbooks do: 2007年末, 2008年上半年, 2008年6月末 (each a year, the period noted)."""
    wb, ws = sheet()
    ws.append(["指标", "2007年末", "2008年上半年"])
    ws.append(["基层工会组织数", 2100, 2185])
    ws.append(["工会会员数", 10.8, 11.29])
    return save(wb)


def quarters() -> bytes:
    wb, ws = sheet()
    ws.append(["指标", "2009年第一季度", "2009年第二季度"])
    ws.append(["基层工会组织数", 2200, 2210])
    return save(wb)


def years_as_rows() -> bytes:
    """A yearbook table turned on its side: years down column A, indicators across with units."""
    wb, ws = sheet("20-1")
    ws.append(["20-1 工会组织情况"])
    ws.merge_cells("A1:D1")
    ws.append(["年份", "工会基层组织数\n(个)", "会员人数\n(万人)", "#女会员\n(万人)"])
    ws.append([2007, 2010, 10.44, 4.1])
    ws.append([2008, 2185, 11.29, 4.5])
    ws.append(["注:1.2008年为上半年数。"])
    return save(wb)


def yearbook_conventions() -> bytes:
    """# sub-rows, indented rows under section headings, footnote marks, …/—, a 代码 column."""
    wb, ws = sheet("16-11")
    ws.append(["16-11 工会基本情况"])
    ws.append([None, None, "单位:个"])
    ws.append(["代码", "项 目", 2008, 2009])
    ws.append([None, "一、组织建设", None, None])
    ws.append([1, "  基层工会组织数", 2185, "2390*"])
    ws.append([2, "  会员人数(人)", 112900, "120500①"])
    ws.append([3, "   #女会员人数", 4.5, 4.8])
    ws.append([4, "  职工书屋", "…", "—"])
    ws.append([5, "  劳动模范(人)", 165, 171])
    ws.append([None, "   #全国", 2, 2])
    ws.append([None, "注：①2009年为年报数。*为快报数。"])
    ws["B5"].alignment = Alignment(indent=1)
    return save(wb)


def near_miss_and_outside() -> bytes:
    wb, ws = sheet()
    ws.append(["指标", "2009年"])
    ws.append(["基层工会组织树", 2390])  # a typo
    ws.append(["职工人数", 12000])  # outside the catalogue: left out, listed
    return save(wb)


def nothing_for_the_dashboard() -> bytes:
    wb, ws = sheet()
    ws.append(["指标", "2009年", "2010年"])
    ws.append(["职工人数", 12000, 12500])
    ws.append(["女职工人数", 5000, 5200])
    return save(wb)


def long_with_units() -> bytes:
    """A long sheet with a 单位 column: people and yuan as typed, a subtotal in the region column."""
    wb, ws = sheet("数据")
    ws.append(["指标代码", "年份", "地区", "数值", "单位"])
    ws.append(["union_members", 2009, "甘州区", 118600, "人"])
    ws.append(["aid_funds", 2009, "", 5230000, "元"])
    ws.append(["union_members", 2009, "城区小计", 200000, "人"])
    ws.append(["grassroots_unions", 2009, "", 2390, "万元"])  # a unit that cannot be converted
    return save(wb)


def group_rows_take_the_parent_unit() -> bytes:
    wb, ws = sheet()
    ws.append(["指标", "2009年"])
    ws.append(["市总工会帮扶资金（元）", 4_330_000])
    ws.append(["劳动模范（人）", 171])
    ws.append(["其中：全国", 2])
    return save(wb)


def table_unit_line(unit: str = "单位：个") -> bytes:
    """A unit line for the whole table, and a row whose indicator is counted in 万人."""
    wb, ws = sheet()
    ws.append(["工会基本情况"])
    ws.append([unit])
    ws.append(["指标", "2009年"])
    ws.append(["基层工会组织数", 2400])
    ws.append(["工会会员数", 118600])
    return save(wb)


def csv_bytes(encoding: str, bom: bool = False) -> bytes:
    text = "指标代码,年份,地区,数值\ngrassroots_unions,2009,甘州区,320\nunion_members,2009,,12.05\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_to(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def district_table_xlsxwriter(path: Path) -> bytes:
    """The WPS layout as another program writes it (shared strings, its own styles, its own row
    records): a merged title, 填报单位 with （盖章）, 序号, the label merged down, a headerless
    region column, a hidden draft row and a 小计 row."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("汇总表")
    ws.merge_range("A1:E1", "2009年各县区工会组织情况", wb.add_format({"bold": True, "align": "center"}))
    ws.write("A2", "填报单位（盖章）：xx市总工会    填报人：李四")
    ws.write_row("A3", ["序号", "指标", None, "2008年", "2009年"])
    rows = [("甘州区", 300, 320), ("城东区", 200, 210), ("城区小计", 500, 530), ("草稿", 1, 1), ("北山县", 100, 105)]
    for i, (region, v8, v9) in enumerate(rows):
        ws.write_row(3 + i, 0, [i + 1, None, region, v8, v9])
    ws.merge_range("B4:B8", "基层工会组织数（个）")
    ws.set_row(6, None, None, {"hidden": True})  # the draft row, row 7
    wb.close()
    return path.read_bytes()


def unnamed_column_beside_labels(names: tuple[str, ...]) -> bytes:
    """指标 | (no header) | years: each indicator repeated once per name in the unnamed column,
    names that are neither on the region list nor an indicator's groups (总计/企业/事业 …)."""
    wb, ws = sheet()
    ws.append(["指标", None, 2009, 2010])
    for label in ("工会会员数（万人）", "基层工会组织数（个）"):
        for i, name in enumerate(names):
            ws.append([label, name, 10 + i, 11 + i])
    return save(wb)
