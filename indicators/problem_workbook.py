"""A workbook that marks the bad cells, so the person can fix the file and send it again.

``marked_workbook`` returns a copy of the upload with every problem cell filled (red for an
error, amber for a warning) and commented with the message, behind a first sheet that lists
every problem with a link to its cell. A file that fails the container check is never opened:
the answer is then a new workbook holding the list alone. The copy is made by openpyxl in a
bounded child process, as the reader parses, so a large or odd file costs the child, not the
server; if the child gives no answer, the list alone is returned as well.

Everything written is text, never a formula: a value found in the file may be ``=HYPERLINK(...)``.
"""

from __future__ import annotations

import re
import warnings
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from indicators import settings
from indicators.exports_safe import looks_like_formula
from indicators.problems import Problem
from indicators.sandbox import SandboxError, run_bounded
from indicators.workbook.container import Limits, inspect_container

MAX_MARKED_CELLS = 5000
ERROR_COLOR = "FFFF9999"
WARNING_COLOR = "FFFFD966"
FILLS = {
    "error": PatternFill("solid", fgColor=ERROR_COLOR),
    "warning": PatternFill("solid", fgColor=WARNING_COLOR),
}
SHEET_TITLE = {"zh": "问题清单", "en": "Problems"}
HEADERS = {"zh": ["严重程度", "位置", "值", "说明"], "en": ["Severity", "Where", "Value", "Message"]}
# One label for every severity a problem can have (a question is what the reader asks, such as a
# region it cannot tell); its cell is filled amber like a warning, to look at.
SEVERITY_LABELS = {"zh": {"error": "错误", "warning": "警告", "question": "待确认"},
                   "en": {"error": "error", "warning": "warning", "question": "question"}}
AUTHOR = {"zh": "工会指标看板", "en": "Union indicators"}
COLUMN_WIDTHS = (12, 24, 36, 90)

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_LINK_FONT = Font(color="0563C1", underline="single")
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$")
_MAX_ROW, _MAX_COL = 1_048_576, 16_384
_MAX_TEXT = 32_767  # the most characters Excel keeps in one cell


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _clean(text: str) -> str:
    """Text that an .xlsx can hold: no control characters, no more than a cell takes."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_TEXT]


def _put_text(cell: Cell, text: str) -> None:
    """Write text as a text cell; text that looks like a formula also gets Excel's quote prefix."""
    cell.value = _clean(text)
    cell.data_type = "s"  # openpyxl makes "=..." a formula; this keeps it text
    if looks_like_formula(cell.value):
        cell.quotePrefix = True  # stays text even when the cell is edited in Excel


def _coordinate(cell: str) -> tuple[int, int] | None:
    """(row, column) of a reference such as ``E7``, or None when it is no cell of a sheet."""
    match = _CELL.match(cell.strip().upper())
    if not match:
        return None
    column, row = column_index_from_string(match.group(1)), int(match.group(2))
    if column > _MAX_COL or row > _MAX_ROW:
        return None
    return row, column


def _location(sheet: str, cell: str) -> str:
    """A reference inside the workbook, the sheet name quoted as Excel quotes it."""
    return "'{}'!{}".format(sheet.replace("'", "''"), cell.strip().upper().replace("$", ""))


def _target_cell(ws: Worksheet, row: int, column: int) -> Cell:
    """The cell to mark: the cell itself, or the top left cell of the merged range holding it."""
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return ws.cell(row=merged.min_row, column=merged.min_col)
    return ws.cell(row=row, column=column)


