"""Upload (/upload, editors only): template, the file, its problems or its preview, and publishing."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, dcc, html, no_update
from dash.exceptions import PreventUpdate

from indicators.catalogue import BY_CODE
from indicators.formatting import value_with_unit
from indicators.labels import t
from layouts import ids
from layouts.components import editor_gate, header
from layouts.state import application, current_data, page_state, page_title
from layouts.upload_flow import UploadCheck, UseCaseError, answer_job, check_of, owned_job, publish_job, registry_names

CITY_ANSWER = "__city__"  # a dropdown cannot hold "", the city's key
MAX_READING_ROWS = 400

dash.register_page(__name__, path="/upload", title=page_title("upload"))


def _form(lang: str) -> html.Iframe:
    """The file form, served by Flask (see upload_flow.upload_form_html): a plain multipart form, so
    the browser sends the file itself and the server's size limit applies before it is read."""
    return html.Iframe(src=f"/upload/form?lang={lang}", id="upload-form-frame", title=t("pick_file", lang),
                       style={"width": "100%", "height": "420px", "border": "0"})


def layout(job: str | None = None, error: str | None = None, **query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    if (gate := editor_gate(state, "/upload")) is not None:  # the gate redirects; this covers the page callback too
        return gate
    body: list = [html.H1(t("upload", lang))]
    if job:
        body += [
            dcc.Store(id=ids.UPLOAD_JOB, data={"id": job, "lang": lang}),
            dcc.Interval(id=ids.UPLOAD_POLL, interval=500),
            html.Div(id=ids.UPLOAD_STATUS, role="status", **{"aria-live": "polite"}),
            dcc.Location(id=ids.UPLOAD_GOTO, refresh=True),
            dcc.Store(id=ids.UPLOAD_SHOWN, data=None),
            dcc.Checklist(id=ids.UPLOAD_CONFIRM, options=[{"label": " " + t("confirm_report", lang), "value": "yes"}],
                          value=[], style={"display": "none"}, className="confirm-report"),
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


def reading_view(check: UploadCheck, lang: str) -> html.Details:
    """How the file was read, as a table: sheet, cell, what the cell shows, how it was read."""
    rows = check.parsed.reading.rows(lang)
    shown_rows = rows[:MAX_READING_ROWS]
    body = [html.Tr([html.Td(r["sheet"]), html.Td(r["cell"]), html.Td(r["shown"]), html.Td(r["reading"])])
            for r in shown_rows]
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("reading_sheet", "reading_cell", "reading_shown",
                                                                 "reading_how")])
    more = [html.P(t("reading_more", lang, n=len(rows) - len(shown_rows)), className="note")] \
        if len(rows) > len(shown_rows) else []
    return html.Details(id=ids.UPLOAD_READING, open=len(rows) <= 60, children=[
        html.Summary(t("how_read", lang)), html.P(t("how_read_intro", lang), className="note"),
        html.Table([html.Thead(head), html.Tbody(body)], className="data-table reading-table"), *more])


def questions_view(check: UploadCheck, lang: str) -> html.Div:
    """The reader's questions, each with a choice of the registry's regions (and the whole city)."""
    names = registry_names()
    options = [{"label": t("answer_city", lang), "value": CITY_ANSWER}] + [{"label": n, "value": n} for n in names]
    items = []
    for question in check.parsed.questions:
        qid = str(question.params.get("id"))
        suggestion = str(question.params.get("suggestion") or "")
        where = f"{question.where}: " if question.where else ""
        items.append(html.Div(className="question", children=[
            html.P(where + question.message(lang)),
            dcc.Dropdown(id={"type": ids.UPLOAD_ANSWER, "index": qid}, options=options,
                         value=suggestion if suggestion in names else None, clearable=False,
                         placeholder=t("answer_choose", lang), className="answer-choice"),
        ]))
    return html.Div(id=ids.UPLOAD_QUESTIONS, children=[
        html.H2(t("questions_title", lang)), html.P(t("questions_intro", lang), className="note"), *items,
        html.Button(t("answer_submit", lang), id=ids.UPLOAD_ANSWER_SUBMIT, n_clicks=0, className="button"),
        html.Div(id=ids.UPLOAD_ANSWER_RESULT, role="alert"),
    ])


