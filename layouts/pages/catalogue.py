"""Catalogue (/catalogue, editors): every indicator and where it came from, the check rules, and every
change; admins add an indicator or a rule here (checked again on the server by the application)."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, dcc, html, no_update

from indicators.catalogue import CATEGORIES, KINDS
from indicators.catalogue_cases import CatalogueError, add_rule, rule_text
from indicators.catalogue_edit import DIRECTIONS
from indicators.labels import t
from indicators.local_time import format_date, format_time
from indicators.users import role_allows
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.state import application, current_data, local_zone, page_state, page_title

dash.register_page(__name__, path="/catalogue", title=page_title("catalogue"))

TEXT_FIELDS = ("code", "name_zh", "name_en", "unit_zh", "unit_en", "groups")
LONG_FIELDS = ("definition_zh", "definition_en")


def indicator_table(lang: str) -> html.Table:
    added = application().catalogue_store.added_by()
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("field_code", "indicator", "unit", "kind",
                                                                 "field_category", "catalogue_origin")])
    rows = []
    for ind in application().catalogue():
        origin = (t("origin_added", lang, user=added[ind.code][0], date=format_date(added[ind.code][1], lang, local_zone()))
                  if ind.code in added else t("origin_builtin", lang))
        rows.append(html.Tr([html.Td(html.Code(ind.code)), html.Td(dcc.Link(ind.name(lang),
                                                                            href=f"/indicator/{ind.code}?lang={lang}")),
                             html.Td(ind.unit(lang)), html.Td(t(f"kind_{ind.kind}", lang)),
                             html.Td(CATEGORIES[ind.category][lang]), html.Td(origin)]))
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.CATALOGUE_TABLE)


def rules_list(lang: str) -> html.Div:
    catalogue = application().catalogue()
    if not catalogue.rules:
        return html.P(t("no_rules", lang), className="note")
    return html.Ul([html.Li(rule_text(rule, lang, catalogue.by_code)) for rule in catalogue.rules])


def _change_text(change: dict, lang: str, catalogue) -> str:  # type: ignore[no-untyped-def]
    detail, action = change["detail"], change["action"]
    if action == "seed":
        return t("change_seed", lang, n=detail.get("n", ""))
    if action == "add":
        return t("change_add", lang, code=change["code"])
    if action == "rule_removed":
        return t("change_rule_removed", lang, id=detail.get("id", ""))
    right = detail.get("right_code") or detail.get("right_value")
    return t("change_rule", lang, rule=f"{_name(change['code'], lang, catalogue)} "
                                       f"{'≤' if detail.get('op') == '<=' else '≥'} {_name(str(right), lang, catalogue)}")


def changes_table(lang: str) -> html.Table:
    catalogue = application().catalogue()
    rows = [html.Tr([html.Td(change["id"]), html.Td(format_time(change['at'], lang, local_zone())), html.Td(change["user"]),
                     html.Td(_change_text(change, lang, catalogue))])
            for change in reversed(application().catalogue_store.changes())]
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("catalogue_change_no", "time", "user", "changes")])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.CATALOGUE_CHANGES)


def _name(code: str, lang: str, catalogue) -> str:  # type: ignore[no-untyped-def]
    return catalogue.by_code[code].name(lang) if code in catalogue.by_code else code


def _field(name: str, lang: str) -> html.Label:
    key = {"type": ids.CATALOGUE_FIELD, "name": name}
    codes = [{"label": f"{ind.name(lang)} ({ind.code})", "value": ind.code} for ind in application().catalogue()]
    if name == "kind":
        control = dcc.Dropdown(id=key, options=[{"label": t(f"kind_{k}", lang), "value": k} for k in KINDS],
                               value="stock", clearable=False, className="dropdown")
    elif name == "direction":
        control = dcc.Dropdown(id=key, options=[{"label": t(d, lang), "value": d} for d in DIRECTIONS],
                               value="increase", clearable=False, className="dropdown")
    elif name == "category":
        control = dcc.Dropdown(id=key, options=[{"label": v[lang], "value": k} for k, v in CATEGORIES.items()],
                               value="organisation", clearable=False, className="dropdown")
    elif name in ("numerator", "denominator", "part_of"):
        control = dcc.Dropdown(id=key, options=codes, className="dropdown")
    elif name in LONG_FIELDS:
        control = dcc.Textarea(id=key, maxLength=2000, rows=2, className="wide-input")
    else:
        control = dcc.Input(id=key, type="text", maxLength=100, debounce=False)
    return html.Label([t(f"field_{name}", lang), control])


def _admin_forms(lang: str) -> list:
    codes = [{"label": f"{ind.name(lang)} ({ind.code})", "value": ind.code} for ind in application().catalogue()]
    fields = [*TEXT_FIELDS, "kind", "direction", "category", *LONG_FIELDS, "numerator", "denominator", "part_of"]
    return [
        html.H2(t("catalogue_add", lang)),
        html.Div(className="form-grid catalogue-form", children=[_field(name, lang) for name in fields]),
        html.Button(t("catalogue_add", lang), id=ids.CATALOGUE_ADD, n_clicks=0, className="button"),
        html.Div(id=ids.CATALOGUE_MESSAGE, role="status"),
        html.H3(t("rule_add", lang)),
        html.Div(className="form-grid", children=[
            html.Label([t("indicator", lang), dcc.Dropdown(id=ids.RULE_LEFT, options=codes, className="dropdown")]),
            html.Label([t("rule_op", lang), dcc.Dropdown(
                id=ids.RULE_OP, options=[{"label": "≤", "value": "<="}, {"label": "≥", "value": ">="}], value="<=",
                clearable=False, className="dropdown")]),
            html.Label([t("rule_right", lang), dcc.Dropdown(id=ids.RULE_RIGHT, options=codes, className="dropdown")]),
            html.Label([t("rule_right_number", lang), dcc.Input(id=ids.RULE_NUMBER, type="text", maxLength=30)])]),
        html.Button(t("rule_add", lang), id=ids.RULE_ADD, n_clicks=0, className="button"),
        html.Div(id=ids.RULE_MESSAGE, role="status"),
    ]


def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if (gate := editor_gate(state, "/catalogue")) is not None:
        return gate
    catalogue = application().catalogue()
    body = [html.H1(t("catalogue", lang)), html.P(t("catalogue_intro", lang)),
            html.P(t("catalogue_version", lang, version=catalogue.version), className="note"),
            dcc.Store(id=ids.CATALOGUE_LANG, data=lang),
            html.Div(indicator_table(lang), id=ids.CATALOGUE_LIST)]
    admin = role_allows(current_role(), "admin")
    body += [html.H2(t("rules", lang)), html.P(t("rules_intro", lang)), html.Div(rules_list(lang), id=ids.RULES_LIST)]
    if admin:
        body += _admin_forms(lang)
    body += [html.H2(t("catalogue_changes", lang)), changes_table(lang)]
    return html.Div(lang=lang, children=[header(state, "/catalogue"), html.Main(id="main", children=body)])


def _lang(value: object) -> str:
    return value if value in ("zh", "en") else "zh"  # type: ignore[return-value]


@callback(Output(ids.CATALOGUE_MESSAGE, "children"), Output(ids.CATALOGUE_LIST, "children"),
          Input(ids.CATALOGUE_ADD, "n_clicks"), State({"type": ids.CATALOGUE_FIELD, "name": ALL}, "value"),
          State({"type": ids.CATALOGUE_FIELD, "name": ALL}, "id"), State(ids.CATALOGUE_LANG, "data"),
          prevent_initial_call=True)
def add(n_clicks, values, field_ids, lang):
    if not n_clicks:
        return no_update, no_update
    lang = _lang(lang)
    fields = {str(i.get("name")): v for i, v in zip(field_ids or [], values or [], strict=False)
              if isinstance(i, dict) and isinstance(v, str | type(None))}
    try:  # the application checks the role and every field
        indicator = application().add_indicator(fields, current_name(), current_role())
    except CatalogueError as exc:
        lines = exc.messages(lang) or [t("catalogue_admin_only", lang)]
        return html.Div([html.P(line, className="error") for line in lines], role="alert"), no_update
    return (html.P(t("catalogue_added", lang, name=indicator.name(lang), code=indicator.code), className="success",
                   id="catalogue-added"), indicator_table(lang))


@callback(Output(ids.RULE_MESSAGE, "children"), Output(ids.RULES_LIST, "children"), Input(ids.RULE_ADD, "n_clicks"),
          State(ids.RULE_LEFT, "value"), State(ids.RULE_OP, "value"), State(ids.RULE_RIGHT, "value"),
          State(ids.RULE_NUMBER, "value"), State(ids.CATALOGUE_LANG, "data"), prevent_initial_call=True)
def rule(n_clicks, left, op, right, number, lang):
    if not n_clicks:
        return no_update, no_update
    lang = _lang(lang)
    try:
        made = add_rule(application(), str(left or ""), str(op or ""), str(right or ""), number, current_name(),
                        current_role())
    except CatalogueError as exc:
        lines = exc.messages(lang) or [t("catalogue_admin_only", lang)]
        return html.Div([html.P(line, className="error") for line in lines], role="alert"), no_update
    text = rule_text(made, lang, application().catalogue().by_code)
    return html.P(t("rule_added", lang, rule=text), className="success"), rules_list(lang)
