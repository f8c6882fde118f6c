"""Starting a briefing job from a page and saying how far it has got."""

from __future__ import annotations

from dash import html
from flask import request

from indicators.application import UseCaseError
from indicators.jobs import UnreadableJob
from indicators.labels import t
from layouts.auth import current_name
from layouts.state import application


def briefing_owner() -> str:
    """Whose briefings these are: the signed-in name, or the address of an anonymous reader."""
    return current_name() or f"anon:{request.remote_addr or ''}"


def start_briefing(fmt: str, lang: str, category: str | None) -> str | None:
    """Start a PDF, PPTX or DOCX briefing in the background: its job id, or None when this person
    already has enough briefings waiting."""
    try:
        return application().start_briefing(fmt, lang, category, briefing_owner())
    except UseCaseError:
        return None


def job_status(job_id: str | None, lang: str) -> tuple[object, bool] | None:
    """(what to show, whether polling can stop) for a job, or None if there is no such job."""
    jobs = application().jobs
    job = jobs.get(job_id) if job_id else None
    if job is None or not job.kind.startswith("briefing"):
        return None
    if job.status == "done":
        try:
            _, _, filename = jobs.result(job.id)
        except UnreadableJob:
            job = jobs.get(job.id) or job  # failed now, with the reason
    if job.status in ("failed", "cancelled"):
        return html.P(t("failed", lang, error=t(f"job_{job.error}", lang) if job.error in ("worker_lost", "unreadable")
                        else job.error), className="error"), True
    if job.status == "done":
        return html.P([t("ready", lang), html.A(filename, href=f"/download/briefing/{job.id}",
                                                 id="briefing-download")]), True
    done, total = job.done, max(job.total, 1)
    return html.Div([html.Progress(value=str(done), max=str(total)),
                     html.Span(" " + t("working", lang, done=done, total=total))]), False
