"""Exports from a real server: chart images, data downloads, the template, briefings; bad parameters."""

from __future__ import annotations

import csv
import io
import struct
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from browser import CHROMIUM, ROOT, running_server
from indicators.briefing import build_pdf, build_pptx
from indicators.catalogue import CATALOGUE, CATEGORIES, indicators_in
from indicators.indicator_view import DataIndex
from indicators.store import Store

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
INJECTIONS = ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(1)"]
# Excel (and WPS) take the full-width signs a Chinese input method types as the ASCII ones (issue 18, item 11).
INJECTIONS += ['＝HYPERLINK("x")', "＋1+1", "－2+3", "＠SUM(1)", "见附表\n＝1+1", "备注\t＋1"]


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get("Content-Type", "")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("exports") / "store.db"
    # A store whose notes hold formula-like text, imported the way staff do it.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["指标代码", "年份", "数值", "说明"])
    for i, text in enumerate(INJECTIONS):
        sheet.append(["grassroots_unions", 2009 + i, 2390 + i, text])
        sheet.cell(row=i + 2, column=4).data_type = "s"  # typed as text, as a person would see it
    wb = tmp_path_factory.mktemp("wb") / "notes.xlsx"
    book.save(wb)
    subprocess.run([sys.executable, "-m", "indicators", "--db", str(db), "import", str(wb)], cwd=ROOT, check=True,
                   capture_output=True)
    with running_server(db) as base:
        yield base, db


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_svg_pdf_of_a_chart(server):
    base, _ = server
    status, png, kind = fetch(base + "/export/union_formation_rate.png?year=2008")
    assert status == 200 and kind == "image/png"
    assert png_size(png) == (2000, 1120)  # 1000 x 560 at 2x for print
    status, svg, kind = fetch(base + "/export/union_formation_rate.svg")
    assert status == 200 and kind.startswith("image/svg+xml")
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg") and "工会组建率" in text and "目标值" in text
    assert "Noto Sans CJK SC" in text  # the CJK font is named, so Chinese never falls back to boxes
    status, pdf, kind = fetch(base + "/export/union_formation_rate.pdf?lang=en")
    assert status == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF")
    assert "Union formation rate" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_region_and_group_charts_in_english(server):
    base, _ = server
    status, svg, _ = fetch(base + "/export/grassroots_unions.svg?chart=region&lang=en")
    # Regions and groups in English on English charts (issue 13; they used to stay in Chinese).
    assert status == 200 and "By region" in svg.decode() and "Ganzhou District" in svg.decode()
    assert "甘州区" not in svg.decode()
    status, svg, _ = fetch(base + "/export/model_workers.svg?chart=group")
    assert status == 200 and "省部级" in svg.decode()
    status, svg, _ = fetch(base + "/export/model_workers.svg?chart=group&lang=en")
    assert status == 200 and "Provincial and ministerial" in svg.decode()


@pytest.mark.parametrize("path, status", [
    ("/export/no_such_code.png", 404),
    ("/export/union_members.gif", 404),
    ("/export/union_members.png?year=abc", 400),
    ("/export/union_members.png?year=1900", 404),
    ("/export/union_members.png?region=nowhere", 404),
    ("/export/union_members.png?chart=pie", 400),
    ("/export/union_members.png?lang=fr", 400),
    ("/export/union_members.png?chart=group", 404),  # it has no groups
    ("/download/data.json", 404),
    ("/download/data.csv?year=x", 400),
    ("/download/data.csv?code=nope", 404),
    ("/download/data.csv?lang=fr", 400),
    ("/download/template.xlsx?lang=fr", 400),
    ("/download/briefing/not-a-job", 404),
])
def test_bad_parameters_are_4xx_with_a_message(server, path, status):
    base, _ = server
    got, body, kind = fetch(base + path)
    assert got == status
    assert kind.startswith("text/plain") and body.strip()


def test_data_downloads_match_the_store(server):
    base, db = server
    _, observations, _ = Store(f"sqlite:///{db}").data()
    status, data, kind = fetch(base + "/download/data.csv")
    assert status == 200 and kind.startswith("text/csv") and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(observations)
    got = {(r["指标代码"], int(r["年份"]), r["地区"], r["分组"]): float(r["数值"]) for r in rows}
    want = {(o.code, int(o.year), o.region or "全市", o.group): float(o.value) for o in observations.itertuples()}
    assert got == want
    status, data, _ = fetch(base + "/download/data.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row - 1 == len(observations)
    status, data, _ = fetch(base + "/download/data.csv?code=union_members&year=2006")
    shown = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    expected = observations[(observations["code"] == "union_members") & (observations["year"] <= 2006)]
    assert len(shown) == len(expected) > 0 and {r["指标代码"] for r in shown} == {"union_members"}


def test_formula_text_is_neutralised_in_downloads(server):
    base, _ = server
    _, data, _ = fetch(base + "/download/data.csv")
    notes = {r["说明"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    for text in INJECTIONS:
        assert "'" + text in notes and text not in notes
    _, data, _ = fetch(base + "/download/data.xlsx")
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if c.data_type == "s"}
    for text in INJECTIONS:
        assert "'" + text in texts


def test_template_download(server):
    base, _ = server
    status, data, _ = fetch(base + "/download/template.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert status == 200 and {"说明", "数据", "目标", "指标目录"} <= set(wb.sheetnames)
    _, data, _ = fetch(base + "/download/template.xlsx?filled=1&lang=en")
    assert openpyxl.load_workbook(io.BytesIO(data))["data"].max_row > 400


def test_pptx_briefing_has_title_summary_and_one_slide_per_indicator(builtin):
    index = DataIndex(1, builtin.observations, builtin.targets)
    steps = []
    data, kind, name = build_pptx(index, None, "zh", city="xx市", progress=lambda d, t: steps.append((d, t)))
    deck = Presentation(io.BytesIO(data))
    # Since issue 13 the drafted paragraphs follow the title, a slide per section.
    sections = len(CATEGORIES)
    assert len(deck.slides) == len(CATALOGUE) + 2 + sections and name.endswith(".pptx")
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "xx市工会工作指标简报" and titles[1] == "要点 · 组织建设"
    assert titles[1 + sections] == "进展汇总" and titles[2 + sections] == "基层工会组织数"
    assert any(shape.shape_type == 13 for shape in deck.slides[2 + sections].shapes)  # the chart picture
    notes = deck.slides[2 + sections].notes_slide.notes_text_frame.text
    assert notes.startswith("截至2008年上半年，全市基层工会组织数达到2185个")  # its paragraph, to read out
    assert steps[-1] == (len(CATALOGUE) + 2, len(CATALOGUE) + 2) and len(steps) > 3  # progress along the way


def test_pdf_briefing_of_one_section_in_english(builtin):
    index = DataIndex(1, builtin.observations, builtin.targets)
    data, kind, _ = build_pdf(index, None, "en", category="rights", city="xx")
    reader = PdfReader(io.BytesIO(data))
    # Title, the section's drafted paragraph (since issue 13), the summary, one page per indicator.
    assert kind == "application/pdf" and len(reader.pages) == len(indicators_in("rights")) + 3
    assert "Rights: Enterprises with a collective contract" in " ".join(reader.pages[1].extract_text().split())
    assert "Summary of progress" in reader.pages[2].extract_text()
