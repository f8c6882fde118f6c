"""Issue 17 item 3 on the pages, from a real SQLite store: after a file with 2009 figures, a card's
五年变化 measured from the built-in data's illustrative 2004 value says so (the issue's
"+829个 (+56%)"), and the indicator page's 2009 region chart shows all six registry regions when the
file gave one (five as "无数据")."""

from __future__ import annotations

import pytest
from test_pages import _find, _text

from app import create_app
from indicators.application import Application
from indicators.ingest import import_workbook, reader_context
from indicators.region_names import BUILTIN_REGIONS
from workbooks import long_workbook


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The built-in data (2004–2007 illustrative) and a file with 2009's city figure and 甘州区's."""
    db = str(tmp_path_factory.mktemp("illus") / "store.db")
    store = Application({"db": db}).store
    rows = [["grassroots_unions", 2009, "", "", 2310, "", "", "2009年统计年报"],
            ["grassroots_unions", 2009, "甘州区", "", 700, "", "", "2009年统计年报"]]
    result = import_workbook(store, long_workbook(rows), "w.xlsx", "boss", context=reader_context(store))
    assert result.ok, [p.message("en") for p in result.problems]
    return create_app({"db": db})


def test_card_marks_a_change_and_a_status_from_an_illustrative_base(app):
    from layouts.pages import overview

    with app.server.test_request_context("/"):
        zh = _text(_find(overview.layout(year="2009"), "card-grassroots_unions"))
        en = _text(_find(overview.layout(year="2009", lang="en"), "card-grassroots_unions"))
    assert "+829个 (+56%)（示例基数）" in zh  # 五年变化 from the illustrative 2004 value (1481)
    assert "+125个 (+5.7%)" in zh and "+125个 (+5.7%)（" not in zh  # 比上年: 2008 is reported
    assert "+829 organisations (+56%) (illustrative base)" in en


def test_region_chart_on_the_page_shows_the_five_regions_without_data(app):
    from layouts.pages import indicator

    with app.server.test_request_context("/"):
        tree = indicator.layout(code="grassroots_unions", year="2009")
    figure = _find(tree, "indicator-region-chart").figure
    assert sorted(figure["layout"]["yaxis"]["categoryarray"]) == sorted(name for name, _ in BUILTIN_REGIONS)
    gaps = [trace for trace in figure["data"] if trace["type"] == "scatter"]
    assert len(gaps) == 1 and len(gaps[0]["y"]) == 5 and set(gaps[0]["text"]) == {"无数据"}
    assert "甘州区" not in gaps[0]["y"]
    table = _text(_find(tree, "indicator-region-table"))  # the table under it lists the same six
    assert table.count("无数据") == 5 and all(name in table for name, _ in BUILTIN_REGIONS)


def test_card_sparkline_says_what_its_hollow_points_mean(app):
    from layouts.pages import overview

    with app.server.test_request_context("/"):
        card = _find(overview.layout(year="2009"), "card-grassroots_unions")
        english = _find(overview.layout(year="2009", lang="en"), "card-grassroots_unions")
    alts = [child.alt for child in card.children if getattr(child, "alt", None)]
    assert alts == ["基层工会组织数 2003–2009（空心点为示例数据）"]
    assert next(c.alt for c in english.children if getattr(c, "alt", None)).endswith(" (hollow points are illustrative)")
