"""Take the collection round pictures in docs/ from a real server: the status board as the city reviewer
sees it, and a returned submission as its district editor sees it, in Chinese and English.

    python docs/round_screenshots.py

The round is set up through the application object (as the browser would): 甘州区 submitted with a
warning and its explanation, 城东区 returned with the reviewer's comment, 城西区 approved, the rest
not started.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from round_tables import fill_template  # noqa: E402

from indicators.application import Application  # noqa: E402

PEOPLE = {"chief": ("reviewer-password", "reviewer", []), "gz": ("district-password", "editor", ["甘州区"]),
          "cd": ("district-password", "editor", ["城东区"]), "cx": ("district-password", "editor", ["城西区"])}
SHOTS = {  # file: (who, path)
    "round-board-zh.png": ("chief", "/rounds/1"),
    "round-board-en.png": ("chief", "/rounds/1?lang=en"),
    "round-returned-zh.png": ("cd", "/round-review/1?region=城东区"),
    "round-returned-en.png": ("cd", "/round-review/1?region=城东区&lang=en"),
}


def set_up(db: Path) -> None:
    app = Application({"db": str(db)})
    for name, (password, role, regions) in PEOPLE.items():
        app.users.add(name, password, role)
        if regions:
            app.users.tie(name, regions)
    deadline = dt.date.today() + dt.timedelta(days=21)
    round_ = app.rounds.open("2009年度", 2009, deadline, ["grassroots_unions", "union_members", "women_special_contracts"],
                             app.regions().directory().names, "chief", "reviewer")
    for user, region, values, reason in (
            ("gz", "甘州区", {"grassroots_unions": 900, "union_members": 4.3, "women_special_contracts": 80},
             "两家企业合并后新建基层工会，数量相应增加"),
            ("cd", "城东区", {"grassroots_unions": 380, "union_members": 2.1, "women_special_contracts": 44}, ""),
            ("cx", "城西区", {"grassroots_unions": 335, "union_members": 1.86, "women_special_contracts": 40}, "")):
        _, template = app.rounds.template(round_.id, region, user, "editor", "zh")
        check = app.rounds.check_now(round_.id, region, fill_template(template, values), f"{region}.xlsx", user, "editor")
        app.rounds.submit_check(check, {w.key: reason for w in check.warnings}, user, "editor")
    app.rounds.review(round_.id, "城东区", "returned", "工会会员数与上年统计口径不一致，请核实后重报。", "chief", "reviewer")
    app.rounds.review(round_.id, "城西区", "approved", "", "chief", "reviewer")
    app.store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        set_up(db)
        with running_server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = {}
            for name, (password, _, _) in PEOPLE.items():
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                page.goto(f"{base}/login")
                page.fill("#login-name", name)
                page.fill("#login-password", password)
                page.click("#login-submit")
                page.wait_for_url(f"{base}/")
                pages[name] = page
            for file, (who, path) in SHOTS.items():
                page = pages[who]
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_selector("main h1")
                page.wait_for_timeout(600)
                page.screenshot(path=str(HERE / file), full_page=True)
                print("wrote", file)
            browser.close()


if __name__ == "__main__":
    main()
