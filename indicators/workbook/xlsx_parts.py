"""What an .xlsx says beside its values: percent formats, indents, hidden rows and columns, formulas.

Read from the parts' XML with literal-led searches, so a 100,000-row sheet without any of these
costs a few ``in`` tests: the slow patterns run only where their keyword occurs. The container
check has already refused entity declarations, macros and far-away cells.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import PurePosixPath

from indicators.workbook.container import FORMULA_MARK, HIDDEN_MARK, PartMarks, column_index
from indicators.workbook.grid import Cell, SheetGrid

_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*?)(/>|>(.*?)</(?:\w+:)?xf>)", re.DOTALL)
_NUMFMT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_ATTR_NUMFMT = re.compile(rb'numFmtId="(\d+)"')
_INDENT = re.compile(rb'<(?:\w+:)?alignment\b[^>]*?\bindent="(\d+)"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN_COL = re.compile(rb'<(?:\w+:)?col\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_MIN = re.compile(rb'\bmin="(\d+)"')
_MAX = re.compile(rb'\bmax="(\d+)"')
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b([^>/]*)>(.*?)</(?:\w+:)?c>', re.DOTALL)  # not <c .../>
_FORMULA_TEXT = re.compile(rb'<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)', re.DOTALL)
_VALUE = re.compile(rb'<(?:\w+:)?v\b[^>]*>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is\b')


# Formulas that reach outside the workbook (web, other programs, other files): read as their saved
# value, but flagged, and a download of the original carries a warning.
EXTERNAL_CALL = re.compile(r"\b(WEBSERVICE|FILTERXML|HYPERLINK|RTD|CALL|REGISTER(?:\.ID)?|DDE|DDEAUTO|EXEC|"
                           r"IMPORT[A-Z]*|IMAGE|ENCODEURL)\s*\(|\[\d+\]|\[[^\]]*\.(?:xls[xmb]?|ods|csv)\]",
                           re.IGNORECASE)


def external_formulas(data: bytes, limit: int = 20) -> list[str]:
    """Formulas of an accepted .xlsx that call outside the workbook (``=WEBSERVICE(…)``, ``[1]Sheet1!A1``)."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for path in sheet_paths(archive).values():
                xml = archive.read(path)
                if b"f>" not in xml:
                    continue
                for match in _FORMULA_TEXT.finditer(xml):
                    text = html.unescape((match.group(1) or b"").decode("utf-8", "replace"))
                    if EXTERNAL_CALL.search(text):
                        found.append(text[:80])
                        if len(found) >= limit:
                            return found
    except (zipfile.BadZipFile, KeyError, OSError):
        return found
    return found


def _is_percent_code(code: str) -> bool:
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive, following the workbook's relationships."""
    workbook = archive.read("xl/workbook.xml")
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    rels = dict(_REL.findall(rels_xml)) | {i: t for t, i in _REL_REVERSED.findall(rels_xml)}
    paths = {}
    names = set(archive.namelist())
    for name, rid in _SHEET.findall(workbook):
        target = rels.get(rid, b"").decode("utf-8", "replace")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if path in names:
            paths[html.unescape(name.decode("utf-8", "replace"))] = path
    return paths


def _styles(archive: zipfile.ZipFile) -> tuple[set[int], dict[int, int]]:
    """The cell styles (xf indexes) formatted as a percentage, and those with an indent."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return set(), {}
    custom = {int(i): html.unescape(c.decode("utf-8", "replace")) for i, c in _NUMFMT.findall(styles)}
    start = styles.find(b"cellXfs")
    end = styles.find(b"cellXfs", start + 7)
    if start < 0 or end < 0:
        return set(), {}
    percent: set[int] = set()
    indent: dict[int, int] = {}
    for index, (attrs, _, inner) in enumerate(_XF.findall(styles[start:end])):
        match = _ATTR_NUMFMT.search(attrs)
        fmt = int(match.group(1)) if match else 0
        if fmt in (9, 10) or (fmt in custom and _is_percent_code(custom[fmt])):
            percent.add(index)
        found = _INDENT.search(inner or b"")
        if found and int(found.group(1)) > 0:
            indent[index] = int(found.group(1))
    return percent, indent


def _cells_with_style(xml: bytes, styles: set[int]) -> dict[Cell, int]:
    if not styles:
        return {}
    styled = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(' + "|".join(map(str, sorted(styles))).encode() + rb')"[^>]*>')
    found: dict[Cell, int] = {}
    for tag in styled.finditer(xml):
        ref = _REF.search(tag.group(0))
        if ref:
            found[(int(ref.group(2)) - 1, column_index(ref.group(1).decode()))] = int(tag.group(1))
    return found


def _hidden_rows(xml: bytes) -> set[int]:
    if b"hidden=" not in xml:
        return set()
    hidden = set()
    for tag in _HIDDEN_ROW.finditer(xml):
        number = _ROW_NUMBER.search(tag.group(0))
        if number:
            hidden.add(int(number.group(1)) - 1)
    return hidden


def _hidden_cols(xml: bytes) -> set[int]:
    head = xml[: xml.find(b"sheetData")] if b"sheetData" in xml else xml
    if b"hidden=" not in head:
        return set()
    hidden = set()
    for tag in _HIDDEN_COL.finditer(head):
        low, high = _MIN.search(tag.group(0)), _MAX.search(tag.group(0))
        if low and high:
            hidden.update(range(int(low.group(1)) - 1, min(int(high.group(1)), 16_384)))
    return hidden


def _formulas(xml: bytes) -> tuple[set[Cell], dict[Cell, str]]:
    if b"<f" not in xml and b":f" not in xml:
        return set(), {}
    without_value: set[Cell] = set()
    formulas: dict[Cell, str] = {}
    for match in _FORMULA_CELL.finditer(xml):
        inner = match.group(2)
        formula = _FORMULA_TEXT.search(inner)
        ref = _REF.search(match.group(1))
        if formula is None or ref is None:
            continue
        cell = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
        if _VALUE.search(inner):
            formulas[cell] = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        else:
            without_value.add(cell)
    return without_value, formulas


def add_xlsx_parts(archive: zipfile.ZipFile, grids: list[SheetGrid], marks: dict[str, PartMarks] | None = None) -> None:
    """Fill in each grid's percent cells, indents, hidden rows and columns and formulas.

    A sheet part with no hidden rows or columns and no formulas, in a workbook without percent or
    indent styles, is not read a second time: ``marks`` (from the container's scan, which
    decompressed every part already) says which parts those are; without it, the part is searched.
    """
    paths = sheet_paths(archive)
    percent_styles, indent_styles = _styles(archive)
    for grid in grids:
        path = paths.get(grid.name)
        if path is None:
            continue
        seen = (marks or {}).get(path)
        if seen is not None and not (seen.hidden or seen.formulas or percent_styles or indent_styles):
            continue
        xml = archive.read(path)
        if not (percent_styles or indent_styles) and HIDDEN_MARK not in xml and FORMULA_MARK not in xml:
            continue
        grid.percent = set(_cells_with_style(xml, percent_styles))
        grid.indent = {cell: indent_styles[s] for cell, s in _cells_with_style(xml, set(indent_styles)).items()}
        grid.hidden_rows = _hidden_rows(xml)
        grid.hidden_cols = _hidden_cols(xml)
        grid.formula_without_value, grid.formulas = _formulas(xml)
