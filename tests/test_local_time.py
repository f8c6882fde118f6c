"""Local time: every time shown and every date written in ``INDICATORS_TIMEZONE`` (Asia/Shanghai by
default), deadlines ending at the end of the local day; the store keeps UTC.

The instants sit around 16:00 UTC (midnight in Beijing) and midnight UTC, in three zones; the expected
texts are worked out by hand (Beijing is UTC+8, New York UTC−5 in December).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time

import docx
import pytest
from flask_login import login_user
from sqlalchemy import create_engine, update

from app import create_app
from indicators.application import Application
from indicators.local_time import end_of_day, format_date, format_time, is_late, local_today, to_local
from indicators.rounds_tables import rounds_table, submission_events, submissions_table
from indicators.store_tables import revisions
from layouts.auth import SessionUser
from round_tables import fill_template
from test_cli import ROOT

UTC = dt.UTC
SHANGHAI, NEW_YORK = "Asia/Shanghai", "America/New_York"
PUBLISHED = dt.datetime(2026, 12, 2, 17, 0, tzinfo=UTC)  # 01:00 on 3 December in Beijing

# (instant, zone, the local time as Chinese text writes it, as English writes it)
NEIGHBOURS = [
    (dt.datetime(2026, 12, 2, 15, 59, tzinfo=UTC), SHANGHAI, "2026年12月2日 23:59", "2 Dec 2026 23:59"),
    (dt.datetime(2026, 12, 2, 16, 0, tzinfo=UTC), SHANGHAI, "2026年12月3日 00:00", "3 Dec 2026 00:00"),
    (PUBLISHED, SHANGHAI, "2026年12月3日 01:00", "3 Dec 2026 01:00"),
    (dt.datetime(2026, 12, 2, 23, 59, tzinfo=UTC), SHANGHAI, "2026年12月3日 07:59", "3 Dec 2026 07:59"),
    (dt.datetime(2026, 12, 3, 0, 0, tzinfo=UTC), SHANGHAI, "2026年12月3日 08:00", "3 Dec 2026 08:00"),
    (dt.datetime(2026, 12, 2, 15, 59, tzinfo=UTC), "UTC", "2026年12月2日 15:59", "2 Dec 2026 15:59"),
    (PUBLISHED, "UTC", "2026年12月2日 17:00", "2 Dec 2026 17:00"),
    (dt.datetime(2026, 12, 2, 23, 59, tzinfo=UTC), "UTC", "2026年12月2日 23:59", "2 Dec 2026 23:59"),
    (dt.datetime(2026, 12, 3, 0, 0, tzinfo=UTC), "UTC", "2026年12月3日 00:00", "3 Dec 2026 00:00"),
    (PUBLISHED, NEW_YORK, "2026年12月2日 12:00", "2 Dec 2026 12:00"),
    (dt.datetime(2026, 12, 3, 4, 59, tzinfo=UTC), NEW_YORK, "2026年12月2日 23:59", "2 Dec 2026 23:59"),
    (dt.datetime(2026, 12, 3, 5, 0, tzinfo=UTC), NEW_YORK, "2026年12月3日 00:00", "3 Dec 2026 00:00"),
]
# A deadline of 2026-12-03 ends at the next local midnight, in UTC.
DEADLINE = dt.date(2026, 12, 3)
DEADLINE_ENDS = {SHANGHAI: dt.datetime(2026, 12, 3, 16, 0, tzinfo=UTC), "UTC": dt.datetime(2026, 12, 4, 0, 0, tzinfo=UTC),
                 NEW_YORK: dt.datetime(2026, 12, 4, 5, 0, tzinfo=UTC)}


def _label(case) -> str:
    moment, zone, _, _ = case
    return f"{moment:%m%d-%H%M}Z-{zone.split('/')[-1]}"


# --- the helpers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", NEIGHBOURS, ids=_label)
def test_a_moment_is_written_in_local_time_in_both_languages(case):
    moment, zone, zh, en = case
    assert format_time(moment, "zh", zone) == zh
    assert format_time(moment, "en", zone) == en
    assert format_date(moment, "zh", zone) == zh.split(" ")[0]
    assert format_date(moment, "en", zone) == en.rsplit(" ", 1)[0]
    assert local_today(zone, now=moment) == to_local(moment, zone).date()
    assert format_date(local_today(zone, now=moment), "zh") == zh.split(" ")[0]


def test_a_naive_moment_is_taken_as_utc_as_sqlite_hands_them_back():
    assert format_time(PUBLISHED.replace(tzinfo=None), "zh", SHANGHAI) == "2026年12月3日 01:00"


@pytest.mark.parametrize("zone", list(DEADLINE_ENDS))
def test_a_deadline_ends_at_local_midnight_and_late_flips_exactly_there(zone):
    ends = DEADLINE_ENDS[zone]
    assert end_of_day(DEADLINE, zone) == ends
    assert not is_late(ends - dt.timedelta(microseconds=1), DEADLINE, zone)
    assert not is_late(ends - dt.timedelta(seconds=1), DEADLINE, zone)
    assert is_late(ends, DEADLINE, zone)
    assert is_late(ends + dt.timedelta(seconds=1), DEADLINE, zone)


def test_an_unknown_time_zone_stops_the_start_naming_it(tmp_path):
    with pytest.raises(ValueError, match="Mars/Olympus"):
        Application({"db": str(tmp_path / "s.db"), "timezone": "Mars/Olympus"})


# --- every page, the briefing and the command line ----------------------------------------------------------

@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    """A store with revision 1 (the built-in data) and a round due 2026-12-03 with 甘州区's table submitted."""
    path = tmp_path_factory.mktemp("ltime") / "s.db"
    app = Application({"db": str(path)})
    app.users.add("chief", "reviewer-password", "reviewer")
    app.users.add("gz", "district-password", "editor")
    app.users.tie("gz", ["甘州区"])
    round_ = app.rounds.open("2009年度", 2009, "2026-12-03", ["grassroots_unions", "union_members"],
                             ["甘州区", "城东区"], "chief", "reviewer")
    _, template = app.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    check = app.rounds.check_now(round_.id, "甘州区", fill_template(template, {
        "grassroots_unions": 900, "union_members": 4.2}), "gz.xlsx", "gz", "editor")
    app.rounds.submit_check(check, {w.key: "两家企业合并" for w in check.warnings}, "gz", "editor")
    app.store.engine.dispose()
    return path


