"""What an .ods (LibreOffice, WPS) says beside its values: hidden sheets, rows and columns, percentages,
formulas without a saved result.

Read from ``content.xml`` in one streaming pass; the container check has already refused entity
declarations and macros. Repeated rows and columns (``number-rows-repeated``) are counted, not
expanded, beyond the area that holds values.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import iterparse

from indicators.workbook.grid import SheetGrid

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def add_ods_parts(archive: zipfile.ZipFile, grids: list[SheetGrid]) -> None:
    """Fill in each grid's hidden state, hidden rows and columns, percent cells and formulas."""
    by_name = {grid.name: grid for grid in grids}
    hidden_styles: set[str] = set()
    style_name = ""
    grid: SheetGrid | None = None
    row = col = 0
    height = width = 0
    in_cell_depth = 0
    with archive.open("content.xml") as handle:
        for event, element in iterparse(handle, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_STYLE}style":
                    style_name = element.get(f"{_STYLE}name", "")
                elif tag == f"{_STYLE}table-properties" and element.get(f"{_TABLE}display") == "false":
                    hidden_styles.add(style_name)
                elif tag == f"{_TABLE}table":
                    grid = by_name.get(element.get(f"{_TABLE}name", ""))
                    row = col = 0
                    if grid is not None:
                        grid.hidden = grid.hidden or element.get(f"{_TABLE}style-name", "") in hidden_styles
                        height, width = len(grid.rows), grid.width
                elif grid is None:
                    continue
                elif tag == f"{_TABLE}table-column":
                    repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                    if element.get(f"{_TABLE}visibility", "visible") != "visible":
                        grid.hidden_cols.update(range(col, min(col + repeat, width)))
                    col += repeat
                elif tag == f"{_TABLE}table-row":
                    col = 0
                elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    in_cell_depth += 1
                    if in_cell_depth == 1 and tag == f"{_TABLE}table-cell" and row < height:
                        value_type = element.get(f"{_OFFICE}value-type")
                        if value_type == "percentage":
                            grid.percent.add((row, col))
                        formula = element.get(f"{_TABLE}formula")
                        if formula:
                            if value_type is None:
                                grid.formula_without_value.add((row, col))
                            else:
                                grid.formulas[(row, col)] = formula
            else:
                if tag == f"{_TABLE}table":
                    grid = None
                elif grid is None:
                    pass
                elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    in_cell_depth -= 1
                    if in_cell_depth == 0:
                        col += int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                elif tag == f"{_TABLE}table-row":
                    repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                    if element.get(f"{_TABLE}visibility", "visible") != "visible":
                        grid.hidden_rows.update(range(row, min(row + repeat, height)))
                    row += repeat
                element.clear()
