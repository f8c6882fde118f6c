"""English pages and exports carry no Chinese the product wrote itself (data typed by users is exempt).

Every page's layout and every chart's figure is walked in process here; the browser test walks the
served pages, and the briefing tests read the PDF, the deck and the Word document back.
"""

from __future__ import annotations

import pandas as pd
import pytest

from app import create_app
from indicators.catalogue import CATALOGUE
from indicators.chart_export import export_figure, parse_export_request
from indicators.data_export import csv_bytes, export_frame
from indicators.indicator_view import DataIndex, group_breakdown, regional_breakdown
from indicators.translation import (
    city_label,
    group_label,
    has_cjk,
    note_label,
    region_label,
    source_label,
)
from wording import chinese_in

CODES = [ind.code for ind in CATALOGUE]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"db": str(tmp_path_factory.mktemp("english") / "store.db")})


def test_translation_tables():
    assert region_label("甘州区", "en") == "Ganzhou District" and region_label("西湖县", "en") == "Xihu County"
    assert region_label("甘州区", "zh") == "甘州区" and region_label("", "en") == "City total"
    assert region_label("新区", "en") == "新区"  # typed by a user: shown as typed
    assert group_label("两节慰问", "en") == "Festival visits" and group_label("省部级", "en") == "Provincial and ministerial"
    assert source_label("报告·第8段", "en") == "Work report, fragment 8"
    assert source_label("报告·第6–7段", "en") == "Work report, fragments 6–7"
    assert source_label("示例", "en") == "Illustrative" and source_label("2009年统计年报", "en") == "2009年统计年报"
    assert note_label("示例数据，非报告数字", "en") == "Illustrative value, not a figure of the report"
    assert note_label("截至2008年上半年；报告称“90%以上”，90为下限", "en") == (
        'As of mid-2008; the report says "above 90%": 90 is a lower bound')
    assert note_label("截至2008年上半年；区里补报", "en") == "截至2008年上半年；区里补报"  # a part typed by a user
    assert city_label("xx市", "en") == "xx City" and city_label("张掖市", "en") == "张掖市"
    assert city_label("张掖市", "en", "Zhangye") == "Zhangye" and city_label("xx市", "zh") == "xx市"


def test_every_standard_note_and_source_of_the_builtin_data_has_english(builtin):
    for frame in (builtin.observations, builtin.targets):
        for note in set(frame["note"]):
            assert not has_cjk(note_label(note, "en")), note
        for source in set(frame["source"]):
            assert not has_cjk(source_label(source, "en")), source
        for group in set(frame["group"]):
            assert not has_cjk(group_label(group, "en")), group
        for region in set(frame["region"]):
            assert not has_cjk(region_label(region, "en")), region


def _pages(app):
    from layouts.pages import briefing, history, indicator, method, not_found_404, overview, upload

    with app.server.test_request_context("/?lang=en"):
        yield "overview", overview.layout(lang="en")
        yield "overview 甘州区 2006", overview.layout(lang="en", region="甘州区", year="2006")
        for code in CODES:
            yield code, indicator.layout(code=code, lang="en")
            yield f"{code} 甘州区", indicator.layout(code=code, lang="en", region="甘州区", year="2006")
        yield "method", method.layout(lang="en")
        yield "briefing", briefing.layout(lang="en")
        yield "upload", upload.layout(lang="en")
        yield "history", history.layout(lang="en")
        yield "404", not_found_404.layout(lang="en")
        yield "unknown indicator", indicator.layout(code="nope", lang="en")


def test_every_english_page_is_free_of_chinese(app):
    found = {name: chinese_in(tree) for name, tree in _pages(app)}
    assert {name: hits[:3] for name, hits in found.items() if hits} == {}


def test_every_english_chart_export_is_free_of_chinese(app, builtin):
    index = DataIndex(None, builtin.observations, builtin.targets)
    for code in CODES:
        charts = ["main"]
        if not regional_breakdown(index, code, 2008).empty:
            charts.append("region")
        if not group_breakdown(index, code, 2008).empty:
            charts.append("group")
        for chart in charts:
            for region in ("", "甘州区") if chart == "main" else ("",):
                request = parse_export_request(code, "svg", {"lang": "en", "chart": chart, "region": region}, index)
                figure = export_figure(request, index, None, "xx City")
                assert chinese_in(figure) == [], (code, chart, region)


def test_english_data_downloads_are_free_of_chinese(builtin):
    frame = export_frame(builtin.observations, 1, "en")
    text = csv_bytes(frame).decode("utf-8-sig")
    assert not has_cjk(text)
    assert "Ganzhou District" in text and "Festival visits" in text and "Work report, fragment 8" in text
    assert "statistics year 2008 (1 Oct 2007 – 30 Sep 2008)" in text


def test_user_typed_data_is_shown_as_typed(builtin):
    typed = pd.DataFrame([{"code": "grassroots_unions", "year": 2009, "region": "新区", "group": "", "value": 12.0,
                           "qualifier": "", "note": "区里补报", "source": "2009年统计年报"}])
    row = export_frame(typed, 2, "en").iloc[0]
    assert (row["region"], row["note"], row["source"]) == ("新区", "区里补报", "2009年统计年报")


def test_english_briefings_are_free_of_chinese(builtin):
    """The deck (slides and speaker's notes) and the PDF of one section, read back."""
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from indicators.briefing import build_pdf, build_pptx

    index = DataIndex(1, builtin.observations, builtin.targets)
    deck = Presentation(io.BytesIO(build_pptx(index, None, "en", "aid", "xx City")[0]))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    texts += [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
              for row in shape.table.rows for cell in row.cells]
    texts += [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    assert any(text.startswith("Aid: Hardship aid paid by the city federation") for text in texts)
    assert [text for text in texts if has_cjk(text)] == []
    pdf = PdfReader(io.BytesIO(build_pdf(index, None, "en", "aid", "xx City")[0]))
    pages = [page.extract_text() for page in pdf.pages]
    assert "Festival visits" in " ".join(pages) and [p for p in pages if has_cjk(p)] == []
