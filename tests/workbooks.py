"""Workbooks made for the tests, the way people and programs really write them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment


def save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def long_workbook(rows: list[list], headers: list[str] | None = None, sheet: str = "数据") -> bytes:
    """A long sheet written by openpyxl: one row per value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers or ["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"])
    for row in rows:
        ws.append(row)
    return save(wb)


def wide_workbook_openpyxl() -> bytes:
    """The wide table union offices keep, as Excel (openpyxl) writes it.

    A merged title row, a 填报单位/单位 line, indicators as rows with units in a column or in
    the label, years as columns (2008 and "2009年"), 其中: sub-rows, percent-formatted rates,
    a number typed as text, and a 注: footnote.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2009年报"
    ws["A1"] = "xx市工会组织建设情况统计表"
    ws.merge_cells("A1:E1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位：xx市总工会"
    ws["D2"] = "填报日期：2010年1月"
    ws.append(["指标", "单位", 2008, "2009年", "2013年目标"])  # row 3
    ws.append(["基层工会组织数", "个", 2185, "2,390", None])  # row 4: text number
    ws.append(["工会会员数(万人)", None, 11.29, 12.05, None])  # row 5: unit in the label
    ws.append(["  其中：发展农民工会员", "万人", 3.01, 3.6, None])  # row 6: sub-row, another indicator
    ws.append(["工会组建率", "%", 0.9, 0.92, 0.95])  # row 7: percent-formatted
    ws.append(["劳动模范", "名", 165, 171, None])  # row 8
    ws.append(["其中：全国", "名", 2, 2, None])  # row 9: group sub-rows
    ws.append(["省部级", "名", 19, 20, None])  # row 10
    ws.append([])
    ws.append(["注：2008年为截至上半年数据。"])  # row 12
    ws.append(["填报人：张三"])
    for row in (7,):
        for col in "CDE":
            ws[f"{col}{row}"].number_format = "0%"
    return save(wb)


def wide_workbook_xlsxwriter(path: Path) -> bytes:
    """The same kind of table as another program writes it (shared strings, its own styles)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("组织建设")
    pct = wb.add_format({"num_format": "0.0%"})
    title = wb.add_format({"bold": True, "align": "center"})
    ws.merge_range("A1:D1", "2009年度工会统计表", title)
    ws.write("A2", "填报单位：甘州区总工会　　单位：个")
    ws.write_row("A4", ["项目", "2007年", "2008年", "2009年"])
    ws.write_row("A5", ["基层工会组织数", 700, 720, "760"])
    ws.write("A6", "集体合同(工资集体协议)签订率")
    ws.write_number("B6", 0.70, pct)
    ws.write_number("C6", 0.76, pct)
    ws.write_number("D6", 0.801, pct)
    ws.write("A8", "注：本表不含市直单位。")
    wb.close()
    return path.read_bytes()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of an .xlsx with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, (replace or {}).get(name, zin.read(name)))
        for name, content in (add or {}).items():
            zout.writestr(name, content)
    return out.getvalue()
