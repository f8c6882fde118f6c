"""What a briefing covers: a year, a region (or the city) and a section (or all), checked against the data.

The briefing page and its URL (``/briefing?year=2008&region=甘州区&section=rights``) name them; a
value the data does not have is a message in the page's language naming the field and the
value, never a guess and never an error page. A briefing naming no year covers the latest year
with reported figures (``indicators.default_year``), as the pages do.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.catalogue import CATEGORIES
from indicators.default_year import default_year
from indicators.indicator_view import DataIndex
from indicators.labels import t
from indicators.stat_year import year_label
from indicators.translation import region_label

CITY_NAMES = ("", "全市", "合计", "city")
ALL_SECTIONS = ("", "all", "全部")


@dataclass(frozen=True)
class BriefingScope:
    """The year, the region (``""``: the city) and the section (``None``: all) of a briefing."""

    year: int | None
    region: str = ""
    category: str | None = None

    def label(self, city: str, lang: str, year_basis: str = "union", with_section: bool = True) -> str:
        """2008年度（…） · 甘州区 · 全部部分: what the briefing covers, for its title page and the page."""
        where = region_label(self.region, lang) if self.region else city
        year = year_label(self.year, year_basis, lang, long=True) if self.year is not None else t("no_data", lang)
        parts = [year, where]
        if with_section:
            parts.append(CATEGORIES[self.category][lang] if self.category else t("all_sections", lang))
        return " · ".join(parts)


@dataclass(frozen=True)
class ScopeProblem:
    """One parameter the data does not have: its field, the value found and what may be chosen."""

    field: str  # year, region or section
    value: str
    choices: tuple[str, ...]

    def message(self, lang: str) -> str:
        return t(f"briefing_bad_{self.field}", lang, value=self.value,
                 choices=t("list_separator", lang).join(self.choices))


def briefing_scope(query: dict[str, str], index: DataIndex, lang: str = "zh",
                   year_basis: str = "union") -> tuple[BriefingScope, list[ScopeProblem]]:
    """The scope a query names, and a problem for every parameter the data does not have (the
    scope then falls back to the default for that field, so the page can still be shown)."""
    problems: list[ScopeProblem] = []
    region = str(query.get("region", "") or "").strip()
    if region in CITY_NAMES:
        region = ""
    elif region not in index.regions:
        problems.append(ScopeProblem("region", region, (t("city_total", lang),
                                                         *(region_label(r, lang) for r in index.regions))))
        region = ""
    section = str(query.get("section", "") or "").strip()
    category: str | None = None
    if section not in ALL_SECTIONS:
        by_name = {names[key]: cat for cat, names in CATEGORIES.items() for key in ("zh", "en")}
        category = section if section in CATEGORIES else by_name.get(section)
        if category is None:
            problems.append(ScopeProblem("section", section, tuple(f"{key} ({names[lang]})"
                                                                    for key, names in CATEGORIES.items())))
    raw_year = str(query.get("year", "") or "").strip()
    year = default_year(index, region)
    if raw_year:
        try:
            asked = int(raw_year)
        except ValueError:
            asked = None
        if asked in index.years:
            year = asked
        else:
            problems.append(ScopeProblem("year", raw_year, tuple(year_label(y, year_basis, lang)
                                                                  for y in reversed(index.years))))
    return BriefingScope(year, region, category), problems
