"""Make the Word briefing of the built-in data, open it in LibreOffice (converted to PDF) and save a
picture of its first pages, to check by eye that Word-style fonts and Chinese text come out right.

    python docs/briefing_docx_picture.py        # needs soffice (Debian: libreoffice-writer-nogui) and pdftoppm

Writes docs/briefing-docx-zh.png and docs/briefing-docx-en.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from indicators.briefing_docx import build_docx  # noqa: E402
from indicators.indicator_view import DataIndex  # noqa: E402
from indicators.ingest import BUILTIN_WORKBOOK  # noqa: E402
from indicators.workbook_reader import read_workbook  # noqa: E402

PAGES = 3


def first_pages(docx: Path, out: Path, folder: Path) -> None:
    """Convert ``docx`` with LibreOffice and put its first pages side by side in ``out``."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = folder / (docx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(PAGES), str(pdf), str(folder / "page")],
                   check=True)
    pages = [Image.open(p) for p in sorted(folder.glob("page-*.png"))]
    sheet = Image.new("RGB", (sum(p.width for p in pages) + 20 * (len(pages) + 1), max(p.height for p in pages) + 40),
                      "#d9dde3")
    x = 20
    for page in pages:
        sheet.paste(page, (x, 20))
        x += page.width + 20
    sheet.save(out)
    for page in folder.glob("page-*.png"):
        page.unlink()


def main() -> None:
    parsed = read_workbook(BUILTIN_WORKBOOK.read_bytes())
    index = DataIndex(1, parsed.observations, parsed.targets)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang, city in (("zh", "xx市"), ("en", "xx City")):
            data, _, _ = build_docx(index, None, lang, None, city)
            docx = folder / f"briefing-{lang}.docx"
            docx.write_bytes(data)
            out = HERE / f"briefing-docx-{lang}.png"
            first_pages(docx, out, folder)
            print("wrote", out.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
