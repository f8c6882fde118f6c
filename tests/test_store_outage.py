"""With the store unreachable (PostgreSQL stopped under a real server) or read-only (a SQLite file opened
read-only), pages, sign-in, upload, publish and Dash callbacks answer 503 with a message saying the store
is unavailable, in both languages, never a bare 500 or a misleading 400; once PostgreSQL is back, the
same requests work again."""

from __future__ import annotations

import json
import time

import requests

from browser import running_server
from indicators.labels import t
from indicators.store import Store
from indicators.users import Users
from workbooks import long_workbook

WORKBOOK = long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]])


def _form(client: requests.Session, base: str, path: str) -> str:
    page = client.get(base + path, timeout=60).text
    return page.split('name="csrf" value="')[1].split('"')[0]


def _sign_in(client: requests.Session, base: str) -> requests.Response:
    csrf = _form(client, base, "/login")
    return client.post(base + "/login", data={"csrf": csrf, "name": "ed", "password": "editor-password", "next": "/"},
                       allow_redirects=False, timeout=60)


def _upload(client: requests.Session, base: str) -> requests.Response:
    csrf = _form(client, base, "/upload/form")
    return client.post(base + "/upload/file", data={"csrf": csrf, "mode": "merge", "lang": "zh"},
                       files={"file": ("c.xlsx", WORKBOOK)}, allow_redirects=False, timeout=60)


_DEPENDENCIES: dict[str, list] = {}  # by server: the page's callbacks, learnt while the store is up


def _learn(base: str) -> None:
    _DEPENDENCIES[base] = requests.get(base + "/_dash-dependencies", timeout=60).json()


def _callback(client: requests.Session, base: str, output: str, inputs: list, state: list) -> requests.Response:
    key = next(d["output"] for d in _DEPENDENCIES[base] if output in d["output"])
    outputs = [{"id": o.split(".")[0], "property": o.split(".", 1)[1].split("@")[0]} for o in key.strip(".").split("...")]
    body = {"output": key, "outputs": outputs, "inputs": inputs, "state": state,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}
    return client.post(base + "/_dash-update-component", data=json.dumps(body),
                       headers={"Content-Type": "application/json"}, timeout=60)


def _page(client: requests.Session, base: str, path: str) -> requests.Response:
    """A page's content, as the browser asks Dash for it."""
    return _callback(client, base, "_pages_content.children",
                     [{"id": "_pages_location", "property": "pathname", "value": path},
                      {"id": "_pages_location", "property": "search", "value": ""}], [])


def _publish(client: requests.Session, base: str, job_id: str) -> requests.Response:
    return _callback(client, base, "upload-result.children",
                     [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                     [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "zh"}},
                      {"id": "upload-confirm", "property": "value", "value": []}])


def _checked_upload(client: requests.Session, base: str) -> str:
    job_id = _upload(client, base).headers["Location"].split("job=")[1].split("&")[0]
    deadline = time.monotonic() + 120
    while (status := client.get(f"{base}/upload/status/{job_id}", timeout=60).json())["status"] != "done":
        assert status["status"] in ("queued", "running") and time.monotonic() < deadline, status
        time.sleep(0.2)
    return job_id


def _unavailable(response: requests.Response) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:300])
    assert t("store_unavailable", "zh") in response.text and t("store_unavailable", "en") in response.text


def test_postgresql_stopped_under_a_real_server_is_503_and_it_works_again_once_back(pg_server, pg_url):
    store = Store(pg_url)
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(pg_url) as base:
        editor = requests.Session()
        assert _sign_in(editor, base).status_code == 302
        job_id = _checked_upload(editor, base)
        upload_csrf = _form(editor, base, "/upload/form")
        signer = requests.Session()
        sign_in_csrf = _form(signer, base, "/login")  # a sign-in form opened before the outage
        _learn(base)
        pg_server.halt()
        try:
            _unavailable(_page(requests.Session(), base, "/"))  # a page, for anyone
            _unavailable(_page(editor, base, "/history"))
            _unavailable(editor.get(base + "/history", timeout=60))
            _unavailable(requests.get(base + "/healthz", timeout=60))  # a load balancer sees it too
            _unavailable(signer.post(base + "/login", data={"csrf": sign_in_csrf, "name": "ed",
                                                            "password": "editor-password", "next": "/"},
                                     allow_redirects=False, timeout=60))
            _unavailable(editor.post(base + "/upload/file", data={"csrf": upload_csrf, "mode": "merge"},
                                     files={"file": ("c.xlsx", WORKBOOK)}, allow_redirects=False, timeout=60))
            _unavailable(_publish(editor, base, job_id))
        finally:
            pg_server.resume()
        assert _page(requests.Session(), base, "/").status_code == 200
        assert _sign_in(requests.Session(), base).status_code == 302
        published = _publish(editor, base, job_id)
        assert published.status_code == 200 and "已发布第 2 号修订版" in json.dumps(published.json(), ensure_ascii=False)


def test_a_read_only_sqlite_store_is_503_on_writes(tmp_path):
    path = tmp_path / "store.db"
    from app import create_app

    create_app({"db": f"sqlite:///{path}"})  # a store as the program leaves it: migrated and seeded
    store = Store(f"sqlite:///{path}")
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(f"sqlite:///file:{path}?mode=ro&uri=true") as base:
        reader = requests.Session()
        _learn(base)
        assert _page(reader, base, "/").status_code == 200  # reading works
        _unavailable(_sign_in(reader, base))  # a sign-in writes its session


def _set_read_only(pg_server, url: str, read_only: bool) -> None:  # type: ignore[no-untyped-def]
    """Make the database refuse writes (as a standby does), and drop its connections so it applies to the
    server's too."""
    from psycopg import sql
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    setting = sql.SQL("SET default_transaction_read_only = on" if read_only else "RESET default_transaction_read_only")
    with pg_server._admin() as conn:
        conn.execute(sql.SQL("ALTER DATABASE {} ").format(sql.Identifier(name)) + setting)
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                     "AND pid <> pg_backend_pid()", [name])


def test_a_read_only_postgresql_database_is_503_on_writes_and_writable_again_works(pg_server, pg_url):
    store = Store(pg_url)
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(pg_url) as base:
        _learn(base)
        _set_read_only(pg_server, pg_url, True)
        try:
            assert _page(requests.Session(), base, "/").status_code == 200  # reading works
            _unavailable(_sign_in(requests.Session(), base))  # a sign-in writes its session
        finally:
            _set_read_only(pg_server, pg_url, False)
        assert _sign_in(requests.Session(), base).status_code == 302


def test_the_browser_shows_the_outage_and_clears_it_once_back(pg_server, pg_url, browser):
    """A callback's 503 is not a silently unchanged page: the page says the store is unavailable."""
    store = Store(pg_url)
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(pg_url) as base:
        page = browser.new_page()
        try:
            page.goto(base + "/")
            page.wait_for_selector("a[href^='/method']", timeout=60_000)
            pg_server.halt()
            try:
                page.click("a[href^='/method']")
                banner = page.wait_for_selector("#store-unavailable[role=alert]", timeout=60_000)
                assert t("store_unavailable", "zh") in banner.text_content()
                assert t("store_unavailable", "en") in banner.text_content()
            finally:
                pg_server.resume()
            page.click("a[href^='/briefing']")  # the next page asked for, with the store back
            page.wait_for_selector("#store-unavailable", state="detached", timeout=60_000)
        finally:
            page.close()
