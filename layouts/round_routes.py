"""A round's plain HTTP endpoints: templates (one unit's, or all in a zip), the upload form and its POST
(an ordinary multipart form, so the size limit applies before the file is read), and the file a unit
sent. Each calls the application, which checks who asks; a refusal is a page saying what and where."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask, Response, redirect, render_template_string, request

from indicators.labels import t
from indicators.round_cases import refusal
from indicators.rounds import RoundError
from indicators.translation import region_label
from indicators.users import role_allows
from layouts.auth import check_csrf, csrf_token, current_name, current_role
from layouts.state import application

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

UPLOAD_FORM = """<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/style.css"></head><body style="background:transparent">
<form method="post" action="/rounds/{{ round_id }}/upload" enctype="multipart/form-data" class="upload-form"
 id="round-upload-form" target="_top">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="lang" value="{{ lang }}">
<label>{{ unit_label }} <select name="region" id="round-upload-region">
{% for value, label in units %}<option value="{{ value }}">{{ label }}</option>{% endfor %}</select></label>
<input type="file" id="round-upload-file" name="file" accept=".xlsx,.xls,.ods,.csv" required>
<button type="submit" class="button" id="round-upload-submit">{{ check_label }}</button>
<p class="note">{{ limit }}</p>
</form></body></html>"""

REFUSAL = """<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/assets/style.css"></head><body><main id="main" class="prose">
<h1>{{ title }}</h1><p class="error" role="alert" id="round-refused">{{ message }}</p>
<p><a href="/rounds/{{ round_id }}?lang={{ lang }}">{{ back }}</a></p></main></body></html>"""


def _lang() -> str:
    lang = request.values.get("lang") or application().settings.lang
    return lang if lang in ("zh", "en") else "zh"


def _refused(exc: RoundError, round_id: int, lang: str, status: int = 403) -> Response:
    body = render_template_string(REFUSAL, lang=lang, title=t("rounds", lang), message=refusal(exc, lang),
                                  round_id=round_id, back=t("back_board", lang))
    return Response(body, status=404 if exc.code == "no_round" else status, mimetype="text/html")


def _file(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def register_round_routes(server: Flask) -> None:
    @server.get("/rounds/<int:round_id>/template.xlsx")
    def round_template(round_id: int) -> Response:
        lang = _lang()
        try:
            name, data = application().rounds.template(round_id, request.args.get("region", ""), current_name(),
                                                       current_role(), lang)
        except RoundError as exc:
            return _refused(exc, round_id, lang)
        return _file(data, XLSX, name)

    @server.get("/rounds/<int:round_id>/templates.zip")
    def round_templates(round_id: int) -> Response:
        lang = _lang()
        try:
            name, data = application().rounds.templates_zip(round_id, current_name(), current_role(), lang)
        except RoundError as exc:
            return _refused(exc, round_id, lang)
        return _file(data, "application/zip", name)

    @server.get("/rounds/<int:round_id>/form")
    def round_upload_form(round_id: int) -> Response:
        lang = _lang()
        if not role_allows(current_role(), "editor"):
            return redirect(f"/login?next=/rounds/{round_id}")
        try:
            round_ = application().rounds.get(round_id)
        except RoundError as exc:
            return _refused(exc, round_id, lang)
        units = [(r, region_label(r, lang) if r else t("round_city_own", lang)) for r in
                 application().rounds.may_submit_for(current_name(), current_role(), round_)]
        body = render_template_string(UPLOAD_FORM, lang=lang, round_id=round_id, csrf=csrf_token(), units=units,
                                      unit_label=t("board_region", lang), check_label=t("check_file", lang),
                                      limit=t("upload_limit", lang, limit=application().upload_limit_text))
        return Response(body, mimetype="text/html")

    @server.post("/rounds/<int:round_id>/upload")
    def round_upload(round_id: int) -> Response:
        lang = _lang()
        if not role_allows(current_role(), "editor"):
            return redirect(f"/login?next=/rounds/{round_id}")
        check_csrf()
        file = request.files.get("file")
        if file is None or not file.filename:
            return _refused(RoundError("no_file"), round_id, lang, status=400)
        try:  # the application checks the round is open and that this user reports for this unit
            job_id = application().rounds.start_check(round_id, request.form.get("region", ""), file.read(),
                                                      file.filename, current_name(), current_role())
        except RoundError as exc:
            return _refused(exc, round_id, lang)
        return redirect(f"/round-check/{round_id}?job={job_id}&lang={lang}")

    @server.get("/rounds/<int:round_id>/file")
    def round_file(round_id: int) -> Response:
        lang = _lang()
        try:
            name, data = application().rounds.submission_file(round_id, request.args.get("region", ""),
                                                              current_name(), current_role())
        except RoundError as exc:
            return _refused(exc, round_id, lang)
        return _file(data, "application/octet-stream", name)
