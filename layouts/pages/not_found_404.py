"""Any unknown address: say so, and offer the way back."""

from __future__ import annotations

import dash
from dash import dcc, html

dash.register_page(__name__, path="/404", title="404 · 工会指标看板")


def layout(**_query: str) -> html.Main:
    return html.Main(id="main", children=[
        html.H1("页面不存在 · Page not found"), dcc.Link("返回总览 · Back to the overview", href="/")])
