"""Labels that say a value, a change or a status is illustrative (示例), worded per chart kind.

Kept beside ``labels.py`` and merged into its one table, so ``t(key, lang)`` finds them.
"""

from __future__ import annotations

ILLUSTRATIVE_LABELS: dict[str, tuple[str, str]] = {
    # What each chart kind's marking means (legend entries and export footers)
    "illustrative_points": ("示例数据（空心点）", "Illustrative (hollow points)"),
    "illustrative_bars": ("示例数据（斜线条）", "Illustrative (hatched bars)"),
    "illustrative_footer_bars": ("斜线条为示例数据，非报告数字", "hatched bars are illustrative, not figures of the report"),
    "illustrative_sparkline": ("（空心点为示例数据）", " (hollow points are illustrative)"),
    "missing_region": ("无数据", "no data"),
    "missing_regions_footer": ("{n}个地区无数据：{regions}", "{n} regions with no data: {regions}"),
    "missing_region_footer": ("1个地区无数据：{regions}", "1 region with no data: {regions}"),
    # A change or status that rests on an illustrative value
    "illustrative_base": ("（示例基数）", " (illustrative base)"),
    "illustrative_end": ("（示例数值）", " (illustrative value)"),
}
