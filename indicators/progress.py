"""Progress towards a target, by the method Open SDG and Statistics Canada publish.

Growth is the compound annual growth rate (CAGR). With a target, the ratio R of the actual
growth to the growth needed to reach the target in time (respecting which way is better)
gives the status; without one, the growth rate alone does. Rates never pass 100.

A running total (a cumulative indicator) is not a level: its own growth only says that it
keeps adding up. Without a target it is judged on its yearly flows (the differences between
running totals); with a target for a period (750 people over 2004–2008) it is judged against
the straight path to the target, which says where it should stand each year. A target reached
before its year is "met early" (提前完成).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Status = Literal["met_early", "met", "achieved", "on_track", "needs_acceleration", "limited", "moving_away",
                 "not_enough_data"]
Basis = Literal["level", "flows", "path"]

STATUS_LABELS: dict[str, dict[str, str]] = {
    "met_early": {"zh": "提前完成目标", "en": "Target met early"},
    "met": {"zh": "已完成目标", "en": "Target met"},
    "achieved": {"zh": "已达到目标", "en": "Target achieved"},
    "on_track": {"zh": "进展顺利", "en": "On track"},
    "needs_acceleration": {"zh": "有进展，需加快", "en": "Progress, needs acceleration"},
    "limited": {"zh": "进展有限", "en": "Limited progress"},
    "moving_away": {"zh": "偏离方向", "en": "Moving away"},
    "not_enough_data": {"zh": "数据不足", "en": "Not enough data"},
}
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_LABELS)

# Thresholds on R (actual / required growth) with a target ...
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.6
# ... and on the annual growth rate without one (1.5% = 0.015 a year).
SUBSTANTIAL_GROWTH = 0.015
MODERATE_GROWTH = 0.005


@dataclass(frozen=True)
class Progress:
    status: Status
    growth: float | None = None  # actual annual growth (CAGR, or linear change a year if the base is 0)
    required: float | None = None  # growth needed to reach the target in time
    ratio: float | None = None  # growth / required
    base_year: int | None = None
    latest_year: int | None = None
    basis: Basis = "level"  # what was judged: the level, the yearly flows, or the path to a period target
    expected: float | None = None  # where the straight path to a period target stands in the latest year
    met_year: int | None = None  # the first year the target was reached
    flows: tuple[tuple[int, float], ...] = ()  # a running total's yearly flows

    @property
    def target_reached(self) -> bool:
        return self.status in ("met_early", "met", "achieved")

    def label(self, lang: str = "zh") -> str:
        return STATUS_LABELS[self.status][lang if lang in ("zh", "en") else "zh"]


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate from ``start`` to ``end`` over ``years``; ``None`` if undefined."""
    if years <= 0 or start <= 0 or end < 0:
        return None
    return (end / start) ** (1.0 / years) - 1.0


def _growth(start: float, end: float, years: float) -> tuple[float | None, bool]:
    """Growth a year: CAGR where defined, else linear change a year (relative=False)."""
    rate = cagr(start, end, years)
    if rate is not None:
        return rate, True
    if years <= 0:
        return None, False
    return (end - start) / years, False


