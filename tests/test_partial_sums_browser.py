"""A round covering 2 of the city's 6 regions, in a real browser on a real server: the board states the
coverage and warns that the sum falls 40 % before anything publishes; closed without the confirmation the
city's figure stays as it was; closed with it (a second round for the same year), the partial sum is
labelled as one on the indicator page, in its drafted paragraph, in the CSV download and in the PDF briefing."""

from __future__ import annotations

import csv
import io
import re
import subprocess
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

REVIEWER = ("chief", "reviewer-password")
# 2008 as published: 678 + 371 of the city's 2185 unions. 760 + 551 = 1311 = 2185 × 0.6: the sum falls 40.0 %.
TABLES = {"甘州区": {"grassroots_unions": 760, "union_members": 4.2},
          "城东区": {"grassroots_unions": 551, "union_members": 2.05}}


def approve_paper_forms(app: Application, round_id: int) -> None:
    """Each unit's table as the city clerk types it from a paper form: checked, explained, approved."""
    for region, values in TABLES.items():
        _, template = app.rounds.template(round_id, region, "chief", "reviewer", "zh")
        check = app.rounds.check_now(round_id, region, fill_template(template, values), f"{region}.xlsx", "chief",
                                     "reviewer")
        assert check.ok, [p.message("en") for p in check.parsed.problems]
        app.rounds.submit_check(check, {w.key: "核实无误" for w in check.warnings}, "chief", "reviewer")
        app.rounds.review(round_id, region, "approved", "", "chief", "reviewer")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partial-sums")
    db = folder / "store.db"
    app = Application({"db": str(db)})
    Users(app.store).add(*REVIEWER, "reviewer")
    for name in ("2009年度", "2009年度补报"):  # both for 2 of the 6 regions
        round_ = app.rounds.open(name, 2009, "2099-10-31", list(TABLES["甘州区"]), list(TABLES), "chief", "reviewer")
        approve_paper_forms(app, round_.id)
    app.store.close()
    with running_server(db) as base:
        yield base, folder


@pytest.fixture
def chief(browser, site):
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    log = RequestLog()
    context.route("**/*", log.route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/login?next=/rounds")
    page.fill("#login-name", REVIEWER[0])
    page.fill("#login-password", REVIEWER[1])
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/rounds"))
    yield page
    assert log.outside == []
    context.close()


def close_round(page, base: str, round_id: int, confirm: bool) -> None:
    page.goto(f"{base}/rounds/{round_id}")
    city = page.locator("#board-city")
    expect(city).to_contain_text("本轮覆盖6个地区中的2个（甘州区、城东区）；其和不是全市数。")
    expect(city.locator(".city-jump").first).to_contain_text("40.0%")  # warned before anything publishes
    expect(city).to_contain_text("1,311个以上")  # pending, as a bound
    if confirm:
        page.locator("#board-partial input").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#board-close")
    expect(page.locator("#board-closed-now")).to_contain_text("本轮覆盖6个地区中的2个")


def test_a_partial_round_closed_without_confirming_leaves_the_city_figure(site, chief):
    base, _ = site
    close_round(chief, base, 1, confirm=False)
    closed = chief.locator("#board-closed-now")
    expect(closed).to_contain_text("全市数保持不变")  # and says which figures it left
    expect(closed).to_contain_text("基层工会组织数 1,311个以上")
    chief.goto(f"{base}/indicator/grassroots_unions?year=2009")
    table = chief.locator("#indicator-table")
    expect(table).to_contain_text("2,185个")  # 2008's city figure stands as the latest
    expect(table).not_to_contain_text("1,311")
    csv_text = chief.request.get(f"{base}/download/data.csv?code=grassroots_unions").text()
    city_rows = [r for r in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))) if r["地区"] == "全市"]
    assert "2008" in {r["年份"] for r in city_rows} and "2009" not in {r["年份"] for r in city_rows}
    assert float({r["年份"]: r["数值"] for r in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
                  if r["地区"] == "甘州区"}["2009"]) == 760  # the districts' own figures did publish


def test_a_confirmed_partial_sum_is_labelled_as_one_everywhere(site, chief):
    base, folder = site
    close_round(chief, base, 2, confirm=True)
    expect(chief.locator("#board-closed-now")).to_contain_text("全市数按部分汇总发布")

    chief.goto(f"{base}/indicator/grassroots_unions?year=2009")
    expect(chief.locator("#indicator-table")).to_contain_text("1,311个以上")
    expect(chief.locator("#main")).to_contain_text("部分汇总：2/6个地区")
    expect(chief.locator("#main")).not_to_contain_text("874")  # 1311 of 2 regions against 2185 of all 6: no change
    paragraph = chief.locator("#indicator-draft")
    expect(paragraph).to_contain_text("部分汇总")
    expect(paragraph).to_contain_text("1311个以上")  # prose writes no thousands separator
    text = paragraph.inner_text()
    assert not re.search(r"全市[^，。]*达到", text), text  # never stated as the city's level

    csv_text = chief.request.get(f"{base}/download/data.csv?code=grassroots_unions&year=2009").text()
    rows = [r for r in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))) if r["地区"] == "全市" and r["年份"] == "2009"]
    assert len(rows) == 1, rows
    assert float(rows[0]["数值"]) == 1311 and rows[0]["限定"] == "以上", rows[0]
    assert rows[0]["说明"].startswith("部分汇总：2/6个地区（甘州区、城东区），不是全市数"), rows[0]

    chief.goto(f"{base}/briefing")
    chief.click("#briefing-pdf")
    link = chief.locator("#briefing-download")
    expect(link).to_be_visible(timeout=240_000)
    with chief.expect_download() as download:
        link.click()
    pdf = Path(download.value.path()).read_bytes()
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    flat = re.sub(r"\s+", "", text)
    assert re.search(r"1,?311个以上", flat)
    assert "部分汇总" in flat
    assert not re.search(r"全市基层工会组织数[^。]*达到1,?311", flat)
    assert "874" not in flat and "偏离方向" not in flat  # neither a change nor a status rests on it
