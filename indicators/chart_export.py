"""Chart images by URL: the same figure as the page, with a title, a legend and a source footer.

``/export/<code>.png?year=2008&region=甘州区&lang=en&chart=region`` takes the indicator page's
parameters. Bad parameters are refused with a status (400 or 404) and a message, never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd

from indicators.catalogue import BY_CODE
from indicators.citations import citation, frame_shown, summary_citation
from indicators.default_year import default_year
from indicators.exports_safe import figure_text
from indicators.figures import add_footer, group_chart, main_chart, missing_regions, region_chart
from indicators.illustrative import bars_footer
from indicators.indicator_view import (
    DataIndex,
    Summary,
    group_breakdown,
    is_illustrative,
    regional_breakdown,
    summarise,
)
from indicators.labels import t
from indicators.local_time import format_date, local_today
from indicators.rendering import FORMATS, render
from indicators.store import Revision
from indicators.translation import region_label

CHARTS = ("main", "region", "group")
EXPORT_WIDTH, EXPORT_HEIGHT = 1000, 560


class ExportRequestError(ValueError):
    """A request that cannot be answered: ``status`` is 400 (bad parameter) or 404 (no such thing)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ExportRequest:
    code: str
    fmt: str
    year: int | None
    region: str
    lang: str
    chart: str
    year_basis: str = "union"


def parse_export_request(code: str, fmt: str, args: dict[str, str], index: DataIndex,
                         default_lang: str = "zh", year_basis: str = "union") -> ExportRequest:
    """Check an export URL's parts against the data; raise ExportRequestError when one is wrong."""
    if code not in BY_CODE:
        raise ExportRequestError(404, f"没有这个指标 (no such indicator): {code}")
    if fmt not in FORMATS:
        raise ExportRequestError(404, f"不支持的格式 (unsupported format): {fmt}; png, svg, pdf")
    lang = args.get("lang") or default_lang
    if lang not in ("zh", "en"):
        raise ExportRequestError(400, f"lang 应为 zh 或 en (lang must be zh or en): {lang}")
    year: int | None = None
    if args.get("year"):
        try:
            year = int(args["year"])
        except ValueError:
            raise ExportRequestError(400, f"year 应为年份 (year must be a year): {args['year']}") from None
        if year not in index.years:
            raise ExportRequestError(404, f"没有 {year} 年的数据 (no data for {year})")
    region = args.get("region", "")
    if region and region not in index.regions:
        raise ExportRequestError(404, f"没有这个地区 (no such region): {region}")
    chart = args.get("chart", "main")
    if chart not in CHARTS:
        raise ExportRequestError(400, f"chart 应为 {', '.join(CHARTS)} (chart must be one of them): {chart}")
    return ExportRequest(code, fmt, year if year is not None else default_year(index, region, [code]),
                         region, lang, chart, year_basis)


def source_footer(summary: Summary, revision: Revision | None, lang: str, today: dt.date | None = None,
                  zone: ZoneInfo | str | None = None, marking: Sequence[str] | None = None,
                  frame: pd.DataFrame | None = None) -> str:
    """Where the numbers come from on one line, each its own (``indicators/citations.py``: the report's
    passage, the file, round and revision that brought it), with what the chart's marking means
    (``marking``: a bar chart's hatching, its regions without data; by default the main line's hollow
    points, if it has any); what the years are, the revision drawn and the date on the next.
    ``frame``: the rows a region or group chart draws, when it is one; else the series and its target."""
    parts = []
    if frame is not None:
        reported = frame[~frame["source"].astype(str).map(is_illustrative)]
        cited = citation(frame_shown(reported), summary.provenance, lang)
    else:
        cited = summary_citation(summary, lang, [p for p in summary.points if not p.illustrative])
    if cited:
        parts.append(cited)
    if marking is not None:
        parts += marking
    elif any(p.illustrative for p in summary.points):
        parts.append(t("illustrative_footer", lang))
    second = [t("footer_union_years" if summary.year_basis == "union" else "footer_calendar_years", lang)]
    if revision is not None:
        second.append(t("cite_revision_line", lang, id=revision.id,
                        time=format_date(revision.created_at, lang, zone)))
    second.append(t("exported_on", lang, date=format_date(today or local_today(zone), lang)))
    return " · ".join(map(figure_text, parts)) + "<br>" + " · ".join(map(figure_text, second))


def export_figure(request: ExportRequest, index: DataIndex, revision: Revision | None, city: str = "",
                  zone: ZoneInfo | str | None = None, expected_regions: Sequence[str] = ()) -> dict:
    """The figure of an export, as a plain dict: the page's chart, titled, with its footer.
    ``expected_regions`` (the registry's) are the regions a region chart shows, with or without data."""
    ind = BY_CODE[request.code]
    lang = request.lang
    summary = summarise(index, request.code, request.year, request.region, year_basis=request.year_basis)
    marking = None
    where = region_label(request.region, lang) if request.region or not city else city
    title = f"{ind.name(lang)} · {where}"  # plain text: the chart functions escape it
    frame = None  # the rows a region or group chart draws, which its footer cites
    if request.chart == "main":
        fig = main_chart(summary, lang, title)
    elif request.chart == "region":
        frame = regional_breakdown(index, request.code, request.year or 0)
        if frame.empty:
            raise ExportRequestError(404, f"这个指标没有分地区数据 (no regional figures): {request.code}")
        fig = region_chart(frame, summary, lang, f"{title} · {t('by_region', lang)} {int(frame['year'].iloc[0])}",
                           expected_regions)
        marking = bars_footer(frame, lang, missing_regions(frame, expected_regions))
    else:
        frame = group_breakdown(index, request.code, request.year or 0, request.region)
        if frame.empty:
            raise ExportRequestError(404, f"这个指标没有分组数据 (no groups): {request.code}")
        fig = group_chart(frame, summary, lang, f"{title} · {t('by_group', lang)} {int(frame['year'].iloc[0])}")
        marking = bars_footer(frame, lang)
    return add_footer(fig, source_footer(summary, revision, lang, zone=zone, marking=marking, frame=frame),
                      EXPORT_WIDTH, EXPORT_HEIGHT)


def export_chart(request: ExportRequest, index: DataIndex, revision: Revision | None,
                 city: str = "", zone: ZoneInfo | str | None = None,
                 expected_regions: Sequence[str] = ()) -> tuple[bytes, str, str]:
    """(bytes, MIME type, file name) of a chart export."""
    figure = export_figure(request, index, revision, city, zone, expected_regions)
    data = render(figure, request.fmt, EXPORT_WIDTH, EXPORT_HEIGHT)
    name = f"{request.code}-{request.chart}-{request.year or 'latest'}{'-' + request.region if request.region else ''}"
    return data, FORMATS[request.fmt], f"{name}.{request.fmt}"
