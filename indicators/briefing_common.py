"""What every form of the briefing shares: its indicators, their facts and charts, its title and
the drafted paragraphs, so the PDF, the PowerPoint deck and the Word document say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from indicators.catalogue import CATALOGUE, CATEGORIES, Indicator
from indicators.chart_export import source_footer
from indicators.explanations import Explanation, briefing_note
from indicators.exports_safe import figure_text
from indicators.figures import add_footer, main_chart
from indicators.formatting import value_with_unit
from indicators.illustrative import marked_change_text, status_text
from indicators.indicator_view import DataIndex, Summary, summarise
from indicators.jobs import Progress
from indicators.labels import t
from indicators.narrative import Draft, indicator_paragraph, section_paragraph
from indicators.rendering import render_many
from indicators.stat_year import basis_note, year_label
from indicators.store import Revision

CHART_W, CHART_H = 1000, 560
BATCH = 8  # charts rendered at once; progress is reported after each batch


@dataclass(frozen=True)
class BriefingItem:
    indicator: Indicator
    summary: Summary
    explained: tuple[Explanation, ...] = ()  # reasons districts sent with its figures (a note under it)


def briefing_items(index: DataIndex, category: str | None = None, year: int | None = None,
                   year_basis: str = "union") -> list[BriefingItem]:
    """The indicators of the briefing, in the report's order (one section if ``category``)."""
    chosen = [ind for ind in CATALOGUE if category in (None, "", ind.category)]
    return [BriefingItem(ind, summarise(index, ind.code, year, year_basis=year_basis),
                         tuple(index.explained(ind.code, year))) for ind in chosen]


def facts(item: BriefingItem, lang: str) -> list[tuple[str, str]]:
    """Latest value, change on the year, target and status, as (label, text) pairs."""
    ind, s = item.indicator, item.summary
    latest = s.latest
    target = s.target
    return [
        (t("latest", lang), f"{value_with_unit(latest.value, ind, lang, latest.qualifier)} "
                            f"({year_label(latest.year, s.year_basis, lang)})" if latest else t("no_data", lang)),
        (t("change_previous", lang), marked_change_text(latest, s.previous, ind, lang)),
        (t("target", lang), f"{value_with_unit(target.value, ind, lang, target.qualifier)} "
                            f"({year_label(target.year, s.year_basis, lang)})" if target else t("no_target", lang)),
        (t("status", lang), status_text(s, lang)),
    ]


def chart(item: BriefingItem, revision: Revision | None, lang: str, width: int, height: int,
          with_facts: bool = False) -> dict:
    """The indicator's chart with its source footer; on a PDF page, its facts under the title."""
    fig = main_chart(item.summary, lang, item.indicator.name(lang))
    top = 70
    if with_facts:
        top = 120
        fig.update_layout(title={"y": 1 - 24 / height, "yanchor": "top", "font": {"size": 24}})
        line = figure_text("   ·   ".join(f"{label}: {value}" for label, value in facts(item, lang)))
        fig.add_annotation(text=line, xref="paper", yref="paper", x=0, y=1 + 48 / (height - top - 130),
                           xanchor="left", yanchor="bottom", showarrow=False, font={"size": 15})
    note = briefing_note(list(item.explained), lang)
    footer = source_footer(item.summary, revision, lang)
    if note:  # the districts' explanations of its figures (typed text: escaped for Plotly), above the source
        return add_footer(fig, f"{figure_text(note[:300])}<br>{footer}", width, height, top=top, bottom=150)
    return add_footer(fig, footer, width, height, top=top)


def render_in_batches(figures: list[dict], fmt: str, width: int, height: int, progress: Progress,
                      offset: int, total: int) -> list[bytes]:
    """Figures rendered ``BATCH`` at a time, reporting progress after each batch."""
    out: list[bytes] = []
    for start in range(0, len(figures), BATCH):
        out += render_many(figures[start:start + BATCH], fmt, width, height)
        progress(offset + len(out), total)
    return out


def title_text(city: str, revision: Revision | None, lang: str, today: dt.date,
                year_basis: str = "union") -> tuple[str, str]:
    """The title, and a line with the date, the revision and what the years are."""
    title = t("briefing_title", lang, city=city)
    sub = f"{t('date', lang)}: {today:%Y-%m-%d}"
    if revision is not None:
        sub += " · " + t("revision_text", lang, id=revision.id, file=revision.filename,
                         time=f"{revision.created_at:%Y-%m-%d %H:%M}")
    return title, f"{sub}\n{basis_note(year_basis, lang)}"


def section_label(category: str | None, lang: str) -> str:
    """The section a briefing covers, or "all sections"."""
    return CATEGORIES[category][lang] if category else t("all_sections", lang)


def start(index: DataIndex, category: str | None, progress: Progress, today: dt.date | None,
          year_basis: str) -> tuple[list[BriefingItem], int, dt.date]:
    """The items, the number of progress steps, and the date of a briefing being started."""
    items = briefing_items(index, category, year_basis=year_basis)
    total = len(items) + 2  # title, summary, one page per indicator
    progress(0, total)
    return items, total, today or dt.date.today()



def briefing_draft(index: DataIndex, category: str | None, lang: str, revision: Revision | None,
                   year_basis: str, city: str) -> Draft:
    """The drafted paragraphs of the briefing's year (the latest): every section, or the one chosen."""
    year = index.years[-1] if index.years else None
    label = year_label(year, year_basis, lang, long=True) if year is not None else ""
    title = t("draft_title", lang, where=city, year=label)
    if year is None:
        return Draft(title, ())
    chosen = [category] if category else list(CATEGORIES)
    return Draft(title, tuple(section_paragraph(index, c, year, "", lang, revision, year_basis) for c in chosen))


def item_paragraph(index: DataIndex, item: BriefingItem, lang: str, revision: Revision | None) -> str:
    """The drafted paragraph of one indicator, for its slide's notes and its figure in the document."""
    year = index.years[-1] if index.years else None
    paragraph = indicator_paragraph(index, item.indicator.code, year, "", lang, revision, item.summary.year_basis)
    note = briefing_note(list(item.explained), lang)
    return f"{paragraph}\n{note}" if note else paragraph
