"""Receiving a workbook in the browser: the form's endpoint, the background check, and publishing.

The file arrives as an ordinary multipart form (so Flask's MAX_CONTENT_LENGTH refuses an
oversized file before it is read), is checked off the request thread with the foundation's
ingest, and waits, with its problems or its preview, until its editor publishes it.
"""

from __future__ import annotations

import html
import json

from flask import Flask, Response, redirect, render_template_string, request

from indicators.application import UseCaseError
from indicators.ingest import ImportResult
from indicators.jobs import Job, JobsUnavailable, UnreadableJob
from indicators.labels import t
from indicators.upload_check import UploadCheck
from indicators.users import role_allows
from indicators.workbook.container import Limits, inspect_container
from indicators.workbook.xlsx_parts import external_formulas
from layouts.auth import check_csrf, csrf_token, current_name, current_role
from layouts.refusals import refusal_page
from layouts.state import application

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ORIGINAL_TYPES = {"xlsx": XLSX, "xls": "application/vnd.ms-excel", "ods": "application/vnd.oasis.opendocument.spreadsheet",
                  "csv": "text/csv"}


def owned_job(job_id: str | None) -> Job | None:
    """The upload job, if the signed-in editor may see it (its owner, or an admin)."""
    return application().owned_check(job_id, current_name(), current_role())


def check_of(job: Job) -> UploadCheck | None:
    """The finished check, or None when its record could not be read (the job is then marked failed)."""
    try:
        return application().check_result(job.id)
    except UnreadableJob:
        return None


def answer_job(job_id: str | None, answers: dict[str, str]) -> str:
    """Check the same file again with the answers: the new job's id, or a code saying why not."""
    try:
        return application().answer(job_id, answers, current_name(), current_role())
    except UseCaseError as exc:
        return "!" + exc.code


def registry_names() -> list[str]:
    return application().regions().directory().names


def publish_job(job_id: str | None, confirm_report_changes: bool = False) -> ImportResult | UseCaseError:
    """Publish a checked upload; a refusal says why not. Role and owner are checked by the application."""
    try:
        return application().publish(job_id, current_name(), current_role(), confirm_report_changes)
    except UseCaseError as exc:
        return exc


def upload_form_html(lang: str) -> str:
    """The upload form page (shown in a frame on /upload); posting it replaces the whole page."""
    limit = application().upload_limit_text  # the same number the server refuses by
    e = html.escape
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/style.css"></head><body style="background:transparent">
<form method="post" action="/upload/file" enctype="multipart/form-data" class="upload-form" id="upload-form"
 target="_top">
