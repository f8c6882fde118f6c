"""A district editor's board, on a real server in a real browser and by a direct POST to Dash's callback
endpoint as that editor: their own region's unpublished figures, never another district's, and no city
sums built from others' approved but unpublished tables. The reviewer's board shows the sums."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import CHROMIUM, RequestLog, running_server
from indicators.application import Application
from indicators.users import Users
from round_tables import fill_template

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

PEOPLE = {"chief": ("reviewer-password", "reviewer", ()), "gz": ("district-password", "editor", ("甘州区",)),
          "cd": ("district-password", "editor", ("城东区",))}
# Approved, not yet published. 城东区's figures are its own until the round closes: 5,517 and 2.0513万.
TABLES = {"甘州区": {"grassroots_unions": 760, "union_members": 4.2},
          "城东区": {"grassroots_unions": 5517, "union_members": 2.0513}}
OTHERS = ("5,517", "5517", "2.0513", "2.05", "6,277", "6277", "6.2513", "6.25")  # 城东区's figures and the sums with them


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("board-view") / "store.db"
    app = Application({"db": str(db)})
    users = Users(app.store)
    for name, (password, role, regions) in PEOPLE.items():
        users.add(name, password, role)
        if regions:
            users.tie(name, list(regions))
    round_ = app.rounds.open("2009年度", 2009, "2099-10-31", list(TABLES["甘州区"]), list(TABLES), "chief", "reviewer")
    for region, values in TABLES.items():
        editor = next(n for n, (_, _, regions) in PEOPLE.items() if region in regions)
        _, template = app.rounds.template(round_.id, region, editor, "editor", "zh")
        check = app.rounds.check_now(round_.id, region, fill_template(template, values), "t.xlsx", editor, "editor")
        assert check.ok, [p.message("en") for p in check.parsed.problems]
        app.rounds.submit_check(check, {w.key: "核实无误" for w in check.warnings}, editor, "editor")
        app.rounds.review(round_.id, region, "approved", "", "chief", "reviewer")
    app.store.close()
    with running_server(db) as base:
        yield base


@pytest.fixture
def signed_in(browser, site):
    made = []

    def open_as(name: str):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        log = RequestLog()
        context.route("**/*", log.route)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{site}/login?next=/rounds")
        page.fill("#login-name", name)
        page.fill("#login-password", PEOPLE[name][0])
        page.click("#login-submit")
        page.wait_for_url(re.compile(r"/rounds"))
        made.append((context, log))
        return page

    yield open_as
    for context, log in made:
        assert log.outside == []
        context.close()


def board_as(page, base: str) -> tuple[str, dict]:
    """The board as the browser shows it, and the page-routing callback's request the browser made for it."""
    # The routing callback for this board's own path: a page still open at sign-in's redirect (/rounds)
    # may send one for its path first.
    with page.expect_request(lambda r: "_dash-update-component" in r.url and "_pages_content" in (r.post_data or "")
                             and "/rounds/1" in (r.post_data or "")) as routed:
        page.goto(f"{base}/rounds/1")
    expect(page.locator("#board-row-甘州区")).to_contain_text("已通过")
    return page.locator("#main").inner_text(), json.loads(routed.value.post_data)


def test_a_district_editor_sees_no_other_districts_unpublished_figures(site, signed_in):
    base = site
    gz = signed_in("gz")
    shown, body = board_as(gz, base)
    assert not [f for f in OTHERS if f in shown], shown
    expect(gz.locator("#board-city")).to_contain_text("审核人员")  # the sums are the reviewers'
    expect(gz.locator("#board-row-城东区")).to_contain_text("已通过")  # its state is no secret; its figures are
    # The same callback posted directly, as that editor, with nothing of the page's own making.
    answer = gz.request.post(f"{base}/_dash-update-component", data=json.dumps(body),
                             headers={"Content-Type": "application/json"})
    assert answer.status == 200
    text = json.dumps(answer.json(), ensure_ascii=False)
    assert "board-row-城东区" in text  # it is the board
    assert not [f for f in OTHERS if f in text]
    # Asking for the English board changes nothing of it.
    english = json.loads(json.dumps(body))
    for item in english["inputs"]:
        if isinstance(item, dict) and item.get("property") == "search":
            item["value"] = "?lang=en"
    text = json.dumps(gz.request.post(f"{base}/_dash-update-component", data=json.dumps(english),
                                      headers={"Content-Type": "application/json"}).json(), ensure_ascii=False)
    assert "shown to reviewers only" in text
    assert not [f for f in OTHERS if f in text]


def test_the_reviewer_sees_the_city_sums(site, signed_in):
    chief = signed_in("chief")
    shown, _ = board_as(chief, site)
    assert "6,277个以上" in shown  # 760 + 5517, a partial sum of 2 of the 6 regions
