"""Issue 18 item 10: text people type (a unit, a name, a region, a group, a note) reaches Plotly figures,
which read a few HTML tags (<a>, <b>, <br>, <span style>) in text. Every such text is escaped, so it
shows as typed in the page's charts, their SVG and the PDF briefing, and never becomes a link."""

from __future__ import annotations

import html
import io
import re
import subprocess

import pypdf
import pytest

from indicators.application import Application
from indicators.briefing import build_pdf
from indicators.catalogue import using
from indicators.catalogue_cases import add_indicator
from indicators.figures import group_chart, main_chart, region_chart
from indicators.indicator_view import group_breakdown, regional_breakdown, summarise
from indicators.ingest import import_workbook, reader_context, registry
from indicators.rendering import render
from workbooks import long_workbook

UNIT = '<a href="http://x">万人</a>'
NAME = '<b>职工</b>人数'
REGION = "新区&lt;b&gt;"  # the register refuses < and >; an entity must still show as typed
GROUP = '<span style="color:red">一线</span>'
NOTE = "<b>两家</b>企业合并"
HOSTILE = {
    "code": "workers", "name_zh": NAME, "name_en": "<b>Workers</b>", "unit_zh": UNIT,
    "unit_en": '<a href="http://x">10k</a>', "kind": "时点数", "direction": "越高越好", "category": "组织建设",
    "definition_zh": "年末全市职工人数。", "definition_en": "Workers at the end of the year.", "groups": [GROUP],
}


@pytest.fixture
def hostile(store):
    """An application whose catalogue holds an indicator an admin typed markup into, with values by a
    region and a group whose names are markup, and a note."""
    app = Application({"db": store.url})
    add_indicator(app, HOSTILE, "boss", "admin")
    registry(app.store).add(REGION, user="boss")
    rows = [["workers", 2008, "", "", 12.5, "", "", ""], ["workers", 2009, "", "", 13.5, "", NOTE, ""],
            ["workers", 2009, REGION, "", 3.5, "", "", ""], ["workers", 2009, "", GROUP, 1.5, "", "", ""]]
    with using(app.catalogue()):
        result = import_workbook(app.store, long_workbook(rows), "w.xlsx", "boss", context=reader_context(app.store))
    assert result.ok, [p.message("en") for p in result.problems]
    return app


def assert_shown_as_typed(svg: str, *typed: str) -> None:
    tags = re.findall(r"<([^>]+)>", svg)
    assert not [tag for tag in tags if tag.split()[0] in ("a", "b", "/a", "/b") or "href" in tag]
    assert "font-weight:bold" not in svg and "fill:red" not in svg.replace(" ", "")
    shown = html.unescape(re.sub(r"<[^>]+>", "", svg))  # the SVG's text content, tspans joined
    for part in typed:
        assert part in shown, part


def test_the_indicator_pages_figures_show_typed_markup_as_text(hostile):
    app = hostile
    index = app.data_index()
    with using(app.catalogue()):
        summary = summarise(index, "workers", 2009)
        main = main_chart(summary, "zh", summary.indicator.name("zh")).to_plotly_json()
        regions = region_chart(regional_breakdown(index, "workers", 2009), summary, "zh").to_plotly_json()
        groups = group_chart(group_breakdown(index, "workers", 2009, ""), summary, "zh").to_plotly_json()
    assert_shown_as_typed(render(main, "svg").decode(), NAME, UNIT)
    assert_shown_as_typed(render(regions, "svg").decode(), REGION, UNIT)
    assert_shown_as_typed(render(groups, "svg").decode(), GROUP, UNIT)
    # hover labels are drawn from customdata and text: those are escaped too
    points = [t for t in main["data"] if t.get("customdata") is not None]
    assert points and all("<a" not in c for t in points for c in t["customdata"])
    assert all("<a" not in str(x) for x in regions["data"][0]["text"])


def test_the_pdf_briefing_has_no_link_and_shows_typed_markup_as_text(hostile):
    app = hostile
    index = app.data_index()
    with using(app.catalogue()):
        pdf, _, _ = build_pdf(index, app.revision(index), "zh", "organisation", "xx市")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    links = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]
    assert [a for a in links if a.get("/Subtype") == "/Link"] == []
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    squeezed = re.sub(r"\s+", "", text)
    for part in (NAME, UNIT):  # the 说明 column is shown on pages, not in the briefing
        assert re.sub(r"\s+", "", part) in squeezed, part
