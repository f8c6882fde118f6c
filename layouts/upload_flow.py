"""Receiving a workbook in the browser: the form's endpoint, the background check, and publishing.

The file arrives as an ordinary multipart form (so Flask's MAX_CONTENT_LENGTH refuses an
oversized file before it is read), is checked off the request thread with the foundation's
ingest, and waits, with its problems or its preview, until its editor publishes it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from flask import Flask, Response, redirect, render_template_string, request

from indicators import settings
from indicators.change_preview import Preview, preview_changes
from indicators.ingest import ImportResult, publish_parsed, reader_context, report_change_problems
from indicators.jobs import JOBS, Job
from indicators.labels import t
from indicators.problem_workbook import marked_workbook
from indicators.problems import Problem, errors, human_size
from indicators.store import Store
from indicators.users import role_allows
from indicators.validation import check_cumulative
from indicators.workbook import ParsedWorkbook, read_workbook
from indicators.workbook.container import Limits, inspect_container
from indicators.workbook.xlsx_parts import external_formulas
from layouts.auth import check_csrf, csrf_token, current_name, current_role
from layouts.state import store as current_store

STEPS = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ORIGINAL_TYPES = {"xlsx": XLSX, "xls": "application/vnd.ms-excel", "ods": "application/vnd.oasis.opendocument.spreadsheet",
                  "csv": "text/csv"}


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
    answers: dict[str, str] = field(default_factory=dict)
    report_changes: list[Problem] = field(default_factory=list)  # figures of the report it would change

    @property
    def ok(self) -> bool:
        return self.parsed.ok

    @property
    def asks(self) -> bool:
        """Only questions stand in the way: the page asks them instead of listing problems."""
        return bool(self.parsed.questions) and not errors(self.parsed.problems)


def check_upload(store: Store, data: bytes, filename: str, user: str, mode: str, progress,
                 answers: dict[str, str] | None = None) -> UploadCheck:
    """Container checks, bounded parse, validation against the current data, then the preview."""
    progress(1, STEPS)
    parsed = read_workbook(data, within_file_only=True, context=reader_context(store, answers=answers))
    progress(2, STEPS)
    _, observations, targets = store.data()  # one read serves the running-total check and the preview
    if parsed.ok and mode == "merge":
        found = check_cumulative(parsed.observations, observations)
        parsed.problems.extend(p for p in found if p not in parsed.problems)
    progress(3, STEPS)
    check = UploadCheck(filename, user, mode, data, parsed, answers=dict(answers or {}))
    if parsed.ok:
        check.preview = preview_changes(observations, targets, parsed.observations, parsed.targets, mode)
        check.report_changes = report_change_problems(observations, parsed, mode)
    progress(STEPS, STEPS)
    return check


def answer_job(job_id: str | None, answers: dict[str, str]) -> Job | str:
    """Check the same file again with the answers to its questions; a string says why not.

    Each answer must be a region of the registry (or "" for the city) and answer a question the
    check asked: the server checks both, whatever the page sent.
    """
    job = owned_job(job_id)
    if job is None or job.status != "done":
        return "no_job"
    check: UploadCheck = job.result
    asked = {str(q.params.get("id")) for q in check.parsed.questions}
    known = set(registry_names())
    if not answers or any(key not in asked or value not in known | {""} for key, value in answers.items()):
        return "bad_answer"
    store, data, name, user, mode = current_store(), check.data, check.filename, check.user, check.mode
    merged = {**check.answers, **answers}
    return JOBS.start("upload", lambda progress: check_upload(store, data, name, user, mode, progress, merged),
                      owner=job.owner)


def registry_names() -> list[str]:
    from indicators.ingest import registry

    return registry(current_store()).directory().names


def owned_job(job_id: str | None) -> Job | None:
    """The upload job, if the signed-in editor may see it (its owner, or an admin)."""
    job = JOBS.get(job_id) if job_id else None
    if job is None or not job.kind == "upload" or not role_allows(current_role(), "editor"):
        return None
    if job.owner != current_name() and current_role() != "admin":
        return None
    return job


def publish_job(job_id: str | None, confirm_report_changes: bool = False) -> ImportResult | str:
    """Publish a checked upload; a string says why not. The role is checked here, on the server."""
    if not role_allows(current_role(), "editor"):
        return "not_allowed"
    job = owned_job(job_id)
    if job is None or job.status != "done":
        return "no_job"
    check: UploadCheck = job.result
    if not check.ok:
        return "has_errors"
    if check.published is not None and check.published.ok:
        return check.published
    result = publish_parsed(current_store(), check.parsed, check.data, check.filename,
                            current_name() or check.user, check.mode,
                            confirm_report_changes=confirm_report_changes)
    if result.ok:
        check.published = result
    return result


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
        # The stored bytes as they came, under the kind of file they are (never the sender's name).
        fmt = inspect_container(content, Limits.from_settings())[0] or "xlsx"
        calls = external_formulas(content) if fmt == "xlsx" else []
        if calls and request.args.get("confirm") != "1":
            return Response(render_template_string(ORIGINAL_WARNING, lang=_lang_arg(), calls=calls,
                                                   href=f"/download/revision/{revision_id}?confirm=1"),
                            status=200, mimetype="text/html")
        response = Response(content, mimetype=ORIGINAL_TYPES.get(fmt, "application/octet-stream"))
        response.headers["Content-Disposition"] = f"attachment; filename=revision-{revision_id}.{fmt}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
