"""Neutralising spreadsheet formulas in exported text (OWASP "CSV injection").

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by Excel; a leading apostrophe makes it plain text in CSV and XLSX alike. A line
break or tab *inside* a value could start a new cell in a program that splits on it, so a value
with a formula character after one is guarded too, and CSV text fields are always quoted.
"""

from __future__ import annotations

import html
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_BREAK = re.compile(r"[\r\n\t][=+\-@]")


def figure_text(text: str) -> str:
    """Text for a Plotly figure (titles, footers, axis labels): Plotly reads a few HTML tags in it, so
    what people typed (a file name such as ``<!--<script>x.xlsx``, a region) is escaped."""
    return html.escape(str(text), quote=False)


def safe_cell(value: object) -> object:
    """The value to write into an exported cell: text that could run as a formula gets a ``'``."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _AFTER_BREAK.search(value)):
        return "'" + value
    return value
