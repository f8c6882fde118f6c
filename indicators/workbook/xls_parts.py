"""What an old .xls says beside its values: hidden rows and columns, percent formats, indents, text.

python-calamine reads the values; xlrd (with ``formatting_info``) reads the records that say what
a person sees: ROW and COLINFO flags, and each cell's format (XF) with its number format and
indent. Text calamine could not decode (a file's UTF-16 strings read byte by byte, as a Wind export's
series names come out: NULs between the letters) is taken from xlrd, which decodes by the file's own
code page. Runs in the bounded parsing child, after the container check has refused macros and
encryption.
"""

from __future__ import annotations

import xlrd

from indicators.workbook.grid import SheetGrid


def _is_percent(fmt: str) -> bool:
    plain = "".join(part for i, part in enumerate(fmt.split('"')) if i % 2 == 0)
    return "%" in plain.replace("\\%", "")


def add_xls_parts(data: bytes, grids: list[SheetGrid]) -> None:
    """Fill in each grid's hidden rows and columns, percent cells and indents from the BIFF records."""
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=_Silent(), ragged_rows=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds; the values are still read
        for grid in grids:
            grid.metadata_note = f"{type(exc).__name__}: {exc}"
        return
    by_name = {grid.name: grid for grid in grids}
    percent_xf: set[int] = set()
    indent_xf: dict[int, int] = {}
    for index, xf in enumerate(book.xf_list):
        fmt = book.format_map.get(xf.format_key)
        if fmt is not None and _is_percent(fmt.format_str):
            percent_xf.add(index)
        level = getattr(xf.alignment, "indent_level", 0) if xf.alignment else 0
        if level:
            indent_xf[index] = level
    for index, name in enumerate(book.sheet_names()):
        grid = by_name.get(name)
        if grid is None:
            continue
        sheet = book.sheet_by_index(index)
        _decode_text(grid, sheet)
        grid.hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
        grid.hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
        if percent_xf or indent_xf:
            for r in range(sheet.nrows):
                for c in range(sheet.row_len(r)):
                    xf = sheet.cell_xf_index(r, c)
                    if xf in percent_xf and sheet.cell_type(r, c) == xlrd.XL_CELL_NUMBER:
                        grid.percent.add((r, c))
                    if xf in indent_xf and sheet.cell_type(r, c) == xlrd.XL_CELL_TEXT:
                        grid.indent[(r, c)] = indent_xf[xf]
        book.unload_sheet(index)


def _decode_text(grid: SheetGrid, sheet: xlrd.sheet.Sheet) -> None:
    """Replace text calamine misdecoded (it holds NULs, which no typed text does) with xlrd's."""
    for r, row in enumerate(grid.rows[:sheet.nrows]):
        for c, value in enumerate(row[:sheet.row_len(r)]):
            if isinstance(value, str) and "\x00" in value and sheet.cell_type(r, c) == xlrd.XL_CELL_TEXT:
                row[c] = sheet.cell_value(r, c)


class _Silent:
    """xlrd writes warnings to a log file; the reader says what matters itself."""

    def write(self, _text: str) -> None:
        return None
