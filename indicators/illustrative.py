"""One rule for what rests on an illustrative value (示例), wherever a change or a status is shown.

A change between two values, or a progress status judged from a series, is computed from the
values it names. If one of them is illustrative, the result is no fact either: the cards, the
briefings' facts and the status badges mark it ("示例基数" when the base it is measured from is
illustrative, "示例数值" when only the later value is), and the drafted paragraphs, which state
only facts, leave it out. ``rests_on_illustrative`` is the one test all of them use.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.catalogue import Indicator
from indicators.formatting import change_text
from indicators.indicator_view import Point, Summary, is_illustrative
from indicators.labels import t
from indicators.translation import region_label


def rests_on_illustrative(*points: Point | None) -> bool:
    """Whether any of the values a number is computed from is illustrative."""
    return any(p is not None and p.illustrative for p in points)


def illustrative_mark(base: Point | None, *later: Point | None, lang: str = "zh") -> str:
    """The words that follow a number computed from ``base`` and ``later``: empty when all are
    reported, "（示例基数）" when the base is illustrative, "（示例数值）" when only a later value is."""
    if rests_on_illustrative(base):
        return t("illustrative_base", lang)
    if rests_on_illustrative(*later):
        return t("illustrative_end", lang)
    return ""


def marked_change_text(now: Point | None, before: Point | None, indicator: Indicator, lang: str = "zh") -> str:
    """A card's change from ``before`` to ``now`` ("+829个 (+56.1%)"), marked when it rests on an
    illustrative value; "—" when either is missing."""
    if now is None or before is None:
        return change_text(None, indicator, lang)
    change = now.value - before.value
    relative = change / before.value if before.value else None
    return change_text(change, indicator, lang, relative) + illustrative_mark(before, now, lang=lang)


def status_points(summary: Summary) -> tuple[Point | None, list[Point]]:
    """The base and the later points the summary's progress status was judged from: its base and
    latest year (a running total's yearly flows also use every year between, and the year before
    the first flow)."""
    progress = summary.progress
    by_year = {p.year: p for p in summary.points}
    if progress.latest_year is None:
        return None, []
    if progress.base_year is None:
        return None, [by_year[progress.latest_year]] if progress.latest_year in by_year else []
    first = progress.base_year - 1 if progress.basis == "flows" else progress.base_year
    if progress.basis == "flows":
        used = [p for p in summary.points if first <= p.year <= progress.latest_year]
    else:
        used = [by_year[y] for y in (progress.base_year, progress.latest_year) if y in by_year]
    base = by_year.get(first)
    return base, [p for p in used if p is not base]


def status_text(summary: Summary, lang: str = "zh") -> str:
    """The status label ("正常推进"), marked when the status rests on an illustrative value."""
    if summary.progress.status == "not_enough_data":
        return summary.progress.label(lang)
    base, later = status_points(summary)
    return summary.progress.label(lang) + illustrative_mark(base, *later, lang=lang)


def bars_footer(frame: pd.DataFrame, lang: str = "zh", missing: Sequence[str] = ()) -> list[str]:
    """A bar chart's footer words on its marking: that hatched bars are illustrative (if any are),
    and which expected regions have no value."""
    words = []
    if not frame.empty and any(is_illustrative(s) for s in frame["source"]):
        words.append(t("illustrative_footer_bars", lang))
    if missing:
        names = t("list_separator", lang).join(region_label(r, lang) for r in missing)
        key = "missing_region_footer" if len(missing) == 1 else "missing_regions_footer"
        words.append(t(key, lang, n=len(missing), regions=names))
    return words
