"""The dashboard in a real browser against a real server: figures, target trace, language, URLs, no internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import CHROMIUM, RequestLog, running_server

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=20_000)  # a shared, busy machine: generous waits, never a timing assertion

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("srv") / "store.db") as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    log = RequestLog()
    context.route("**/*", log.route)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.request_log = log
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    assert log.outside == [], f"requests left the machine: {log.outside}"
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


def test_overview_shows_the_reports_figures(server, page):
    page.goto(server + "/")
    card = page.locator("#card-grassroots_unions")
    card.wait_for()
    assert "基层工会组织数" in card.inner_text()
    assert "2,185个" in card.inner_text()
    assert "报告数据" in card.inner_text()
    assert "11.29万人" in page.locator("#card-union_members").inner_text()
    assert "90%以上" in page.locator("#card-union_formation_rate").inner_text()
    assert "433万元" in page.locator("#card-aid_funds").inner_text()
    assert page.locator(".card").count() == 37
    assert page.request_log.local  # it did load everything from the server itself


def test_indicator_page_shows_target_trace_and_years(server, page):
    page.goto(server + "/indicator/union_formation_rate")
    chart = page.locator("#indicator-main-chart")
    chart.locator(".main-svg").first.wait_for()
    legend = [el.text_content() for el in chart.locator(".legendtext").all()]
    assert "目标值" in legend and "目标路径" in legend
    ticks = [el.text_content() for el in chart.locator(".xtick text").all()]
    assert {"2004", "2008", "2013"} <= set(ticks)
    expect(page.locator("#indicator-table")).to_contain_text("2013")
    expect(page.locator("#indicator-table")).to_contain_text("90%以上")
    expect(page.locator("main")).to_contain_text("已达到目标")


def test_language_switch(server, page):
    page.goto(server + "/indicator/grassroots_unions")
    page.locator("h1", has_text="基层工会组织数").wait_for()
    page.wait_for_load_state("networkidle")
    page.click("#nav-lang")
    page.locator("h1", has_text="Grassroots union organisations").wait_for()
    assert "lang=en" in page.url
    expect(page.locator("#indicator-table")).to_contain_text("2,185 organisations")
    page.click("#nav-lang")
    page.locator("h1", has_text="基层工会组织数").wait_for()


def test_a_shared_url_restores_the_view_and_back_works(server, page):
    page.goto(server + "/indicator/grassroots_unions?lang=en&year=2006&region=甘州区")
    page.locator("h1", has_text="Grassroots union organisations").wait_for()
    expect(page.locator("#indicator-year")).to_contain_text("2006")
    expect(page.locator("#indicator-region")).to_contain_text("Ganzhou District")  # in English since issue 13
    table = page.locator("#indicator-table")
    expect(table).to_contain_text("562 organisations")  # 甘州区's illustrative 2006 value
    expect(table).not_to_contain_text("2007")  # the view stops at the chosen year
    # Choosing another year changes the URL; the back button returns to the shared view.
    page.click("#indicator-year")
    page.get_by_role("option", name="2008").click()
    page.wait_for_url(re.compile(r"year=2008"))
    page.locator("#indicator-table", has_text="2008").wait_for()
    page.go_back()
    page.wait_for_url(re.compile(r"year=2006"))
    expect(page.locator("#indicator-table")).not_to_contain_text("2007")
    expect(page.locator("#indicator-year")).to_contain_text("2006")


def test_overview_year_selector_and_keyboard(server, page):
    page.goto(server + "/?year=2006")
    card = page.locator("#card-grassroots_unions")
    card.wait_for()
    assert "2006" in card.inner_text() and "示例数据" in card.inner_text()  # 2006 is illustrative
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_unknown_indicator_says_so(server, page):
    page.goto(server + "/indicator/no_such_code")
    page.locator("h1", has_text="没有这个指标").wait_for()


def test_briefing_in_the_background_with_progress(server, page):
    import io

    from pptx import Presentation

    from indicators.catalogue import indicators_in

    page.goto(server + "/briefing")
    page.get_by_label("部分").select_option(label="维权")
    page.click("#briefing-choose")
    page.wait_for_url(lambda url: "section=rights" in url)
    page.click("#briefing-pptx")
    link = page.locator("#briefing-download")
    link.wait_for(timeout=120_000)
    response = page.request.get(server + link.get_attribute("href"))
    assert response.ok
    deck = Presentation(io.BytesIO(response.body()))
    assert len(deck.slides) == len(indicators_in("rights")) + 3  # with the section's paragraph (issue 13)


def test_every_chart_has_export_buttons(server, page):
    page.goto(server + "/indicator/grassroots_unions")
    page.locator("#indicator-main-chart").wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator("a.download").all()]
    for chart in ("main", "region"):
        for fmt in ("png", "svg", "pdf"):
            assert any(h.startswith(f"/export/grassroots_unions.{fmt}") and f"chart={chart}" in h for h in hrefs)
    png = next(h for h in hrefs if h.startswith("/export/grassroots_unions.png"))
    response = page.request.get(server + png)
    assert response.ok and response.body()[:8] == b"\x89PNG\r\n\x1a\n"
