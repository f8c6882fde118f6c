"""Which year a page, a paragraph or a briefing means when nobody names one.

People mean the latest year with *reported* figures for what they look at, not the newest year
with any value: a file with five 2009 values must not turn every other indicator's view to a
year it has no figure for, and an illustrative value (source 示例, see ``Point.illustrative``)
is not a figure anyone reported. This module is the one place that rule lives.
"""

from __future__ import annotations

from collections.abc import Iterable

from indicators.indicator_view import DataIndex


def reported_year(index: DataIndex, region: str = "", codes: Iterable[str] | None = None,
                  group: str | None = None, until: int | None = None) -> int | None:
    """The latest year (up to ``until``) with a reported value of ``codes`` (all if ``None``) in
    ``region`` (``""``: the city), in ``group`` (any group if ``None``); ``None`` if there is none."""
    wanted = None if codes is None else set(codes)
    best: int | None = None
    for (code, where, in_group), points in index.series.items():
        if where != region or (wanted is not None and code not in wanted) or group not in (None, in_group):
            continue
        for point in reversed(points):  # points are by year
            if (until is None or point.year <= until) and not point.illustrative:
                best = point.year if best is None else max(best, point.year)
                break
    return best


def default_year(index: DataIndex, region: str = "", codes: Iterable[str] | None = None) -> int | None:
    """The year a view of ``codes`` in ``region`` opens on: the latest with reported figures; where
    there are none, the latest with any value there (illustrative only), else the data's latest."""
    codes = None if codes is None else list(codes)
    year = reported_year(index, region, codes)
    if year is not None:
        return year
    years = [p.year for (code, where, _), points in index.series.items()
             if where == region and (codes is None or code in codes) for p in points]
    if years:
        return max(years)
    return index.years[-1] if index.years else None