SHOWN_PER_RULE = 20  # rows of one kind on the page; the marked workbook lists every one


def problems_view(check: UploadCheck, job_id: str, lang: str) -> html.Div:
    """The problems grouped by kind: how many of each, the first few with their cells."""
    problems = [p for p in check.parsed.problems if p.rule != "more_problems"]
    more = {str(p.params["rule"]): int(p.params["n"]) for p in check.parsed.problems if p.rule == "more_problems"}
    groups: dict[str, list] = {}
    for problem in problems:
        groups.setdefault(problem.rule, []).append(problem)
    rows = []
    for rule, listed in groups.items():
        total = len(listed) + more.get(rule, 0)
        rows.append(html.Tr(className="problem-group", children=html.Th(
            t("problem_group", lang, n=total), colSpan=5, scope="rowgroup")))
        rows += [html.Tr([html.Td(t("error" if p.severity == "error" else "warning", lang)), html.Td(p.sheet),
                          html.Td(p.cell), html.Td(p.value), html.Td(p.message(lang))])
                 for p in listed[:SHOWN_PER_RULE]]
        if total > SHOWN_PER_RULE:
            rows.append(html.Tr(html.Td(t("problem_group_more", lang, n=total - SHOWN_PER_RULE), colSpan=5,
                                        className="note")))
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("severity", "sheet", "cell", "value_found",
                                                                 "expected")])
    n_errors = sum(p.severity == "error" for p in problems) + sum(
        n for rule, n in more.items() if any(p.severity == "error" for p in groups.get(rule, [])))
    return html.Div([
        html.P(t("refused", lang, n=n_errors), className="error", role="alert"),
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
    read_warnings = [p for p in check.parsed.problems if p.severity == "warning"]
    warnings = [html.P((f"{p.where}: " if p.where else "") + p.message(lang), className="warning reader-warning")
                for p in read_warnings[:50]] + warnings
    if check.report_changes:
        warnings = [html.H3(t("report_changes_title", lang)),
                    *[html.P(p.message(lang), className="warning report-change") for p in check.report_changes[:50]],
                    *warnings]
    charts = [dcc.Link(BY_CODE[code].name(lang), href=f"/indicator/{code}?lang={lang}", target="_blank",
                       className="download") for code in preview.charts_changing]
    return html.Div(id=ids.UPLOAD_PREVIEW, children=[
        html.P(t("preview_ready", lang, file=check.filename, n=len(check.parsed.observations)), className="success"),
        html.H2(t("warnings", lang)) if warnings else None, *warnings,
        html.H2(t("changes", lang)), *items,
        html.H2(t("charts_changing", lang)), html.P(charts or t("nothing_changes", lang), className="downloads"),
    ])


@callback(Output(ids.UPLOAD_STATUS, "children"), Output(ids.UPLOAD_POLL, "disabled"),
          Output(ids.UPLOAD_PUBLISH, "style"), Output(ids.UPLOAD_CONFIRM, "style"), Output(ids.UPLOAD_SHOWN, "data"),
          Input(ids.UPLOAD_POLL, "n_intervals"), State(ids.UPLOAD_JOB, "data"), State(ids.UPLOAD_SHOWN, "data"))
def poll(_n: int, job_state: dict, shown: dict | None):
    lang = job_state["lang"]
    job = owned_job(job_state["id"])
    hidden = {"display": "none"}
    if job is None:
        return html.P(t("no_job", lang), className="error"), True, hidden, hidden, no_update
    application().jobs.polled(job.id)  # the page is still there: the check goes on
    if not job.finished:
        progress = (job.done, job.total)
        if shown == {"progress": list(progress)}:
            raise PreventUpdate  # nothing new since the last poll: send nothing
        return (html.Div([html.Progress(value=str(job.done), max=str(max(job.total, 1))),
                          html.Span(" " + t("checking", lang))]), False, hidden, hidden, {"progress": list(progress)})
    check = check_of(job) if job.status == "done" else None
    if check is None:
        job = owned_job(job.id) or job  # a record that could not be read has just failed the job
        error = t(f"job_{job.error}", lang) if job.error in ("worker_lost", "abandoned", "unreadable") else job.error
        return html.P(t("failed", lang, error=error), className="error"), True, hidden, hidden, {"finished": job.id}
    return _finished_view(job, check, lang) + ({"finished": job.id},)


def _finished_view(job, check: UploadCheck, lang: str) -> tuple:  # type: ignore[no-untyped-def]
    hidden = {"display": "none"}
    if check.asks:
        return html.Div([questions_view(check, lang), reading_view(check, lang)]), True, hidden, hidden
    if not check.ok:
        return html.Div([problems_view(check, job.id, lang), reading_view(check, lang)]), True, hidden, hidden
    show = hidden if check.published is not None else {}
    confirm = {} if check.report_changes and check.published is None else hidden
    return html.Div([reading_view(check, lang), preview_view(check, lang)]), True, show, confirm


@callback(Output(ids.UPLOAD_GOTO, "href"), Output(ids.UPLOAD_ANSWER_RESULT, "children"),
          Input(ids.UPLOAD_ANSWER_SUBMIT, "n_clicks"), State({"type": ids.UPLOAD_ANSWER, "index": ALL}, "value"),
          State({"type": ids.UPLOAD_ANSWER, "index": ALL}, "id"), State(ids.UPLOAD_JOB, "data"),
          prevent_initial_call=True)
def answer(n_clicks: int, values: list, answer_ids: list, job_state: dict):
    if not n_clicks:
        return no_update, no_update
    lang = job_state["lang"] if job_state.get("lang") in ("zh", "en") else "zh"
    answers = {str(i.get("index")): ("" if v == CITY_ANSWER else str(v)) for i, v in zip(answer_ids, values,
                                                                                          strict=False) if v}
    job_id = answer_job(job_state.get("id"), answers)  # the application checks the owner and every answer
    if job_id.startswith("!"):
        return no_update, html.P(t(f"answer_{job_id[1:]}", lang), className="error")
    return f"/upload?job={job_id}&lang={lang}", no_update


@callback(Output(ids.UPLOAD_RESULT, "children"), Output(ids.UPLOAD_PUBLISH, "style", allow_duplicate=True),
          Input(ids.UPLOAD_PUBLISH, "n_clicks"), State(ids.UPLOAD_JOB, "data"), State(ids.UPLOAD_CONFIRM, "value"),
          prevent_initial_call=True)
def publish(n_clicks: int, job_state: dict, confirmed: list | None):
    if not n_clicks:
        return no_update, no_update
    lang = job_state["lang"]
    result = publish_job(job_state["id"], confirm_report_changes="yes" in (confirmed or []))  # checks role and owner
    if isinstance(result, UseCaseError):
        return html.P(t(f"publish_{result.code}", lang, **result.params), className="error", role="alert",
                      id=f"upload-{result.code.replace('_', '-')}"), no_update
    if result.identical_to is not None:
        return html.P(t("publish_identical", lang, id=result.identical_to), className="success",
                      id="upload-identical"), {"display": "none"}
    if not result.ok:
        if {p.rule for p in result.problems} == {"report_figure_change"}:
            return html.Div([html.P(t("publish_report_unconfirmed", lang), className="error", role="alert"),
                             *[html.P(p.message(lang), className="warning") for p in result.problems[:50]]]), no_update
        return html.Div([html.P(p.message(lang), className="error") for p in result.problems]), no_update
    rev = result.revision
    return html.P(t("published", lang, id=rev.id, added=rev.n_added, changed=rev.n_changed), className="success",
                  id="upload-published"), {"display": "none"}
