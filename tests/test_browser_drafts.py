"""Drafted paragraphs and English pages in a real browser against a real server.

The overview shows the year's paragraphs, the copy buttons put exactly that text on the clipboard,
and every English page (all 37 indicator pages, the editors' pages signed in, the upload form in
its frame) shows no Chinese outside text marked lang="zh" (the language switch) and data users typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import CHROMIUM, RequestLog, running_server
from indicators.catalogue import CATALOGUE
from indicators.store import Store
from indicators.translation import CJK
from indicators.users import Users

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=30_000)
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")

EDITOR = ("ed", "editor-password")

# Every text node and every readable attribute, leaving out what is marked lang="zh" on purpose.
VISIBLE_TEXT_JS = """
() => {
    const out = [document.title];
    const skip = (el) => el.closest('[lang="zh"]:not(html)') || el.closest('script, style, noscript');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement && !skip(node.parentElement) && node.textContent.trim()) out.push(node.textContent);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
        if (skip(el)) continue;
        for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
            if (el.getAttribute(name)) out.push(el.getAttribute(name));
        }
    }
    return out;
}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("drafts") / "store.db"
    store = Store(f"sqlite:///{db}")
    Users(store).add(EDITOR[0], EDITOR[1], "editor")
    store.close()
    with running_server(db) as base:
        yield base


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    log = RequestLog()
    context.route("**/*", log.route)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    assert log.outside == [], f"requests left the machine: {log.outside}"
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_the_overview_shows_the_drafted_paragraphs_and_copy_works(server, page):
    page.goto(server + "/")
    block = page.locator("#overview-highlights")
    expect(block).to_contain_text("要点")
    expect(block).to_contain_text("组织建设方面，截至2008年上半年，全市基层工会组织数达到2185个，比五年前（2003年度）增加848个")
    expect(block).to_contain_text("（来源：工作报告第8、9、10段）")  # the passages its numbers come from
    paragraphs = block.locator(".draft-paragraph p").all_inner_texts()
    assert len(paragraphs) == 5 and not any("示例" in p and "不作为事实" in p for p in paragraphs)
    title = block.locator(".draft-title").inner_text()
    page.click("button[data-copy='overview']")
    expect(page.locator("[data-copy-status='overview']")).to_have_text("已复制")
    assert clipboard(page) == "\n\n".join([title, *paragraphs])
    page.click("button[data-copy='overview-2']")  # one section: aid
    expect(page.locator("[data-copy-status='overview-2']")).to_have_text("已复制")
    assert clipboard(page) == paragraphs[2] and clipboard(page).startswith("帮扶方面")


def test_the_indicator_page_paragraph_copies_in_english(server, page):
    page.goto(server + "/indicator/reemployment_training?lang=en")
    draft = page.locator("#indicator-draft")
    expect(draft).to_contain_text("Laid-off workers trained reached 750 people or more in total")
    expect(draft).to_contain_text("meeting the target of 750 people for statistics year 2008")
    page.click("button[data-copy='indicator']")
    expect(page.locator("[data-copy-status='indicator']")).to_have_text("Copied")
    assert clipboard(page) == draft.locator("p").first.inner_text()


def _chinese_on(page) -> list[str]:
    texts = [t for frame in page.frames for t in frame.evaluate(VISIBLE_TEXT_JS)]
    return [t.strip()[:80] for t in texts if CJK.search(t)]


def test_english_pages_show_no_chinese(server, page):
    paths = ["/", "/?year=2006&region=甘州区", "/method", "/briefing", "/no/such/page"]
    paths += [f"/indicator/{ind.code}" for ind in CATALOGUE] + ["/indicator/grassroots_unions?region=甘州区"]
    page.goto(server + "/method?lang=en")
    page.locator("main h1").wait_for()
    page.evaluate("document.querySelector('main').append('测试')")
    assert _chinese_on(page) == ["测试"]  # the check sees Chinese where there is some
    found = {}
    for path in paths:
        page.goto(server + path + ("&" if "?" in path else "?") + "lang=en")
        page.locator("main").first.wait_for()
        page.wait_for_load_state("networkidle")
        if path.startswith("/indicator/"):
            page.locator("#indicator-main-chart .main-svg").first.wait_for()
        if hits := _chinese_on(page):
            found[path] = hits
    page.goto(server + "/login?lang=en")
    page.fill("#login-name", EDITOR[0])
    page.fill("#login-password", EDITOR[1])
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/$|/\?"))
    for path, shown in (("/login", "h1"), ("/upload", "#upload-form-frame"), ("/history", "#history-table")):
        page.goto(server + path + "?lang=en")
        page.locator(shown).first.wait_for()  # signed in as an editor: the real pages, not a sign-in link
        page.wait_for_load_state("networkidle")
        if hits := _chinese_on(page):
            found[path] = hits
    assert found == {}


def test_the_briefing_page_makes_the_word_document(server, page):
    import io

    from docx import Document

    page.goto(server + "/briefing?lang=en")
    page.get_by_label("Section").select_option(label="Rights")
    page.click("#briefing-choose")
    page.wait_for_url(re.compile(r"section=rights"))
    expect(page.locator("#briefing-covers")).to_contain_text("Rights")
    page.click("#briefing-docx")
    link = page.locator("#briefing-download")
    link.wait_for(timeout=120_000)
    assert link.inner_text().endswith("-en.docx")
    response = page.request.get(server + link.get_attribute("href"))
    assert response.ok
    doc = Document(io.BytesIO(response.body()))
    assert doc.paragraphs[0].text == "xx City trade-union indicators briefing"
    assert any(p.text.startswith("Rights: ") for p in doc.paragraphs) and len(doc.inline_shapes) == 5


def test_copy_falls_back_without_the_clipboard_api(server, page):
    """Plain http on an intranet address has no Clipboard API: the copy command does the work."""
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page.goto(server + "/indicator/grassroots_unions")
    assert page.evaluate("navigator.clipboard") is None
    page.click("button[data-copy='indicator']")
    expect(page.locator("[data-copy-status='indicator']")).to_have_text("已复制")
    reader = page.context.new_page()
    reader.goto(server + "/method")
    assert reader.evaluate("navigator.clipboard.readText()") == page.locator("#indicator-draft p").first.inner_text()
