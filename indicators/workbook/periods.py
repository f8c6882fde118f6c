"""Year and period headers as statistics tables write them.

``2008``, ``2008年``, ``2008年度`` are the year 2008. ``2008年上半年``, ``2008年6月末``, ``2007年末``,
``截至2008年6月`` belong to a year too: the dashboard keeps one value a year, so they are read as
that year with the period kept in the value's note (the report's own 2008 figures are mid-year).
Quarters and months (``2020年第一季度``, ``2019-03``) are several values a year: the reader says
so in one message rather than dropping or mixing them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from indicators.problems import Problem

PeriodKind = Literal["year", "period", "subannual", "target"]

_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_PLAIN = re.compile(rf"^{_YEAR}(?:\.0+)?(?:年度?|年)?$")
_END = re.compile(rf"^{_YEAR}年?(?P<period>末|底|年末|年底|年终)$")
_PART = re.compile(rf"^(?:截至|截止|至)?{_YEAR}年?(?P<period>上半年|下半年|前三季度|1[-—–~至]\d{{1,2}}月|"
                   rf"\d{{1,2}}月(?:末|底|份末)|\d{{1,2}}月\d{{1,2}}日|\d{{1,2}}\.\d{{1,2}})(?:止|底)?$")
_STOCK_DATE = re.compile(rf"^(?:截至|截止){_YEAR}[.\-/年](?P<period>\d{{1,2}}[.\-/月]?(?:\d{{1,2}}日?)?)$")
_QUARTER = re.compile(rf"^{_YEAR}\s*(?:年)?\s*(?:第?[一二三四1-4]季度?|q[1-4]|[1-4]q)$", re.IGNORECASE)
_MONTH = re.compile(rf"^{_YEAR}\s*(?:年\s*\d{{1,2}}\s*月(?:份)?|[-/.]\s*\d{{1,2}})$")
_TARGET = re.compile(rf"^{_YEAR}\s*年?\s*(?:目标值?|目标数|计划|target)$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """What a header cell names: a year, a part of a year (kept as a note), months, or a target year."""

    kind: PeriodKind
    year: int
    note: str = ""  # the period within the year, as written (上半年, 6月末, 年末)


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_CN_YEAR = re.compile(r"^([〇零○一二三四五六七八九]{4})年")
_SHORT_YEAR = re.compile(r"^(?:截至|截止|至)?(\d\d)年")


def _text(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    return _full_year(re.sub(r"\s+", "", text))


def _full_year(text: str) -> str:
    """二〇〇九年 → 2009年; 09年, 11年 → 2009年, 2011年 (a two-digit year before 50 is this century's,
    from 50 the last's: 95年 → 1995年). The reading shows each year column's own text beside its year."""
    match = _CN_YEAR.match(text)
    if match:
        return match.group(1).translate(_CN_DIGITS) + text[4:]
    match = _SHORT_YEAR.match(text)
    if match:
        yy = int(match.group(1))
        return text[:match.start(1)] + str((2000 if yy < 50 else 1900) + yy) + text[match.end(1):]
    return text


def parse_period(value: object, low: int = 1949, high: int = 2100) -> Period | None:
    """The period a header cell names, or None when it names no year within ``low``–``high``."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
            return None
        year = int(value)
        return Period("year", year) if low <= year <= high else None
    if isinstance(value, (dt.datetime, dt.date)):
        if not low <= value.year <= high:
            return None
        if (value.month, value.day) == (12, 31):
            return Period("period", value.year, "年末")
        return Period("period", value.year, f"{value.month}月{value.day}日")
    text = _text(value)
    for pattern, kind in ((_PLAIN, "year"), (_TARGET, "target"), (_END, "period"), (_PART, "period"),
                          (_STOCK_DATE, "period"), (_QUARTER, "subannual"), (_MONTH, "subannual")):
        match = pattern.match(text)
        if match:
            year = int(match.group("year"))
            if not low <= year <= high:
                return None
            note = match.groupdict().get("period") or ""
            if kind == "period" and note in ("末", "底", "年底", "年终"):
                note = "年末"
            return Period(kind, year, note)  # type: ignore[arg-type]
    return None


def future_year_problem(year: int, latest: int, sheet: str, cell: str) -> Problem:
    """The refusal of an actual value's ``year`` after ``latest`` (the current statistics year + 1),
    one rule for long rows and wide year columns alike."""
    return Problem("year_in_future", sheet, cell, str(year), params={"latest": latest, "current": latest - 1})
