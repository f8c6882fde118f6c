"""What every form of the briefing shares: its indicators, their facts and charts, its title and
the drafted paragraphs, so the PDF, the PowerPoint deck and the Word document say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from indicators.briefing_scope import BriefingScope
from indicators.catalogue import CATALOGUE, CATEGORIES, Indicator
from indicators.chart_export import source_footer
from indicators.default_year import default_year
from indicators.explanations import Explanation, briefing_note
from indicators.exports_safe import figure_text
from indicators.figures import add_footer, main_chart
from indicators.formatting import value_with_unit
from indicators.illustrative import marked_change_text, status_text
from indicators.indicator_view import DataIndex, Summary, summarise
from indicators.jobs import Progress
from indicators.labels import t
from indicators.local_time import format_date, format_time, local_today
from indicators.narrative import Draft, indicator_paragraph, section_paragraph
from indicators.rendering import render_many
from indicators.stat_year import basis_note, year_label
from indicators.store import Revision
from indicators.translation import region_label

CHART_W, CHART_H = 1000, 560
BATCH = 8  # charts rendered at once; progress is reported after each batch


@dataclass(frozen=True)
class BriefingItem:
    indicator: Indicator
    summary: Summary
    explained: tuple[Explanation, ...] = ()  # reasons districts sent with its figures (a note under it)


def briefing_items(index: DataIndex, category: str | None = None, year: int | None = None,
                   year_basis: str = "union", region: str = "") -> list[BriefingItem]:
    """The indicators of the briefing, in the report's order (one section if ``category``), as of
    ``year`` for ``region`` (``""``: the city; a region's briefing keeps only its own explanations)."""
    chosen = [ind for ind in CATALOGUE if category in (None, "", ind.category)]
    return [BriefingItem(ind, summarise(index, ind.code, year, region, year_basis=year_basis),
                         tuple(e for e in index.explained(ind.code, year) if not region or e.region == region))
            for ind in chosen]


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
          with_facts: bool = False, zone: ZoneInfo | str | None = None) -> dict:
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
    footer = source_footer(item.summary, revision, lang, zone=zone)
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
                year_basis: str = "union", scope: BriefingScope | None = None,
                zone: ZoneInfo | str | None = None) -> tuple[str, str]:
    """The title, and lines with what it covers (year, region, section), the date, the revision
    and what the years are."""
    title = t("briefing_title", lang, city=city)
    sub = f"{t('date', lang)}: {format_date(today, lang)}"
    if scope is not None:
        sub = f"{scope.label(city, lang, year_basis, with_section=False)}\n{sub}"
    if revision is not None:
        sub += " · " + t("revision_text", lang, id=revision.id, file=revision.filename,
                         time=format_time(revision.created_at, lang, zone))
    return title, f"{sub}\n{basis_note(year_basis, lang)}"


def section_label(category: str | None, lang: str) -> str:
    """The section a briefing covers, or "all sections"."""
    return CATEGORIES[category][lang] if category else t("all_sections", lang)


def scope_of(index: DataIndex, category: str | None, year: int | None, region: str) -> BriefingScope:
    """A builder's scope: the year asked for, else the latest with reported figures for the region."""
    return BriefingScope(year if year is not None else default_year(index, region), region, category or None)


def start(index: DataIndex, scope: BriefingScope, progress: Progress, today: dt.date | None,
          year_basis: str, zone: ZoneInfo | str | None = None) -> tuple[list[BriefingItem], int, dt.date]:
    """The items, the number of progress steps, and the date of a briefing being started."""
    items = briefing_items(index, scope.category, scope.year, year_basis, scope.region)
    total = len(items) + 2  # title, summary, one page per indicator
    progress(0, total)
    return items, total, today or local_today(zone)



def briefing_draft(index: DataIndex, scope: BriefingScope, lang: str, revision: Revision | None,
                   year_basis: str, city: str, zone: ZoneInfo | str | None = None) -> Draft:
    """The drafted paragraphs of the briefing's year and region: every section, or the one chosen."""
    year, region = scope.year, scope.region
    label = year_label(year, year_basis, lang, long=True) if year is not None else ""
    where = region_label(region, lang) if region else city
    title = t("draft_title", lang, where=where, year=label)
    if year is None:
        return Draft(title, ())
    chosen = [scope.category] if scope.category else list(CATEGORIES)
    return Draft(title, tuple(section_paragraph(index, c, year, region, lang, revision, year_basis)
                              for c in chosen))


def item_paragraph(index: DataIndex, item: BriefingItem, lang: str, revision: Revision | None,
                   scope: BriefingScope | None = None, zone: ZoneInfo | str | None = None) -> str:
    """The drafted paragraph of one indicator, for its slide's notes and its figure in the document
    (of the city's latest reported year unless ``scope`` says otherwise)."""
    scope = scope or scope_of(index, None, None, "")
    paragraph = indicator_paragraph(index, item.indicator.code, scope.year, scope.region, lang, revision,
                                    item.summary.year_basis)
    note = briefing_note(list(item.explained), lang)
    return f"{paragraph}\n{note}" if note else paragraph
