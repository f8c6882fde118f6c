"""Users, roles and the server-side checks: a direct POST without a session changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from app import create_app
from browser import ROOT
from indicators.store import Store
from indicators.users import UserError, Users, role_allows
from layouts.auth import safe_next
from workbooks import long_workbook


@pytest.fixture
def users(store):
    return Users(store)


def test_users_are_added_listed_and_removed(users):
    users.add("ed", "editor-password", "editor")
    assert [(u.name, u.role) for u in users.list()] == [("ed", "editor")]
    for name, password, role in (("ed", "another-pass", "editor"), ("x y", "long-enough", "viewer"),
                                 ("amy", "short", "viewer"), ("amy", "long-enough", "owner")):
        with pytest.raises(UserError):
            users.add(name, password, role)
    users.remove("ed")
    assert users.list() == []
    with pytest.raises(UserError):
        users.remove("ed")


def test_passwords_are_hashed_and_checked(users, store):
    users.add("ed", "editor-password", "editor")
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert "editor-password" not in stored and stored.startswith(("scrypt:", "pbkdf2:"))
    assert users.sign_in("ed", "editor-password").user.role == "editor"
    assert users.sign_in("ed", "wrong-password").user is None
    assert users.sign_in("nobody", "whatever-pass").user is None


def test_repeated_failures_are_slowed_down(users):
    users.add("ed", "editor-password", "editor")
    now = 1_000_000.0
    results = [users.sign_in("ed", "wrong", now=now) for _ in range(5)]
    assert [r.locked_seconds for r in results[:2]] == [0, 0]
    assert results[2].locked_seconds == 1 and results[4].locked_seconds >= 1
    # While locked even the right password is refused; after the lock it works again.
    locked = users.sign_in("ed", "editor-password", now=now + 0.5)
    assert locked.user is None and locked.locked_seconds > 0
    assert users.sign_in("ed", "editor-password", now=now + 60).user is not None


def test_a_stranger_elsewhere_cannot_lock_a_user_out(users):
    users.add("admin", "admin-password", "admin")
    now = 1_000_000.0
    for _ in range(10):
        users.sign_in("admin", "guess", address="203.0.113.9", now=now)
    assert users.sign_in("admin", "admin-password", address="203.0.113.9", now=now + 0.5).locked_seconds > 0
    assert users.sign_in("admin", "admin-password", address="10.0.0.5", now=now + 0.5).user is not None


def test_known_and_unknown_names_answer_alike_down_to_the_hash(users, monkeypatch):
    """Case 8 of the hardening issue: a locked real name answered at once while an unknown name paid
    for a hash, so names could be told by timing. Now every attempt computes one hash and both lock alike."""
    import indicators.users as users_module

    users.add("ed", "editor-password", "editor")
    calls: list[str] = []
    real = users_module.check_password_hash
    monkeypatch.setattr(users_module, "check_password_hash", lambda h, p: calls.append(p) or real(h, p))
    now = 1_000_000.0
    known = [users.sign_in("ed", "wrong", address="a", now=now) for _ in range(6)]
    unknown = [users.sign_in("nobody", "wrong", address="a", now=now) for _ in range(6)]
    assert [r.locked_seconds for r in known] == [r.locked_seconds for r in unknown]
    assert known[-1].locked_seconds > 0 and all(r.user is None for r in known + unknown)
    assert len(calls) == 12  # one hash per attempt, locked or not, known or not


def test_sessions_end_on_sign_out_and_on_a_new_password(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    users = Users(store)
    users.add("ed", "editor-password", "editor")
    client = app.server.test_client()
    csrf = _sign_in(client, "ed", "editor-password")
    assert client.get("/upload").status_code == 200
    kept = client.get_cookie("session").value  # what a thief or an old tab keeps
    # A form on another site (no token) cannot sign anyone out.
    assert client.post("/logout", data={}).status_code == 400
    assert client.get("/upload").status_code == 200
    del csrf  # signing in starts a fresh session: the token comes with the pages' forms
    token = client.get("/upload/form").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/logout", data={"csrf": token}).status_code == 302
    assert client.get("/upload").status_code == 302  # signed out
    thief = app.server.test_client()
    thief.set_cookie("session", kept)
    assert thief.get("/upload").status_code == 302  # the old cookie no longer signs anyone in
    # A new password ends every session of the user.
    second = app.server.test_client()
    _sign_in(second, "ed", "editor-password")
    assert second.get("/upload").status_code == 200
    users.set_password("ed", "another-password")
    assert second.get("/upload").status_code == 302


def test_first_admin_is_created_once_and_the_session_key_is_shared(users, store):
    password = users.ensure_first_admin()
    assert password and users.sign_in("admin", password).user.is_admin
    assert users.ensure_first_admin() is None
    assert users.secret_key() == Users(store).secret_key()


def test_roles_and_next_paths():
    assert role_allows("admin", "editor") and role_allows("editor", "editor")
    assert not role_allows("viewer", "editor") and not role_allows(None, "viewer")
    assert safe_next("/upload?x=1") == "/upload?x=1"
    for bad in ("https://evil.example/", "//evil.example", "javascript:alert(1)", ""):
        assert safe_next(bad) == "/"


def test_users_command_line(tmp_path):
    db = str(tmp_path / "u.db")
    run = [sys.executable, "-m", "indicators", "--db", db, "users"]
    added = subprocess.run(run + ["add", "ed", "--role", "editor", "--password-stdin"], input="editor-password\n",
                           capture_output=True, text=True, cwd=ROOT)
    assert added.returncode == 0 and "ed" in added.stdout
    listed = subprocess.run(run + ["list"], capture_output=True, text=True, cwd=ROOT)
    assert "ed" in listed.stdout and "editor" in listed.stdout and "editor-password" not in listed.stdout
    short = subprocess.run(run + ["add", "amy", "--password-stdin"], input="short\n", capture_output=True,
                           text=True, cwd=ROOT)
    assert short.returncode == 1 and "Traceback" not in short.stderr
    assert subprocess.run(run + ["remove", "nobody"], capture_output=True, text=True, cwd=ROOT).returncode == 1


def _callback(app, output_prefix: str) -> tuple[str, dict]:
    app.server.test_client().get("/")  # Dash gathers the pages' callbacks on its first request
    for key, spec in app.callback_map.items():
        if key.lstrip(".").startswith(output_prefix):
            return key, spec
    raise KeyError(output_prefix)


def _post(client, app, output_prefix: str, inputs: list[dict], states: list[dict]):
    key, spec = _callback(app, output_prefix)
    outputs = [{"id": o.split(".")[0], "property": o.split(".", 1)[1]} for o in key.strip(".").split("...")]
    body = {"output": key, "outputs": outputs if len(outputs) > 1 else outputs[0], "inputs": inputs,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"], "state": states}
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def _answer(response) -> str:
    """A callback's answer as text, decoded from its JSON: Dash escapes non-ASCII (\\u53ea…) unless orjson is
    installed, so the assertions read what the browser would show, whichever JSON library answered."""
    if response.status_code == 204:
        return ""
    return json.dumps(response.get_json(), ensure_ascii=False)


def _wait(application, job_id):
    deadline = time.monotonic() + 120
    while not (job := application.jobs.get(job_id)).finished and time.monotonic() < deadline:
        time.sleep(0.1)
    return job


def test_direct_post_without_a_session_publishes_nothing(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    Users(store).add("ed", "editor-password", "editor")
    data = long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]])
    application = app.server.config["APPLICATION"]
    job = _wait(application, application.start_check(data, "x.xlsx", "ed", "merge"))
    assert job.status == "done" and application.check_result(job.id).ok
    before = store.current_revision_id()
    client = app.server.test_client()
    response = _post(client, app, "upload-result.children",
                     [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                     [{"id": "upload-job", "property": "data", "value": {"id": job.id, "lang": "zh"}},
                      {"id": "upload-confirm", "property": "value", "value": []}])
    assert response.status_code in (200, 204)
    assert "只有编辑可以发布" in _answer(response)
    assert store.current_revision_id() == before and len(store.revisions()) == 1
    # Signed in as the editor who uploaded it, the same request publishes.
    login = client.get("/login")
    csrf = login.get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": "ed", "password": "editor-password", "next": "/"})
    response = _post(client, app, "upload-result.children",
                     [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                     [{"id": "upload-job", "property": "data", "value": {"id": job.id, "lang": "zh"}},
                      {"id": "upload-confirm", "property": "value", "value": []}])
    assert "已发布第 2 号修订版" in _answer(response)
    assert store.current_revision_id() == 2


def test_an_editor_cannot_roll_back_and_nobody_can_without_a_session(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    Users(store).add("ed", "editor-password", "editor")
    store.publish(b"x", "second.xlsx", "ed", *store.data()[1:])
    client = app.server.test_client()
    args = ([{"id": "history-confirm", "property": "submit_n_clicks", "value": 1}],
            [{"id": "history-rollback-to", "property": "value", "value": 1},
             {"id": "history-lang", "property": "data", "value": "zh"}])
    response = _post(client, app, "history-message.children", *args)
    assert "只有管理员可以回滚" in _answer(response) and store.current_revision_id() == 2
    login = client.get("/login").get_data(as_text=True)
    csrf = login.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": "ed", "password": "editor-password", "next": "/"})
    response = _post(client, app, "history-message.children", *args)
    assert "只有管理员可以回滚" in _answer(response) and store.current_revision_id() == 2


def test_forms_need_their_token_and_the_upload_endpoint_needs_an_editor(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db")})
    client = app.server.test_client()
    assert client.post("/login", data={"name": "admin", "password": "x"}).status_code == 400  # no token
    response = client.post("/upload/file", data={}, content_type="multipart/form-data")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/download/revision/1").status_code == 401


def test_viewing_can_require_sign_in(tmp_path):
    app = create_app({"db": str(tmp_path / "s.db"), "require_login": True})
    client = app.server.test_client()
    assert client.get("/").status_code == 302
    assert client.get("/export/union_members.png").status_code == 401
    assert client.get("/download/data.csv").status_code == 401
    assert client.get("/login").status_code == 200


def _sign_in(client, name, password):
    csrf = client.get("/login").get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "name": name, "password": password, "next": "/"})
    return csrf


def test_a_hostile_upload_is_refused_with_the_same_message_and_the_site_keeps_serving(tmp_path):
    import io

    from indicators.workbook import read_workbook
    from workbooks import rezip

    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    Users(store).add("ed", "editor-password", "editor")
    client = app.server.test_client()
    _sign_in(client, "ed", "editor-password")
    form = client.get("/upload/form").get_data(as_text=True)  # signing in starts a fresh session and token
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    hostile = rezip(long_workbook([["grassroots_unions", 2009, "", "", 1, "", "", ""]]),
                    add={"xl/vbaProject.bin": b"\0" * 100})
    response = client.post("/upload/file", data={"csrf": csrf, "mode": "merge",
                                                 "file": (io.BytesIO(hostile), "evil.xlsm.xlsx")},
                           content_type="multipart/form-data")
    job_id = response.headers["Location"].split("job=")[1].split("&")[0]
    assert client.get("/").status_code == 200  # others are still served
    deadline = time.monotonic() + 60
    while (status := client.get(f"/upload/status/{job_id}").get_json())["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert status["ok"] is False and not status["preview_ready"]
    expected = read_workbook(hostile).problems[0]
    assert [p["message"] for p in status["problems"]] == [expected.message("zh")]
    assert len(store.revisions()) == 1
    other = app.server.test_client()  # an anonymous visitor is sent to sign in ...
    assert other.get(f"/upload/status/{job_id}").status_code == 302
    Users(store).add("amy", "another-password", "editor")
    _sign_in(other, "amy", "another-password")  # ... and another editor does not see someone else's upload
    assert other.get(f"/upload/status/{job_id}").status_code == 404


def test_only_an_admin_changes_the_region_list_even_by_a_direct_post(tmp_path):
    from indicators.ingest import registry

    app = create_app({"db": str(tmp_path / "s.db")})
    store: Store = app.server.config["APPLICATION"].store
    Users(store).add("ed", "editor-password", "editor")
    client = app.server.test_client()
    states = [{"id": i, "property": p, "value": v} for i, p, v in (
        ("regions-name", "value", "新区"), ("regions-kind", "value", "district"), ("regions-en", "value", ""),
        ("regions-aliases", "value", ""), ("regions-pick", "value", None), ("regions-new", "value", None),
        ("regions-lang", "data", "zh"))]
    inputs = [{"id": "regions-add", "property": "n_clicks", "value": 1},
              {"id": "regions-rename", "property": "n_clicks", "value": 0},
              {"id": "regions-alias", "property": "n_clicks", "value": 0}]
    for who in (None, ("ed", "editor-password")):
        if who:
            _sign_in(client, *who)
        response = _post(client, app, "regions-message.children", inputs, states)
        assert "只有管理员可以修改地区列表" in _answer(response)
    assert "新区" not in registry(store).directory().names


# --- a burst of sign-ins at the same moment (issue 18, item 1) ------------------------------------

BURST = 40


def _throttle_failures(url: str) -> dict[str, int]:
    """The failures counted per throttle key, read straight from the store's table."""
    from sqlalchemy import select

    from indicators.users import sign_in_throttle

    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return {row.key: row.failures for row in conn.execute(select(sign_in_throttle))}
    finally:
        store.close()


