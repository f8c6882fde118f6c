"""Reading cell values as a person means them: ``2,185``, ``2009年``, ``76%``, ``90%以上``, ``近3万``."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

# Qualifiers as stored: "" exact, ">=" a lower bound (以上/多/余), "<=" an upper bound,
# "~" approximately (近/约).
QUALIFIER_WORDS: dict[str, str] = {
    "": "",
    "=": "",
    "精确": "",
    "exact": "",
    "以上": ">=",
    "≥": ">=",
    ">=": ">=",
    "多": ">=",
    "余": ">=",
    "至少": ">=",
    "不低于": ">=",
    "atleast": ">=",
    ">": ">=",
    "以下": "<=",
    "≤": "<=",
    "<=": "<=",
    "不超过": "<=",
    "至多": "<=",
    "atmost": "<=",
    "<": "<=",
    "近": "~",
    "约": "~",
    "≈": "~",
    "~": "~",
    "approx": "~",
    "approximately": "~",
    "about": "~",
}

QUALIFIER_LABELS: dict[str, dict[str, str]] = {
    "": {"zh": "", "en": ""},
    ">=": {"zh": "以上", "en": "at least"},
    "<=": {"zh": "以下", "en": "at most"},
    "~": {"zh": "约", "en": "about"},
}

_PREFIX = re.compile(r"^(近|约|≈|~|≥|>=|>|≤|<=|<|不低于|不超过|至少|至多)")
_SUFFIX = re.compile(r"(以上|以下|多|余)$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_YEAR = re.compile(r"^(\d{4})(\.0+)?\s*(年度?|年)?$")


def normalise_text(value: object) -> str:
    """Full-width to half-width, trimmed; ``None`` becomes empty."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def plain_text(value: object) -> str:
    """Text kept as written (notes, sources, names), only trimmed; ``None`` becomes empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_qualifier(value: object) -> str | None:
    """A qualifier cell as stored (``""``, ``">="``, ``"<="``, ``"~"``), or ``None`` if not one."""
    key = re.sub(r"\s+", "", normalise_text(value)).lower()
    return QUALIFIER_WORDS.get(key)


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    qualifier: str = ""
    percent: bool = False
    unit: str = ""


def parse_number(value: object, unit: str = "") -> ParsedNumber | None:
    """A number from a cell, or ``None`` if the cell does not hold one.

    Text is read as a person means it: thousands separators (``2,185``), a trailing percent
    sign (``76%``), bound words (``90%以上``, ``近3万``), and the indicator's own unit or a
    ``万`` multiplier written after the number (``2185个``, ``3万条``).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return ParsedNumber(float(value))
    text = normalise_text(value)
    if not text:
        return None
    text = re.sub(r"[\s,，'_]", "", text)
    qualifier = ""
    match = _PREFIX.match(text)
    if match:
        qualifier = QUALIFIER_WORDS[match.group(1)]
        text = text[match.end():]
    match = _SUFFIX.search(text)
    if match:
        qualifier = QUALIFIER_WORDS[match.group(1)]
        text = text[: match.start()]
    found_unit = ""
    if unit and unit != "%" and text.endswith(unit):
        found_unit = unit
        text = text[: -len(unit)]
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    multiplier = 1.0
    if text.endswith("万") and not unit.startswith("万"):
        multiplier, text = 10_000.0, text[:-1]
    elif text.endswith("亿"):
        multiplier, text = 100_000_000.0 / (10_000.0 if unit.startswith("万") else 1.0), text[:-1]
    if not _NUMBER.match(text):
        return None
    number = float(text) * multiplier
    if not math.isfinite(number):
        return None
    return ParsedNumber(number, qualifier, percent, found_unit)


def parse_year(value: object) -> int | None:
    """A year from ``2009``, ``2009.0``, ``"2009年"``, ``"2009年度"`` or a date; else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
            return None
        return int(value)
    match = _YEAR.match(normalise_text(value).replace(" ", ""))
    return int(match.group(1)) if match else None


def format_number(value: float) -> str:
    """A number for a message: no trailing ``.0``, thousands separators."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")
