"""Issue 17 item 3: no change, growth or status rests on an illustrative value (示例) without saying
so. One rule (indicators/illustrative.py): a card's or a briefing's change and a status computed
from an illustrative value are marked "示例基数" (the base is illustrative) or "示例数值" (only the
later value is); a drafted paragraph, which states facts only, leaves such a change out."""

from __future__ import annotations

import pandas as pd

from indicators.briefing_common import BriefingItem, facts
from indicators.illustrative import marked_change_text, status_text
from indicators.indicator_view import DataIndex, summarise
from indicators.narrative import indicator_paragraph

OBS = ["code", "year", "region", "group", "value", "qualifier", "source", "note"]
TARGETS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
REPORTED, ILLUSTRATIVE = "报告第3段", "示例"


def index_of(rows: list[list], targets: list[list] | None = None) -> DataIndex:
    return DataIndex(1, pd.DataFrame(rows, columns=OBS), pd.DataFrame(targets or [], columns=TARGETS))


def city_series(code: str, values: dict[int, float], sources: dict[int, str]) -> list[list]:
    return [[code, year, "", "", value, "", sources[year], ""] for year, value in values.items()]


def series_index(sources: list[str]) -> DataIndex:
    years = list(range(2003, 2009))
    values = {y: 1300.0 + 150 * i for i, y in enumerate(years)}
    return index_of(city_series("grassroots_unions", values, dict(zip(years, sources, strict=True))))



def test_card_change_over_five_years_from_an_illustrative_base_is_marked():
    index = series_index([ILLUSTRATIVE, REPORTED, REPORTED, REPORTED, REPORTED, REPORTED])
    s = summarise(index, "grassroots_unions", 2008)
    assert marked_change_text(s.latest, s.term_base, s.indicator, "zh").endswith("（示例基数）")
    assert marked_change_text(s.latest, s.term_base, s.indicator, "en").endswith(" (illustrative base)")
    assert "示例" not in marked_change_text(s.latest, s.previous, s.indicator, "zh")


def test_change_to_an_illustrative_value_is_marked_and_reported_changes_are_not():
    index = series_index([REPORTED] * 5 + [ILLUSTRATIVE])
    s = summarise(index, "grassroots_unions", 2008)
    assert marked_change_text(s.latest, s.previous, s.indicator, "zh").endswith("（示例数值）")
    reported = summarise(series_index([REPORTED] * 6), "grassroots_unions", 2008)
    assert marked_change_text(reported.latest, reported.term_base, reported.indicator, "zh") == "+750个 (+57.7%)"


def test_status_from_an_illustrative_base_is_marked_on_cards_briefings_and_page():
    index = series_index([ILLUSTRATIVE, REPORTED, REPORTED, REPORTED, REPORTED, REPORTED])
    s = summarise(index, "grassroots_unions", 2008)
    assert s.progress.base_year == 2003
    assert status_text(s, "zh") == s.progress.label("zh") + "（示例基数）"
    briefing = dict(facts(BriefingItem(s.indicator, s), "en"))
    assert briefing["Status"].endswith(" (illustrative base)")
    reported = summarise(series_index([REPORTED] * 6), "grassroots_unions", 2008)
    assert status_text(reported, "zh") == reported.progress.label("zh")


def test_briefing_change_on_the_year_from_an_illustrative_value_is_marked():
    index = series_index([REPORTED] * 4 + [ILLUSTRATIVE, REPORTED])
    s = summarise(index, "grassroots_unions", 2008)
    assert dict(facts(BriefingItem(s.indicator, s), "zh"))["比上年"].endswith("（示例基数）")


def test_paragraph_states_no_change_from_an_illustrative_base():
    index = series_index([ILLUSTRATIVE, REPORTED, REPORTED, REPORTED, REPORTED, REPORTED])
    text = indicator_paragraph(index, "grassroots_unions", 2008, lang="zh")
    assert "达到2050个" in text and "比上年增加150个" in text and "五年前" not in text
    index = series_index([ILLUSTRATIVE, REPORTED, REPORTED, REPORTED, ILLUSTRATIVE, REPORTED])
    text = indicator_paragraph(index, "grassroots_unions", 2008, lang="en")
    assert "2,050" in text and "previous year" not in text and "five years" not in text
