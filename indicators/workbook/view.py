"""A sheet seen the right way round: a table with years as rows is read as its transpose.

Yearbook tables often put the years down the first column and the indicators across (years as
rows); the wide reader expects years across. ``SheetView(grid, transposed=True)`` turns the
sheet a quarter without copying it, and every cell it names is still the sheet's own (``E7``).
"""

from __future__ import annotations

from indicators.workbook.container import column_letter
from indicators.workbook.grid import SheetGrid


class SheetView:
    """Rows and columns of a grid, as they are or transposed; cell names always the sheet's own."""

    def __init__(self, grid: SheetGrid, transposed: bool = False) -> None:
        self.grid = grid
        self.transposed = transposed
        self.name = grid.name

    def _cell(self, r: int, c: int) -> tuple[int, int]:
        return (c, r) if self.transposed else (r, c)

    @property
    def n_rows(self) -> int:
        return self.grid.width if self.transposed else len(self.grid.rows)

    @property
    def n_cols(self) -> int:
        return len(self.grid.rows) if self.transposed else self.grid.width

    def value(self, r: int, c: int) -> object:
        return self.grid.value(*self._cell(r, c))

    def seen(self, r: int, c: int) -> object:
        return self.grid.seen(*self._cell(r, c))

    def label(self, r: int, c: int) -> object:
        return self.grid.label(*self._cell(r, c))

    def row_hidden(self, r: int) -> bool:
        return r in (self.grid.hidden_cols if self.transposed else self.grid.hidden_rows)

    def col_hidden(self, c: int) -> bool:
        return c in (self.grid.hidden_rows if self.transposed else self.grid.hidden_cols)

    def percent(self, r: int, c: int) -> bool:
        return self._cell(r, c) in self.grid.percent

    def indent(self, r: int, c: int) -> int:
        return self.grid.indent.get(self._cell(r, c), 0)

    def formula_without_value(self, r: int, c: int) -> bool:
        return self._cell(r, c) in self.grid.formula_without_value

    def ref(self, r: int, c: int) -> str:
        """The cell as Excel names it: ``E7``."""
        row, col = self._cell(r, c)
        return f"{column_letter(col)}{row + 1}"

    def row_ref(self, r: int) -> str:
        """A row of this view as the sheet names it: ``7`` (a row) or ``E`` (a column, transposed)."""
        return column_letter(r) if self.transposed else str(r + 1)

    def col_ref(self, c: int) -> str:
        return str(c + 1) if self.transposed else column_letter(c)

    def row_values(self, r: int) -> list[object]:
        return [self.seen(r, c) for c in range(self.n_cols)]
