"""Uploading in a real browser: sign-in, the gate, a broken file, a good wide table, publish, history, rollback."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment

from browser import CHROMIUM, RequestLog, running_server
from indicators.store import Store
from indicators.users import Users
from workbooks import long_workbook

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

EDITOR, ADMIN = ("ed", "editor-password"), ("boss", "admin-password")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upload")
    db = folder / "store.db"
    store = Store(f"sqlite:///{db}")
    users = Users(store)
    users.add(EDITOR[0], EDITOR[1], "editor")
    users.add(ADMIN[0], ADMIN[1], "admin")
    store.close()
    with running_server(db) as base:
        yield base, db, folder


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    log = RequestLog()
    context.route("**/*", log.route)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    assert log.outside == []
    context.close()


def sign_in(page, base, who):
    page.goto(base + "/login?next=/upload")
    page.fill("#login-name", who[0])
    page.fill("#login-password", who[1])
    page.click("#login-submit")


def upload_as_editor(page, base, path):
    """Sign in as the editor and send ``path`` through the upload form."""
    sign_in(page, base, EDITOR)
    page.wait_for_url(re.compile(r"/upload"))
    form = page.frame_locator("#upload-form-frame")
    form.locator("#upload-file").set_input_files(str(path))
    form.locator("#upload-submit").click()


def current_values(db, code):
    _, obs, _ = Store(f"sqlite:///{db}").data()
    rows = obs[(obs["code"] == code) & (obs["region"] == "") & (obs["group"] == "")]
    return dict(zip(rows["year"].astype(int), rows["value"], strict=True))


def wide_table(path: Path) -> Path:
    """The kind of table an office keeps: merged title, 填报单位, years as columns, percent cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2009年报表"
    ws["A1"] = "xx市工会组织建设情况表（2009年）"
    ws.merge_cells("A1:D1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位：xx市总工会"
    ws.append(["指标", "单位", "2008年", "2009年"])
    ws.append(["基层工会组织数", "个", 2185, "2,390"])
    ws.append(["工会组建率", "%", 0.9, 0.93])
    for cell in ("C5", "D5"):
        ws[cell].number_format = "0%"
    ws.append(["注：2009年为年报数。"])
    wb.save(path)
    return path


def test_anonymous_visitor_is_sent_to_sign_in(site, page):
    base, _, _ = site
    page.goto(base + "/upload")
    page.wait_for_url(re.compile(r"/login\?next=/upload"))
    assert page.locator("#upload-form-frame").count() == 0
    page.goto(base + "/history")
    page.wait_for_url(re.compile(r"/login"))


def test_wrong_password_is_refused(site, page):
    base, _, _ = site
    sign_in(page, base, (EDITOR[0], "not-the-password"))
    expect(page.locator(".error")).to_contain_text("用户名或密码不正确")
    assert "/login" in page.url


def test_broken_workbook_names_its_cells_and_changes_nothing(site, page):
    base, db, folder = site
    before = current_values(db, "grassroots_unions")
    bad = folder / "broken.xlsx"
    bad.write_bytes(long_workbook([["grassroots_unions", 2009, "", "", "很多", "", "", ""],
                                   ["grassroots_union", 2009, "", "", 5, "", "", ""]]))  # a mistyped code
    upload_as_editor(page, base, bad)
    table = page.locator("#upload-problems")
    expect(table).to_contain_text("E2")
    expect(table).to_contain_text("A3")
    expect(table).to_contain_text("很多")
    expect(table).to_contain_text("是否应为“基层工会组织数”")
    expect(page.locator("#upload-reading")).to_contain_text("长表")  # how the file was read, shown beside
    expect(page.locator("#upload-publish")).to_be_hidden()
    marked = page.request.get(base + page.locator("#upload-marked").get_attribute("href"))
    assert marked.ok and marked.body()[:2] == b"PK"
    assert current_values(db, "grassroots_unions") == before


def test_good_wide_table_previews_publishes_and_shows_then_rolls_back(site, page):
    base, db, folder = site
    path = wide_table(folder / "2009.xlsx")
    upload_as_editor(page, base, path)
    preview = page.locator("#upload-preview")
    expect(preview).to_contain_text("基层工会组织数")
    expect(preview).to_contain_text("2,390个")  # the new 2009 value, typed as text with a comma
    expect(preview).to_contain_text("93%")  # the percent-formatted cell read as 93
    assert 2009 not in current_values(db, "grassroots_unions")  # nothing published yet
    page.click("#upload-publish")
    expect(page.locator("#upload-published")).to_contain_text("第 2 号修订版")
    assert current_values(db, "grassroots_unions")[2009] == 2390
    page.goto(base + "/indicator/grassroots_unions")
    expect(page.locator("#indicator-table")).to_contain_text("2009")
    expect(page.locator("#indicator-table")).to_contain_text("2,390个")

    # History lists both revisions; an admin rolls back to the first.
    page.click("#nav-logout")
    sign_in(page, base, ADMIN)
    page.goto(base + "/history")
    table = page.locator("#history-table")
    expect(table).to_contain_text("2009.xlsx")
    expect(table).to_contain_text("builtin.xlsx")
    page.locator("#history-rollback-to").click()
    page.get_by_role("option", name=re.compile(r"^1 · builtin\.xlsx")).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#history-rollback")
    expect(page.locator("#history-rolled-back")).to_contain_text("第 1 号修订版")
    assert 2009 not in current_values(db, "grassroots_unions")
    page.goto(base + "/indicator/grassroots_unions")
    expect(page.locator("#indicator-table")).to_contain_text("2008")
    expect(page.locator("#indicator-table")).not_to_contain_text("2,390")


def test_an_oversized_file_is_refused_by_the_server(site, page, tmp_path):
    base, db, _ = site
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (21 * 1024 * 1024))
    upload_as_editor(page, base, big)
    expect(page.locator("#upload-too-large")).to_contain_text("20.0 MB")


