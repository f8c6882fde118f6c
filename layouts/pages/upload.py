"""Upload (/upload, editors only): template, the file, its problems or its preview, and publishing."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.catalogue import BY_CODE
from indicators.formatting import value_with_unit
from indicators.labels import t
from indicators.users import role_allows
from layouts import ids
from layouts.auth import current_role
from layouts.components import header
from layouts.state import current_data, page_state, page_title
from layouts.upload_flow import UploadCheck, owned_job, publish_job

dash.register_page(__name__, path="/upload", title=page_title("upload"))


def _form(lang: str) -> html.Iframe:
    """The file form, served by Flask (see upload_flow.upload_form_html): a plain multipart form, so
    the browser sends the file itself and the server's size limit applies before it is read."""
    return html.Iframe(src=f"/upload/form?lang={lang}", id="upload-form-frame", title=t("pick_file", lang),
                       style={"width": "100%", "height": "420px", "border": "0"})


def layout(job: str | None = None, error: str | None = None, **query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if not role_allows(current_role(), "editor"):  # the gate redirects; this covers the page callback too
        return html.Div(lang=lang, children=[header(state, "/upload"), html.Main(id="main", children=[
            html.P(html.A(t("sign_in", lang), href="/login?next=/upload"))])])
    body: list = [html.H1(t("upload", lang))]
    if job:
        body += [
            dcc.Store(id=ids.UPLOAD_JOB, data={"id": job, "lang": lang}),
            dcc.Interval(id=ids.UPLOAD_POLL, interval=500),
            html.Div(id=ids.UPLOAD_STATUS, role="status", **{"aria-live": "polite"}),
            html.Button(t("publish", lang), id=ids.UPLOAD_PUBLISH, n_clicks=0, className="button",
                        style={"display": "none"}),
            html.Div(id=ids.UPLOAD_RESULT, role="status"),
            html.P(dcc.Link(t("upload_another", lang), href=f"/upload?lang={lang}")),
        ]
    else:
        if error == "no_file":
            body.append(html.P(t("no_file", lang), className="error", role="alert"))
        body += [
            html.P(t("upload_intro", lang)),
            html.P(className="downloads", children=[
                html.A(t("template_empty", lang), href=f"/download/template.xlsx?lang={lang}", className="download"),
                html.A(t("template_filled", lang), href=f"/download/template.xlsx?filled=1&lang={lang}",
                       className="download")]),
            _form(lang),
        ]
    return html.Div(lang=lang, children=[header(state, "/upload"), html.Main(id="main", children=body)])


def problems_view(check: UploadCheck, job_id: str, lang: str) -> html.Div:
    problems = check.parsed.problems
    rows = [html.Tr([html.Td(t("error" if p.severity == "error" else "warning", lang)), html.Td(p.sheet),
                     html.Td(p.cell), html.Td(p.value), html.Td(p.message(lang))]) for p in problems]
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("severity", "sheet", "cell", "value_found",
                                                                 "expected")])
    return html.Div([
        html.P(t("refused", lang, n=sum(p.severity == "error" for p in problems)), className="error", role="alert"),
        html.P(html.A(t("download_marked", lang), href=f"/download/problems/{job_id}.xlsx?lang={lang}",
                      id="upload-marked", className="download")),
        html.Table([html.Thead(head), html.Tbody(rows)], className="data-table problems-table",
                   id=ids.UPLOAD_PROBLEMS),
    ])


def preview_view(check: UploadCheck, lang: str) -> html.Div:
    preview = check.preview
    items = []
    for ind_preview in preview.indicators:
        ind = BY_CODE[ind_preview.code]
        def where(c) -> str:
            return " ".join(part for part in (str(c.year), c.region or t("city_total", lang), c.group) if part)

        lines = [html.Li(f"{where(c)}: {value_with_unit(c.old, ind, lang)} → {value_with_unit(c.new, ind, lang)}",
                         className="preview-changed") for c in ind_preview.changed[:20]]
        lines += [html.Li(f"{where(c)}: + {value_with_unit(c.new, ind, lang)}", className="preview-added")
                  for c in ind_preview.added[:20]]
        counts = t("preview_counts", lang, added=ind_preview.n_added, changed=ind_preview.n_changed,
                   unchanged=ind_preview.unchanged, left_out=ind_preview.left_out)
        extra = []
        if ind_preview.new_years:
            extra.append(t("new_years", lang, years="、".join(map(str, ind_preview.new_years))))
        if ind_preview.new_regions:
            extra.append(t("new_regions", lang, regions="、".join(ind_preview.new_regions)))
        items.append(html.Details(open=len(preview.indicators) <= 5, children=[
            html.Summary(f"{ind.name(lang)} — {counts}"), html.P(" · ".join(extra)) if extra else None,
            html.Ul(lines)]))
    warnings = [html.P(w.message(lang), className="warning") for w in preview.warnings[:50]]
    charts = [dcc.Link(BY_CODE[code].name(lang), href=f"/indicator/{code}?lang={lang}", target="_blank",
                       className="download") for code in preview.charts_changing]
    return html.Div(id=ids.UPLOAD_PREVIEW, children=[
        html.P(t("preview_ready", lang, file=check.filename, n=len(check.parsed.observations)), className="success"),
        html.H2(t("warnings", lang)) if warnings else None, *warnings,
        html.H2(t("changes", lang)), *items,
        html.H2(t("charts_changing", lang)), html.P(charts or t("nothing_changes", lang), className="downloads"),
    ])


@callback(Output(ids.UPLOAD_STATUS, "children"), Output(ids.UPLOAD_POLL, "disabled"),
          Output(ids.UPLOAD_PUBLISH, "style"), Input(ids.UPLOAD_POLL, "n_intervals"), State(ids.UPLOAD_JOB, "data"))
def poll(_n: int, job_state: dict):
    lang = job_state["lang"]
    job = owned_job(job_state["id"])
    hidden = {"display": "none"}
    if job is None:
        return html.P(t("no_job", lang), className="error"), True, hidden
    if job.status == "running":
        return html.Div([html.Progress(value=str(job.done), max=str(max(job.total, 1))),
                         html.Span(" " + t("checking", lang))]), False, hidden
    if job.status == "failed":
        return html.P(t("failed", lang, error=job.error), className="error"), True, hidden
    check: UploadCheck = job.result
    if not check.ok:
        return problems_view(check, job.id, lang), True, hidden
    show = hidden if check.published is not None else {}
    return preview_view(check, lang), True, show


@callback(Output(ids.UPLOAD_RESULT, "children"), Output(ids.UPLOAD_PUBLISH, "style", allow_duplicate=True),
          Input(ids.UPLOAD_PUBLISH, "n_clicks"), State(ids.UPLOAD_JOB, "data"), prevent_initial_call=True)
def publish(n_clicks: int, job_state: dict):
    if not n_clicks:
        return no_update, no_update
    lang = job_state["lang"]
    result = publish_job(job_state["id"])  # checks the role and the job's owner itself
    if isinstance(result, str):
        return html.P(t(f"publish_{result}", lang), className="error", role="alert"), no_update
    if not result.ok:
        return html.Div([html.P(p.message(lang), className="error") for p in result.problems]), no_update
    rev = result.revision
    return html.P(t("published", lang, id=rev.id, added=rev.n_added, changed=rev.n_changed), className="success",
                  id="upload-published"), {"display": "none"}
