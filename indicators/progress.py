"""Progress towards a target, by the method Open SDG and Statistics Canada publish.

Growth is the compound annual growth rate (CAGR). With a target, the ratio R of the actual
growth to the growth needed to reach the target in time (respecting which way is better)
gives the status; without one, the growth rate alone does. Rates never pass 100.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Status = Literal["achieved", "on_track", "needs_acceleration", "limited", "moving_away", "not_enough_data"]

STATUS_LABELS: dict[str, dict[str, str]] = {
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


def progress_status(points: list[tuple[int, float]], direction: str, target: float | None = None,
                    target_year: int | None = None, base_year: int | None = None,
                    is_rate: bool = False) -> Progress:
    """The progress status of a series of (year, value) points.

    ``base_year`` picks the baseline point (default: the first); the latest point is compared
    with it. ``direction`` is ``"increase"`` or ``"decrease"`` (which way is better).
    """
    if direction not in ("increase", "decrease"):
        raise ValueError(f"direction must be 'increase' or 'decrease', not {direction!r}")
    series = sorted((int(y), float(v)) for y, v in points if v is not None and not math.isnan(float(v)))
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
        return Progress("achieved", growth, None, None, y0, yt)
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
