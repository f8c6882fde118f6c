"""The briefing: every indicator (or one section) as a PDF report or a PowerPoint deck.

Both have a title page (city, date, revision), a summary table of statuses, and one page per
indicator with its chart, latest value, target and status. The deck's charts are rendered in
parallel by the warm renderer; the PDF's pages are figures too, laid out on one page and printed
by Chromium in a single pass, so Chinese text is set with the CJK font throughout.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from zoneinfo import ZoneInfo

import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Inches, Pt

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
from indicators.figures import FONT_FAMILY
from indicators.formatting import value_with_unit
from indicators.illustrative import status_text
from indicators.indicator_view import DataIndex
from indicators.jobs import Progress, Result
from indicators.labels import t
from indicators.narrative import Draft
from indicators.rendering import pages_to_pdf
from indicators.store import Revision
from indicators.translation import has_cjk

PAGE_W, PAGE_H = 1123, 794  # A4 landscape at 96 dpi
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def build_pptx(index: DataIndex, revision: Revision | None, lang: str = "zh", category: str | None = None,
               city: str = "", progress: Progress = lambda done, total: None,
               today: dt.date | None = None, year_basis: str = "union", year: int | None = None,
               region: str = "", zone: ZoneInfo | str | None = None) -> Result:
    """The PowerPoint deck: title, the drafted paragraphs (a slide per section), summary, one slide per
    indicator with its paragraph in the speaker's notes."""
    scope = scope_of(index, category, year, region)
    items, total, today = start(index, scope, progress, today, year_basis, zone)
    images = render_in_batches([chart(i, revision, lang, CHART_W, CHART_H, zone=zone) for i in items], "png",
                                CHART_W, CHART_H, progress, 0, total)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title, sub = title_text(city, revision, lang, today, year_basis, scope, zone)
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = f"{section_label(category, lang)}\n{sub}"
    draft = briefing_draft(index, scope, lang, revision, year_basis, city, zone)
    for paragraph, key in zip(draft.paragraphs, [category] if category else CATEGORIES, strict=True):
        _text_slide(deck, f"{t('highlights', lang)} · {CATEGORIES[key][lang]}", paragraph)
    _summary_slide(deck, items, lang)
    for item, image in zip(items, images, strict=True):
        _indicator_slide(deck, item, image, lang)
        deck.slides[-1].notes_slide.notes_text_frame.text = item_paragraph(index, item, lang, revision, scope, zone)
    buffer = io.BytesIO()
    deck.save(buffer)
    progress(total, total)
    return buffer.getvalue(), PPTX, f"briefing-{today:%Y%m%d}-{lang}.pptx"


def _text_slide(deck: Presentation, title: str, text: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = title
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(12.1), Inches(5.6)).text_frame
    box.word_wrap = True
    box.paragraphs[0].text = text
    box.paragraphs[0].font.size = Pt(18 if len(text) < 420 else 14)
    box.paragraphs[0].line_spacing = 1.3


def _summary_slide(deck: Presentation, items: list[BriefingItem], lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = t("summary_table", lang)
    half = (len(items) + 1) // 2
    for column, chunk in enumerate((items[:half], items[half:])):
        if not chunk:
            continue
        rows = len(chunk) + 1
        shape = slide.shapes.add_table(rows, 3, Inches(0.3 + column * 6.45), Inches(1.3), Inches(6.3),
                                       Inches(min(5.9, 0.3 * rows)))
        table = shape.table
        for c, head in enumerate((t("indicator", lang), t("latest", lang), t("status", lang))):
            table.cell(0, c).text = head
        for r, item in enumerate(chunk, start=1):
            latest = item.summary.latest
            values = (item.indicator.name(lang),
                      value_with_unit(latest.value, item.indicator, lang, latest.qualifier) if latest else "—",
                      status_text(item.summary, lang))
            for c, value in enumerate(values):
                table.cell(r, c).text = value
        for r in range(rows):
            for c in range(3):
                for paragraph in table.cell(r, c).text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9 if len(items) > 16 else 12)


