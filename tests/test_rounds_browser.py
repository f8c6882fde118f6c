"""A whole collection round in a real browser, with three people: a city reviewer opens it, two district
editors download their templates, fill and submit them (one with a warning and its explanation), the
reviewer returns one with a comment, it is fixed and sent again, both are approved, the round closes,
and the city's page shows the summed figure with the explanation beside the district's. Then an admin
adds an indicator in the browser, a workbook brings its values, and its page shows them."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from browser import CHROMIUM, RequestLog, running_server
from indicators.application import Application
from indicators.users import Users
from round_tables import fill_template

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

REVIEWER, GANZHOU, CHENGDONG, ADMIN = (("chief", "reviewer-password"), ("gz", "district-password"),
                                       ("cd", "district-password"), ("boss", "admin-password"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rounds-browser")
    db = folder / "store.db"
    app = Application({"db": str(db)})
    users = Users(app.store)
    users.add(*REVIEWER, "reviewer")
    users.add(*GANZHOU, "editor")
    users.add(*CHENGDONG, "editor")
    users.add(*ADMIN, "admin")
    users.tie("gz", ["甘州区"])
    users.tie("cd", ["城东区"])
    app.store.close()
    with running_server(db) as base:
        yield base, folder


@pytest.fixture
def person(browser):
    """A browser of its own for each person (their own cookies), checked to ask nothing of the internet."""
    made = []

    def open_as(who: tuple[str, str], base: str, next_path: str = "/rounds"):
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        log = RequestLog()
        context.route("**/*", log.route)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{base}/login?next={next_path}")
        page.fill("#login-name", who[0])
        page.fill("#login-password", who[1])
        page.click("#login-submit")
        page.wait_for_url(re.compile(re.escape(next_path.split("?")[0])))
        made.append((context, log))
        return page

    yield open_as
    for context, log in made:
        assert log.outside == []
        context.close()


def choose(page, dropdown: str, label: str) -> None:
    page.click(dropdown)
    page.keyboard.type(label)
    page.locator(".dash-dropdown-option", has_text=label).first.click()
    page.keyboard.press("Escape")


def submit_table(page, folder: Path, region: str, values: dict[str, float], explanation: str | None = None):
    """On the board: download the unit's template, fill it, upload it, explain any warning, submit."""
    with page.expect_download() as download:
        page.locator(f"#board-row-{region} a", has_text="下载模板").click()
    filled = folder / f"{region}.xlsx"
    filled.write_bytes(fill_template(Path(download.value.path()).read_bytes(), values))
    form = page.frame_locator("#board-upload-frame")
    form.locator("#round-upload-file").set_input_files(str(filled))
    form.locator("#round-upload-submit").click()
    page.wait_for_url(re.compile(r"/round-check/1\?job="))
    expect(page.locator("#round-warnings")).to_be_visible()
    if explanation is not None:
        expect(page.locator("#round-warnings .warning")).to_contain_text("超过 30%")
        page.locator("#round-warnings textarea").first.fill(explanation)
    else:
        expect(page.locator("#round-warnings")).to_contain_text("没有警告")
    page.click("#round-check-submit")
    expect(page.locator("#round-submitted")).to_contain_text("已报送")
    page.click("#round-submitted a")
    page.wait_for_url(re.compile(r"/rounds/1(\?|$)"))


def review(page, base: str, region: str, action: str, comment: str = "") -> None:
    page.goto(f"{base}/round-review/1?region={region}")
    expect(page.locator("#review-values")).to_be_visible()
    if comment:
        page.fill("#review-comment", comment)
    page.click("#review-approve" if action == "approve" else "#review-return")
    expect(page.locator("#review-done")).to_be_visible()