def _or_exception(call):
    """``call`` returning the exception it raised instead, so a thread's failure reaches the test."""
    def run():
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - the test asserts there is none
            return exc
    return run


def test_every_one_of_many_parallel_failures_is_counted(backend_url):
    """The throttle rows were read, then written, without a lock: 40 wrong passwords at once counted as
    about one failure, and on PostgreSQL two first INSERTs of the same key raised IntegrityError."""
    from at_once import at_once

    store = Store(backend_url)
    users = Users(store)
    users.add("ed", "editor-password", "editor")
    now = 1_000_000.0
    answers = at_once(_or_exception(lambda: users.sign_in("ed", "wrong", address="198.51.100.7", now=now)), BURST)
    store.close()
    assert [a for a in answers if isinstance(a, Exception)] == []
    assert all(a.user is None for a in answers)
    assert _throttle_failures(backend_url) == {"name:ed|addr:198.51.100.7": BURST, "addr:198.51.100.7": BURST}
    store = Store(backend_url)
    refused = Users(store).sign_in("ed", "editor-password", address="198.51.100.7", now=now + 1)
    store.close()
    assert refused.user is None and refused.locked_seconds > 0


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_burst_of_wrong_passwords_at_a_real_server_is_counted_and_locks(engine, tmp_path, request):
    """40 wrong passwords posted at once to a real server: no 500, every one counted, and the right
    password right after is refused as locked."""
    import requests

    from at_once import at_once
    from browser import running_server
    from indicators.labels import t

    url = f"sqlite:///{tmp_path / 'burst.db'}" if engine == "sqlite" else request.getfixturevalue("pg_url")
    store = Store(url)
    Users(store).add("ed", "editor-password", "editor")
    store.close()
    with running_server(url, workers=2) as base:
        def signed_in_form() -> tuple[requests.Session, str]:
            client = requests.Session()
            page = client.get(base + "/login", timeout=60).text
            return client, page.split('name="csrf" value="')[1].split('"')[0]

        forms = [signed_in_form() for _ in range(BURST)]

        def post() -> int:
            client, csrf = forms.pop()  # one session per request, taken before the threads are released
            return client.post(base + "/login", data={"csrf": csrf, "name": "ed", "password": "wrong", "next": "/"},
                               allow_redirects=False, timeout=120).status_code

        statuses = at_once(_or_exception(post), BURST)
        assert statuses == [401] * BURST
        assert _throttle_failures(url) == {"name:ed|addr:127.0.0.1": BURST, "addr:127.0.0.1": BURST}
        client, csrf = signed_in_form()
        right = client.post(base + "/login", data={"csrf": csrf, "name": "ed", "password": "editor-password",
                                                   "next": "/"}, allow_redirects=False, timeout=60)
        assert right.status_code == 401
        assert t("locked", "zh", seconds=0).split("0")[0] in right.text


def test_a_right_password_clears_its_pair_and_takes_only_its_own_attempt_off_the_address(tmp_path):
    url = f"sqlite:///{tmp_path / 'back.db'}"
    store = Store(url)
    users = Users(store)
    users.add("ed", "editor-password", "editor")
    now = 1_000_000.0
    for _ in range(2):
        users.sign_in("ed", "wrong", address="a", now=now)
    assert users.sign_in("ed", "editor-password", address="a", now=now).user is not None
    store.close()
    assert _throttle_failures(url) == {"addr:a": 2}
