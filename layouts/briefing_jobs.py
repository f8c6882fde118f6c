"""Starting a briefing job from a page and saying how far it has got."""

from __future__ import annotations

from dash import html
from flask import request

from indicators.application import UseCaseError
from indicators.jobs import JobsUnavailable, UnreadableJob
from indicators.labels import t
from layouts.auth import current_name
from layouts.limits import anonymous_allowed, anonymous_limit
from layouts.state import application


def briefing_owner() -> str:
    """Whose briefings these are: the signed-in name, or the address of an anonymous reader."""
    return current_name() or f"anon:{request.remote_addr or ''}"


def start_briefing(fmt: str, lang: str, category: str | None, year: int | None = None,
                   region: str = "") -> tuple[str | None, str | None]:
    """Start a PDF, PPTX or DOCX briefing of a year and a region in the background: (its job id,
    None), or (None, the label saying why not: this person has enough briefings waiting, an
    anonymous address has asked for its hour's briefings, or Redis cannot take a job now)."""
    if not anonymous_allowed("briefing").allowed:
        return None, "rate_limited"
    try:
        return application().start_briefing(fmt, lang, category, briefing_owner(), year, region), None
    except UseCaseError:
        return None, "briefing_busy"
    except JobsUnavailable:
        return None, "jobs_unavailable"


def refusal_words(key: str, lang: str) -> str:
    """What the page says for a refusal ``start_briefing`` named."""
    return t(key, lang, limit=anonymous_limit("briefing")) if key == "rate_limited" else t(key, lang)


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
