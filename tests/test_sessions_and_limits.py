"""Sessions that end when idle or old, and rate limits on anonymous chart images and briefings,
against a real server (``python app.py``) on a real SQLite store.

A session's clocks are moved back in the database (as if the hours had passed), never waited for.
"""

from __future__ import annotations

import html
import time

import requests
from briefing_calls import ask_for_briefing, briefing_shown
from sqlalchemy import select, update

from browser import running_server
from indicators.labels import t
from indicators.rate_limits import RateLimits
from indicators.store import Store
from indicators.users import Users, user_sessions

EDITOR = ("ed", "editor-password")


def _store_with_editor(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    Users(store).add(*EDITOR, "editor")
    store.close()
    return url


def _sign_in(base: str) -> requests.Session:
    session = requests.Session()
    csrf = session.get(f"{base}/login").text.split('name="csrf" value="')[1].split('"')[0]
    answer = session.post(f"{base}/login", data={"csrf": csrf, "name": EDITOR[0], "password": EDITOR[1], "next": "/"},
                          allow_redirects=False)
    assert answer.status_code == 302
    return session


def _may_edit(session: requests.Session, base: str) -> bool:
    """Whether the server still takes this session as the editor's (the upload page opens)."""
    answer = session.get(f"{base}/upload", allow_redirects=False)
    assert answer.status_code in (200, 302)
    return answer.status_code == 200


def _age_sessions(url: str, idle: float = 0, age: float = 0) -> None:
    """Move every session's clocks back: ``idle`` seconds since last seen, ``age`` since sign-in."""
    store = Store(url)
    try:
        with store.engine.begin() as conn:
            conn.execute(update(user_sessions).values(last_seen=user_sessions.c.last_seen - idle,
                                                      started=user_sessions.c.started - age))
    finally:
        store.close()


def _sessions(url: str) -> list:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(user_sessions.c.sid, user_sessions.c.last_seen)).all()
    finally:
        store.close()


def test_a_session_ends_on_the_server_after_two_idle_hours_or_twelve_hours_in_all(tmp_path):
    url = _store_with_editor(tmp_path)
    with running_server(url) as base:
        session = _sign_in(base)
        assert _may_edit(session, base)

        _age_sessions(url, idle=90 * 60)  # 1 h 30 unused: still signed in, and seen again now
        before = _sessions(url)[0].last_seen
        assert _may_edit(session, base)
        assert _sessions(url)[0].last_seen > before

        _age_sessions(url, idle=2 * 3600 + 60)  # 2 h 1 min unused: ended, and the row gone with it
        refused = session.get(f"{base}/upload?lang=en", allow_redirects=False)
        assert refused.status_code == 302 and "ended=1" in refused.headers["Location"]
        sign_in_page = html.unescape(session.get(base + refused.headers["Location"] + "&lang=en").text)
        assert t("session_ended", "en", idle=120, hours=12) in sign_in_page  # says why
        assert _sessions(url) == []
        assert not _may_edit(session, base)  # and stays ended

        session = _sign_in(base)
        _age_sessions(url, age=12 * 3600 + 60)  # busy all along, but signed in 12 h 1 min ago
        assert not _may_edit(session, base)
        assert _sessions(url) == []


def test_session_timeouts_are_settings(tmp_path):
    url = _store_with_editor(tmp_path)
    with running_server(url, env={"INDICATORS_SESSION_IDLE_MINUTES": "600", "INDICATORS_SESSION_MAX_HOURS": "1"}) as base:
        session = _sign_in(base)
        _age_sessions(url, idle=3 * 3600)  # idle past the default 2 h, within the 10 h set here
        assert _may_edit(session, base)
        _age_sessions(url, age=3600 + 60)  # past the 1 h set here
        assert not _may_edit(session, base)


def test_anonymous_chart_images_are_limited_per_address_with_429_and_a_message(tmp_path):
    url = _store_with_editor(tmp_path)
    env = {"INDICATORS_ANONYMOUS_RENDERS_PER_MINUTE": "2", "INDICATORS_BEHIND_PROXY": "1"}
    chart = "/export/union_members.svg?lang=en"
    with running_server(url, env=env) as base:
        editor = _sign_in(base)
        assert [editor.get(base + chart, timeout=180).status_code for _ in range(3)] == [200] * 3  # signed in: no limit
        reader = requests.Session()
        one = {"X-Forwarded-For": "10.0.0.7"}
        answers = [reader.get(base + chart, headers=one, timeout=180) for _ in range(3)]
        other = reader.get(base + chart, headers={"X-Forwarded-For": "10.0.0.8"}, timeout=180)
        zh = reader.get(base + "/export/union_members.svg", headers=one, timeout=180)
    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[2]
    seconds = int(refused.headers["Retry-After"])
    assert 0 < seconds <= 60
    assert refused.text.strip() == t("rate_limited_renders", "en", limit=2, seconds=seconds)
    assert refused.headers["Content-Type"].startswith("text/plain")
    assert other.status_code == 200  # another address has its own count
    assert zh.status_code == 429 and "每分钟最多2张" in zh.text


def test_anonymous_briefings_are_limited_per_address_and_the_page_says_so(tmp_path):
    url = _store_with_editor(tmp_path)
    env = {"INDICATORS_ANONYMOUS_BRIEFINGS_PER_HOUR": "1", "INDICATORS_BEHIND_PROXY": "1"}
    with running_server(url, env=env) as base:
        reader = requests.Session()
        one = {"X-Forwarded-For": "10.0.0.7"}
        first = ask_for_briefing(reader, base, one)
        second = ask_for_briefing(reader, base, one)
        shown = briefing_shown(reader, base, second, one)
        other = ask_for_briefing(requests.Session(), base, {"X-Forwarded-For": "10.0.0.8"})
        editor = _sign_in(base)
        signed_in = ask_for_briefing(editor, base, one)
    assert first["id"] and not first.get("refused")
    assert second["id"] is None and second["refused"] == "rate_limited"
    assert t("rate_limited", "en", limit=1) in shown
    assert other["id"] and signed_in["id"]  # another address, and a signed-in person, are not held back


def test_the_count_is_one_statement_shared_by_every_process(tmp_path):
    """Two application objects on one store (two server processes) count in the same window."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    first, second = Store(url), Store(url)
    try:
        a, b = RateLimits(first.engine), RateLimits(second.engine)
        now = time.time()
        assert [a.allow("render:x", 3, 60, now).allowed, b.allow("render:x", 3, 60, now).allowed,
                a.allow("render:x", 3, 60, now).allowed, b.allow("render:x", 3, 60, now).allowed] == [True] * 3 + [False]
        assert b.allow("render:x", 3, 60, now + 61).allowed  # a new window once the old one is over
    finally:
        first.close()
        second.close()
