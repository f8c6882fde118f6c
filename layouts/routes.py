"""Plain HTTP endpoints beside the pages: chart images, data downloads, the template, briefings.

Each handler reads its parameters, calls one function of ``indicators`` and returns bytes; a bad
parameter is a 400 or 404 with a message in both languages, never a 500.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from flask import Flask, Response, request, send_file

from indicators.catalogue import BY_CODE
from indicators.chart_export import ExportRequestError, export_chart, parse_export_request
from indicators.export_files import ExportBusy, ExportKey
from indicators.jobs import UnreadableJob
from indicators.labels import t
from indicators.rendering import RenderError
from indicators.template import build_workbook, workbook_bytes
from layouts.limits import anonymous_allowed, anonymous_limit
from layouts.refusals import refusal_text
from layouts.state import application, city_name, current_data, current_revision, default_lang, local_zone, year_basis

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(data: bytes, mimetype: str, filename: str, attachment: bool = True) -> Response:
    disposition = "attachment" if attachment else "inline"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _refuse(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def _both(key: str, **params: object) -> str:
    """A refusal in both languages at once, as the other plain endpoints answer."""
    return f"{t(key, 'zh', **params)} ({t(key, 'en', **params)})"


def _stream(key: ExportKey) -> Response:
    """A download from the shared exports folder, built once per revision (by whichever process
    first needs it), streamed from its file."""
    try:
        handle = application().exports.open(key)
    except ExportBusy:
        return _refuse(503, _both("download_busy", name=key.filename))
    response = send_file(handle, mimetype=key.mimetype, as_attachment=True, download_name=key.filename,
                         etag=False, conditional=False, max_age=0)
    response.content_length = os.fstat(handle.fileno()).st_size
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _year_arg() -> int | None:
    raw = request.args.get("year", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ExportRequestError(400, f"year 应为年份 (year must be a year): {raw}") from None


def register_routes(server: Flask) -> None:
    @server.get("/healthz")
    def health() -> Response:
        """For a load balancer or a monitor: this process answers, and which revision it serves."""
        body = {"status": "ok", "pid": os.getpid(), "revision": application().store.current_revision_id()}
        return Response(json.dumps(body) + "\n", mimetype="application/json")

    @server.get("/export/<code>.<fmt>")
    def export_chart_image(code: str, fmt: str) -> Response:
        if not (allowed := anonymous_allowed("render")).allowed:
            lang = request.args.get("lang") if request.args.get("lang") in ("zh", "en") else default_lang()
            return refusal_text(429, "rate_limited_renders", lang, retry_after=allowed.retry_after,
                                limit=anonymous_limit("render"), seconds=allowed.retry_after)
        index = current_data()
        try:
            export = parse_export_request(code, fmt, request.args.to_dict(), index, default_lang(), year_basis())
            expected = tuple(application().regions().directory().names)  # a region chart shows all of them
            data, mimetype, filename = application().cached_export(
                index.revision_id, ("chart", export, expected), lambda: (
                    export_chart(export, index, current_revision(index), city_name(export.lang), local_zone(),
                                 expected)))
        except ExportRequestError as exc:
            return _refuse(exc.status, exc.message)
        except RenderError as exc:
            return _refuse(503, f"图表暂时无法生成 (the chart cannot be rendered now): {exc}")
        return _file(data, mimetype, filename, attachment=request.args.get("download") == "1")

    @server.get("/download/data.<fmt>")
    def download_data(fmt: str) -> Response:
        if fmt not in ("csv", "xlsx"):
            return _refuse(404, f"不支持的格式 (unsupported format): {fmt}; csv, xlsx")
        index = current_data()
        lang = request.args.get("lang") or default_lang()
        if lang not in ("zh", "en"):
            return _refuse(400, f"lang 应为 zh 或 en (lang must be zh or en): {lang}")
        code = request.args.get("code") or None
        region = request.args.get("region")
        try:
            year = _year_arg()
        except ExportRequestError as exc:
            return _refuse(exc.status, exc.message)
        if code and code not in BY_CODE:
            return _refuse(404, f"没有这个指标 (no such indicator): {code}")
        if region and region not in index.regions:
            return _refuse(404, f"没有这个地区 (no such region): {region}")
        if year is not None and year not in index.years:
            return _refuse(404, _both("download_no_year", year=year))
        # Only validated values reach the key: any other parameter shares the file of the same download.
        return _stream(ExportKey(index.revision_id, fmt, lang, code, year, region))

    @server.get("/download/template.xlsx")
    def download_template() -> Response:
        lang = request.args.get("lang") or default_lang()
        if lang not in ("zh", "en"):
            return _refuse(400, f"lang 应为 zh 或 en (lang must be zh or en): {lang}")
        if request.args.get("filled") == "1":  # the current data: a full export, built once per revision
            return _stream(ExportKey(current_data().revision_id, "xlsx", lang, kind="template"))
        return _file(workbook_bytes(build_workbook(lang=lang)), XLSX, "template.xlsx")

    @server.get("/download/briefing/<job_id>")
    def download_briefing(job_id: str) -> Response:
        jobs = application().jobs
        job = jobs.get(job_id)
        try:
            result = jobs.result(job.id) if job is not None and job.status == "done" else None
        except UnreadableJob:
            result = None  # the job is failed now: there is no briefing to give
        if job is None or not job.kind.startswith("briefing") or not isinstance(result, tuple):
            return _refuse(404, f"没有这份简报，或尚未生成完毕 (no such briefing, or not ready): {job_id[:40]}")
        data, mimetype, filename = result
        return _file(data, mimetype, filename)

