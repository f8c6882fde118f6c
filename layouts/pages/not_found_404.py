"""Any unknown address: say so, and offer the way back."""

from __future__ import annotations

import dash
from dash import dcc, html

from indicators.labels import t
from layouts.state import default_lang, page_title

dash.register_page(__name__, path="/404", title=page_title("page_not_found"))


def layout(**query: str) -> html.Main:
    lang = query.get("lang") if query.get("lang") in ("zh", "en") else default_lang()
    home = "/?lang=en" if lang == "en" else "/"
    return html.Main(id="main", lang=lang, children=[
        html.H1(t("page_not_found", lang)), dcc.Link(t("back_overview", lang), href=home)])
