"""One unit's submission in a round (/round-review/<id>?region=…): its values against the year before, its
warnings with their explanations, the reviewer's comments and the history; a reviewer approves it or
returns it with a comment. Its own district editors see the same, without the buttons."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from indicators.formatting import change_text, value_with_unit
from indicators.labels import t
from indicators.local_time import format_time
from indicators.round_cases import SubmissionView, refusal
from indicators.round_warnings import warning_message
from indicators.rounds import RoundError
from indicators.translation import group_label
from layouts import ids
from layouts.auth import current_name, current_role
from layouts.components import editor_gate, header
from layouts.pages.round_board import unit_name
from layouts.state import application, current_data, local_zone, page_state, page_title

dash.register_page(__name__, path_template="/round-review/<round_id>", title=page_title("rounds"))


def _shown(value: float | None, indicator, lang: str) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return "—"
    return value_with_unit(value, indicator, lang) if indicator else f"{value:g}"


def values_table(view: SubmissionView, lang: str) -> html.Table:
    catalogue = application().catalogue()
    rows = []
    for row in view.values:
        indicator = catalogue.get(row.code)
        name = indicator.name(lang) if indicator else row.code
        if row.group:
            name += f" · {group_label(row.group, lang)}"
        if indicator is not None:  # the cards' rule: 个百分点 for a rate, the amount and its share otherwise
            change = change_text(row.difference, indicator, lang, row.change)
        else:
            change = f"{row.change:+.1%}" if row.change is not None else "—"
        last = f"{_shown(row.last, indicator, lang)} ({row.last_year})" if row.last_year else "—"
        rows.append(html.Tr([html.Td(name), html.Td(last), html.Td(_shown(row.value, indicator, lang)),
                             html.Td(change)]))
    head = html.Tr([html.Th(t(k, lang), scope="col") for k in ("indicator", "last_year", "this_year", "change")])
    return html.Table([html.Thead(head), html.Tbody(rows)], className="data-table", id=ids.REVIEW_VALUES)


def _events(view: SubmissionView, lang: str) -> html.Ol:
    return html.Ol([html.Li(f"{format_time(e['at'], lang, local_zone())} · {e['user']} · {t('event_' + e['action'], lang)}"
                            + (f" · {e['comment']}" if e["comment"] else "")) for e in view.events],
                   className="events", id="review-events")


def layout(round_id: str | None = None, region: str | None = None, **query: str) -> html.Div:
    state = page_state(query, current_data().years)
    lang = state.lang
    region = str(region or "")
    path = f"/round-review/{round_id}"
    if (gate := editor_gate(state, path, f"/rounds/{round_id}")) is not None:
        return gate
    back = html.P(dcc.Link(t("back_board", lang), href=f"/rounds/{round_id}?lang={lang}", id="review-back"),
                  className="eyebrow")
    try:
        view = application().rounds.submission_view(round_id, region, current_name(), current_role())
    except RoundError as exc:
        return html.Div(lang=lang, children=[header(state, path), html.Main(id="main", children=[
            back, html.P(refusal(exc, lang), className="error", role="alert")])])
    sub, catalogue = view.submission, application().catalogue()
    warnings = [html.Li([warning_message(w, catalogue, lang), html.Br(),
                         html.Span(f"{t('explanation', lang)}: ", className="label"),
                         html.Q(w.explanation, className="explanation")]) for w in view.warnings]
    body: list = [
        back, html.H1(t("review_title", lang, round=view.round.name, region=unit_name(region, lang))),
        html.P([html.Span(t(f"state_{sub.state}", lang), className=f"badge badge-{sub.state}", id=ids.REVIEW_STATE),
                f" · {sub.submitted_by} · {format_time(sub.submitted_at, lang, local_zone())} · ",
                html.A(t("submitted_file", lang), className="download",
                       href=f"/rounds/{view.round.id}/file?region={region}")]),
    ]
    if sub.state == "returned" and sub.comment:
        body.append(html.P(t("returned_with", lang, comment=sub.comment), className="error", id="review-returned"))
        if view.round.is_open and not view.may_review:
            body.append(html.P(dcc.Link(t("upload_again", lang), href=f"/rounds/{view.round.id}?lang={lang}",
                                        className="button", id="review-upload-again")))
    body += [html.H2(t("board_warnings", lang)),
             html.Ul(warnings, id=ids.REVIEW_WARNINGS) if warnings else html.P(t("no_warnings", lang), className="note"),
             html.H2(t("review_values", lang)), values_table(view, lang)]
    if view.may_review and view.round.is_open:
        body += [html.H2(t("review_comment", lang)),
                 dcc.Textarea(id=ids.REVIEW_COMMENT, maxLength=2000, rows=3, className="wide-input",
                              placeholder=t("review_comment_hint", lang)),
                  html.Div(className="button-row", children=[
                     html.Button(t("approve", lang), id=ids.REVIEW_APPROVE, n_clicks=0, className="button"),
                     html.Button(t("return_submission", lang), id=ids.REVIEW_RETURN, n_clicks=0,
                                 className="button secondary")]),
                 dcc.Store(id="review-target", data={"round": view.round.id, "region": region, "lang": lang}),
                 html.Div(id=ids.REVIEW_MESSAGE, role="status")]
    body += [html.H2(t("history_title", lang)), _events(view, lang)]
    return html.Div(lang=lang, children=[header(state, path), html.Main(id="main", children=body)])


@callback(Output(ids.REVIEW_MESSAGE, "children"), Input(ids.REVIEW_APPROVE, "n_clicks"),
          Input(ids.REVIEW_RETURN, "n_clicks"), State(ids.REVIEW_COMMENT, "value"), State("review-target", "data"),
          prevent_initial_call=True)
def review(_approve, _return, comment, target):
    if not isinstance(target, dict) or dash.ctx.triggered_id not in (ids.REVIEW_APPROVE, ids.REVIEW_RETURN):
        return no_update
    lang = target.get("lang") if target.get("lang") in ("zh", "en") else "zh"
    action = "approved" if dash.ctx.triggered_id == ids.REVIEW_APPROVE else "returned"
    try:  # the application checks the role, the round and the submission's state
        application().rounds.review(target.get("round"), str(target.get("region") or ""), action,
                                    str(comment or "") if isinstance(comment, str | type(None)) else "",
                                    current_name(), current_role())
    except RoundError as exc:
        return html.P(refusal(exc, lang), className="error", role="alert")
    return html.P([t("reviewed_approved" if action == "approved" else "reviewed_returned", lang), " ",
                   dcc.Link(t("back_board", lang), href=f"/rounds/{target.get('round')}?lang={lang}")],
                  className="success", id="review-done")
