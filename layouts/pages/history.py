"""History (/history, editors): every revision, its original file, comparing two, rolling back."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.application import UseCaseError
from indicators.catalogue import BY_CODE
from indicators.labels import t
from indicators.local_time import format_time
from indicators.revision_gaps import gap_key, revision_gaps
from indicators.store import StoreError
from indicators.users import role_allows
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.state import application, current_data, local_zone, page_state, page_title, store

dash.register_page(__name__, path="/history", title=page_title("history"))


def revision_rows(lang: str) -> tuple[html.Table, list[dict]]:
    current = store().current_revision_id()
    revisions = store().revisions()
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in
                    ("revision_no", "file", "user", "time", "values", "counts", "sha256", "original")])
    rows = []
    gaps = {last: first for first, last in revision_gaps(rev.id for rev in revisions)}  # keyed by the number below
    for rev in reversed(revisions):
        if (first := gaps.get(rev.id - 1)) is not None:
            rows.append(html.Tr(className="revision-gap", children=[
                html.Td(t(gap_key(first, rev.id - 1), lang, first=first, last=rev.id - 1), colSpan=8)]))
        mark = f" ({t('current', lang)})" if rev.id == current else ""
        rows.append(html.Tr(className="current-revision" if rev.id == current else None, children=[
            html.Td(f"{rev.id}{mark}"), html.Td(rev.filename), html.Td(rev.user),
            html.Td(format_time(rev.created_at, lang, local_zone())), html.Td(str(rev.n_observations)),
            html.Td(t("revision_counts", lang, n=rev.n_in_file, added=rev.n_added, changed=rev.n_changed)),
            html.Td(html.Code(rev.sha256[:16] + "…", title=rev.sha256)),
            html.Td(html.A(t("download", lang), href=f"/download/revision/{rev.id}")),
        ]))
    options = [{"label": f"{rev.id} · {rev.filename} · {format_time(rev.created_at, lang, local_zone())}", "value": rev.id}
               for rev in reversed(revisions)]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.HISTORY_TABLE), options


def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if (gate := editor_gate(state, "/history")) is not None:
        return gate
    table, options = revision_rows(lang)
    body = [
        html.H1(t("history", lang)), html.P(t("history_intro", lang)), table,
        html.H2(t("compare", lang)),
        html.Div(className="selectors", children=[
            dcc.Dropdown(id=ids.HISTORY_COMPARE_A, options=options, value=options[-1]["value"] if options else None,
                         clearable=False, className="dropdown wide"),
            html.Span("→"),
            dcc.Dropdown(id=ids.HISTORY_COMPARE_B, options=options, value=options[0]["value"] if options else None,
                         clearable=False, className="dropdown wide"),
            html.Button(t("compare", lang), id=ids.HISTORY_COMPARE, n_clicks=0, className="button")]),
        html.Div(id=ids.HISTORY_DIFF),
        dcc.Store(id="history-lang", data=lang),
    ]
    if role_allows(current_role(), "admin"):
        body += [
            html.H2(t("rollback", lang)), html.P(t("rollback_intro", lang)),
            html.Div(className="selectors", children=[
                dcc.Dropdown(id=ids.HISTORY_ROLLBACK_TO, options=options, clearable=False, className="dropdown wide",
                             placeholder=t("choose_revision", lang)),
                html.Button(t("rollback", lang), id=ids.HISTORY_ROLLBACK, n_clicks=0, className="button")]),
            dcc.ConfirmDialog(id=ids.HISTORY_CONFIRM, message=t("rollback_confirm", lang)),
            html.Div(id=ids.HISTORY_MESSAGE, role="status"),
        ]
    return html.Div(lang=lang, children=[header(state, "/history"), html.Main(id="main", children=body)])


@callback(Output(ids.HISTORY_DIFF, "children"), Input(ids.HISTORY_COMPARE, "n_clicks"),
          State(ids.HISTORY_COMPARE_A, "value"), State(ids.HISTORY_COMPARE_B, "value"), State("history-lang", "data"),
          prevent_initial_call=True)
def compare(_n: int, first: int, second: int, lang: str):
    if not role_allows(current_role(), "editor") or first is None or second is None:
        return no_update
    diff = application().compare(int(first), int(second))
    if not diff.has_changes:
        return html.P(t("no_difference", lang))
    rows = [html.Tr([html.Td(BY_CODE[p.code].name(lang)), html.Td(len(p.added)), html.Td(len(p.changed)),
                     html.Td(p.left_out if diff.mode == "replace" else 0)]) for p in diff.indicators]
    head = html.Tr([html.Th(t(k, lang)) for k in ("indicator", "added", "changed", "removed")])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id="history-diff-table")


@callback(Output(ids.HISTORY_CONFIRM, "displayed"), Input(ids.HISTORY_ROLLBACK, "n_clicks"),
          State(ids.HISTORY_ROLLBACK_TO, "value"), prevent_initial_call=True)
def ask(n_clicks: int, target: int | None) -> bool:
    return bool(n_clicks and target is not None)


@callback(Output(ids.HISTORY_MESSAGE, "children"), Output(ids.HISTORY_TABLE, "children"),
          Input(ids.HISTORY_CONFIRM, "submit_n_clicks"), State(ids.HISTORY_ROLLBACK_TO, "value"),
          State("history-lang", "data"), prevent_initial_call=True)
def rollback(submitted: int, target: int | None, lang: str):
    if not submitted or target is None:
        return no_update, no_update
    if not role_allows(current_role(), "admin"):  # checked here, on the server, whatever the page showed
        return html.P(t("rollback_not_allowed", lang), className="error"), no_update
    try:
        rev = application().rollback(int(target), current_name(), current_role())
    except (UseCaseError, StoreError) as exc:
        return html.P(str(exc), className="error"), no_update
    table, _ = revision_rows(lang)
    return (html.P(t("rolled_back", lang, id=rev.id, file=rev.filename), className="success", id="history-rolled-back"),
            table.children)
