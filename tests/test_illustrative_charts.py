"""Issue 17 item 3: illustrative values (示例) stay visibly illustrative in every chart kind and
export, with a legend or footer worded for the chart kind, in both languages; a region chart shows
every registry region, those without a value as "无数据".

The figures are built from generated frames (mixes of reported and illustrative values, all
illustrative, none) and checked on the figure objects, and for bars on a rendered SVG."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from indicators.briefing_common import BriefingItem, chart
from indicators.chart_export import ExportRequest, export_figure
from indicators.figures import group_chart, main_chart, region_chart, sparkline_svg
from indicators.indicator_view import DataIndex, group_breakdown, regional_breakdown, summarise
from indicators.region_names import BUILTIN_REGIONS
from indicators.rendering import render
from indicators.translation import region_label

OBS = ["code", "year", "region", "group", "value", "qualifier", "source", "note"]
TARGETS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
REGIONS = [name for name, _ in BUILTIN_REGIONS]
REPORTED, ILLUSTRATIVE = "报告第3段", "示例"
MIXES = {"mixed": [REPORTED, ILLUSTRATIVE, REPORTED, ILLUSTRATIVE, REPORTED, REPORTED],
         "all_illustrative": [ILLUSTRATIVE] * 6, "none": [REPORTED] * 6}


def index_of(rows: list[list], targets: list[list] | None = None) -> DataIndex:
    return DataIndex(1, pd.DataFrame(rows, columns=OBS), pd.DataFrame(targets or [], columns=TARGETS))


def city_series(code: str, values: dict[int, float], sources: dict[int, str]) -> list[list]:
    return [[code, year, "", "", value, "", sources[year], ""] for year, value in values.items()]


def regions_index(sources: list[str], regions: list[str] = REGIONS) -> DataIndex:
    rows = city_series("grassroots_unions", {2007: 2000.0, 2008: 2185.0}, {2007: REPORTED, 2008: REPORTED})
    rows += [["grassroots_unions", 2008, r, "", 300.0 + 10 * i, "", s, ""]
             for i, (r, s) in enumerate(zip(regions, sources, strict=False))]
    return index_of(rows)


def groups_index(sources: list[str]) -> DataIndex:
    rows = city_series("model_workers", {2008: 500.0}, {2008: REPORTED})
    rows += [["model_workers", 2008, "", g, 10.0 * (i + 1), "", s, ""]
             for i, (g, s) in enumerate(zip(("全国", "省部级", "市级", "县级"), sources, strict=False))]
    return index_of(rows)


def bar_patterns(fig) -> dict[str, str]:
    """Each bar's category -> its pattern shape ("" for solid), over every bar trace."""
    out = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        cats = trace.y if trace.orientation == "h" else trace.x
        shape = trace.marker.pattern.shape if trace.marker.pattern is not None else None
        shapes = shape if isinstance(shape, (list, tuple)) else [shape] * len(cats)
        out.update({str(c): s or "" for c, s in zip(cats, shapes, strict=True)})
    return out


def legend_names(fig) -> list[str]:
    return [trace.name for trace in fig.data if trace.name and trace.showlegend is not False]


def svg_text(data: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))


# --- bars: regions and groups --------------------------------------------------------------------