def test_three_people_run_a_round_from_opening_to_the_citys_figure(site, person):
    base, folder = site
    chief = person(REVIEWER, base)
    chief.fill("#rounds-name", "2009年度")
    chief.fill("#rounds-year", "2009")
    for name in ("基层工会组织数", "工会会员数"):
        choose(chief, "#rounds-indicators", name)
    chief.click("#rounds-open")
    expect(chief.locator("#rounds-message")).to_contain_text("已开启填报轮次“2009年度”")
    chief.click("#round-opened-link")
    expect(chief.locator("#board-row-甘州区")).to_contain_text("未开始")

    gz = person(GANZHOU, base)
    expect(gz.locator("#nav-upload")).to_have_count(0)  # a district's figures go through the round
    gz.click("#round-link-1")
    submit_table(gz, folder, "甘州区", {"grassroots_unions": 900, "union_members": 4.2}, "两家企业合并，基层工会相应增加")
    expect(gz.locator("#board-row-甘州区")).to_contain_text("已报送")
    expect(gz.locator("#board-row-甘州区")).to_contain_text("两家企业合并")

    cd = person(CHENGDONG, base)
    cd.click("#round-link-1")
    expect(cd.locator("#board-row-城东区 a", has_text="下载模板")).to_have_count(1)
    expect(cd.locator("#board-row-甘州区 a", has_text="下载模板")).to_have_count(0)  # only its own
    submit_table(cd, folder, "城东区", {"grassroots_unions": 380, "union_members": 2.1})

    review(chief, base, "城东区", "return", "会员数与上年统计口径不一致，请核实后重报")
    chief.goto(f"{base}/rounds/1")
    expect(chief.locator("#board-row-城东区")).to_contain_text("已退回")

    cd.goto(f"{base}/rounds/1")
    expect(cd.locator("#board-row-城东区")).to_contain_text("会员数与上年统计口径不一致")
    cd.goto(f"{base}/round-review/1?region=城东区")
    expect(cd.locator("#review-returned")).to_contain_text("市总工会退回了本表")
    expect(cd.locator("#review-approve")).to_have_count(0)  # no review buttons for a district
    cd.goto(f"{base}/rounds/1")
    submit_table(cd, folder, "城东区", {"grassroots_unions": 380, "union_members": 2.05})
    expect(cd.locator("#board-row-城东区")).to_contain_text("已报送")

    review(chief, base, "城东区", "approve")
    review(chief, base, "甘州区", "approve")
    chief.goto(f"{base}/rounds/1")
    expect(chief.locator("#board-progress")).to_contain_text("2/6")
    expect(chief.locator("#board-city")).to_contain_text("1,280个以上")  # 2 of 6: a partial sum, pending
    expect(chief.locator("#board-city")).to_contain_text("本轮覆盖6个地区中的2个")
    chief.locator("#board-partial input").check()  # published as a partial sum, as the closer confirms
    chief.once("dialog", lambda dialog: dialog.accept())
    chief.click("#board-close")
    expect(chief.locator("#board-closed-now")).to_contain_text("本轮已结束")
    expect(chief.locator("#board-closed-now")).to_contain_text("本轮覆盖6个地区中的2个")

    chief.goto(f"{base}/indicator/grassroots_unions?year=2009")
    expect(chief.locator("#indicator-table")).to_contain_text("1,280个以上")  # the city: 900 + 380, a bound
    explanations = chief.locator("#indicator-explanations")
    expect(explanations).to_contain_text("900个")
    expect(explanations).to_contain_text("甘州区 2009：两家企业合并，基层工会相应增加（2009年度）")
    chief.goto(f"{base}/history")
    expect(chief.locator("#history-table")).to_contain_text("round-1-2009年度.xlsx")
    gz.goto(f"{base}/rounds/1")
    expect(gz.locator("#board-closed")).to_be_visible()
    expect(gz.locator("#board-upload-frame")).to_have_count(0)  # closed: nothing more to send


def test_an_admin_adds_an_indicator_and_a_workbook_brings_its_values(site, person):
    base, folder = site
    boss = person(ADMIN, base, "/catalogue")
    for name, value in (("code", "workers"), ("name_zh", "职工人数"), ("name_en", "Workers"), ("unit_zh", "万人"),
                        ("unit_en", "10k people")):
        boss.fill(f'[id=\'{{"name":"{name}","type":"catalogue-field"}}\']', value)
    boss.click("#catalogue-add")
    expect(boss.locator("#catalogue-added")).to_contain_text("已添加指标“职工人数”（workers）")
    expect(boss.locator("#catalogue-table")).to_contain_text("职工人数")

    wb = openpyxl.Workbook()  # a yearbook-style table: the new row beside one the catalogue always had
    ws = wb.active
    ws.title = "工会组织情况"
    ws.append(["指标", "单位", 2008, 2009])
    ws.append(["职工人数", "万人", 12.8, 13.5])
    ws.append(["基层工会组织数", "个", 2185, 2390])
    path = folder / "yearbook.xlsx"
    wb.save(path)
    boss.goto(f"{base}/upload")
    form = boss.frame_locator("#upload-form-frame")
    form.locator("#upload-file").set_input_files(str(path))
    form.locator("#upload-submit").click()
    boss.wait_for_url(re.compile(r"/upload\?job="))
    expect(boss.locator("#upload-preview")).to_contain_text("职工人数")
    boss.click("#upload-publish")
    expect(boss.locator("#upload-published")).to_be_visible()
    boss.goto(f"{base}/indicator/workers")
    expect(boss.locator("h1")).to_have_text("职工人数")
    expect(boss.locator("#indicator-table")).to_contain_text("13.5万人")
    boss.goto(f"{base}/?lang=en")
    expect(boss.locator("#card-workers")).to_contain_text("Workers")
