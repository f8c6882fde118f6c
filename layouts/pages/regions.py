"""Regions (/regions): the federation's districts, counties and industry unions that files may name.

Editors see the list; admins add a region, rename one (its old name stays as an alias) or add an
alias. Every change is checked on the server (the role, and the name, by the registry itself).
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.ingest import registry
from indicators.labels import t
from indicators.region_names import REGION_KINDS
from indicators.regions import RegionError
from indicators.users import role_allows
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.state import current_data, page_state, store

dash.register_page(__name__, path="/regions", title="地区 · 工会指标看板")


def region_table(lang: str) -> html.Table:
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("region", "region_kind", "region_en", "aliases")])
    rows = [html.Tr([html.Td(e.name), html.Td(REGION_KINDS.get(e.kind, REGION_KINDS["other"])[lang]),
                     html.Td(e.name_en), html.Td("、".join(e.aliases))]) for e in registry(store()).entries()]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.REGIONS_TABLE)


def _admin_forms(lang: str) -> list:
    names = [{"label": n, "value": n} for n in registry(store()).directory().names]
    kinds = [{"label": v[lang], "value": k} for k, v in REGION_KINDS.items()]
    return [
        html.H2(t("region_add", lang)),
        html.Div(className="selectors", children=[
            html.Label([t("region", lang), dcc.Input(id=ids.REGIONS_NAME, type="text", maxLength=50)]),
            html.Label([t("region_kind", lang), dcc.Dropdown(id=ids.REGIONS_KIND, options=kinds, value="district",
                                                             clearable=False, className="dropdown")]),
            html.Label([t("region_en", lang), dcc.Input(id=ids.REGIONS_EN, type="text", maxLength=200)]),
            html.Label([t("aliases", lang), dcc.Input(id=ids.REGIONS_ALIASES, type="text", maxLength=300)]),
            html.Button(t("region_add", lang), id=ids.REGIONS_ADD, n_clicks=0, className="button")]),
        html.H2(t("region_rename", lang)),
        html.Div(className="selectors", children=[
            dcc.Dropdown(id=ids.REGIONS_PICK, options=names, clearable=False, className="dropdown"),
            dcc.Input(id=ids.REGIONS_NEW, type="text", maxLength=50, placeholder=t("region_new_name", lang)),
            html.Button(t("region_rename", lang), id=ids.REGIONS_RENAME, n_clicks=0, className="button"),
            html.Button(t("region_alias", lang), id=ids.REGIONS_ALIAS, n_clicks=0, className="button")]),
    ]


def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if (gate := editor_gate(state, "/regions")) is not None:
        return gate
    body = [html.H1(t("regions", lang)), html.P(t("regions_intro", lang)),
            html.Div(region_table(lang), id=ids.REGIONS_LIST), dcc.Store(id=ids.REGIONS_LANG, data=lang),
            html.Div(id=ids.REGIONS_MESSAGE, role="status")]
    if role_allows(current_role(), "admin"):
        body += _admin_forms(lang)
    return html.Div(lang=lang, children=[header(state, "/regions"), html.Main(id="main", children=body)])


@callback(Output(ids.REGIONS_MESSAGE, "children"), Output(ids.REGIONS_LIST, "children"),
          Input(ids.REGIONS_ADD, "n_clicks"), Input(ids.REGIONS_RENAME, "n_clicks"), Input(ids.REGIONS_ALIAS, "n_clicks"),
          State(ids.REGIONS_NAME, "value"), State(ids.REGIONS_KIND, "value"), State(ids.REGIONS_EN, "value"),
          State(ids.REGIONS_ALIASES, "value"), State(ids.REGIONS_PICK, "value"), State(ids.REGIONS_NEW, "value"),
          State(ids.REGIONS_LANG, "data"), prevent_initial_call=True)
def change(_add, _rename, _alias, name, kind, name_en, aliases, picked, new, lang):
    lang = lang if lang in ("zh", "en") else "zh"
    if not role_allows(current_role(), "admin"):  # checked here, whatever the page showed
        return html.P(t("regions_admin_only", lang), className="error", role="alert"), no_update
    action = dash.ctx.triggered_id
    regions = registry(store())
    try:
        if action == ids.REGIONS_ADD:
            extra = [a.strip() for a in str(aliases or "").replace("，", ",").replace("、", ",").split(",") if a.strip()]
            regions.add(str(name or ""), kind, extra, str(name_en or ""), current_name() or "")
            done = t("region_added", lang, name=str(name).strip())
        elif action == ids.REGIONS_RENAME:
            regions.rename(str(picked or ""), str(new or ""), current_name() or "")
            done = t("region_renamed", lang, old=picked, new=str(new).strip())
        else:
            regions.add_alias(str(picked or ""), str(new or ""), current_name() or "")
            done = t("region_aliased", lang, name=picked, alias=str(new).strip())
    except RegionError as exc:
        return html.P(str(exc), className="error", role="alert"), no_update
    return html.P(done, className="success", id="regions-done"), region_table(lang)
