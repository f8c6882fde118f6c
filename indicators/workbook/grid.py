"""A sheet as a person sees it: its cells, and what the cell values alone do not say.

python-calamine reads the values of .xlsx, .xls and .ods files fast; what a person sees on top
of the values (hidden rows, columns and sheets, merged cells, percent formats, indentation,
formulas whose result was never saved) comes from each format's own parts: the XML of an .xlsx
(``xlsx_parts``), the records of an .xls (``xls_parts``), the content of an .ods (``ods_parts``).
A .csv file has none of these. Everything here runs inside the bounded parsing child.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from io import BytesIO

import python_calamine

Cell = tuple[int, int]  # (row, column), both 0-based


@dataclass
class SheetGrid:
    """One sheet: values by row, and what a person sees beside them (0-based rows and columns)."""

    name: str
    rows: list[list]
    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, col, last row, col
    percent: set[Cell] = field(default_factory=set)
    indent: dict[Cell, int] = field(default_factory=dict)
    formula_without_value: set[Cell] = field(default_factory=set)
    formulas: dict[Cell, str] = field(default_factory=dict)  # cells holding a formula (with a saved value)
    metadata_note: str = ""  # set when the format's extra parts could not be read

    def __post_init__(self) -> None:
        self._covered: dict[Cell, Cell] | None = None

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, col: int) -> object:
        if row < 0 or row >= len(self.rows):
            return ""
        cells = self.rows[row]
        return cells[col] if 0 <= col < len(cells) else ""

    @property
    def covered(self) -> dict[Cell, Cell]:
        """Cells hidden under a merge, mapped to the merge's top-left cell (which shows the value)."""
        if self._covered is None:
            covered: dict[Cell, Cell] = {}
            for r0, c0, r1, c1 in self.merged:
                if (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
                    continue  # a merge over a whole area is a layout oddity, not labels to fill
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        if (r, c) != (r0, c0):
                            covered[(r, c)] = (r0, c0)
            self._covered = covered
        return self._covered

    def visible(self, row: int, col: int) -> bool:
        return row not in self.hidden_rows and col not in self.hidden_cols

    def seen(self, row: int, col: int) -> object:
        """What a person sees in a cell: nothing when hidden or under a merge, else its value."""
        if not self.visible(row, col) or (row, col) in self.covered:
            return ""
        return self.value(row, col)

    def label(self, row: int, col: int) -> object:
        """A label as a person reads it: a merged label cell labels every row and column it spans."""
        if not self.visible(row, col):
            return ""
        origin = self.covered.get((row, col))
        return self.value(*origin) if origin else self.value(row, col)


def shown(value: object, percent: bool = False) -> str:
    """A cell's value as Excel shows it: ``2185`` not ``2185.0``, ``76%`` for a percent format."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if percent:
            return f"{value * 100:.10g}%"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.10g}"
    if isinstance(value, int):
        return f"{value * 100}%" if percent else str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) or not value.time() else str(value)
    text = " ".join(str(value).split())  # a bilingual header's line breaks shown as spaces
    return text if len(text) <= 80 else text[:77] + "…"


def calamine_sheets(data: bytes) -> tuple[list[tuple[str, bool]], python_calamine.CalamineWorkbook]:
    """(name, hidden) of every worksheet, and the open workbook."""
    book = python_calamine.CalamineWorkbook.from_filelike(BytesIO(data))
    sheets = []
    for meta in book.sheets_metadata:
        if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
            continue
        sheets.append((meta.name, str(meta.visible) != str(python_calamine.SheetVisibleEnum.Visible)))
    return sheets, book


def calamine_grid(book: python_calamine.CalamineWorkbook, name: str, hidden: bool) -> SheetGrid:
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
    return SheetGrid(name, rows, hidden=hidden, merged=merged)
