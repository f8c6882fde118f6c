"""Briefing (/briefing): every indicator, or one section, as a PDF report, a PowerPoint deck or a Word document."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.catalogue import CATEGORIES
from indicators.labels import t
from layouts import ids
from layouts.briefing_jobs import job_status, refusal_words, start_briefing
from layouts.components import header
from layouts.state import current_data, page_state, page_title

dash.register_page(__name__, path="/briefing", title=page_title("briefing"))


def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    return html.Div(lang=lang, children=[
        header(state, "/briefing"),
        html.Main(id="main", className="prose", children=[
            html.H1(t("briefing", lang)),
            html.P(t("briefing_intro", lang)),
            html.Label([t("section", lang), dcc.Dropdown(
                id=ids.BRIEFING_SECTION, clearable=False, value="",
                options=[{"label": t("all_sections", lang), "value": ""}]
                + [{"label": names[lang], "value": key} for key, names in CATEGORIES.items()])]),
            html.Div(className="button-row", children=[
                html.Button(t("make_pdf", lang), id=ids.BRIEFING_PDF, n_clicks=0, className="button"),
                html.Button(t("make_pptx", lang), id=ids.BRIEFING_PPTX, n_clicks=0, className="button"),
                html.Button(t("make_docx", lang), id=ids.BRIEFING_DOCX, n_clicks=0, className="button"),
            ]),
            dcc.Store(id=ids.BRIEFING_JOB, data={"lang": lang}),
            dcc.Interval(id=ids.BRIEFING_POLL, interval=700, disabled=True),
            html.Div(id=ids.BRIEFING_STATUS, role="status", **{"aria-live": "polite"}),
        ]),
    ])


@callback(Output(ids.BRIEFING_JOB, "data"), Output(ids.BRIEFING_POLL, "disabled"),
          Input(ids.BRIEFING_PDF, "n_clicks"), Input(ids.BRIEFING_PPTX, "n_clicks"), Input(ids.BRIEFING_DOCX, "n_clicks"),
          State(ids.BRIEFING_SECTION, "value"), State(ids.BRIEFING_JOB, "data"), prevent_initial_call=True)
def start(pdf_clicks: int, pptx_clicks: int, docx_clicks: int, section: str, job: dict):
    fmt = {ids.BRIEFING_PDF: "pdf", ids.BRIEFING_PPTX: "pptx", ids.BRIEFING_DOCX: "docx"}[dash.ctx.triggered_id]
    job_id, refused = start_briefing(fmt, job["lang"], section or None)  # refused: the label saying why not
    return {"lang": job["lang"], "id": job_id, "refused": refused}, False


@callback(Output(ids.BRIEFING_STATUS, "children"), Output(ids.BRIEFING_POLL, "disabled", allow_duplicate=True),
          Input(ids.BRIEFING_POLL, "n_intervals"), State(ids.BRIEFING_JOB, "data"), prevent_initial_call=True)
def poll(_n: int, job: dict):
    if job.get("refused") in ("briefing_busy", "jobs_unavailable", "rate_limited"):
        return html.P(refusal_words(job["refused"], job["lang"]), className="error", role="alert"), True
    status = job_status(job.get("id"), job["lang"])
    if status is None:
        return no_update, True
    return status
