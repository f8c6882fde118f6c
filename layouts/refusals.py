"""A request the server cannot take now, answered with a page (or a line) that says why.

The words come from the label table in the request's language; Jinja2 escapes everything.
"""

from __future__ import annotations

from flask import Response, render_template_string

from indicators.labels import t

PAGE = """<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/style.css"><title>{{ title }} · {{ app_title }}</title></head><body>
<main id="main" class="prose"><h1>{{ title }}</h1>
<p class="error" role="alert" id="{{ element_id }}">{{ message }}</p>
{% if back_href %}<p><a href="{{ back_href }}">{{ back }}</a></p>{% endif %}
</main></body></html>"""


def refusal_page(status: int, title_key: str, message_key: str, lang: str, element_id: str,
                 retry_after: int | None = None, back_href: str = "", back_key: str = "") -> Response:
    """An HTML page for a browser form: ``status``, the titled message, a way back, ``Retry-After``."""
    body = render_template_string(PAGE, lang=lang, title=t(title_key, lang), app_title=t("app_title", lang),
                                  message=t(message_key, lang), element_id=element_id, back_href=back_href,
                                  back=t(back_key, lang) if back_key else "")
    response = Response(body, status=status, mimetype="text/html")
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def refusal_text(status: int, message_key: str, lang: str, retry_after: int | None = None, **params: object) -> Response:
    """A plain-text answer for a URL fetched by a script or an <img>: ``status`` and the message."""
    response = Response(t(message_key, lang, **params) + "\n", status=status, mimetype="text/plain; charset=utf-8")
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response
