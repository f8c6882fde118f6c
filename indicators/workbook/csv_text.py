"""A .csv file as a sheet: UTF-8 (with or without BOM) or GBK/GB18030, comma, tab or semicolon.

Statistics bureaus' exports are often GBK-encoded; Excel's "CSV UTF-8" adds a BOM. The encoding
found is said in the reading, never guessed in silence: a file that is neither is refused.
"""

from __future__ import annotations

import csv
import io

from indicators.workbook.grid import SheetGrid

ENCODINGS = ("utf-8-sig", "gb18030")
_DELIMITERS = (",", "\t", ";")


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a text file, or None when it is not UTF-8 or GB18030 text."""
    if b"\x00" in data[:4096]:
        return None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "UTF-8 (BOM)" if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else (
            "UTF-8" if encoding == "utf-8-sig" else "GBK/GB18030")
        return text, name
    return None


def delimiter_of(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_grid(text: str, name: str) -> SheetGrid:
    """The rows of a CSV file as one sheet; every cell is text, read later as a person means it."""
    delimiter = delimiter_of(text)
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return SheetGrid(name, rows)