@pytest.mark.parametrize("mix", MIXES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_region_bars_hatch_illustrative_values_with_a_legend(mix, lang):
    sources = MIXES[mix]
    index = regions_index(sources)
    frame = regional_breakdown(index, "grassroots_unions", 2008)
    fig = region_chart(frame, summarise(index, "grassroots_unions", 2008), lang, expected=REGIONS)
    patterns = bar_patterns(fig)
    for region, source in zip(REGIONS, sources, strict=True):
        assert patterns[region_label(region, lang)] == ("/" if source == ILLUSTRATIVE else ""), region
    legend = legend_names(fig)
    marked = {"zh": "示例数据（斜线条）", "en": "Illustrative (hatched bars)"}[lang]
    assert (marked in legend) == (ILLUSTRATIVE in sources)
    if ILLUSTRATIVE in sources:
        assert fig.layout.showlegend is True


@pytest.mark.parametrize("mix", MIXES)
def test_group_bars_hatch_illustrative_values_with_a_legend(mix):
    sources = MIXES[mix][:4]
    index = groups_index(sources)
    frame = group_breakdown(index, "model_workers", 2008)
    fig = group_chart(frame, summarise(index, "model_workers", 2008), "zh")
    patterns = bar_patterns(fig)
    for group, source in zip(("全国", "省部级", "市级", "县级"), sources, strict=True):
        assert patterns[group] == ("/" if source == ILLUSTRATIVE else ""), group
    assert ("示例数据（斜线条）" in legend_names(fig)) == (ILLUSTRATIVE in sources)


def test_region_chart_with_one_of_six_regions_shows_five_missing():
    index = regions_index([REPORTED], regions=REGIONS[:1])
    frame = regional_breakdown(index, "grassroots_unions", 2008)
    fig = region_chart(frame, summarise(index, "grassroots_unions", 2008), "zh", expected=REGIONS)
    categories = list(fig.layout.yaxis.categoryarray)
    assert sorted(categories) == sorted(REGIONS)
    gaps = [t for t in fig.data if t.type == "scatter"]
    assert len(gaps) == 1 and sorted(gaps[0].y) == sorted(REGIONS[1:]) and set(gaps[0].text) == {"无数据"}
    assert list(bar_patterns(fig)) == REGIONS[:1]


def test_exported_region_bars_say_hatched_and_missing_in_the_svg():
    index = regions_index([REPORTED, ILLUSTRATIVE, REPORTED], regions=REGIONS[:3])
    for lang, hatched, missing in (("zh", "斜线条为示例数据", "无数据"), ("en", "hatched bars are illustrative", "no data")):
        request = ExportRequest("grassroots_unions", "svg", 2008, "", lang, "region")
        figure = export_figure(request, index, None, expected_regions=REGIONS)
        text = svg_text(render(figure, "svg", 1000, 560))
        assert hatched in text and missing in text
        assert "空心点" not in text and "hollow points" not in text
        svg = render(figure, "svg", 1000, 560).decode("utf-8")
        assert "<pattern" in svg  # the hatch is drawn, not only named


def test_exported_group_bars_footer_speaks_of_bars():
    index = groups_index([REPORTED, ILLUSTRATIVE, REPORTED, REPORTED])
    figure = export_figure(ExportRequest("model_workers", "svg", 2008, "", "zh", "group"), index, None)
    footer = " ".join(a["text"] for a in figure["layout"]["annotations"])
    assert "斜线条为示例数据" in footer and "空心点" not in footer


# --- points: main line, briefing charts, sparklines ---------------------------------------------

def series_index(sources: list[str]) -> DataIndex:
    years = list(range(2003, 2009))
    values = {y: 1300.0 + 150 * i for i, y in enumerate(years)}
    return index_of(city_series("grassroots_unions", values, dict(zip(years, sources, strict=True))))


@pytest.mark.parametrize("mix", MIXES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_main_line_and_briefing_chart_mark_points_and_say_so(mix, lang):
    sources = MIXES[mix]
    index = series_index(sources)
    summary = summarise(index, "grassroots_unions", 2008)
    fig = main_chart(summary, lang)
    fills = {}
    for trace in fig.data:
        if trace.mode == "markers+text":
            fills.update({x: trace.marker.color for x in trace.x})
    assert [fills[y] == "white" for y in range(2003, 2009)] == [s == ILLUSTRATIVE for s in sources]
    marked = {"zh": "示例数据（空心点）", "en": "Illustrative (hollow points)"}[lang]
    assert (marked in legend_names(fig)) == (ILLUSTRATIVE in sources)
    if ILLUSTRATIVE in sources:
        assert fig.layout.showlegend is True
    figure = chart(BriefingItem(summary.indicator, summary), None, lang, 1000, 560, with_facts=True)  # PDF/PPTX
    footer = " ".join(a["text"] for a in figure["layout"]["annotations"])
    hollow = {"zh": "空心点为示例数据", "en": "hollow points are illustrative"}[lang]
    assert (hollow in footer) == (ILLUSTRATIVE in sources)


def test_sparkline_draws_illustrative_points_hollow():
    svg = sparkline_svg([1.0, 2.0, 3.0], [False, True, False])
    from urllib.parse import unquote
    circles = re.findall(r'<circle [^>]*fill="([^"]+)"', unquote(svg))
    assert circles == ["#0072B2", "white", "#0072B2"]


def rights_index() -> DataIndex:
    """The rights section with one series: collective contract coverage 2003–2008, whose 2003 base
    and 2007 value are illustrative."""
    years = list(range(2003, 2009))
    sources = dict(zip(years, [ILLUSTRATIVE, REPORTED, REPORTED, REPORTED, ILLUSTRATIVE, REPORTED], strict=True))
    return index_of(city_series("collective_contract_coverage",
                                {y: 60.0 + 5 * i for i, y in enumerate(years)}, sources))


def test_pptx_slide_marks_changes_and_status_from_illustrative_values():
    from io import BytesIO

    from pptx import Presentation

    from indicators.briefing import build_pptx

    data, _, _ = build_pptx(rights_index(), None, "zh", category="rights", city="xx市")
    deck = Presentation(BytesIO(data))
    slide = next(s for s in deck.slides if s.shapes.title.text.startswith("集体合同"))
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "比上年: +5个百分点（示例基数）" in text and "进展: 进展顺利（示例基数）" in text
    summary = next(s for s in deck.slides if s.shapes.title.text == "进展汇总")
    cells = [c.text for shape in summary.shapes if shape.has_table for row in shape.table.rows for c in row.cells]
    assert "进展顺利（示例基数）" in cells


def test_pdf_page_says_hollow_points_and_marks_the_status():
    from io import BytesIO

    from pypdf import PdfReader

    from indicators.briefing import build_pdf

    data, _, _ = build_pdf(rights_index(), None, "en", category="rights", city="xx")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages]
    page = next(p for p in pages if "Illustrative (hollow points)" in p)
    assert "hollow points are illustrative" in page and "(illustrative base)" in page
