"""A copy button for drafted paragraphs: the exact text goes to the clipboard, in the browser itself.

A clientside callback (no server round trip, no external library, works offline). The text sits
in a store beside the button, so what is copied is the draft itself, not whatever the page's
layout happens to show. Where the Clipboard API is unavailable (plain http on an intranet address
is not a secure context) it falls back to a hidden text area and the copy command.
"""

from __future__ import annotations

from dash import MATCH, Input, Output, State, clientside_callback, dcc, html

from indicators.labels import t
from layouts import ids

COPY_JS = """
function (clicks, copy) {
    if (!clicks) { return window.dash_clientside.no_update; }
    const byHand = () => {
        const area = document.createElement("textarea");
        area.value = copy.text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let done = false;
        try { done = document.execCommand("copy"); } catch (error) { done = false; }
        document.body.removeChild(area);
        return done ? copy.copied : copy.failed;
    };
    if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(copy.text).then(() => copy.copied, byHand);
    }
    return byHand();
}
"""

clientside_callback(COPY_JS, Output({"type": ids.COPY_STATUS, "key": MATCH}, "children"),
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
