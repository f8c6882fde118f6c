"""A copy button for drafted paragraphs: the exact text goes to the clipboard, in the browser itself.

A clientside callback whose function lives in ``layouts/assets/copy.js`` (served by the app: no
server round trip, no external library, no inline script for a Content-Security-Policy to refuse,
works offline). The text sits
in a store beside the button, so what is copied is the draft itself, not whatever the page's
layout happens to show. Where the Clipboard API is unavailable (plain http on an intranet address
is not a secure context) it falls back to a hidden text area and the copy command.
"""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State, clientside_callback, dcc, html

from indicators.labels import t
from layouts import ids

clientside_callback(ClientsideFunction("copy", "toClipboard"), Output({"type": ids.COPY_STATUS, "key": MATCH}, "children"),
                    Input({"type": ids.COPY_BUTTON, "key": MATCH}, "n_clicks"),
                    State({"type": ids.COPY_TEXT, "key": MATCH}, "data"), prevent_initial_call=True)


def copy_button(key: str, text: str, lang: str, label_key: str = "copy") -> html.Span:
    """A button that copies ``text``, with a polite status saying it did (``key`` unique on the page)."""
    return html.Span(className="copy", children=[
        dcc.Store(id={"type": ids.COPY_TEXT, "key": key},
                  data={"text": text, "copied": t("copied", lang), "failed": t("copy_failed", lang)}),
        html.Button(t(label_key, lang), id={"type": ids.COPY_BUTTON, "key": key}, n_clicks=0, type="button",
                    className="copy-button", **{"data-copy": key}),
        html.Span(id={"type": ids.COPY_STATUS, "key": key}, className="copy-status", role="status",
                  **{"aria-live": "polite", "data-copy-status": key}),
    ])
