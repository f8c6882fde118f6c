"""Filling a round's template as a district clerk does: open it, type values into the yellow cells, save."""

from __future__ import annotations

import io

import openpyxl


def fill_template(data: bytes, values: dict[str, float], region: str | None = None, year: int | None = None) -> bytes:
    """The template with ``values`` (code -> value) typed into its value cells; ``region``/``year`` overwrite
    the locked cells too (what a careless or crafty clerk might do with the protection off)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[1]
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value in ("指标代码", "code"))
    for row in range(header + 1, ws.max_row + 1):
        code = ws.cell(row=row, column=1).value
        group = ws.cell(row=row, column=5).value
        if code in values and not group:
            ws.cell(row=row, column=6).value = values[code]
        if region is not None:
            ws.cell(row=row, column=4).value = region
        if year is not None:
            ws.cell(row=row, column=3).value = year
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