def _mark_cells(wb: Workbook, problems: list[Problem], lang: str) -> set[int]:
    """Fill and comment each problem cell; the indexes of the problems that found their cell."""
    marks: dict[tuple[str, str], tuple[Cell, list[Problem]]] = {}
    found: set[int] = set()
    for index, problem in enumerate(problems):
        if len(marks) >= MAX_MARKED_CELLS:
            break  # the list holds them all; a comment on every one of 100,000 cells helps nobody
        if not problem.sheet or not problem.cell or problem.sheet not in wb.sheetnames:
            continue
        ws = wb[problem.sheet]
        place = _coordinate(problem.cell)
        if not isinstance(ws, Worksheet) or place is None:
            continue
        cell = _target_cell(ws, *place)
        marks.setdefault((ws.title, cell.coordinate), (cell, []))[1].append(problem)
        found.add(index)
    labels = SEVERITY_LABELS[lang]
    for cell, on_cell in marks.values():
        worst = "error" if any(p.severity == "error" for p in on_cell) else "warning"
        cell.fill = FILLS[worst]
        lines = [p.message(lang) if len(on_cell) == 1 else f"[{labels[p.severity]}] {p.message(lang)}"
                 for p in on_cell]
        if cell.comment is not None and cell.comment.text:
            lines += ["", cell.comment.text]  # keep the person's own note below ours
        cell.comment = Comment(_clean("\n".join(lines)), AUTHOR[lang], height=120, width=320)
    return found


def _add_list(wb: Workbook, problems: list[Problem], lang: str, linked: set[int]) -> Worksheet:
    """The problem list as the first, active sheet; ``linked`` problems link to their cell."""
    title = SHEET_TITLE[lang]
    number = 2
    while title in wb.sheetnames:
        title = f"{SHEET_TITLE[lang]} ({number})"
        number += 1
    ws = wb.create_sheet(title, 0)
    for column, (header, width) in enumerate(zip(HEADERS[lang], COLUMN_WIDTHS, strict=True), start=1):
        cell = ws.cell(row=1, column=column)
        _put_text(cell, header)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, problem in enumerate(problems):
        row = index + 2
        texts = (SEVERITY_LABELS[lang][problem.severity], problem.where, problem.value, problem.message(lang))
        for column, text in enumerate(texts, start=1):
            cell = ws.cell(row=row, column=column)
            _put_text(cell, text)
            cell.alignment = wrap
        if index in linked:
            where = ws.cell(row=row, column=2)
            where.hyperlink = Hyperlink(ref=where.coordinate, location=_location(problem.sheet, problem.cell))
            where.font = _LINK_FONT
    if problems:
        ws.auto_filter.ref = f"A1:D{len(problems) + 1}"
    for other in wb.worksheets + wb.chartsheets:
        if other is not ws:
            other.sheet_view.tabSelected = False
    wb.active = 0
    for view in wb.views:
        view.firstSheet = 0
    return ws


def _save(wb: Workbook) -> bytes:
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def list_workbook(problems: list[Problem], lang: str = "zh") -> bytes:
    """A new workbook holding only the problem list."""
    lang = _lang(lang)
    wb = Workbook()
    wb.remove(wb.active)
    _add_list(wb, problems, lang, set())
    return _save(wb)


def _mark_original(data: bytes, problems: list[Problem], lang: str) -> bytes:
    """The checked original with its problem cells marked and the list in front. Runs in the child."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of parts it drops (extensions, styles)
        wb = load_workbook(BytesIO(data))
    linked = _mark_cells(wb, problems, lang)
    _add_list(wb, problems, lang, linked)
    return _save(wb)


def marked_workbook(data: bytes, problems: list[Problem], lang: str = "zh", overrides: dict | None = None) -> bytes:
    """The .xlsx to send back: the original marked, or the list alone when it cannot be opened safely.

    ``overrides``: the application's settings (the limits the parse child keeps)."""
    lang = _lang(lang)
    if inspect_container(data, Limits.from_settings(overrides))[0] != "xlsx":
        return list_workbook(problems, lang)  # refused, or a kind openpyxl cannot mark: the list alone
    try:
        return run_bounded(_mark_original, data, problems, lang,
                           memory_mb=int(settings.get("parse_memory_mb", overrides)),
                           seconds=float(settings.get("parse_seconds", overrides)))
    except SandboxError:
        return list_workbook(problems, lang)