def target_met(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "increase" else value <= target


def _clean(points: list[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted((int(y), float(v)) for y, v in points if v is not None and not math.isnan(float(v)))


def first_year_met(points: list[tuple[int, float]], target: float, direction: str) -> int | None:
    """The first year whose value meets ``target`` (``None`` if none does)."""
    return next((y for y, v in _clean(points) if target_met(v, target, direction)), None)


def progress_status(points: list[tuple[int, float]], direction: str, target: float | None = None,
                    target_year: int | None = None, base_year: int | None = None,
                    is_rate: bool = False, cumulative: bool = False,
                    partial_years: frozenset[int] = frozenset()) -> Progress:
    """The progress status of a series of (year, value) points.

    ``base_year`` picks the baseline point (default: the first); the latest point is compared
    with it. ``direction`` is ``"increase"`` or ``"decrease"`` (which way is better). A
    ``cumulative`` series (a running total) is judged by ``cumulative_progress``;
    ``partial_years`` are years whose value covers only part of the year (as of mid-year).
    """
    if direction not in ("increase", "decrease"):
        raise ValueError(f"direction must be 'increase' or 'decrease', not {direction!r}")
    if cumulative:
        return cumulative_progress(points, direction, target, target_year, base_year, partial_years)
    series = _clean(points)
    if is_rate:
        series = [(y, min(v, 100.0)) for y, v in series]
        target = min(target, 100.0) if target is not None else None
    if base_year is not None:
        series = [(y, v) for y, v in series if y >= base_year] or series
    if len(series) < 2 or series[-1][0] == series[0][0]:
        if series and target is not None and target_met(series[-1][1], target, direction):
            return Progress("achieved", latest_year=series[-1][0])
        return Progress("not_enough_data")
    (y0, x0), (yt, xt) = series[0], series[-1]
    sign = 1.0 if direction == "increase" else -1.0
    if target is not None and target_met(xt, target, direction):
        growth, _ = _growth(x0, xt, yt - y0)
        met_year = first_year_met(series, target, direction)
        early = (target_year is not None and met_year is not None and met_year < target_year
                 and not target_met(x0, target, direction))  # reached from below, not merely held
        return Progress("met_early" if early else "achieved", growth, None, None, y0, yt, met_year=met_year)
    if target is not None and target_year is not None and target_year > y0:
        growth, relative = _growth(x0, xt, yt - y0)
        required, required_relative = _growth(x0, target, target_year - y0)
        if relative != required_relative:  # one of them fell back to linear: compare linearly
            growth, _ = (xt - x0) / (yt - y0), False
            required = (target - x0) / (target_year - y0)
        if required is None or required == 0:
            return Progress("not_enough_data", growth, required, None, y0, yt)
        ratio = growth / required
        return Progress(_status_from_ratio(ratio), growth, required, ratio, y0, yt)
    growth, relative = _growth(x0, xt, yt - y0)
    if growth is None:
        return Progress("not_enough_data", base_year=y0, latest_year=yt)
    if not relative:  # no CAGR from a zero base: growth relative to the latest level instead
        growth = growth / xt if xt else 0.0
    return Progress(_status_from_growth(sign * growth), growth, None, None, y0, yt)


def yearly_flows(points: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """A running total's flow in each year: the difference from the previous point, per year
    when years are skipped (100, 220, 364 in 2004–2006 -> 120 in 2005, 144 in 2006)."""
    series = _clean(points)
    return [(y1, (v1 - v0) / (y1 - y0)) for (y0, v0), (y1, v1) in zip(series, series[1:], strict=False) if y1 > y0]


def straight_path(base: tuple[int, float], target: float, target_year: int) -> list[tuple[int, float]]:
    """Where a running total should stand each year to reach ``target`` in ``target_year`` at an
    even pace (750 over 2004–2008 from 0 in 2003: 150, 300, 450, 600, 750)."""
    y0, x0 = base
    if target_year <= y0:
        return [(target_year, target)]
    step = (target - x0) / (target_year - y0)
    return [(y, x0 + step * (y - y0)) for y in range(y0, target_year + 1)]


def cumulative_base(points: list[tuple[int, float]], base_year: int | None) -> tuple[int, float] | None:
    """The running total at the base year: its value there, or 0 when the count starts after it
    (a running total "since 2004" stands at 0 at the end of 2003)."""
    series = _clean(points)
    if base_year is None:
        return series[0] if series else None
    return next(((y, v) for y, v in series if y == base_year), (base_year, 0.0))


def cumulative_progress(points: list[tuple[int, float]], direction: str, target: float | None = None,
                        target_year: int | None = None, base_year: int | None = None,
                        partial_years: frozenset[int] = frozenset()) -> Progress:
    """A running total's progress: against the straight path to a period target, or, without a
    target, by the growth of its yearly flows (first flow to latest, as CAGR).

    A flow of a year in ``partial_years`` (a value as of mid-year) is listed but not judged: half
    a year's flow is not a fall on the year before.
    """
    series = _clean(points)
    if target is not None and target_year is not None:
        return _path_progress(series, direction, target, target_year, base_year)
    if base_year is not None:
        series = [(y, v) for y, v in series if y >= base_year] or series
    flows = yearly_flows(series)
    whole = [(y, f) for y, f in flows if y not in partial_years]
    if len(whole) < 2:
        return Progress("not_enough_data", basis="flows", flows=tuple(flows),
                        latest_year=series[-1][0] if series else None)
    (y0, f0), (yt, ft) = whole[0], whole[-1]
    growth, relative = _growth(f0, ft, yt - y0)
    if growth is None:
        return Progress("not_enough_data", basis="flows", flows=tuple(flows))
    if not relative:  # no CAGR from a zero flow: growth relative to the latest flow instead
        growth = growth / ft if ft else 0.0
    sign = 1.0 if direction == "increase" else -1.0
    return Progress(_status_from_growth(sign * growth), growth, None, None, y0, yt, basis="flows",
                    flows=tuple(flows))


def _path_progress(series: list[tuple[int, float]], direction: str, target: float, target_year: int,
                   base_year: int | None) -> Progress:
    base = cumulative_base(series, base_year)
    if base is None:
        return Progress("not_enough_data", basis="path")
    y0, x0 = base
    after = [(y, v) for y, v in series if y > y0]
    if not after:
        return Progress("not_enough_data", basis="path", base_year=y0)
    yt, xt = after[-1]
    met_year = first_year_met(after, target, direction)
    if met_year is not None and target_met(xt, target, direction):
        status: Status = "met_early" if met_year < target_year else "met"
        return Progress(status, None, None, None, y0, yt, basis="path", expected=target, met_year=met_year)
    path = dict(straight_path(base, target, target_year))
    expected = path.get(min(yt, target_year), target)
    needed = expected - x0
    if needed == 0:
        return Progress("not_enough_data", basis="path", base_year=y0, latest_year=yt)
    ratio = (xt - x0) / needed
    return Progress(_status_from_ratio(ratio), None, None, ratio, y0, yt, basis="path", expected=expected)


def _status_from_ratio(ratio: float) -> Status:
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    if ratio >= ACCELERATION_RATIO:
        return "needs_acceleration"
    if ratio >= 0:
        return "limited"
    return "moving_away"


def _status_from_growth(growth: float) -> Status:
    if growth >= SUBSTANTIAL_GROWTH:
        return "on_track"
    if growth >= MODERATE_GROWTH:
        return "needs_acceleration"
    if growth >= 0:
        return "limited"
    return "moving_away"


def projection(points: list[tuple[int, float]], until_year: int, is_rate: bool = False) -> list[tuple[int, float]]:
    """Where the current growth (first to latest point) would lead, year by year, until ``until_year``."""
    series = sorted((int(y), float(v)) for y, v in points)
    if len(series) < 2 or until_year <= series[-1][0]:
        return []
    (y0, x0), (yt, xt) = series[0], series[-1]
    growth, relative = _growth(x0, xt, yt - y0)
    if growth is None:
        return []
    out = [(yt, xt)]
    for year in range(yt + 1, until_year + 1):
        value = xt * (1 + growth) ** (year - yt) if relative else xt + growth * (year - yt)
        out.append((year, min(value, 100.0) if is_rate else value))
    return out


def cumulative_projection(points: list[tuple[int, float]], until_year: int) -> list[tuple[int, float]]:
    """Where a running total would stand each year until ``until_year`` if it kept adding its
    average yearly flow so far (first to latest point)."""
    series = _clean(points)
    if len(series) < 2 or until_year <= series[-1][0]:
        return []
    (y0, x0), (yt, xt) = series[0], series[-1]
    step = (xt - x0) / (yt - y0)
    return [(y, xt + step * (y - yt)) for y in range(yt, until_year + 1)]


def trajectory(base: tuple[int, float], target: float, target_year: int) -> list[tuple[int, float]]:
    """The yearly path from the baseline to the target at a constant growth rate."""
    y0, x0 = base
    if target_year <= y0:
        return [(target_year, target)]
    rate = cagr(x0, target, target_year - y0)
    if rate is None:
        step = (target - x0) / (target_year - y0)
        return [(y, x0 + step * (y - y0)) for y in range(y0, target_year + 1)]
    return [(y, x0 * (1 + rate) ** (y - y0)) for y in range(y0, target_year + 1)]
