"""Collection rounds (/rounds, editors): every round with its progress; reviewers open a new one here."""

from __future__ import annotations

import datetime as dt

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.labels import t
from indicators.local_time import format_date, local_today
from indicators.round_cases import refusal
from indicators.rounds import RoundError
from indicators.stat_year import year_label
from indicators.translation import region_label
from indicators.users import role_allows
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.state import application, current_data, local_zone, page_state, page_title, year_basis

dash.register_page(__name__, path="/rounds", title=page_title("rounds"))
CITY_UNIT = "__city__"  # a dropdown cannot hold "", the city federation's own report


def rounds_table(lang: str) -> html.Table | html.P:
    cases = application().rounds
    rows = []
    for round_ in cases.rounds():
        states = [s.state for s in cases.store.submissions(round_.id).values()]
        approved = states.count("approved")
        rows.append(html.Tr([
            html.Td(dcc.Link(round_.name, href=f"/rounds/{round_.id}?lang={lang}", id=f"round-link-{round_.id}")),
            html.Td(year_label(round_.year, year_basis(), lang, long=True)), html.Td(format_date(round_.deadline, lang)),
            html.Td(t(f"round_state_{round_.state}", lang)),
            html.Td([html.Progress(value=str(approved), max=str(max(1, len(round_.regions)))),
                     f" {approved}/{len(round_.regions)}"])]))
    if not rows:
        return html.P(t("no_rounds", lang), className="note")
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("round_name", "round_year", "round_deadline",
                                                                 "round_state", "round_progress")])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.ROUNDS_TABLE)


def open_form(lang: str) -> list:
    catalogue = application().catalogue()
    regions = application().regions().directory().names
    today = local_today(local_zone())
    return [
        html.H2(t("round_open", lang)),
        html.Div(className="form-grid", children=[
            html.Label([t("round_name", lang), dcc.Input(id=ids.ROUNDS_NAME, type="text", maxLength=100,
                                                         placeholder=t("round_name_hint", lang))]),
            html.Label([t("round_year", lang), dcc.Input(id=ids.ROUNDS_YEAR, type="number", value=today.year)]),
            html.Label([t("round_deadline", lang), dcc.Input(id=ids.ROUNDS_DEADLINE, type="text", maxLength=10,
                                                             value=f"{today + dt.timedelta(days=30):%Y-%m-%d}")])]),
        html.Div(className="form-stack", children=[
        html.Label([t("round_indicators", lang), dcc.Dropdown(  # chosen each year: the form's own indicators
            id=ids.ROUNDS_INDICATORS, multi=True, value=[], className="dropdown wide",
            placeholder=t("round_indicators_hint", lang),
            options=[{"label": ind.name(lang), "value": ind.code} for ind in catalogue])]),
        html.Label([t("round_regions", lang), dcc.Dropdown(
            id=ids.ROUNDS_REGIONS, multi=True, value=list(regions), className="dropdown wide",
            options=[{"label": t("round_city_own", lang), "value": CITY_UNIT}]
            + [{"label": region_label(name, lang), "value": name} for name in regions])])]),
        html.Button(t("round_open", lang), id=ids.ROUNDS_OPEN, n_clicks=0, className="button"),
        html.Div(id=ids.ROUNDS_MESSAGE, role="status"),
    ]


def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if (gate := editor_gate(state, "/rounds")) is not None:
        return gate
    body = [html.H1(t("rounds", lang)), html.P(t("rounds_intro", lang)), dcc.Store(id=ids.ROUNDS_LANG, data=lang),
            html.Div(rounds_table(lang), id="rounds-list")]
    mine = application().users.regions_of(current_name())
    if mine:
        names = "、".join(region_label(r, lang) for r in mine) if lang != "en" else ", ".join(
            region_label(r, lang) for r in mine)
        body.insert(2, html.P(t("your_regions", lang, regions=names), className="note"))
    if role_allows(current_role(), "reviewer"):
        body += open_form(lang)
    return html.Div(lang=lang, children=[header(state, "/rounds"), html.Main(id="main", children=body)])


@callback(Output(ids.ROUNDS_MESSAGE, "children"), Output("rounds-list", "children"), Input(ids.ROUNDS_OPEN, "n_clicks"),
          State(ids.ROUNDS_NAME, "value"), State(ids.ROUNDS_YEAR, "value"), State(ids.ROUNDS_DEADLINE, "value"),
          State(ids.ROUNDS_INDICATORS, "value"), State(ids.ROUNDS_REGIONS, "value"), State(ids.ROUNDS_LANG, "data"),
          prevent_initial_call=True)
def open_round(n_clicks, name, year, deadline, codes, regions, lang):
    if not n_clicks:
        return no_update, no_update
    lang = lang if lang in ("zh", "en") else "zh"
    units = ["" if r == CITY_UNIT else str(r) for r in regions] if isinstance(regions, list) else []
    try:  # the application checks the role and every field
        round_ = application().rounds.open(str(name or ""), year, deadline, codes if isinstance(codes, list) else [],
                                           units, current_name(), current_role())
    except RoundError as exc:
        return html.P(refusal(exc, lang), className="error", role="alert"), no_update
    return (html.P([t("round_opened", lang, name=round_.name), " ",
                    dcc.Link(t("board_title", lang, name=round_.name), href=f"/rounds/{round_.id}?lang={lang}",
                             id="round-opened-link")], className="success"), rounds_table(lang))
