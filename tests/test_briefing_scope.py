"""A briefing covers the year, the region and the section asked for; a wrong one is a message.

The parameters are checked against the built-in data; a Word briefing for 甘州区 in 2006 is read back
with python-docx and its title page, paragraphs and table compared with the store's own values.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from browser import CHROMIUM
from indicators.briefing_scope import BriefingScope, briefing_scope
from indicators.catalogue import BY_CODE, CATEGORIES, indicators_in
from indicators.formatting import value_with_unit
from indicators.indicator_view import DataIndex


@pytest.fixture(scope="module")
def index(builtin):
    return DataIndex(1, builtin.observations, builtin.targets)


def test_the_query_names_year_region_and_section(index):
    scope, problems = briefing_scope({"year": "2006", "region": "甘州区", "section": "rights"}, index)
    assert problems == [] and scope == BriefingScope(2006, "甘州区", "rights")
    assert briefing_scope({}, index)[0] == BriefingScope(index.years[-1], "", None)
    assert briefing_scope({"region": "全市", "section": "all"}, index) == (BriefingScope(index.years[-1], "", None), [])
    english_name = CATEGORIES["aid"]["en"]
    assert briefing_scope({"section": english_name}, index)[0].category == "aid"


@pytest.mark.parametrize(("query", "field", "zh", "en"), [
    ({"year": "1990"}, "year", "年份（year）“1990”没有数据，可选：2008年度、", "Year (year) “1990” has no data"),
    ({"year": "abc"}, "year", "年份（year）“abc”没有数据", "Year (year) “abc” has no data"),
    ({"region": "火星区"}, "region", "地区（region）“火星区”没有数据，可选：全市、", "Region (region) “火星区” has no data"),
    ({"section": "<b>x</b>"}, "section", "部分（section）“<b>x</b>”不是报告的部分，可选：organisation",
     "Section (section) “<b>x</b>” is not a section of the report"),
])
def test_a_wrong_parameter_is_a_message_naming_the_field_and_value(index, query, field, zh, en):
    _, problems = briefing_scope(query, index, "zh")
    assert [p.field for p in problems] == [field] and zh in problems[0].message("zh")
    _, problems = briefing_scope(query, index, "en")
    assert en in problems[0].message("en")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_word_briefing_is_for_that_year_region_and_section(index, builtin):
    from docx import Document

    from indicators.briefing_docx import build_docx

    data, _, _ = build_docx(index, None, "zh", "organisation", "xx市", year=2006, region="甘州区")
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert any(line.startswith("2006年度（2005.10.1–2006.9.30） · 甘州区") for line in texts[:6])
    assert "甘州区工会工作主要指标 · 2006年度（2005.10.1–2006.9.30）" in texts
    assert any(p.startswith("组织建设方面") for p in texts) and not any(p.startswith("帮扶方面") for p in texts)
    assert len(doc.inline_shapes) == len(indicators_in("organisation"))
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[0].rows}
    obs = builtin.observations
    shown = 0
    for ind in indicators_in("organisation"):
        own = obs[(obs["code"] == ind.code) & (obs["region"] == "甘州区") & (obs["group"] == "")
                  & (obs["year"] <= 2006)].sort_values("year")
        if own.empty:
            continue
        latest = own.iloc[-1]
        indicator = BY_CODE[ind.code]
        assert rows[indicator.name("zh")][1].startswith(
            value_with_unit(float(latest["value"]), indicator, "zh", str(latest["qualifier"]))), ind.code
        shown += 1
    assert shown > 0


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_deck_is_for_that_year_and_region_in_english(index):
    from pptx import Presentation

    from indicators.briefing import build_pptx

    data, _, _ = build_pptx(index, None, "en", "capacity", "xx City", year=2007, region="甘州区")
    deck = Presentation(io.BytesIO(data))
    title_slide = deck.slides[0].placeholders[1].text
    assert "statistics year 2007" in title_slide and "Ganzhou District" in title_slide
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(text.startswith("Highlights · ") for text in texts)
    highlights = [text for text in texts if text.startswith(CATEGORIES["capacity"]["en"] + ": ")]
    assert len(highlights) == 1 and "2007" in highlights[0]
    assert not any(text.startswith(CATEGORIES["aid"]["en"] + ": ") for text in texts)
    assert len(deck.slides) == 1 + 1 + 1 + len(indicators_in("capacity"))  # title, highlights, summary, charts
