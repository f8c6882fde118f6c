"""Pieces every page shares: the header with navigation and the language switch, selectors."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.i18n import t
from layouts.state import PageState, city_name


def header(state: PageState, path: str) -> html.Header:
    other = "en" if state.lang == "zh" else "zh"
    return html.Header(className="site-header", children=[
        html.A(t("skip", state.lang), href="#main", className="skip-link"),
        html.Div(className="brand", children=[
            dcc.Link(t("app_title", state.lang), href="/" + state.query(), className="brand-title"),
            html.Span(t("subtitle", state.lang, city=city_name()), className="brand-subtitle"),
        ]),
        html.Nav(className="site-nav", children=[
            dcc.Link(t("overview", state.lang), href="/" + state.query()),
            dcc.Link(t("method", state.lang), href="/method" + state.query()),
            dcc.Link(t("switch_language", state.lang), href=path + state.query(lang=other), id=ids.LANG_LINK,
                     className="lang-switch"),
        ]),
    ])


def selectors(state: PageState, years: list[int], regions: list[str], year_id: str, region_id: str,
              shown_id: str) -> html.Div:
    region = state.region if state.region in regions else ""
    return html.Div(className="selectors", children=[
        dcc.Store(id=shown_id, data={"year": state.year, "region": region}),
        html.Label([t("year", state.lang), dcc.Dropdown(
            id=year_id, options=[{"label": str(y), "value": y} for y in reversed(years)], value=state.year,
            clearable=False, searchable=False, className="dropdown")]),
        html.Label([t("region", state.lang), dcc.Dropdown(
            id=region_id, options=[{"label": t("city_total", state.lang), "value": ""}]
            + [{"label": r, "value": r} for r in regions],
            value=region, clearable=False, className="dropdown")]),
    ])
