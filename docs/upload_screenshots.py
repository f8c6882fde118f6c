"""Take the upload preview's screenshots in docs/: a district's table named only in its title, the
question the reader asks, and the reading table (how the file was read), in both languages.

    python docs/upload_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

import tables  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402
from indicators.store import Store  # noqa: E402
from indicators.users import Users  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        store = Store(f"sqlite:///{db}")
        Users(store).add("editor", "editor-password", "editor")
        store.close()
        table = Path(tmp) / "甘州区.xlsx"
        table.write_bytes(tables.district_form(title="甘州区2009年工会组织情况统计表"))
        with running_server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            for lang in ("zh", "en"):
                page.goto(f"{base}/login?next=/upload?lang={lang}&lang={lang}")
                page.fill("#login-name", "editor")
                page.fill("#login-password", "editor-password")
                page.click("#login-submit")
                page.wait_for_selector("#upload-form-frame")
                form = page.frame_locator("#upload-form-frame")
                form.locator("#upload-file").set_input_files(str(table))
                form.locator("#upload-submit").click()
                page.wait_for_selector("#upload-questions")
                page.wait_for_timeout(500)
                page.screenshot(path=str(HERE / f"upload-question-{lang}.png"), full_page=True)
                print("wrote", f"upload-question-{lang}.png")
                page.click("#nav-logout")
            browser.close()


if __name__ == "__main__":
    main()
