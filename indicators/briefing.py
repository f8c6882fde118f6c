"""The briefing: every indicator (or one section) as a PDF report or a PowerPoint deck.

Both have a title page (city, date, revision), a summary table of statuses, and one page per
indicator with its chart, latest value, target and status. The deck's charts are rendered in
parallel by the warm renderer; the PDF's pages are figures too, laid out on one page and printed
by Chromium in a single pass, so Chinese text is set with the CJK font throughout.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Inches, Pt

from indicators.catalogue import CATALOGUE, CATEGORIES, Indicator
from indicators.chart_export import source_footer
from indicators.figures import FONT_FAMILY, add_footer, main_chart
from indicators.formatting import change_text, value_with_unit
from indicators.indicator_view import DataIndex, Summary, summarise
from indicators.jobs import Progress, Result
from indicators.labels import t
from indicators.rendering import pages_to_pdf, render_many
from indicators.stat_year import basis_note, year_label
from indicators.store import Revision

PAGE_W, PAGE_H = 1123, 794  # A4 landscape at 96 dpi
CHART_W, CHART_H = 1000, 560
BATCH = 8  # charts rendered at once; progress is reported after each batch
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class BriefingItem:
    indicator: Indicator
    summary: Summary


def briefing_items(index: DataIndex, category: str | None = None, year: int | None = None,
                   year_basis: str = "union") -> list[BriefingItem]:
    """The indicators of the briefing, in the report's order (one section if ``category``)."""
    chosen = [ind for ind in CATALOGUE if category in (None, "", ind.category)]
    return [BriefingItem(ind, summarise(index, ind.code, year, year_basis=year_basis)) for ind in chosen]


def _facts(item: BriefingItem, lang: str) -> list[tuple[str, str]]:
    ind, s = item.indicator, item.summary
    latest = s.latest
    target = s.target
    return [
        (t("latest", lang), f"{value_with_unit(latest.value, ind, lang, latest.qualifier)} "
                            f"({year_label(latest.year, s.year_basis, lang)})" if latest else t("no_data", lang)),
        (t("change_previous", lang), change_text(s.change_on_previous, ind, lang,
                                                 Summary.relative(s.change_on_previous, s.previous))),
        (t("target", lang), f"{value_with_unit(target.value, ind, lang, target.qualifier)} ({target.year})"
         if target else t("no_target", lang)),
        (t("status", lang), s.progress.label(lang)),
    ]


def _chart(item: BriefingItem, revision: Revision | None, lang: str, width: int, height: int,
           facts: bool = False) -> dict:
    """The indicator's chart with its source footer; on a PDF page, its facts under the title."""
    fig = main_chart(item.summary, lang, item.indicator.name(lang))
    top = 70
    if facts:
        top = 120
        fig.update_layout(title={"y": 1 - 24 / height, "yanchor": "top", "font": {"size": 24}})
        line = "   ·   ".join(f"{label}: {value}" for label, value in _facts(item, lang))
        fig.add_annotation(text=line, xref="paper", yref="paper", x=0, y=1 + 48 / (height - top - 130),
                           xanchor="left", yanchor="bottom", showarrow=False, font={"size": 15})
    return add_footer(fig, source_footer(item.summary, revision, lang), width, height, top=top)


def _render_in_batches(figures: list[dict], fmt: str, width: int, height: int, progress: Progress,
                       offset: int, total: int) -> list[bytes]:
    out: list[bytes] = []
    for start in range(0, len(figures), BATCH):
        out += render_many(figures[start:start + BATCH], fmt, width, height)
        progress(offset + len(out), total)
    return out


def _title_text(city: str, revision: Revision | None, lang: str, today: dt.date,
                year_basis: str = "union") -> tuple[str, str]:
    """The title, and a line with the date, the revision and what the years are."""
    title = t("briefing_title", lang, city=city)
    sub = f"{t('date', lang)}: {today:%Y-%m-%d}"
    if revision is not None:
        sub += " · " + t("revision_text", lang, id=revision.id, file=revision.filename,
                         time=f"{revision.created_at:%Y-%m-%d %H:%M}")
    return title, f"{sub}\n{basis_note(year_basis, lang)}"


def _section_label(category: str | None, lang: str) -> str:
    return CATEGORIES[category][lang] if category else t("all_sections", lang)


def _start(index: DataIndex, category: str | None, progress: Progress, today: dt.date | None,
           year_basis: str) -> tuple[list[BriefingItem], int, dt.date]:
    items = briefing_items(index, category, year_basis=year_basis)
    total = len(items) + 2  # title, summary, one page per indicator
    progress(0, total)
    return items, total, today or dt.date.today()


def build_pptx(index: DataIndex, revision: Revision | None, lang: str = "zh", category: str | None = None,
               city: str = "", progress: Progress = lambda done, total: None,
               today: dt.date | None = None, year_basis: str = "union") -> Result:
    """The PowerPoint deck: title, summary, one slide per indicator."""
    items, total, today = _start(index, category, progress, today, year_basis)
    images = _render_in_batches([_chart(i, revision, lang, CHART_W, CHART_H) for i in items], "png",
                                CHART_W, CHART_H, progress, 0, total)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title, sub = _title_text(city, revision, lang, today, year_basis)
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = title
    slide.placeholders[1].text = f"{_section_label(category, lang)}\n{sub}"
    _summary_slide(deck, items, lang)
    for item, image in zip(items, images, strict=True):
        _indicator_slide(deck, item, image, lang)
    buffer = io.BytesIO()
    deck.save(buffer)
    progress(total, total)
    return buffer.getvalue(), PPTX, f"briefing-{today:%Y%m%d}-{lang}.pptx"


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
                      item.summary.progress.label(lang))
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
    for n, (label, value) in enumerate(_facts(item, lang)):
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


def build_pdf(index: DataIndex, revision: Revision | None, lang: str = "zh", category: str | None = None,
              city: str = "", progress: Progress = lambda done, total: None,
              today: dt.date | None = None, year_basis: str = "union") -> Result:
    """The PDF report: title page, summary table, one page per indicator (A4 landscape)."""
    items, total, today = _start(index, category, progress, today, year_basis)
    title, sub = _title_text(city, revision, lang, today, year_basis)
    pages = [_page([_text(title, 0, 0.62, 34), _text(_section_label(category, lang), 0, 0.5, 20),
                    _text(sub.replace("\n", "<br>"), 0, 0.42, 14, font={"size": 14, "color": "#555"})])]
    cells = [[i.indicator.name(lang) for i in items],
             [value_with_unit(i.summary.latest.value, i.indicator, lang, i.summary.latest.qualifier)
              if i.summary.latest else "—" for i in items],
             [i.summary.progress.label(lang) for i in items]]
    table = go.Table(header={"values": [t("indicator", lang), t("latest", lang), t("status", lang)],
                             "fill_color": "#eef3f8", "align": "left", "font": {"size": 11}},
                     cells={"values": cells, "align": "left", "font": {"size": 10}, "height": 16})
    pages.append(_page([_text(t("summary_table", lang), 0, 1.1, 22)], table))
    progress(2, total)
    for n, item in enumerate(items, start=3):
        pages.append(_chart(item, revision, lang, PAGE_W, PAGE_H, facts=True))
        progress(n - 1, total)
    data = pages_to_pdf(pages, PAGE_W, PAGE_H)  # every page laid out and printed in one pass
    progress(total, total)
    return data, "application/pdf", f"briefing-{today:%Y%m%d}-{lang}.pdf"