def region_values(db, code, region):
    _, obs, _ = Store(f"sqlite:///{db}").data()
    rows = obs[(obs["code"] == code) & (obs["region"] == region) & (obs["group"] == "")]
    return dict(zip(rows["year"].astype(int), rows["value"], strict=True))


def test_a_district_named_only_in_the_title_is_asked_about_then_published_under_it(site, page):
    """The importer's acceptance test: the question in the preview, the answer, and the city left as it was."""
    import tables

    base, db, folder = site
    path = folder / "ganzhou.xlsx"
    path.write_bytes(tables.district_form(title="甘州区2009年工会组织情况统计表"))
    city_before = current_values(db, "grassroots_unions")
    upload_as_editor(page, base, path)
    questions = page.locator("#upload-questions")
    expect(questions).to_contain_text("只有标题写明了地区“甘州区”")
    expect(questions).to_contain_text("表1!A1")
    expect(page.locator("#upload-publish")).to_be_hidden()  # nothing can be published before the answer
    expect(page.locator("#upload-reading")).to_contain_text("甘州区2009年工会组织情况统计表")
    page.click("#upload-answer-submit")  # the suggested answer, 甘州区, is chosen already
    expect(page.locator("#upload-preview")).to_contain_text("基层工会组织数")
    expect(page.locator("#upload-reading")).to_contain_text("按您的回答")
    page.click("#upload-publish")
    expect(page.locator("#upload-published")).to_contain_text("号修订版")
    assert region_values(db, "grassroots_unions", "甘州区")[2009] == 320
    assert region_values(db, "union_members", "甘州区")[2009] == 3.4
    assert current_values(db, "grassroots_unions") == city_before  # the city's figures are untouched


def test_an_admin_adds_a_region_in_the_browser_and_a_file_naming_it_is_read(site, page):
    import tables

    base, db, folder = site
    sign_in(page, base, ADMIN)
    page.goto(base + "/regions")
    expect(page.locator("#regions-table")).to_contain_text("甘州区")
    page.fill("#regions-name", "玉门市")
    page.fill("#regions-en", "Yumen")
    page.click("#regions-add")
    expect(page.locator("#regions-done")).to_contain_text("已添加地区 玉门市")
    expect(page.locator("#regions-table")).to_contain_text("玉门市总工会")  # its usual aliases come with it
    page.fill("#regions-name", "合计")
    page.click("#regions-add")
    expect(page.locator("#regions-message .error")).to_contain_text("全市")  # a total is no region
    page.click("#nav-logout")
    path = folder / "yumen.xlsx"
    path.write_bytes(tables.district_form(reporting="填报单位：玉门市总工会（盖章）"))
    upload_as_editor(page, base, path)
    expect(page.locator("#upload-reading")).to_contain_text("地区：玉门市（来自填报单位")
    page.click("#upload-publish")
    expect(page.locator("#upload-published")).to_contain_text("号修订版")
    assert region_values(db, "grassroots_unions", "玉门市") == {2008: 300, 2009: 320}
