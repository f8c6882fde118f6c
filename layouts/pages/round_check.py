"""Checking a table for a round (/round-check/<id>?job=…, its editor): the check's progress, then its
problems (as every upload shows them), or its preview and warnings, each warning with a box for its
explanation, and the submit button. Submitting is checked again on the server, whatever this page held."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, dcc, html, no_update
from dash.exceptions import PreventUpdate

from indicators.labels import t
from indicators.round_cases import refusal
from indicators.round_check import RoundCheck
from indicators.round_warnings import warning_message
from indicators.rounds import RoundError
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.pages.upload import preview_view, problems_view, reading_view
from layouts.state import application, current_data, page_state, page_title

dash.register_page(__name__, path_template="/round-check/<round_id>", title=page_title("rounds"))


def layout(round_id: str | None = None, job: str | None = None, **query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    path = f"/round-check/{round_id}"
    if (gate := editor_gate(state, path, f"/rounds/{round_id}")) is not None:
        return gate
    body = [
        html.P(dcc.Link(t("back_board", lang), href=f"/rounds/{round_id}?lang={lang}", id="round-check-back"),
               className="eyebrow"),
        html.H1(t("upload_table", lang)),
        dcc.Store(id=ids.ROUND_CHECK_JOB, data={"id": str(job or ""), "round": str(round_id), "lang": lang}),
        dcc.Interval(id=ids.ROUND_CHECK_POLL, interval=500),
        html.Div(id=ids.ROUND_CHECK_STATUS, role="status", **{"aria-live": "polite"}),
        html.Button(t("submit", lang), id=ids.ROUND_CHECK_SUBMIT, n_clicks=0, className="button",
                    style={"display": "none"}),
        html.Div(id=ids.ROUND_CHECK_RESULT, role="status"),
    ]
    return html.Div(lang=lang, children=[header(state, path), html.Main(id="main", children=body)])


def warnings_form(check: RoundCheck, lang: str) -> html.Section:
    catalogue = application().catalogue()
    items = [html.Div(className="warning-explain", children=[
        html.P(((f"{w.where}: " if w.where else "") + warning_message(w, catalogue, lang)), className="warning"),
        html.Label([t("explanation", lang), dcc.Textarea(id={"type": ids.ROUND_EXPLAIN, "key": w.key}, maxLength=2000,
                                                          rows=2, className="wide-input")])])
        for w in check.warnings]
    return html.Section(id="round-warnings", children=[
        html.H2(t("board_warnings", lang)),
        html.P(t("explain_warnings", lang) if items else t("no_warnings", lang), className="note"), *items])


def _job_state(job_state: object) -> tuple[str, str]:
    if not isinstance(job_state, dict):
        raise PreventUpdate
    lang = job_state.get("lang") if job_state.get("lang") in ("zh", "en") else "zh"
    return str(job_state.get("id") or ""), lang


@callback(Output(ids.ROUND_CHECK_STATUS, "children"), Output(ids.ROUND_CHECK_POLL, "disabled"),
          Output(ids.ROUND_CHECK_SUBMIT, "style"), Input(ids.ROUND_CHECK_POLL, "n_intervals"),
          State(ids.ROUND_CHECK_JOB, "data"))
def poll(_n, job_state):
    job_id, lang = _job_state(job_state)
    hidden = {"display": "none"}
    job = application().owned_check(job_id, current_name(), current_role())
    if job is None:
        return html.P(t("round_err_no_job", lang), className="error"), True, hidden
    application().jobs.polled(job.id)
    if not job.finished:
        return (html.Div([html.Progress(value=str(job.done), max=str(max(job.total, 1))),
                          html.Span(" " + t("checking", lang))]), False, hidden)
    try:
        check = application().rounds.checked(job_id, current_name(), current_role())
    except RoundError as exc:
        return html.P(refusal(exc, lang), className="error"), True, hidden
    if not check.ok:
        return html.Div([problems_view(check, job.id, lang), reading_view(check, lang)]), True, hidden
    return html.Div([warnings_form(check, lang), preview_view(check, lang), reading_view(check, lang)]), True, {}


@callback(Output(ids.ROUND_CHECK_RESULT, "children"), Output(ids.ROUND_CHECK_SUBMIT, "style", allow_duplicate=True),
          Input(ids.ROUND_CHECK_SUBMIT, "n_clicks"), State({"type": ids.ROUND_EXPLAIN, "key": ALL}, "value"),
          State({"type": ids.ROUND_EXPLAIN, "key": ALL}, "id"), State(ids.ROUND_CHECK_JOB, "data"),
          prevent_initial_call=True)
def submit(n_clicks, texts, text_ids, job_state):
    if not n_clicks:
        return no_update, no_update
    job_id, lang = _job_state(job_state)
    explanations = {str(i.get("key")): str(v or "") for i, v in zip(text_ids or [], texts or [], strict=False)
                    if isinstance(i, dict) and isinstance(v, str | type(None))}
    try:  # the application checks who asks, the round, the region, every value and every explanation
        submission = application().rounds.submit(job_id, explanations, current_name(), current_role())
    except RoundError as exc:
        return html.P(refusal(exc, lang), className="error", role="alert"), no_update
    return (html.P([t("submitted_done", lang), " ",
                    dcc.Link(t("back_board", lang), href=f"/rounds/{submission.round_id}?lang={lang}")],
                   className="success", id="round-submitted"), {"display": "none"})