def _stamp(path, moment: dt.datetime) -> None:
    """Date everything in the store at ``moment``: the revision, the submission and its events."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(update(revisions).values(created_at=moment))
        conn.execute(update(submissions_table).values(submitted_at=moment))
        conn.execute(update(submission_events).values(at=moment))
    engine.dispose()


def _pages(path, zone: str, lang: str) -> dict[str, str]:
    app = create_app({"db": str(path), "timezone": zone})
    from layouts.pages import history, indicator, overview, round_board, round_review, rounds  # after the app

    application = app.server.config["APPLICATION"]
    with app.server.test_request_context(f"/?lang={lang}"):
        login_user(SessionUser(application.users.get("chief")))
        trees = {"history": history.layout(lang=lang), "indicator": indicator.layout(code="grassroots_unions", lang=lang),
                 "overview": overview.layout(lang=lang), "rounds": rounds.layout(lang=lang),
                 "board": round_board.layout(round_id="1", lang=lang),
                 "review": round_review.layout(round_id="1", region="甘州区", lang=lang)}
    application.store.engine.dispose()
    return {name: str(tree.to_plotly_json()) for name, tree in trees.items()}


@pytest.mark.parametrize("case", NEIGHBOURS, ids=_label)
def test_every_page_shows_the_local_time_of_what_was_done(store_file, case):
    moment, zone, zh, en = case
    _stamp(store_file, moment)
    for lang, expected in (("zh", zh), ("en", en)):
        pages = _pages(store_file, zone, lang)
        for name in ("history", "indicator", "board", "review"):  # the time itself, no "UTC" beside it
            assert expected in pages[name], (lang, name, expected)
            assert " UTC" not in pages[name], (lang, name)
        deadline = "2026年12月3日" if lang == "zh" else "3 Dec 2026"
        assert deadline in pages["rounds"] and deadline in pages["board"]


def test_a_value_published_at_one_in_the_night_in_beijing_shows_that_day(store_file):
    _stamp(store_file, PUBLISHED)
    beijing, utc = _pages(store_file, SHANGHAI, "zh"), _pages(store_file, "UTC", "zh")
    for name in ("history", "indicator", "overview", "board", "review"):
        assert "2026年12月2日" not in beijing[name], name  # nothing of the day before (the deadline is 12-03)
    for name in ("history", "indicator", "board", "review"):
        assert "2026年12月3日 01:00" in beijing[name], name
        assert "2026年12月2日 17:00" in utc[name] and "2026年12月3日 01:00" not in utc[name], name  # the setting


@pytest.mark.parametrize("zone", list(DEADLINE_ENDS))
def test_the_board_marks_a_table_late_from_local_midnight_after_its_deadline(store_file, zone):
    ends = DEADLINE_ENDS[zone]
    for moment, late in ((ends - dt.timedelta(seconds=1), False), (ends, True)):
        _stamp(store_file, moment)
        board = _pages(store_file, zone, "zh")["board"]
        assert ("逾期" in board) is late, (zone, moment)


def _briefing_text(path, zone: str) -> str:
    app = Application({"db": str(path), "timezone": zone})
    job = app.start_briefing("docx", "zh", "capacity", "anon:1")
    deadline = time.monotonic() + 300
    while not (state := app.jobs.get(job)).finished:
        assert time.monotonic() < deadline, state
        time.sleep(0.2)
    assert state.status == "done", state
    data, _, _ = app.jobs.result(job)
    app.store.engine.dispose()
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_briefing_dates_its_revision_and_paragraphs_in_local_time(store_file):
    _stamp(store_file, PUBLISHED)
    beijing = _briefing_text(store_file, SHANGHAI)
    assert "第 1 号修订版 · builtin.xlsx · 2026年12月3日 01:00" in beijing  # the title page
    assert "2026年12月2日" not in beijing
    new_york = _briefing_text(store_file, NEW_YORK)
    assert "第 1 号修订版 · builtin.xlsx · 2026年12月2日 12:00" in new_york


def _cli(path, zone: str, *args: str) -> subprocess.CompletedProcess:
    """``python -m indicators`` as people run it, with ``INDICATORS_TIMEZONE`` set to ``zone``."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("INDICATORS_")}, "INDICATORS_TIMEZONE": zone}
    return subprocess.run([sys.executable, "-m", "indicators", "--db", str(path), *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("zone, zh", [(SHANGHAI, "2026年12月3日 01:00"), ("UTC", "2026年12月2日 17:00"),
                                      (NEW_YORK, "2026年12月2日 12:00")])
def test_the_command_line_lists_local_times(store_file, zone, zh):
    _stamp(store_file, PUBLISHED)
    history = _cli(store_file, zone, "history")
    assert history.returncode == 0, history.stderr
    assert zh in history.stdout and "UTC" not in history.stdout
    status = _cli(store_file, zone, "rounds", "status", "1", "--user", "chief")
    assert status.returncode == 0, status.stderr
    assert f"gz {zh}" in status.stdout
    listing = _cli(store_file, zone, "rounds", "list")
    assert "2026年12月3日" in listing.stdout  # the deadline, a date: the same in every zone


@pytest.mark.parametrize("zone, day", [(SHANGHAI, "2026年12月3日"), ("UTC", "2026年12月2日")])
def test_a_chart_exports_data_source_line_dates_its_revision_in_local_time(store_file, zone, day):
    _stamp(store_file, PUBLISHED)
    app = create_app({"db": str(store_file), "timezone": zone})
    response = app.server.test_client().get("/export/grassroots_unions.svg")
    app.server.config["APPLICATION"].store.engine.dispose()
    assert response.status_code == 200
    svg = response.get_data(as_text=True)
    assert f"第 1 号修订版 · {day}" in svg  # the revision drawn; its numbers cite their own sources


def test_a_closed_rounds_board_dates_its_close_in_local_time(store_file):
    """Last in this file: closing publishes a second revision."""
    app = Application({"db": str(store_file)})
    app.rounds.review(1, "甘州区", "approved", "", "chief", "reviewer")
    app.rounds.close(1, "chief", "reviewer")
    app.store.engine.dispose()
    engine = create_engine(f"sqlite:///{store_file}")
    with engine.begin() as conn:
        conn.execute(update(rounds_table).values(closed_at=PUBLISHED))
    engine.dispose()
    assert "本轮已于 2026年12月3日 结束" in _pages(store_file, SHANGHAI, "zh")["board"]
    assert "本轮已于 2026年12月2日 结束" in _pages(store_file, "UTC", "zh")["board"]
    assert "Closed on 2 Dec 2026" in _pages(store_file, NEW_YORK, "en")["board"]
