"""Briefing (/briefing): every indicator, or one section, as a PDF report, a PowerPoint deck or a Word document.

What it covers is in the URL (``/briefing?year=2008&region=甘州区&section=rights``) and chosen with a
plain form of native, labelled selects, so a link makes the same briefing and the keyboard works.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.briefing_scope import BriefingScope, briefing_scope
from indicators.catalogue import CATEGORIES
from indicators.labels import t
from indicators.stat_year import year_label
from indicators.translation import region_label
from layouts import ids
from layouts.briefing_jobs import job_status, refusal_words, start_briefing
from layouts.components import header
from layouts.state import city_name, current_data, page_state, page_title, year_basis

dash.register_page(__name__, path="/briefing", title=page_title("briefing"))


def _select(label: str, select_id: str, name: str, options: list[tuple[str, str]], chosen: str) -> html.Label:
    return html.Label(htmlFor=select_id, className="field", children=[
        label, html.Select(id=select_id, name=name, children=[
            html.Option(text, value=value, selected=value == chosen) for text, value in options])])


def scope_form(scope: BriefingScope, years: list[int], regions: list[str], lang: str, basis: str) -> html.Form:
    """The year, region and section selects; choosing submits the page's own URL with them."""
    return html.Form(method="GET", action="/briefing", className="briefing-scope", children=[
        dcc.Input(type="hidden", name="lang", value=lang),
        _select(t("year", lang), ids.BRIEFING_YEAR, "year",
                [(year_label(y, basis, lang), str(y)) for y in reversed(years)], str(scope.year)),
        _select(t("region", lang), ids.BRIEFING_REGION, "region",
                [(t("city_total", lang), ""), *((region_label(r, lang), r) for r in regions)], scope.region),
        _select(t("section", lang), ids.BRIEFING_SECTION, "section",
                [(t("all_sections", lang), ""), *((names[lang], key) for key, names in CATEGORIES.items())],
                scope.category or ""),
        html.Button(t("briefing_choose", lang), type="submit", id=ids.BRIEFING_CHOOSE, className="button"),
    ])


def layout(**query: str) -> html.Div:
    data = current_data()
    state = page_state(query, data.years, data)
    lang, basis = state.lang, year_basis()
    scope, problems = briefing_scope(query, data, lang, basis)
    return html.Div(lang=lang, children=[
        header(state, "/briefing"),
        html.Main(id="main", className="prose", children=[
            html.H1(t("briefing", lang)),
            html.P(t("briefing_intro", lang)),
            scope_form(scope, data.years, data.regions, lang, basis),
            *([html.Div([html.P(problem.message(lang)) for problem in problems], id=ids.BRIEFING_PROBLEMS,
                        className="error", role="alert")] if problems else []),
            html.P(t("briefing_covers", lang, scope=scope.label(city_name(lang), lang, basis)),
                   id=ids.BRIEFING_COVERS),
            html.Div(className="button-row", children=[
                html.Button(t(key, lang), id=button, n_clicks=0, className="button", disabled=bool(problems))
                for key, button in (("make_pdf", ids.BRIEFING_PDF), ("make_pptx", ids.BRIEFING_PPTX),
                                    ("make_docx", ids.BRIEFING_DOCX))]),
            dcc.Store(id=ids.BRIEFING_JOB, data={"lang": lang, "year": scope.year, "region": scope.region,
                                                 "section": scope.category or ""}),
            dcc.Interval(id=ids.BRIEFING_POLL, interval=700, disabled=True),
            html.Div(id=ids.BRIEFING_STATUS, role="status", **{"aria-live": "polite"}),
        ]),
    ])


@callback(Output(ids.BRIEFING_JOB, "data"), Output(ids.BRIEFING_POLL, "disabled"),
          Input(ids.BRIEFING_PDF, "n_clicks"), Input(ids.BRIEFING_PPTX, "n_clicks"), Input(ids.BRIEFING_DOCX, "n_clicks"),
          State(ids.BRIEFING_JOB, "data"), prevent_initial_call=True)
def start(pdf_clicks: int, pptx_clicks: int, docx_clicks: int, job: dict):
    fmt = {ids.BRIEFING_PDF: "pdf", ids.BRIEFING_PPTX: "pptx", ids.BRIEFING_DOCX: "docx"}[dash.ctx.triggered_id]
    job_id, refused = start_briefing(fmt, job["lang"], job.get("section") or None, job.get("year"),
                                     job.get("region", ""))  # refused: the label saying why not
    return {**job, "id": job_id, "refused": refused}, False


@callback(Output(ids.BRIEFING_STATUS, "children"), Output(ids.BRIEFING_POLL, "disabled", allow_duplicate=True),
          Input(ids.BRIEFING_POLL, "n_intervals"), State(ids.BRIEFING_JOB, "data"), prevent_initial_call=True)
def poll(_n: int, job: dict):
    if job.get("refused") in ("briefing_busy", "jobs_unavailable", "rate_limited"):
        return html.P(refusal_words(job["refused"], job["lang"]), className="error", role="alert"), True
    status = job_status(job.get("id"), job["lang"])
    if status is None:
        return no_update, True
    return status
