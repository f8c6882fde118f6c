"""How a file was read: the reader's account of each sheet, shown beside every check result.

Per sheet, the layout found, the header row, each row's indicator and how it was matched, the
region and where it came from, each unit conversion, each year or period column and what it
became, and every row or column left out with the reason, each with its cell as Excel shows it.
The notes are data (a kind and its parameters); the words come from one message table, in the
reader's language, when they are shown (``validate --explain``, the upload preview).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.problems import READING_MESSAGES

LAYOUT_KINDS = ("long", "targets", "wide", "transposed", "regions", "catalogue")


@dataclass(frozen=True)
class ReadNote:
    """One thing the reader did or found. ``cell`` as Excel shows it (``A5``, ``A5:A9``, ``C``)."""

    kind: str
    cell: str = ""
    shown: str = ""
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def text(self, lang: str = "zh") -> str:
        zh, en = READING_MESSAGES[self.kind]
        params = {k: (v.get(lang, v.get("zh", "")) if isinstance(v, dict) else v) for k, v in self.params.items()}
        n = int(params.get("n", 1) or 1)
        params.setdefault("n_rows", "" if n <= 1 else (f"（{n} 处）" if lang != "en" else f" ({n} places)"))
        return (en if lang == "en" else zh).format(shown=self.shown, cell=self.cell, **params)


@dataclass
class SheetReading:
    """How one sheet was read."""

    sheet: str
    layout: str  # long | targets | wide | transposed | regions | catalogue | skipped | hidden | empty | unread
    notes: list[ReadNote] = field(default_factory=list)
    n_values: int = 0
    region: str | None = None  # the region for the whole sheet ("" the city), None when rows say
    indicators: set[str] = field(default_factory=set)
    outside: list[str] = field(default_factory=list)  # labels of rows outside the catalogue
    no_data: list[tuple[str, str]] = field(default_factory=list)  # (cell, shown) of …, —, *** cells
    forms: list[tuple[str, str]] = field(default_factory=list)  # (cell, value) of 表号 lines: which form it is
    seen: str = ""  # an unread sheet's first filled row (第1行：省份 | 平均工资), to say what the file holds
    explain: bool = True  # False only to measure what the account costs (bench/bench_import.py)

    def finish(self) -> None:
        """Gather the no-data cells into one note per mark, so 162 cells of *** make one line."""
        by_mark: dict[str, list[str]] = {}
        for cell, mark in self.no_data:
            by_mark.setdefault(mark, []).append(cell)
        for mark, cells in by_mark.items():
            where = cells[0] if len(cells) == 1 else f"{cells[0]}…{cells[-1]}"
            self.note("left_out_no_data_cells", where, mark, n=len(cells))
        self.no_data = []

    def note(self, kind: str, cell: str = "", shown: str = "", **params: object) -> None:
        if self.explain:
            self.notes.append(ReadNote(kind, cell, shown, params))

    def note_repeated(self, kind: str, cell: str, shown: str, **params: object) -> None:
        """A note that the rows before may have made already (one label repeated down a region
        table): the same note is extended to a range with a count instead of written again."""
        if not self.explain:
            return
        last = self.notes[-1] if self.notes else None
        if last is not None and last.kind == kind and last.shown == shown:
            first = last.cell.split("…")[0]
            n = int(last.params.get("n", 1)) + 1
            self.notes[-1] = ReadNote(kind, f"{first}…{cell}", shown, {**last.params, **params, "n": n})
            return
        self.note(kind, cell, shown, **params)

    @property
    def read_data(self) -> bool:
        return self.layout in LAYOUT_KINDS


@dataclass
class WorkbookReading:
    """How a whole file was read: its format, then each sheet."""

    file_format: str = ""
    notes: list[ReadNote] = field(default_factory=list)
    sheets: list[SheetReading] = field(default_factory=list)

    def note(self, kind: str, cell: str = "", shown: str = "", **params: object) -> None:
        self.notes.append(ReadNote(kind, cell, shown, params))

    def rows(self, lang: str = "zh") -> list[dict[str, str]]:
        """One row per note, for a table: sheet, cell, what the cell shows, how it was read."""
        out = [{"sheet": "", "cell": n.cell, "shown": n.shown, "reading": n.text(lang)} for n in self.notes]
        for sheet in self.sheets:
            layout = ReadNote(f"layout_{sheet.layout}", params={"n": sheet.n_values})
            out.append({"sheet": sheet.sheet, "cell": "", "shown": "", "reading": layout.text(lang)})
            out += [{"sheet": sheet.sheet, "cell": n.cell, "shown": n.shown, "reading": n.text(lang)}
                    for n in sheet.notes]
        return out

    def text(self, lang: str = "zh", limit_per_sheet: int | None = None) -> str:
        """The reading as plain text for the command line (``validate --explain``)."""
        lines = [n.text(lang) for n in self.notes]
        for sheet in self.sheets:
            layout = ReadNote(f"layout_{sheet.layout}", params={"n": sheet.n_values}).text(lang)
            lines.append(("工作表“{}”：{}" if lang != "en" else "Sheet “{}”: {}").format(sheet.sheet, layout))
            notes = sheet.notes if limit_per_sheet is None else sheet.notes[:limit_per_sheet]
            for note in notes:
                where = f"{note.cell}  " if note.cell else ""
                lines.append(f"    {where}{note.text(lang)}")
            if limit_per_sheet is not None and len(sheet.notes) > limit_per_sheet:
                more = len(sheet.notes) - limit_per_sheet
                lines.append(f"    …（另有 {more} 条）" if lang != "en" else f"    … ({more} more)")
        return "\n".join(lines)

    def summary(self, lang: str = "zh") -> str:
        """One line a sheet: its layout, its region and how many values, for every check result."""
        lines = []
        for sheet in self.sheets:
            layout = ReadNote(f"layout_{sheet.layout}", params={"n": sheet.n_values}).text(lang)
            region = next((n for n in sheet.notes if n.kind.startswith("region_")), None)
            tail = f"；{region.text(lang)}" if region and lang != "en" else f"; {region.text(lang)}" if region else ""
            lines.append(("工作表“{}”：{}{}" if lang != "en" else "Sheet “{}”: {}{}").format(sheet.sheet, layout, tail))
        return "\n".join(lines)