def _indicator_slide(deck: Presentation, item: BriefingItem, image: bytes, lang: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = item.indicator.name(lang)
    slide.shapes.add_picture(io.BytesIO(image), Inches(0.3), Inches(1.4), width=Inches(8.6))
    box = slide.shapes.add_textbox(Inches(9.1), Inches(1.5), Inches(4.0), Inches(5.5)).text_frame
    box.word_wrap = True
    for n, (label, value) in enumerate(facts(item, lang)):
        paragraph = box.paragraphs[0] if n == 0 else box.add_paragraph()
        paragraph.text = f"{label}: {value}"
        paragraph.font.size = Pt(16)
    note = box.add_paragraph()
    note.text = item.indicator.definition(lang)
    note.font.size = Pt(11)


def _page(annotations: list[dict], table: go.Table | None = None) -> dict:
    fig = go.Figure(table) if table is not None else go.Figure()
    fig.update_layout(width=PAGE_W, height=PAGE_H, paper_bgcolor="white", plot_bgcolor="white",
                      font={"family": FONT_FAMILY, "color": "#222"}, margin={"l": 60, "r": 60, "t": 90, "b": 50},
                      xaxis={"visible": False}, yaxis={"visible": False}, annotations=annotations)
    return fig.to_plotly_json()


def _text(text: str, x: float, y: float, size: int, **extra: object) -> dict:
    return {"text": text, "x": x, "y": y, "xref": "paper", "yref": "paper", "showarrow": False,
            "xanchor": "left", "yanchor": "top", "font": {"size": size}, **extra}


TEXT_SIZE = 16
LINE_EM = 62  # a text line's width in ems of TEXT_SIZE (the page less its margins, 1003 px)
PAGE_LINES = 24  # lines of text under a page's heading
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")


def wrap(text: str, width: float = LINE_EM) -> list[str]:
    """Lines of at most ``width`` ems: a Chinese character is one em, Latin letters about half;
    English breaks between words, Chinese anywhere but before closing punctuation."""
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        size = sum(1.0 if has_cjk(ch) else 0.5 for ch in token)
        if line and used + size > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = token.lstrip(), size
        else:
            line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        if has_cjk(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    return [*out, word] if word else out


def draft_pages(draft: Draft, lang: str) -> list[dict]:
    """The drafted paragraphs as text pages, headed 要点 and the draft's title, wrapped and paginated
    (a paragraph starts a new page rather than leave a line or two behind)."""
    chunks: list[list[str]] = [[]]
    for paragraph in draft.paragraphs:
        lines = wrap(paragraph)
        room = PAGE_LINES - len(chunks[-1])
        if chunks[-1] and len(lines) > room and len(lines) <= PAGE_LINES:
            chunks.append([])
        for line in lines:
            if len(chunks[-1]) >= PAGE_LINES:
                chunks.append([])
            chunks[-1].append(line)
        if len(chunks[-1]) < PAGE_LINES:
            chunks[-1].append("")
    heading = escape(f"{t('highlights', lang)} · {draft.title}", quote=False)
    # Plotly reads a few HTML tags in text: the draft's own text (file names typed by users) is escaped.
    return [_page([_text(heading, 0, 1.1, 22),
                   _text("<br>".join(escape(line, quote=False) for line in chunk), 0, 1.0, TEXT_SIZE,
                         font={"size": TEXT_SIZE}, align="left")])
            for chunk in chunks if any(chunk)]


def build_pdf(index: DataIndex, revision: Revision | None, lang: str = "zh", category: str | None = None,
              city: str = "", progress: Progress = lambda done, total: None,
              today: dt.date | None = None, year_basis: str = "union", year: int | None = None,
              region: str = "", zone: ZoneInfo | str | None = None) -> Result:
    """The PDF report: title page, the drafted paragraphs, summary table, one page per indicator
    (A4 landscape)."""
    scope = scope_of(index, category, year, region)
    items, total, today = start(index, scope, progress, today, year_basis, zone)
    title, sub = title_text(city, revision, lang, today, year_basis, scope, zone)
    pages = [_page([_text(escape(title, quote=False), 0, 0.62, 34), _text(section_label(category, lang), 0, 0.5, 20),
                    _text(escape(sub, quote=False).replace("\n", "<br>"), 0, 0.42, 14,
                          font={"size": 14, "color": "#555"})])]
    pages += draft_pages(briefing_draft(index, scope, lang, revision, year_basis, city, zone), lang)
    cells = [[escape(i.indicator.name(lang), quote=False) for i in items],  # typed names and units: escaped
             [escape(value_with_unit(i.summary.latest.value, i.indicator, lang, i.summary.latest.qualifier),
                     quote=False) if i.summary.latest else "—" for i in items],
             [status_text(i.summary, lang) for i in items]]
    table = go.Table(header={"values": [t("indicator", lang), t("latest", lang), t("status", lang)],
                             "fill_color": "#eef3f8", "align": "left", "font": {"size": 11}},
                     cells={"values": cells, "align": "left", "font": {"size": 10}, "height": 16})
    pages.append(_page([_text(t("summary_table", lang), 0, 1.1, 22)], table))
    progress(2, total)
    for n, item in enumerate(items, start=3):
        pages.append(chart(item, revision, lang, PAGE_W, PAGE_H, with_facts=True, zone=zone))
        progress(n - 1, total)
    data = pages_to_pdf(pages, PAGE_W, PAGE_H)  # every page laid out and printed in one pass
    progress(total, total)
    return data, "application/pdf", f"briefing-{today:%Y%m%d}-{lang}.pdf"
