"""Starting a briefing job from a page and saying how far it has got."""

from __future__ import annotations

from dash import html
from flask import current_app

from indicators.briefing import build_pdf, build_pptx
from indicators.briefing_docx import build_docx
from indicators.jobs import JOBS
from indicators.labels import t
from layouts.state import city_name, current_data, current_revision, year_basis


def start_briefing(fmt: str, lang: str, category: str | None) -> str:
    """Start a PDF, PPTX or DOCX briefing in the background; return the job's id."""
    index = current_data()
    revision = current_revision(index)
    city = city_name(lang)
    basis = year_basis()
    build = {"pdf": build_pdf, "pptx": build_pptx, "docx": build_docx}[fmt]
    app = current_app._get_current_object()

    def work(progress):
        with app.app_context():
            return build(index, revision, lang, category, city, progress, year_basis=basis)

    return JOBS.start(f"briefing-{fmt}", work).id


def job_status(job_id: str | None, lang: str) -> tuple[object, bool] | None:
    """(what to show, whether polling can stop) for a job, or None if there is no such job."""
    job = JOBS.get(job_id) if job_id else None
    if job is None:
        return None
    if job.status == "failed":
        return html.P(t("failed", lang, error=job.error), className="error"), True
    if job.status == "done":
        _, _, filename = job.result
        return html.P([t("ready", lang), html.A(filename, href=f"/download/briefing/{job.id}",
                                                 id="briefing-download")]), True
    done, total = job.done, max(job.total, 1)
    return html.Div([html.Progress(value=str(done), max=str(total)),
                     html.Span(" " + t("working", lang, done=done, total=total))]), False
