"""Pages open on the year people mean: the latest with reported figures for what they show.

A real SQLite store seeded with the built-in data, then a file published with a few newer values:
a 2009 figure for one indicator and 2010 values that are only illustrative.
"""

from __future__ import annotations

import pytest

from app import create_app
from indicators.ingest import import_workbook
from workbooks import long_workbook

NEW_2009 = 2310.0


def _find(component, wanted_id):
    """A component of a layout tree by id."""
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, wanted_id)
            if found is not None:
                return found
    return None


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    dash_app = create_app({"db": str(tmp_path_factory.mktemp("year-pages") / "store.db")})
    store = dash_app.server.config["APPLICATION"].store
    result = import_workbook(store, long_workbook([
        ["grassroots_unions", 2009, None, None, NEW_2009, None, None, "2009年统计年报"],
        ["union_members", 2010, None, None, 13.5, None, None, "示例"],
        ["membership_rate", 2010, None, None, 92, None, None, "示例"],
    ]), "2009.xlsx", "tester")
    assert result.revision is not None, result.problems
    return dash_app


def _observations(app):
    _, observations, _ = app.server.config["APPLICATION"].store.data()
    return observations


def _latest_reported(observations, code=None) -> int:
    rows = observations[(observations["region"] == "") & ~observations["source"].astype(str).str.startswith("示例")]
    if code:
        rows = rows[rows["code"] == code]
    return int(rows["year"].max())


def test_the_overview_opens_on_the_latest_year_with_reported_figures(app):
    from layouts import ids
    from layouts.pages import overview

    observations = _observations(app)
    assert int(observations["year"].max()) == 2010  # the newest year with any value is illustrative only
    with app.server.test_request_context("/"):
        tree = overview.layout()
    assert _find(tree, ids.OVERVIEW_YEAR).value == _latest_reported(observations) == 2009


def test_an_indicator_page_opens_on_its_own_latest_reported_year(app):
    from layouts import ids
    from layouts.pages import indicator

    observations = _observations(app)
    with app.server.test_request_context("/"):
        tree = indicator.layout(code="union_members")
    wanted = _latest_reported(observations, "union_members")
    assert wanted < 2010
    assert _find(tree, ids.INDICATOR_YEAR).value == wanted
    with app.server.test_request_context("/"):
        asked = indicator.layout(code="union_members", year="2010")
    assert _find(asked, ids.INDICATOR_YEAR).value == 2010  # a year asked for is kept


def test_a_chart_export_without_a_year_shows_the_pages_year(app):
    from indicators.chart_export import parse_export_request

    application = app.server.config["APPLICATION"]
    request = parse_export_request("union_members", "png", {}, application.data_index())
    assert request.year == _latest_reported(_observations(app), "union_members") < 2010


def test_the_command_lines_draft_speaks_of_the_latest_reported_year(app, capsys):
    from indicators.cli import main

    db = app.server.config["APPLICATION"].settings.db
    assert main(["--db", str(db), "draft"]) == 0
    title = capsys.readouterr().out.splitlines()[0]
    assert "2009年度" in title and "2010" not in title


def _links(component) -> list[str]:
    found = [component.href] if getattr(component, "href", None) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found += _links(child)
    return found


def test_every_page_carries_the_same_default_year_in_its_links(app):
    from layouts.pages import method

    with app.server.test_request_context("/"):
        tree = method.layout()
    briefing = next(href for href in _links(tree) if href.startswith("/briefing"))
    assert f"year={_latest_reported(_observations(app))}" in briefing and "2010" not in briefing


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    parts = children if isinstance(children, list) else [children]
    return " ".join(_text(c) for c in parts if c is not None)


def test_a_card_says_when_its_year_is_not_the_pages(app):
    from layouts.pages import overview

    observations = _observations(app)
    page_year = _latest_reported(observations)
    with app.server.test_request_context("/"):
        zh, en = overview.layout(), overview.layout(lang="en")
    aid = observations[(observations["code"] == "aid_funds") & (observations["region"] == "")]
    assert int(aid["year"].max()) < page_year
    assert "（2009年度暂无数据）" in _text(_find(zh, "card-aid_funds"))
    assert "(no figure for statistics year 2009)" in _text(_find(en, "card-aid_funds"))
    assert "暂无数据" not in _text(_find(zh, "card-grassroots_unions"))  # its own figure is the page's year
