"""Overview (/): every indicator's latest city value, grouped by the report's sections."""

from __future__ import annotations

import dash
from dash import html
from flask import current_app

from indicators.overview import latest_values

dash.register_page(__name__, path="/", title="工会指标看板")


def layout(**_query: str) -> html.Div:
    store = current_app.config["STORE"]
    revision_id, observations, _ = store.data()
    sections = []
    for section in latest_values(observations, lang="zh"):
        rows = [html.Tr([html.Td(item["name"]), html.Td(item["value"]), html.Td(item["unit"]),
                         html.Td(item["year"]), html.Td(item["source"])]) for item in section["items"]]
        sections.append(html.Section([html.H2(section["title"]), html.Table(rows)]))
    return html.Div([html.H1("工会指标看板"), html.P(f"数据修订版 {revision_id}"), *sections])
