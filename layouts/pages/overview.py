"""Overview (/): every indicator as a card, grouped by the report's sections."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html

from indicators.catalogue import CATEGORIES, indicators_in
from indicators.citations import summary_citation
from indicators.figures import sparkline_svg
from indicators.formatting import value_with_unit
from indicators.illustrative import marked_change_text, status_text
from indicators.indicator_view import Summary, summarise
from indicators.labels import t
from indicators.narrative import year_draft
from indicators.stat_year import year_label
from layouts import ids
from layouts.components import draft_block, header, selectors
from layouts.state import (
    PageState,
    cached_page,
    city_name,
    current_data,
    current_revision,
    page_state,
    page_title,
    selection_search,
    year_basis,
)

dash.register_page(__name__, path="/", title=page_title())


def card(summary: Summary, state: PageState) -> html.Article:
    ind, lang = summary.indicator, state.lang
    latest = summary.latest
    link = dcc.Link(ind.name(lang), href=f"/indicator/{ind.code}" + state.query(), className="card-title")
    if latest is None:
        body = [html.P(t("no_data", lang), className="card-value muted")]
    else:
        badge_key = "illustrative" if latest.illustrative else "reported"
        body = [
            html.P([html.Span(value_with_unit(latest.value, ind, lang, latest.qualifier), className="card-value"),
                    html.Span(" " + year_label(latest.year, summary.year_basis, lang), className="card-year"),
                    *([html.Span(t("card_other_year", lang, year=year_label(state.year, summary.year_basis, lang)),
                                 className="card-year-note")] if state.year is not None and latest.year != state.year
                      else [])]),
            html.Span(t(badge_key, lang), className=f"badge badge-{badge_key}"),
            html.Dl(className="card-facts", children=[
                html.Dt(t("change_previous", lang)),
                html.Dd(marked_change_text(latest, summary.previous, ind, lang)),
                html.Dt(t("change_term", lang)),
                html.Dd(marked_change_text(latest, summary.term_base, ind, lang)),
            ]),
        ]
        spark = sparkline_svg([p.value for p in summary.points], [p.illustrative for p in summary.points])
        if spark:
            hollow = t("illustrative_sparkline", lang) if any(p.illustrative for p in summary.points) else ""
            body.append(html.Img(src=spark, alt=f"{ind.name(lang)} {summary.points[0].year}–{latest.year}{hollow}",
                                 className="sparkline"))
    target = summary.target
    target_text = (f"{value_with_unit(target.value, ind, lang, target.qualifier)} ({target.year})"
                   if target else t("no_target", lang))
    body.append(html.P([html.Span(f"{t('target', lang)}: {target_text}", className="card-target"),
                        html.Span(status_text(summary, lang),
                                  className=f"status status-{summary.progress.status}")]))
    cited = summary_citation(summary, lang, [summary.latest, summary.previous, summary.term_base])
    if cited:  # the sources of the numbers this card shows, each its own
        body.append(html.P(cited, className="card-source"))
    return html.Article(className="card", id=f"card-{ind.code}", children=[link, *body])


@cached_page
def layout(**query: str) -> html.Div:
    data = current_data()
    state = page_state(query, data.years, data)
    region = state.region if state.region in data.regions else ""
    basis = year_basis()
    sections = []
    for category, names in CATEGORIES.items():
        cards = [card(summarise(data, ind.code, state.year, region, year_basis=basis), state)
                 for ind in indicators_in(category)]
        sections.append(html.Section(className="section", children=[
            html.H2(names[state.lang]), html.Div(cards, className="cards")]))
    draft = year_draft(data, state.year, region, state.lang, current_revision(data), basis,
                       city_name(state.lang)) if state.year is not None else None
    return html.Div(lang=state.lang, children=[
        header(state, "/"),
        html.Main(id="main", children=[
            selectors(state, data.years, data.regions, ids.OVERVIEW_YEAR, ids.OVERVIEW_REGION,
                      ids.OVERVIEW_SHOWN),
            *([draft_block(ids.OVERVIEW_HIGHLIGHTS, t("highlights", state.lang), draft.paragraphs, state.lang,
                           "overview", draft.title, t("highlights_note", state.lang))] if draft else []),
            html.P([t("illustrative_note", state.lang), " ", t("bound_note", state.lang)], className="note"),
            html.P(className="downloads", children=[
                html.Span(t("download", state.lang) + ": "),
                html.A(f"{t('download_all', state.lang)} CSV", href=f"/download/data.csv?lang={state.lang}",
                       className="download"),
                html.A(f"{t('download_all', state.lang)} XLSX", href=f"/download/data.xlsx?lang={state.lang}",
                       className="download"),
                html.A(t("download_template", state.lang), href=f"/download/template.xlsx?lang={state.lang}",
                       className="download"),
            ]),
            html.Div(sections, id=ids.OVERVIEW_CARDS),
        ]),
    ])


@callback(Output(ids.URL, "search", allow_duplicate=True), Input(ids.OVERVIEW_YEAR, "value"),
          Input(ids.OVERVIEW_REGION, "value"), State(ids.OVERVIEW_SHOWN, "data"), State(ids.URL, "search"),
          prevent_initial_call=True)
def select(year: int, region: str, shown: dict, search: str) -> str:
    return selection_search(shown, search, year=year, region=region)
