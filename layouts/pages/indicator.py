"""Indicator page (/indicator/<code>): years against the target, breakdowns, the numbers, the definition."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html

from indicators.catalogue import BY_CODE, CATEGORIES
from indicators.citations import summary_sources
from indicators.explanations import explanation_line
from indicators.figures import group_chart, main_chart, missing_regions, region_chart
from indicators.formatting import value_with_unit
from indicators.illustrative import status_text
from indicators.indicator_view import group_breakdown, regional_breakdown, summarise
from indicators.labels import t
from indicators.local_time import format_time
from indicators.narrative import indicator_paragraph
from indicators.progress_text import progress_detail
from indicators.translation import passage
from layouts import ids
from layouts.components import download_links, draft_block, header, selectors
from layouts.state import (
    application,
    cached_page,
    current_data,
    current_revision,
    local_zone,
    page_state,
    page_title,
    selection_search,
    year_basis,
)
from layouts.tables import breakdown_table, main_table

dash.register_page(__name__, path_template="/indicator/<code>", title=page_title("indicator"))

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}


@cached_page
def layout(code: str | None = None, **query: str) -> html.Div:
    data = current_data()
    state = page_state(query, data.years, data, [code] if code in BY_CODE else None)
    lang = state.lang
    indicator = BY_CODE.get(code or "")
    if indicator is None:
        return html.Div(lang=lang, children=[header(state, "/"), html.Main(id="main", children=[
            html.H1(t("not_found", lang, code=code)), dcc.Link(t("back_overview", lang), href="/" + state.query())])])
    region = state.region if state.region in data.regions else ""
    summary = summarise(data, indicator.code, state.year, region, year_basis=year_basis())
    progress = summary.progress
    blocks = [html.Section(className="chart-block", children=[
        dcc.Graph(id=ids.INDICATOR_MAIN_CHART, figure=main_chart(summary, lang, indicator.name(lang)).to_plotly_json(),
                  config=GRAPH_CONFIG),
        download_links(state, indicator.code, "main"),
        html.Details([html.Summary(t("table", lang)), main_table(summary, lang, ids.INDICATOR_TABLE)], open=True),
    ])]
    regions = regional_breakdown(data, indicator.code, state.year or 0)
    groups = group_breakdown(data, indicator.code, state.year or 0, region)
    explained = data.explained(indicator.code, state.year)
    for kind, frame, graph_id in (("region", regions, ids.INDICATOR_REGION_CHART),
                                  ("group", groups, ids.INDICATOR_GROUP_CHART)):
        if frame.empty:
            continue
        year = int(frame["year"].iloc[0])
        beside = {e.region: e.text for e in explained if kind == "region" and e.year == year and not e.group}
        expected = application().regions().directory().names if kind == "region" else []
        figure = (region_chart(frame, summary, lang, expected=expected) if kind == "region"
                  else group_chart(frame, summary, lang))
        blocks.append(html.Section(className="chart-block", children=[
            html.H2(f"{t('by_' + kind, lang)} · {int(frame['year'].iloc[0])}"),
            dcc.Graph(id=graph_id, figure=figure.to_plotly_json(), config=GRAPH_CONFIG),
            download_links(state, indicator.code, kind),
            html.Details([html.Summary(t("table", lang)),
                          breakdown_table(frame, summary, lang, kind, f"indicator-{kind}-table", beside,
                                          missing_regions(frame, expected))]),
        ]))
    if explained:  # the reasons districts sent with figures that broke a rule, beside those figures
        blocks.append(html.Section(id=ids.INDICATOR_EXPLANATIONS, className="explanations", children=[
            html.H2(t("explanations_title", lang)),
            html.Ul([html.Li([html.Strong(f"{value_with_unit(e.value, indicator, lang)} "),
                              explanation_line(e, lang)]) for e in explained])]))
    revision = current_revision(data)
    paragraph = indicator_paragraph(data, indicator.code, state.year, region, lang, revision, year_basis())
    facts = [
        (t("definition", lang), indicator.definition(lang)),
        (t("unit", lang), indicator.unit(lang)),
        (t("kind", lang), t(f"kind_{indicator.kind}", lang)),
        (t("direction", lang), t(indicator.direction, lang)),
        (t("status", lang), progress_detail(summary, lang)),
    ]
    if indicator.passage:  # the report's indicators; one an admin added has no passage
        facts.append((t("passage", lang),
                      f"“{passage(indicator, lang)}” ({t('fragment', lang, fragment=indicator.fragment)})"))
    if indicator.note_zh:
        facts.append((t("note", lang), indicator.note_en if lang == "en" else indicator.note_zh))
    sources = summary_sources(summary, lang, [p for p in summary.points if not p.illustrative])
    if sources:  # each shown number's own: the report's passage, the file, round and revision that brought it
        facts.append((t("source", lang), sources))
    if revision:
        facts.append((t("revision", lang), t("revision_text", lang, id=revision.id, file=revision.filename,
                                              time=format_time(revision.created_at, lang, local_zone()))))
    return html.Div(lang=lang, children=[
        header(state, f"/indicator/{indicator.code}"),
        html.Main(id="main", children=[
            html.P(CATEGORIES[indicator.category][lang], className="eyebrow"),
            html.H1(indicator.name(lang)),
            html.P([html.Span(status_text(summary, lang), className=f"status status-{progress.status}")]),
            selectors(state, data.years, data.regions, ids.INDICATOR_YEAR, ids.INDICATOR_REGION,
                      ids.INDICATOR_SHOWN),
            draft_block(ids.INDICATOR_DRAFT, t("draft_paragraph", lang), [paragraph], lang, "indicator"),
            *blocks,
            html.Section(className="facts", children=[html.Dl([item for label, text in facts
                                                                for item in (html.Dt(label), html.Dd(text))])]),
        ]),
    ])


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.INDICATOR_YEAR, "value"),
          Input(ids.INDICATOR_REGION, "value"), State(ids.INDICATOR_SHOWN, "data"), State(ids.URL, "search"),
          prevent_initial_call=True)
def select(year: int, region: str, shown: dict, search: str) -> str:
    return selection_search(shown, search, year=year, region=region)