<input type="hidden" name="csrf" value="{csrf_token()}"><input type="hidden" name="lang" value="{e(lang)}">
<div class="dropzone"><label for="upload-file"><strong>{e(t("pick_file", lang))}</strong></label><br><br>
<input type="file" id="upload-file" name="file" accept=".xlsx,.xls,.ods,.csv" required>
<p class="note">{e(t("upload_limit", lang, limit=limit))}</p></div>
<fieldset><legend>{e(t("mode", lang))}</legend>
<label><input type="radio" name="mode" value="merge" checked> {e(t("mode_merge", lang))}</label><br>
<label><input type="radio" name="mode" value="replace"> {e(t("mode_replace", lang))}</label>
</fieldset>
<p><button type="submit" class="button" id="upload-submit">{e(t("check_file", lang))}</button></p>
</form></body></html>"""


ORIGINAL_WARNING = """<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/style.css"><title>{{ "原文件含外部公式" if lang == "zh" else "External formulas" }}</title>
</head><body><main id="main" class="prose">
<h1>{{ "原文件含有调用外部资源的公式" if lang == "zh" else "The original file holds formulas that call outside" }}</h1>
<p class="warning" id="original-warning">{{ "这些公式在 Excel 中打开时可能访问网络或其他程序。看板只读取了它们保存的结果。"
 if lang == "zh" else "Opened in Excel, these formulas may reach the network or other programs. The dashboard read
 only their saved results." }}</p>
<ul>{% for call in calls %}<li><code>{{ call }}</code></li>{% endfor %}</ul>
<p><a class="button" id="original-download-anyway" href="{{ href }}">{{ "仍然下载" if lang == "zh" else "Download anyway" }}</a></p>
</main></body></html>"""


def _lang_arg() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def register_upload_routes(server: Flask) -> None:
    @server.get("/upload/form")
    def upload_form() -> Response:
        if not role_allows(current_role(), "editor"):
            return redirect("/login?next=/upload")
        lang = request.args.get("lang", "zh")
        return Response(upload_form_html(lang if lang in ("zh", "en") else "zh"), mimetype="text/html")

    @server.post("/upload/file")
    def receive_upload() -> Response:
        if not role_allows(current_role(), "editor"):
            return redirect("/login?next=/upload")
        check_csrf()
        file = request.files.get("file")
        lang = "en" if request.form.get("lang") == "en" else "zh"
        if file is None or not file.filename:
            return redirect(f"/upload?error=no_file&lang={lang}")
        mode = "replace" if request.form.get("mode") == "replace" else "merge"
        try:
            job_id = application().start_check(file.read(), file.filename, current_name() or "", mode)
        except JobsUnavailable:
            return refusal_page(503, "jobs_unavailable_title", "jobs_unavailable", lang, "upload-jobs-unavailable",
                                retry_after=60, back_href=f"/upload?lang={lang}", back_key="back_upload_page")
        return redirect(f"/upload?job={job_id}&lang={lang}")

    @server.get("/upload/status/<job_id>")
    def upload_status(job_id: str) -> Response:
        """How far a check has got, as JSON, for scripts and the benchmark (owner or admin only)."""
        job = owned_job(job_id)
        if job is None:
            return Response('{"error": "no such upload"}', status=404, mimetype="application/json")
        application().jobs.polled(job.id)
        check = check_of(job) if job.status == "done" else None
        if job.status == "done" and check is None:
            job = owned_job(job_id) or job  # its record could not be read: it is failed now
        body = {"status": job.status, "done": job.done, "total": job.total, "error": job.error}
        if check is not None:
            body |= {"ok": check.ok, "problems": [p.as_dict(request.args.get("lang", "zh"))
                                                  for p in check.parsed.problems[:1000]],
                     "preview_ready": check.preview is not None}
        return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")

    @server.get("/download/problems/<job_id>.xlsx")
    def download_marked(job_id: str) -> Response:
        job = owned_job(job_id)
        if job is None or job.status != "done":
            return Response("没有这个文件 (no such file)\n", status=404, mimetype="text/plain; charset=utf-8")
        lang = "en" if request.args.get("lang") == "en" else "zh"
        data = application().marked_workbook(job.id, lang)
        response = Response(data, mimetype=XLSX)
        response.headers["Content-Disposition"] = "attachment; filename=problems.xlsx"
        return response

    @server.get("/download/revision/<int:revision_id>")
    def download_original(revision_id: int) -> Response:
        if not role_allows(current_role(), "editor"):
            return Response("请先登录 (sign in first)\n", status=401, mimetype="text/plain; charset=utf-8")
        from indicators.store import StoreError

        try:
            filename, content = application().store.original_file(revision_id)
        except StoreError as exc:
            return Response(f"{exc}\n", status=404, mimetype="text/plain; charset=utf-8")
        # The stored bytes as they came, under the kind of file they are (never the sender's name).
        fmt = inspect_container(content, Limits.from_settings(application().settings))[0] or "xlsx"
        calls = external_formulas(content) if fmt == "xlsx" else []
        if calls and request.args.get("confirm") != "1":
            return Response(render_template_string(ORIGINAL_WARNING, lang=_lang_arg(), calls=calls,
                                                   href=f"/download/revision/{revision_id}?confirm=1"),
                            status=200, mimetype="text/html")
        response = Response(content, mimetype=ORIGINAL_TYPES.get(fmt, "application/octet-stream"))
        response.headers["Content-Disposition"] = f"attachment; filename=revision-{revision_id}.{fmt}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
