"""A checked upload is published once: six sessions publishing the same check at the same moment make
one revision, and every other attempt, then or later, is told which revision it already became."""

from __future__ import annotations

import json
import time

from at_once import at_once
from indicators.application import Application, UseCaseError
from indicators.labels import t
from indicators.store import Store
from indicators.users import Users
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


def signed_in(app, name: str, password: str):  # type: ignore[no-untyped-def]
    client = app.server.test_client()
    login = client.get("/login")
    csrf = login.get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": name, "password": password, "next": "/"})
    return client


def test_six_sessions_clicking_publish_through_the_server_make_one_revision(tmp_path):
    from app import create_app

    app = create_app({"db": str(tmp_path / "s.db")})
    application = app.server.config["APPLICATION"]
    Users(application.store).add("ed", "editor-password", "editor")
    job_id = checked_upload(application)
    app.server.test_client().get("/")  # Dash gathers the pages' callbacks on its first request
    key = next(k for k in app.callback_map if k.lstrip(".").startswith("upload-result.children"))
    outputs = [{"id": o.split(".")[0], "property": o.split(".", 1)[1]} for o in key.strip(".").split("...")]
    sessions = [(signed_in(app, "ed", "editor-password"), lang) for lang in ["zh", "en"] * 3]
    waiting = iter(sessions)

    def click() -> str:
        client, lang = next(waiting)
        body = {"output": key, "outputs": outputs, "changedPropIds": ["upload-publish.n_clicks"],
                "inputs": [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                "state": [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": lang}},
                          {"id": "upload-confirm", "property": "value", "value": []}]}
        response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
        assert response.status_code == 200
        return json.dumps(response.get_json(), ensure_ascii=False)

    answers = at_once(click, n=6)
    assert [r.id for r in Store(application.store.url).revisions()] == [1, 2]
    assert sum("已发布第 2 号修订版" in a or "Published revision 2:" in a for a in answers) == 1
    refused = [a for a in answers if "已经发布为第 2 号修订版" in a or "already published as revision 2" in a]
    assert len(refused) == 5
