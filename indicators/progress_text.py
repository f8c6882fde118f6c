"""The progress status in words, as the indicator page states it beside the badge."""

from __future__ import annotations

from indicators.formatting import percent_text, value_with_unit
from indicators.illustrative import status_text
from indicators.indicator_view import Summary
from indicators.labels import t


def progress_detail(summary: Summary, lang: str = "zh") -> str:
    """What the status rests on: the growth of the level or of the yearly flows, the straight
    path to a period target, or the year a target was reached."""
    progress, ind = summary.progress, summary.indicator
    parts = [status_text(summary, lang)]
    if progress.met_year is not None and progress.target_reached:
        parts.append(t("met_in", lang, year=progress.met_year))
    elif progress.basis == "path" and progress.expected is not None and summary.latest is not None:
        parts.append(t("path_expected", lang, year=progress.latest_year,
                       expected=value_with_unit(progress.expected, ind, lang),
                       actual=value_with_unit(summary.latest.value, ind, lang, summary.latest.qualifier),
                       share=f"{(progress.ratio or 0.0) * 100:.0f}%"))
    elif progress.basis == "flows" and progress.growth is not None:
        parts.append(f"{t('growth_flows', lang)} {percent_text(progress.growth)} "
                     f"({progress.base_year}–{progress.latest_year})")
        left_out = [y for y, _ in progress.flows if progress.latest_year is not None and y > progress.latest_year]
        if left_out:
            parts.append(t("partial_left_out", lang, year=left_out[-1]))
    elif progress.growth is not None:
        parts.append(f"{t('growth', lang)} {percent_text(progress.growth)}")
        if progress.required is not None:
            parts.append(f"{t('required', lang)} {percent_text(progress.required)}")
    return " · ".join(parts)
