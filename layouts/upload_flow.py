"""Receiving a workbook in the browser: the form's endpoint, the background check, and publishing.

The file arrives as an ordinary multipart form (so Flask's MAX_CONTENT_LENGTH refuses an
oversized file before it is read), is checked off the request thread with the foundation's
ingest, and waits, with its problems or its preview, until its editor publishes it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from flask import Flask, Response, redirect, request

from indicators import settings
from indicators.change_preview import Preview, preview_changes
from indicators.ingest import ImportResult, publish_parsed
from indicators.jobs import JOBS, Job
from indicators.labels import t
from indicators.problem_workbook import marked_workbook
from indicators.problems import errors, human_size
from indicators.store import Store
from indicators.users import role_allows
from indicators.validation import check_cumulative
from indicators.workbook_reader import ParsedWorkbook, read_workbook
from layouts.auth import check_csrf, csrf_token, current_name, current_role
from layouts.state import store as current_store

STEPS = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class UploadCheck:
    filename: str
    user: str
    mode: str
    data: bytes
    parsed: ParsedWorkbook
    preview: Preview | None = None
    published: ImportResult | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.parsed.ok


def check_upload(store: Store, data: bytes, filename: str, user: str, mode: str, progress) -> UploadCheck:
    """Container checks, bounded parse, validation against the current data, then the preview."""
    progress(1, STEPS)
    parsed = read_workbook(data, within_file_only=True)
    progress(2, STEPS)
    _, observations, targets = store.data()  # one read serves the running-total check and the preview
    if parsed.ok and mode == "merge":
        found = check_cumulative(parsed.observations, observations)
        parsed.problems.extend(p for p in found if p not in parsed.problems)
    progress(3, STEPS)
    check = UploadCheck(filename, user, mode, data, parsed)
    if parsed.ok:
        check.preview = preview_changes(observations, targets, parsed.observations, parsed.targets, mode)
    progress(STEPS, STEPS)
    return check


def owned_job(job_id: str | None) -> Job | None:
    """The upload job, if the signed-in editor may see it (its owner, or an admin)."""
    job = JOBS.get(job_id) if job_id else None
    if job is None or not job.kind == "upload" or not role_allows(current_role(), "editor"):
        return None
    if job.owner != current_name() and current_role() != "admin":
        return None
    return job


def publish_job(job_id: str | None) -> ImportResult | str:
    """Publish a checked upload; a string says why not. The role is checked here, on the server."""
    if not role_allows(current_role(), "editor"):
        return "not_allowed"
    job = owned_job(job_id)
    if job is None or job.status != "done":
        return "no_job"
    check: UploadCheck = job.result
    if not check.ok:
        return "has_errors"
    if check.published is not None:
        return check.published
    check.published = publish_parsed(current_store(), check.parsed, check.data, check.filename,
                                     current_name() or check.user, check.mode)
    return check.published


def upload_form_html(lang: str) -> str:
    """The upload form page (shown in a frame on /upload); posting it replaces the whole page."""
    limit = human_size(int(settings.get("max_upload_mb")) * 1024 * 1024)
    e = html.escape
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/style.css"></head><body style="background:transparent">
<form method="post" action="/upload/file" enctype="multipart/form-data" class="upload-form" id="upload-form"
 target="_top">
<input type="hidden" name="csrf" value="{csrf_token()}"><input type="hidden" name="lang" value="{e(lang)}">
<div class="dropzone"><label for="upload-file"><strong>{e(t("pick_file", lang))}</strong></label><br><br>
<input type="file" id="upload-file" name="file" accept=".xlsx" required>
<p class="note">{e(t("upload_limit", lang, limit=limit))}</p></div>
<fieldset><legend>{e(t("mode", lang))}</legend>
<label><input type="radio" name="mode" value="merge" checked> {e(t("mode_merge", lang))}</label><br>
<label><input type="radio" name="mode" value="replace"> {e(t("mode_replace", lang))}</label>
</fieldset>
<p><button type="submit" class="button" id="upload-submit">{e(t("check_file", lang))}</button></p>
</form></body></html>"""


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
        lang = request.form.get("lang", "zh")
        if file is None or not file.filename:
            return redirect(f"/upload?error=no_file&lang={lang}")
        data = file.read()
        mode = "replace" if request.form.get("mode") == "replace" else "merge"
        store, user, name = current_store(), current_name(), file.filename
        job = JOBS.start("upload", lambda progress: check_upload(store, data, name, user, mode, progress),
                         owner=user)
        return redirect(f"/upload?job={job.id}&lang={lang}")

    @server.get("/upload/status/<job_id>")
    def upload_status(job_id: str) -> Response:
        """How far a check has got, as JSON, for scripts and the benchmark (owner or admin only)."""
        job = owned_job(job_id)
        if job is None:
            return Response('{"error": "no such upload"}', status=404, mimetype="application/json")
        body = {"status": job.status, "done": job.done, "total": job.total, "error": job.error}
        if job.status == "done":
            check: UploadCheck = job.result
            body |= {"ok": check.ok, "problems": [p.as_dict(request.args.get("lang", "zh"))
                                                  for p in check.parsed.problems[:1000]],
                     "preview_ready": check.preview is not None}
        return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")

    @server.get("/download/problems/<job_id>.xlsx")
    def download_marked(job_id: str) -> Response:
        job = owned_job(job_id)
        if job is None or job.status != "done":
            return Response("没有这个文件 (no such file)\n", status=404, mimetype="text/plain; charset=utf-8")
        check: UploadCheck = job.result
        lang = request.args.get("lang", "zh")
        data = marked_workbook(check.data, errors(check.parsed.problems) + [
            p for p in check.parsed.problems if p.severity == "warning"], lang)
        response = Response(data, mimetype=XLSX)
        response.headers["Content-Disposition"] = "attachment; filename=problems.xlsx"
        return response

    @server.get("/download/revision/<int:revision_id>")
    def download_original(revision_id: int) -> Response:
        if not role_allows(current_role(), "editor"):
            return Response("请先登录 (sign in first)\n", status=401, mimetype="text/plain; charset=utf-8")
        from indicators.store import StoreError

        try:
            filename, content = current_store().original_file(revision_id)
        except StoreError as exc:
            return Response(f"{exc}\n", status=404, mimetype="text/plain; charset=utf-8")
        response = Response(content, mimetype=XLSX)
        response.headers["Content-Disposition"] = f"attachment; filename=revision-{revision_id}.xlsx"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
