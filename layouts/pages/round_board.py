"""A round's status board (/rounds/<id>, editors): every reporting unit with its state, who and when, its
warnings and their explanations, the reviewer's word, a progress bar, the city figures; a district
editor's templates and upload form; the reviewer's review links, all templates and closing."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from indicators.formatting import value_with_unit
from indicators.labels import t
from indicators.local_time import format_date, format_time
from indicators.round_cases import Board, BoardRow, coverage_text, refusal
from indicators.round_warnings import warning_message
from indicators.rounds import RoundError
from indicators.stat_year import year_label
from indicators.translation import group_label, region_label
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.state import application, current_data, local_zone, page_state, page_title, year_basis

dash.register_page(__name__, path_template="/rounds/<round_id>", title=page_title("rounds"))


def unit_name(region: str, lang: str) -> str:
    return region_label(region, lang) if region else t("round_city_own", lang)


def _when(moment, lang: str) -> str:  # type: ignore[no-untyped-def]
    return format_time(moment, lang, local_zone()) if moment else ""


def _row(board: Board, row: BoardRow, lang: str) -> html.Tr:
    round_, sub = board.round, row.submission
    catalogue = application().catalogue()
    see_details = board.may_review or row.mine
    warnings = [html.Li([warning_message(w, catalogue, lang), html.Br(),
                         html.Span(f"{t('explanation', lang)}: ", className="label"),
                         html.Q(w.explanation, className="explanation")]) for w in row.warnings] if see_details else []
    review = []
    if sub and sub.reviewed_by:
        review.append(f"{sub.reviewed_by} · {_when(sub.reviewed_at, lang)}")
    if sub and sub.comment and see_details:
        review += [html.Br(), html.Span(sub.comment, className="review-comment")]
    actions = []
    region_query = f"region={row.region}" if row.region else "region="
    if row.mine or board.may_review:
        actions.append(html.A(t("round_template", lang), className="download",
                              href=f"/rounds/{round_.id}/template.xlsx?{region_query}&lang={lang}"))
    if sub and see_details:
        key = "review_submission" if board.may_review and sub.state == "submitted" and round_.is_open else \
            "view_submission"
        actions.append(dcc.Link(t(key, lang), href=f"/round-review/{round_.id}?{region_query}&lang={lang}",
                                className="download", id=f"board-open-{row.region or 'city'}"))
    state_text = t(f"state_{row.state}", lang)
    return html.Tr(className=f"board-row state-{row.state}", id=f"board-row-{row.region or 'city'}", children=[
        html.Td(unit_name(row.region, lang)),
        html.Td([html.Span(state_text, className=f"badge badge-{row.state}"),
                 *([" ", html.Span(t("late", lang), className="badge badge-late")] if row.late else [])]),
        html.Td(f"{sub.submitted_by} · {_when(sub.submitted_at, lang)}" if sub else ""),
        html.Td(review),
        html.Td(html.Ul(warnings, className="board-warnings") if warnings else ""),
        html.Td(actions)])


def board_table(board: Board, lang: str) -> html.Table:
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("board_region", "board_state", "board_who",
                                                                 "board_reviewed", "board_warnings", "board_actions")])
    return html.Table([html.Thead(head), html.Tbody([_row(board, row, lang) for row in board.rows])],
                      className="data-table board-table", id=ids.BOARD_TABLE)


def city_section(board: Board, lang: str) -> html.Section:
    if board.city_hidden:
        return html.Section(id=ids.BOARD_CITY, children=[
            html.H2(t("city_figures", lang)),
            html.P(coverage_text(board.city.coverage, lang), className="note") if board.city.coverage else None,
            html.P(t("city_figures_reviewers_only", lang), className="note")])
    catalogue = application().catalogue()
    rows = []
    for code in board.round.indicators:
        indicator = catalogue.get(code)
        if indicator is None:
            continue
        found = board.city.observations[board.city.observations["code"] == code] if len(board.city.observations) \
            else board.city.observations
        values = [f"{value_with_unit(r['value'], indicator, lang)}"
                  + (f" ({group_label(r['group'], lang)})" if r["group"] else "") for r in found.to_dict("records")]
        how = t(f"city_how_{board.city.how.get(code, 'none')}", lang)
        rows.append(html.Tr([html.Td(indicator.name(lang)), html.Td("；".join(values) or "—"), html.Td(how)]))
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("indicator", "value", "how")])
    differences = [html.P(warning_message(w, catalogue, lang), className="warning city-difference")
                   for w in board.city.differences]
    jumps = [html.P(warning_message(w, catalogue, lang), className="warning city-jump") for w in board.city.warnings]
    pending = ("；" if lang != "en" else "; ").join(
        f"{catalogue.by_code[r['code']].name(lang)} {value_with_unit(r['value'], catalogue.by_code[r['code']], lang, r['qualifier'])}"
        for r in board.city.pending.to_dict("records") if r["code"] in catalogue.by_code)
    return html.Section(id=ids.BOARD_CITY, children=[
        html.H2(t("city_figures", lang)),
        html.P(coverage_text(board.city.coverage, lang), className="note") if board.city.coverage else None,
        html.P(t("city_pending", lang, items=pending), className="warning") if pending else None,
        *([html.H3(t("city_warnings", lang)), *jumps] if jumps else []),
        *([html.H3(t("city_differences", lang)), *differences] if differences else []),
        html.Table([html.Thead(head), html.Tbody(rows)], className="data-table")])


def layout(round_id: str | None = None, **query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    path = f"/rounds/{round_id}"
    if (gate := editor_gate(state, path)) is not None:
        return gate
    try:
        board = application().rounds.board(round_id, current_name(), current_role())
    except RoundError as exc:
        return html.Div(lang=lang, children=[header(state, "/rounds"), html.Main(id="main", children=[
            html.H1(t("rounds", lang)), html.P(refusal(exc, lang), className="error")])])
    round_ = board.round
    counts, total = board.counts, len(board.rows)
    summary = t("board_summary", lang, period=year_label(round_.year, year_basis(), lang, long=True),
                deadline=format_date(round_.deadline, lang), n=len(round_.indicators), regions=total)
    body: list = [
        html.P(dcc.Link(t("rounds", lang), href=f"/rounds?lang={lang}"), className="eyebrow"),
        html.H1(t("board_title", lang, name=round_.name)), html.P(summary, className="note"),
        html.Div(id=ids.BOARD_PROGRESS, className="round-progress", children=[
            html.Progress(value=str(counts["approved"]), max=str(max(1, total)), **{"aria-label": t("round_progress",
                                                                                                      lang)}),
            html.Span(" " + t("progress_text", lang, total=total, **counts))]),
        dcc.Store(id=ids.BOARD_ROUND, data={"id": round_.id, "lang": lang}),
    ]
    if not round_.is_open and round_.revision_id is not None:
        body.append(html.P(t("round_closed_as", lang, date=format_date(round_.closed_at, lang, local_zone()), id=round_.revision_id),
                           className="success", id="board-closed"))
    if board.mine and round_.is_open:
        units = ("、" if lang != "en" else ", ").join(unit_name(r, lang) for r in board.mine)
        form = html.Iframe(src=f"/rounds/{round_.id}/form?lang={lang}", id=ids.BOARD_UPLOAD_FRAME,
                           title=t("upload_table", lang), style={"width": "100%", "height": "110px", "border": "0"})
        if board.may_review:  # the city may send a paper form's figures for a unit: out of the way, folded
            body.append(html.Details([html.Summary(t("upload_on_behalf", lang)), form], className="on-behalf"))
        else:
            body += [html.H2(t("upload_table", lang)), html.P(t("your_regions", lang, regions=units),
                                                              className="note"), form]
    if board.may_review:
        body.append(html.P(html.A(t("download_all_templates", lang), className="download", id="board-all-templates",
                                  href=f"/rounds/{round_.id}/templates.zip?lang={lang}")))
    body += [board_table(board, lang), city_section(board, lang)]
    if board.may_review and round_.is_open:
        partial = t("close_partial", lang, approved=counts["approved"], total=total) if counts["approved"] < total else ""
        body += [html.H2(t("close_round", lang)), html.P(partial, className="warning") if partial else None,
                 dcc.Checklist(id=ids.BOARD_PARTIAL, value=[], options=[
                     {"label": " " + t("confirm_partial_sum", lang), "value": "confirm"}],
                     style=None if len(board.city.pending) else {"display": "none"}),
                 html.Button(t("close_round", lang), id=ids.BOARD_CLOSE, n_clicks=0, className="button"),
                 dcc.ConfirmDialog(id=ids.BOARD_CONFIRM, message=f"{t('close_confirm', lang)} {partial}".strip()),
                 html.Div(id=ids.BOARD_MESSAGE, role="status")]
    return html.Div(lang=lang, children=[header(state, path), html.Main(id="main", children=body)])


@callback(Output(ids.BOARD_CONFIRM, "displayed"), Input(ids.BOARD_CLOSE, "n_clicks"), prevent_initial_call=True)
def ask(n_clicks: int) -> bool:
    return bool(n_clicks)


@callback(Output(ids.BOARD_MESSAGE, "children"), Input(ids.BOARD_CONFIRM, "submit_n_clicks"),
          State(ids.BOARD_ROUND, "data"), State(ids.BOARD_PARTIAL, "value"), prevent_initial_call=True)
def close(submitted, round_state, confirm=None):
    if not submitted or not isinstance(round_state, dict):
        raise PreventUpdate
    lang = round_state.get("lang") if round_state.get("lang") in ("zh", "en") else "zh"
    try:  # the application checks the role, the round's state and every approved table
        result = application().rounds.close(round_state.get("id"), current_name(), current_role(),
                                            confirm_partial="confirm" in (confirm or []))
    except RoundError as exc:
        return html.P(refusal(exc, lang), className="error", role="alert")
    city = [html.Span([html.Br(), line]) for line in result.city_lines(application().catalogue(), lang)]
    return html.P([t("round_closed_done", lang, id=result.revision.id), " ", result.coverage_text(lang), *city, " ",
                   dcc.Link(t("history", lang), href=f"/history?lang={lang}")], className="success",
                  id="board-closed-now")

