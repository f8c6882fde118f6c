"""Take the screenshots in docs/ from a real server on the built-in data.

    python docs/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402

SHOTS = {
    "overview-zh.png": "/",
    "overview-en.png": "/?lang=en",
    "indicator-zh.png": "/indicator/union_formation_rate",
    "indicator-en.png": "/indicator/model_workers?lang=en",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "store.db") as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        for name, path in SHOTS.items():
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_selector("main")
            page.wait_for_timeout(800)  # let the charts finish their transitions
            page.screenshot(path=str(HERE / name), full_page=True)
            print("wrote", name)
        browser.close()


if __name__ == "__main__":
    main()
