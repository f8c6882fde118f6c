"""Neutralising spreadsheet formulas in exported text (OWASP "CSV injection").

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by Excel; a leading apostrophe makes it plain text in CSV and XLSX alike. A line
break or tab *inside* a value could start a new cell in a program that splits on it, so a value
with a formula character after one is guarded too, and CSV text fields are always quoted.
Excel and WPS also start a formula on the full-width signs a Chinese input method types
(``＝ ＋ － ＠``, and the small forms ``﹦ ﹢ ﹣ ﹫``), so those count as the signs too.
"""

from __future__ import annotations

import html
import re

# The signs as typed in ASCII, full width (U+FF0B, U+FF0D, U+FF1D, U+FF20) and small form (U+FE62,
# U+FE63, U+FE66, U+FE6B): the forms an input method gives, which spreadsheets read as the ASCII sign.
_SIGNS = "=+-@＝＋－＠﹦﹢﹣﹫"
_FORMULA = re.compile(rf"[{re.escape(_SIGNS)}\t\r]|.*[\r\n\t][{re.escape(_SIGNS)}]", re.DOTALL)


def figure_text(text: str) -> str:
    """Text for a Plotly figure (titles, footers, axis labels): Plotly reads a few HTML tags in it, so
    what people typed (a file name such as ``<!--<script>x.xlsx``, a region) is escaped."""
    return html.escape(str(text), quote=False)


def looks_like_formula(text: str) -> bool:
    """Whether Excel could run ``text`` as a formula: a sign (ASCII or full-width), tab or CR at its
    start, or a sign after a line break or tab inside it."""
    return _FORMULA.match(text) is not None


def safe_cell(value: object) -> object:
    """The value to write into an exported cell: text that could run as a formula gets a ``'``."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
