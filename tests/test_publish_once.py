"""A checked upload is published once: six sessions publishing the same check at the same moment make
one revision, and every other attempt, then or later, is told which revision it already became."""

from __future__ import annotations

import time

from at_once import at_once
from indicators.application import Application, UseCaseError
from indicators.labels import t
from indicators.store import Store
from workbooks import long_workbook


def checked_upload(app: Application) -> str:
    job_id = app.start_check(long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]), "c.xlsx",
                             "ed", "merge")
    deadline = time.monotonic() + 120
    while not (job := app.jobs.get(job_id)).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job.status == "done"
    return job_id


def attempt(app: Application, job_id: str):  # type: ignore[no-untyped-def]
    try:
        return app.publish(job_id, "ed", "editor")
    except UseCaseError as exc:
        return exc


def test_six_sessions_publishing_one_check_at_once_make_one_revision(backend_url):
    app = Application({"db": backend_url})
    job_id = checked_upload(app)
    before = [r.id for r in app.store.revisions()]
    answers = at_once(lambda: attempt(app, job_id), n=6)
    after = [r.id for r in Store(backend_url).revisions()]
    assert len(after) == len(before) + 1  # one new revision, not six
    published = [a for a in answers if not isinstance(a, UseCaseError)]
    refused = [a for a in answers if isinstance(a, UseCaseError)]
    assert len(published) == 1 and published[0].ok
    revision = published[0].revision.id
    assert revision == max(after)
    assert [(r.code, r.params) for r in refused] == [("already_published", {"id": revision})] * 5
    # A later attempt is told the same, and still makes nothing.
    later = attempt(app, job_id)
    assert isinstance(later, UseCaseError) and later.params == {"id": revision}
    assert [r.id for r in Store(backend_url).revisions()] == after


def test_the_already_published_message_names_the_revision_in_both_languages():
    assert "第 7 号修订版" in t("publish_already_published", "zh", id=7)
    assert "revision 7" in t("publish_already_published", "en", id=7)
