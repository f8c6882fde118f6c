"""The year people mean, in a real browser against a real server.

An editor publishes, through the upload form, a file with five 2009 values of one section. The
overview then opens on 2009 and every section's paragraph states its indicators' latest reported
figures (checked number by number and year by year against the store), and
``/briefing?year=2008&region=甘州区`` makes that briefing (its PDF read back with pdftotext).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import CHROMIUM, RequestLog, running_server
from indicators.catalogue import CATEGORIES, indicators_in
from indicators.formatting import prose_value, value_with_unit
from indicators.stat_year import year_label
from indicators.store import Store
from indicators.users import Users
from workbooks import long_workbook

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

EDITOR = ("ed", "editor-password")
NEW_2009 = {"grassroots_unions": 2260, "union_members": 11.6, "union_formation_rate": 91,
            "membership_rate": 91, "township_community_coverage": 100}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    db = folder / "store.db"
    store = Store(f"sqlite:///{db}")
    Users(store).add(EDITOR[0], EDITOR[1], "editor")
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
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    assert log.outside == [] and errors == []
    context.close()


@pytest.fixture(scope="module")
def published(site, browser):
    """The file with five 2009 values, published by an editor through the upload form."""
    base, db, folder = site
    path = folder / "2009.xlsx"
    path.write_bytes(long_workbook([[code, 2009, None, None, value, None, None, "2009年统计年报"]
                                    for code, value in NEW_2009.items()]))
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(base + "/login?next=/upload")
    pg.fill("#login-name", EDITOR[0])
    pg.fill("#login-password", EDITOR[1])
    pg.click("#login-submit")
    pg.wait_for_url(re.compile(r"/upload"))
    form = pg.frame_locator("#upload-form-frame")
    form.locator("#upload-file").set_input_files(str(path))
    form.locator("#upload-submit").click()
    pg.click("#upload-publish")
    expect(pg.locator("#upload-published")).to_contain_text("第 2 号修订版")
    context.close()
    _, observations, _ = Store(f"sqlite:///{db}").data()
    return observations


def _reported(observations, code: str, region: str = ""):
    rows = observations[(observations["code"] == code) & (observations["region"] == region)
                        & (observations["group"] == "") & ~observations["source"].astype(str).str.startswith("示例")]
    return rows.sort_values("year").iloc[-1] if not rows.empty else None


def test_the_overview_states_each_sections_latest_reported_figures(site, published, page):
    base, _, _ = site
    observations = published
    newest = int(observations["year"].max())
    assert newest == 2009
    page.goto(base + "/")
    block = page.locator("#overview-highlights")
    expect(block).to_contain_text(year_label(newest, "union", "zh", long=True))
    paragraphs = block.locator(".draft-paragraph p").all_inner_texts()
    assert len(paragraphs) == len(CATEGORIES)
    stated = 0
    for (category, names), paragraph in zip(CATEGORIES.items(), paragraphs, strict=True):
        assert paragraph.startswith(names["zh"] + "方面")
        assert f"{newest}年度暂无报告数据。" not in paragraph  # the issue: "…方面，2009年度暂无报告数据。"
        for ind in indicators_in(category):
            latest = _reported(observations, ind.code)
            if latest is None:
                continue
            value = prose_value(float(latest["value"]), ind, "zh", str(latest["qualifier"]))
            assert f"{ind.name_zh}" in paragraph and value in paragraph, (ind.code, value, paragraph)
            own = int(latest["year"])
            if own != newest:  # an earlier year: the paragraph says so, naming both years
                assert (f"（{year_label(newest, 'union', 'zh')}暂无报告数据，此为最近报告的"
                        f"{year_label(own, 'union', 'zh')}数据）") in paragraph, (ind.code, paragraph)
            else:
                assert ind.code in NEW_2009
            stated += 1
    assert stated >= len(NEW_2009) + 20


def test_the_briefing_page_makes_the_briefing_its_url_names(site, published, page, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    base, _, _ = site
    page.goto(base + "/briefing?year=2008&region=甘州区")
    expect(page.get_by_label("年份")).to_have_value("2008")
    expect(page.get_by_label("地区")).to_have_value("甘州区")
    expect(page.locator("#briefing-covers")).to_contain_text("2008年度（2007.10.1–2008.9.30） · 甘州区 · 全部部分")
    page.get_by_label("部分").select_option(label=CATEGORIES["organisation"]["zh"])
    page.click("#briefing-choose")  # the form's own URL, with the section
    page.wait_for_url(re.compile(r"section=organisation"))
    assert "year=2008" in page.url and "region=" in page.url
    page.click("#briefing-pdf")
    link = page.locator("#briefing-download")
    link.wait_for(timeout=180_000)
    response = page.request.get(base + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("application/pdf")
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    title_page = text.split("\f")[0]
    assert "2008年度（2007.10.1–2008.9.30） · 甘州区" in title_page and "2009年度（" not in title_page
    assert CATEGORIES["organisation"]["zh"] in title_page
    flat = re.sub(r"\s+", "", text)
    assert "甘州区工会工作主要指标·2008年度" in flat
    for other in ("rights", "aid", "skills", "capacity"):
        assert f"{CATEGORIES[other]['zh']}方面" not in flat  # only the section chosen
    # Each indicator's page is 甘州区's own series: its latest value up to 2008 is on it.
    for ind in indicators_in("organisation"):
        rows = published[(published["code"] == ind.code) & (published["region"] == "甘州区")
                         & (published["group"] == "") & (published["year"] <= 2008)].sort_values("year")
        if not rows.empty:
            latest = rows.iloc[-1]
            shown = value_with_unit(float(latest["value"]), ind, "zh", str(latest["qualifier"]))
            own = year_label(int(latest["year"]), "union", "zh")
            assert re.sub(r"\s+", "", f"{shown} ({own})") in flat, (ind.code, shown)


@pytest.mark.parametrize(("query", "zh", "en"), [
    ("year=1990", "年份（year）“1990”没有数据", "Year (year) “1990” has no data"),
    ("region=火星区", "地区（region）“火星区”没有数据", "Region (region) “火星区” has no data"),
    ("section=<b>bold</b>", "部分（section）“<b>bold</b>”不是报告的部分", "Section (section) “<b>bold</b>”"),
])
def test_a_wrong_briefing_parameter_is_a_message_not_an_error(site, page, query, zh, en):
    base, _, _ = site
    for lang, words in (("zh", zh), ("en", en)):
        response = page.goto(f"{base}/briefing?{query}&lang={lang}")
        assert response.status == 200
        alert = page.locator("#briefing-problems")
        expect(alert).to_contain_text(words)
        assert page.locator("#briefing-problems b").count() == 0  # typed text is never HTML
        expect(page.locator("#briefing-pdf")).to_be_disabled()
