"""The briefing as a Word document: the form in which a work report's statistical annex is written.

A title and a line with the date, the revision and what the years are; the drafted paragraphs by
section; a table of the indicators with their latest value, change, target and status; and the
charts, each with a caption and its paragraph. Every run and style names a Latin font and, in
``w:eastAsia``, a Chinese one (宋体 for the body, 黑体 for headings), so Word and WPS set Chinese
text as intended instead of falling back to a Latin face.
"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from indicators.briefing_common import (
    CHART_H,
    CHART_W,
    BriefingItem,
    briefing_draft,
    chart,
    facts,
    item_paragraph,
    render_in_batches,
    scope_of,
    section_label,
    start,
    title_text,
)
from indicators.catalogue import CATEGORIES
from indicators.indicator_view import DataIndex
from indicators.jobs import Progress, Result
from indicators.labels import t
from indicators.store import Revision

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONTS = ("Times New Roman", "宋体")  # (Latin, East Asian): 宋体 is SimSun
HEADING_FONTS = ("Arial", "黑体")  # 黑体 is SimHei
BODY_SIZE, SMALL_SIZE = Pt(12), Pt(9)  # 小四, 小五
HEADING_SIZES = {"Title": Pt(22), "Heading 1": Pt(16), "Heading 2": Pt(14)}  # 二号, 三号, 四号
ZH_ORDINALS = "一二三四五六七八九十"
CHART_WIDTH = Cm(16)
TABLE_WIDTHS = (Cm(4.6), Cm(3.4), Cm(3.0), Cm(3.0), Cm(2.0))  # indicator, latest, change, target, status


def set_fonts(element: object, font: object, latin: str, east_asia: str) -> None:
    """Name ``latin`` for Latin text and ``east_asia`` (w:eastAsia) for Chinese on a run or a style,
    dropping theme fonts, which would otherwise win over the names."""
    font.name = latin
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), east_asia if name == "eastAsia" else latin)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element, normal.font, *BODY_FONTS)
    normal.font.size = BODY_SIZE
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(4)
    for name, size in HEADING_SIZES.items():
        style = doc.styles[name]
        set_fonts(style.element, style.font, *HEADING_FONTS)
        style.font.size, style.font.bold = size, name != "Title"
        style.font.color.rgb = RGBColor(0, 0, 0)
    caption = doc.styles["Caption"]
    set_fonts(caption.element, caption.font, *HEADING_FONTS)
    caption.font.size, caption.font.color.rgb, caption.font.italic = Pt(10.5), RGBColor(0, 0, 0), False


def _run(paragraph: object, text: str, heading: bool = False, size: Pt | None = None, bold: bool = False) -> object:
    run = paragraph.add_run(text)
    set_fonts(run._r, run.font, *(HEADING_FONTS if heading else BODY_FONTS))
    if size is not None:
        run.font.size = size
    run.font.bold = bold or None
    return run


def _heading(doc: Document, text: str, level: int) -> None:
    _run(doc.add_heading("", level), text, heading=True)


def _body(doc: Document, text: str, lang: str, style: str | None = None) -> None:
    paragraph = doc.add_paragraph(style=style)
    if lang != "en" and style is None:
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two characters, as Chinese documents indent
    _run(paragraph, text)


def _ordinal(n: int, lang: str) -> str:
    return f"{ZH_ORDINALS[n - 1]}、" if lang != "en" else f"{n}. "


def _sub_ordinal(n: int, lang: str, parent: int) -> str:
    return f"（{ZH_ORDINALS[n - 1]}）" if lang != "en" else f"{parent}.{n} "


def _page_number_footer(doc: Document, text: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, f"{text}    ", size=SMALL_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _cell(cell: object, text: str, width: Cm, heading: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, heading=heading, size=Pt(10.5), bold=heading)


def _row(table: object, header: bool = False) -> object:
    row = table.rows[0] if header else table.add_row()
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # the header repeats on every page
    return row


def _table(doc: Document, items: list[BriefingItem], lang: str) -> None:
    heads = [t("indicator", lang), *(label for label, _ in facts(items[0], lang))] if items else []
    table = doc.add_table(rows=1, cols=len(heads), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, TABLE_WIDTHS, strict=True):
        column.width = width  # the grid LibreOffice and WPS lay out by, beside each cell's own width
    for cell, text, width in zip(_row(table, header=True).cells, heads, TABLE_WIDTHS, strict=True):
        _cell(cell, text, width, heading=True)
    section = None
    for item in items:
        if item.indicator.category != section:
            section = item.indicator.category
            row = _row(table)
            _cell(row.cells[0].merge(row.cells[-1]), CATEGORIES[section][lang], Emu(sum(TABLE_WIDTHS)),
                  heading=True)
        values = [item.indicator.name(lang), *(value for _, value in facts(item, lang))]
        for cell, text, width in zip(_row(table).cells, values, TABLE_WIDTHS, strict=True):
            _cell(cell, text, width)


def build_docx(index: DataIndex, revision: Revision | None, lang: str = "zh", category: str | None = None,
               city: str = "", progress: Progress = lambda done, total: None,
               today: dt.date | None = None, year_basis: str = "union", year: int | None = None,
               region: str = "", zone: ZoneInfo | str | None = None) -> Result:
    """The Word document: title, the drafted paragraphs by section, the table, the charts."""
    scope = scope_of(index, category, year, region)
    items, total, today = start(index, scope, progress, today, year_basis, zone)
    images = render_in_batches([chart(i, revision, lang, CHART_W, CHART_H, zone=zone) for i in items], "png",
                               CHART_W, CHART_H, progress, 0, total)
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    title, sub = title_text(city, revision, lang, today, year_basis, scope, zone)
    doc.core_properties.title, doc.core_properties.language = title, "zh-CN" if lang != "en" else "en-GB"
    heading = doc.add_heading("", 0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, title, heading=True)
    for line in [section_label(category, lang), *sub.split("\n")]:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, size=Pt(10.5))
    _page_number_footer(doc, title)

    draft = briefing_draft(index, scope, lang, revision, year_basis, city, zone)
    _heading(doc, _ordinal(1, lang) + t("highlights", lang), 1)
    _run(doc.add_paragraph(), draft.title, bold=True)
    chosen = [category] if category else list(CATEGORIES)
    for n, (key, paragraph) in enumerate(zip(chosen, draft.paragraphs, strict=True), start=1):
        _heading(doc, _sub_ordinal(n, lang, 1) + CATEGORIES[key][lang], 2)
        _body(doc, paragraph, lang)
    _heading(doc, _ordinal(2, lang) + t("summary_table", lang), 1)
    _table(doc, items, lang)
    _heading(doc, _ordinal(3, lang) + t("docx_charts", lang), 1)
    progress(total - 1, total)
    figure, current = 0, None
    for item, image in zip(items, images, strict=True):
        if item.indicator.category != current:
            current = item.indicator.category
            _heading(doc, _sub_ordinal(chosen.index(current) + 1, lang, 3) + CATEGORIES[current][lang], 2)
        figure += 1
        doc.add_picture(io.BytesIO(image), width=CHART_WIDTH)
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True  # the chart, its caption and its paragraph together
        caption = doc.add_paragraph(style="Caption")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        _run(caption, t("docx_figure", lang, n=figure, name=item.indicator.name(lang)), heading=True)
        _body(doc, item_paragraph(index, item, lang, revision, scope, zone), lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    progress(total, total)
    return buffer.getvalue(), DOCX, f"briefing-{today:%Y%m%d}-{lang}.docx"
