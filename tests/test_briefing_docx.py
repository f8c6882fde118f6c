"""The briefing as a Word document, read back with python-docx: parts, fonts, text, pictures.

LibreOffice is kept out of the test run: the document's parts are checked here; its look was
checked once by hand (converted to PDF with LibreOffice, docs/briefing-docx-zh.png).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from browser import CHROMIUM
from indicators.briefing_docx import BODY_FONTS, DOCX, HEADING_FONTS, build_docx
from indicators.catalogue import indicators_in
from indicators.indicator_view import DataIndex
from indicators.translation import has_cjk
from wording import GARBLED

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def aid(builtin):
    """The aid section's briefing in both languages, as python-docx reads it back."""
    index = DataIndex(1, builtin.observations, builtin.targets)
    out = {}
    for lang, city in (("zh", "xx市"), ("en", "xx City")):
        steps = []
        data, kind, name = build_docx(index, None, lang, "aid", city, lambda d, t, steps=steps: steps.append((d, t)))
        assert kind == DOCX and name.endswith(f"-{lang}.docx") and steps[-1][0] == steps[-1][1]
        out[lang] = Document(io.BytesIO(data))
    return out


def _texts(doc) -> list[str]:
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    footer = [p.text for p in doc.sections[0].footer.paragraphs]
    return [p.text for p in doc.paragraphs] + cells + footer


def test_title_paragraphs_table_and_charts(aid):
    doc = aid["zh"]
    paragraphs = [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].style.name == "Title" and paragraphs[0] == "xx市工会工作指标简报"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、要点", "（一）帮扶", "二、进展汇总", "三、图表", "（一）帮扶"]
    assert any(p.startswith("帮扶方面，截至2008年上半年，市总工会帮扶资金累计达到433万元，其中两节慰问278万元、日常帮扶155万元。")
               for p in paragraphs)
    aid_codes = indicators_in("aid")
    table = doc.tables[0]
    assert len(table.rows) == 1 + 1 + len(aid_codes)  # header, the section's row, one per indicator
    assert [c.text for c in table.rows[0].cells] == ["指标", "最新值", "比上年", "目标", "进展"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[2:]}
    assert rows["下岗失业人员职业培训"][3:] == ["750人 (2008年度)", "已完成目标"]
    assert len(doc.inline_shapes) == len(aid_codes)  # one chart per indicator
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "图1　市总工会帮扶资金" and len(captions) == len(aid_codes)
    assert "下岗失业人员职业培训累计达到750人以上，完成2008年度目标（750人）" in "".join(paragraphs)


def test_fonts_name_a_chinese_face_for_word_and_wps(aid):
    doc = aid["zh"]
    for style, (latin, east_asia) in (("Normal", BODY_FONTS), ("Heading 1", HEADING_FONTS), ("Title", HEADING_FONTS)):
        fonts = doc.styles[style].element.rPr.rFonts
        assert (fonts.get(qn("w:ascii")), fonts.get(qn("w:eastAsia"))) == (latin, east_asia), style
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    runs = [run for p in doc.paragraphs for run in p.runs if run.text]  # not the pictures' runs
    runs += [run for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    assert len(runs) > 20 and all(run._r.rPr.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体") for run in runs)
    headings = [run for p in doc.paragraphs if p.style.name.startswith("Heading") for run in p.runs]
    assert {run._r.rPr.rFonts.get(qn("w:eastAsia")) for run in headings} == {"黑体"}


def test_the_english_document_has_no_chinese_and_no_garbled_words(aid):
    english = _texts(aid["en"])
    assert "Aid: Hardship aid paid by the city federation reached 4.33 million yuan in total as of mid-2008" \
        in "\n".join(english)
    assert [text for text in english if has_cjk(text)] == []
    for text in _texts(aid["zh"]):
        for word in GARBLED:
            assert word not in text
