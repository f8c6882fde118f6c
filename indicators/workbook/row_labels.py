"""Row labels as yearbooks and union offices write them.

``  其中：发展农民工会员`` (an indented sub-row), ``#女职工人数`` (a leading # means 其中),
``一、组织建设`` (a numbered section), ``工会会员数①`` (a footnote mark), ``会员人数(万人)`` (a unit
in the label), ``工会基层组织数\\n(个)\\nNumber of …`` (a bilingual header): each is taken apart into
the words that name the indicator and what the rest says. Footnote marks are taken off before any
width folding, so ``①`` never becomes the digit 1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from indicators.workbook.units import strip_label_unit, units_in_label

# Footnote marks: circled and parenthesised numbers, superscripts, * ※ † ‡ △ ▲.
MARKS = re.compile(r"[\u2460-\u249b\u24ea\u24f5-\u24fe\u2776-\u2793\u3251-\u325f\u32b1-\u32bf"
                   r"\u00b9\u00b2\u00b3\u2070\u2074-\u2079*※†‡△▲]+")
_SUBROW = re.compile(r"^(#+|＃+|其中\s*[:：]?|含\s*[:：]|内\s*[:：]|包括\s*[:：]?)\s*")
_NUMBERING = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、．]|"
                        r"\d{1,2}\.(?!\d)|[(（]\d{1,2}[)）]|[①-⑳])\s*")
_LEADING_SPACE = re.compile(r"^[ \u3000\t\u00a0]+")
_BULLETS = re.compile(r"^[-—–·•]+\s*")


@dataclass(frozen=True)
class Label:
    """A row (or column) label taken apart."""

    raw: str  # as the cell holds it
    text: str  # the words naming the indicator, folded for width
    unit: str = ""  # a unit written in brackets inside the label
    marks: str = ""  # footnote marks taken off
    indent: int = 0  # leading spaces (a full-width space counts two) plus the cell's indent level × 2
    subrow: bool = False  # 其中 / # / 含: part of the row above
    numbered: bool = False  # 一、 1. (1): a numbered item or section

    @property
    def empty(self) -> bool:
        return not self.text


def split_marks(text: str) -> tuple[str, str]:
    """(text without footnote marks, the marks), before any width folding."""
    marks = "".join(MARKS.findall(text))
    return MARKS.sub("", text), marks


def first_line(text: str) -> str:
    """A bilingual header's Chinese words: up to the first line that is not Chinese."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    kept = []
    for line in lines:
        if kept and not re.search(r"[\u4e00-\u9fff]", line):
            break
        kept.append(line)
    return " ".join(kept)


def clean_label(value: object, style_indent: int = 0) -> Label:
    """Take a label cell apart: marks, sub-row signs, numbering, indentation and a unit in brackets."""
    if value is None:
        return Label("", "")
    raw = str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
    text, marks = split_marks(raw)
    text = first_line(text) if "\n" in text or "\r" in text else text
    spaces = _LEADING_SPACE.match(text)
    indent = style_indent * 2
    if spaces:
        indent += sum(2 if ch == "\u3000" else 1 for ch in spaces.group(0))
    text = unicodedata.normalize("NFKC", text).strip()
    subrow = False
    match = _SUBROW.match(text)
    if match:
        subrow, text = True, text[match.end():]
    numbered = False
    match = _NUMBERING.match(text)
    if match:
        numbered, text = True, text[match.end():]
    text = _BULLETS.sub("", text).strip()
    if not subrow and _SUBROW.match(text):
        subrow, text = True, _SUBROW.sub("", text).strip()
    units = units_in_label(text)
    if units:
        text = strip_label_unit(text)
    text = re.sub(r"\s+", " ", text).strip(" :：")
    return Label(raw.strip(), text, units[0] if units else "", marks, indent, subrow, numbered)
