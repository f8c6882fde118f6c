"""What a figure's "year" means: a calendar year, or a union statistics year (1 Oct – 30 Sep).

Union annual reports (工会统计年报) count from 1 October to 30 September: a "2009年度" report
covers 2008-10-01 to 2009-09-30. The setting ``year_basis`` says which one the data use, and
every label and export says so. A value's note may also say when it applies ("截至2008年上半年");
``as_of_date`` reads that, so that a figure for part of a year is not compared as a whole year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from indicators.labels import t

YearBasis = Literal["union", "calendar"]
YEAR_BASES: tuple[str, ...] = ("union", "calendar")
UNION_YEAR_START_MONTH = 10  # the union statistics year starts on 1 October of the year before


def check_basis(basis: str) -> YearBasis:
    """``basis`` if it is a known year basis; a ValueError naming the choices otherwise."""
    if basis not in YEAR_BASES:
        raise ValueError(f"year basis must be one of {', '.join(YEAR_BASES)}, not {basis!r}")
    return basis  # type: ignore[return-value]


def year_span(year: int, basis: str = "union") -> tuple[dt.date, dt.date]:
    """First and last day of ``year``: 2008-10-01 – 2009-09-30 for the union year 2009."""
    if check_basis(basis) == "calendar":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year - 1, UNION_YEAR_START_MONTH, 1), dt.date(year, UNION_YEAR_START_MONTH - 1, 30)


def _span_text(year: int, basis: str, lang: str) -> tuple[str, str]:
    start, end = year_span(year, basis)
    if lang == "en":
        return f"{start.day} {start:%b} {start.year}", f"{end.day} {end:%b} {end.year}"
    return f"{start.year}.{start.month}.{start.day}", f"{end.year}.{end.month}.{end.day}"


def year_label(year: int, basis: str = "union", lang: str = "zh", long: bool = False) -> str:
    """``2009年度`` or, ``long``, ``2009年度（2008.10.1–2009.9.30）``; ``2009年`` for calendar years."""
    if check_basis(basis) == "calendar":
        return t("calendar_year", lang, year=year)
    if not long:
        return t("union_year", lang, year=year)
    start, end = _span_text(year, basis, lang)
    return t("union_year_long", lang, year=year, start=start, end=end)


def basis_note(basis: str = "union", lang: str = "zh") -> str:
    """One sentence saying what the years of the data are, for pages, charts and exports."""
    return t("years_are_union" if check_basis(basis) == "union" else "years_are_calendar", lang)


_AS_OF = re.compile(r"截至\s*(?P<year>\d{4})\s*年\s*(?:(?P<half>上半年|年中)|(?P<end>底|末|年底|年末)"
                    r"|(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*日|底|末)?)")


def as_of_date(note: str) -> dt.date | None:
    """The date a value applies to when its note says so: ``截至2008年上半年`` -> 2008-06-30,
    ``截至2009年9月底`` -> 2009-09-30, ``截至2009年底`` -> 2009-12-31; ``None`` when it does not."""
    match = _AS_OF.search(str(note or ""))
    if match is None:
        return None
    year = int(match["year"])
    if match["half"]:
        return dt.date(year, 6, 30)
    if match["end"]:
        return dt.date(year, 12, 31)
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(match["day"]) if match["day"] else last
    return dt.date(year, month, min(max(day, 1), last))


def as_of_phrase(note: str, lang: str = "zh") -> str | None:
    """The note's own "as of" words for running text: ``截至2008年上半年`` / ``as of mid-2008``."""
    match = _AS_OF.search(str(note or ""))
    when = as_of_date(note)
    if match is None or when is None:
        return None
    if match["half"]:
        return t("as_of_mid", lang, year=when.year)
    if match["end"]:
        return t("as_of_year_end", lang, year=when.year)
    if not match["day"]:
        return t("as_of_month_end", lang, year=when.year, month=when.month, month_name=f"{when:%B}")
    return t("as_of_day", lang, year=when.year, month=when.month, day=when.day, month_name=f"{when:%B}")


def year_end_phrase(year: int, basis: str = "union", lang: str = "zh") -> str:
    """When a level of ``year`` stands: 截至2009年9月底 (union year) or 截至2009年底 (calendar)."""
    end = year_span(year, basis)[1]
    if check_basis(basis) == "calendar":
        return t("as_of_year_end", lang, year=year)
    return t("as_of_union_year_end", lang, year=year, month=end.month, month_name=f"{end:%B}", day=end.day)


def is_partial_year(year: int, note: str, basis: str = "union") -> bool:
    """Whether a value of ``year`` covers only part of it (its note dates it before the year's end)."""
    when = as_of_date(note)
    if when is None:
        return False
    start, end = year_span(year, basis)
    return start <= when < end


def current_year(today: dt.date, basis: str = "union") -> int:
    """The statistics year ``today`` falls in: 2010 from 1 Oct 2009 for union years."""
    if check_basis(basis) == "union" and today.month >= UNION_YEAR_START_MONTH:
        return today.year + 1
    return today.year


def latest_actual_year(today: dt.date, basis: str = "union") -> int:
    """The latest year an actual (not target) value may be for: the current statistics year + 1,
    since a year-end figure is often reported ahead; later is a typo (2099 for 2009)."""
    return current_year(today, basis) + 1
