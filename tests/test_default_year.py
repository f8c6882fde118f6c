"""The year a view opens on is the latest with reported figures for what it shows.

Stores are generated: values in several years, some illustrative (source 示例), some indicators
missing the newest year, some regions with figures of their own. The expected year is worked out
from the generated rows, never written in.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from indicators.catalogue import CATALOGUE
from indicators.default_year import default_year, reported_year
from indicators.indicator_view import DataIndex

COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]


def make_index(rows: list[dict]) -> DataIndex:
    return DataIndex(None, pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame([], columns=TARGET_COLUMNS))


def row(code: str, year: int, source: str = "2009年统计年报", region: str = "", group: str = "") -> dict:
    return {"code": code, "year": year, "region": region, "group": group, "value": 1.0 + year % 7,
            "qualifier": "", "note": "", "source": source}


def generated_rows(seed: int) -> list[dict]:
    """Values for a random set of indicators over random years, a random share of them illustrative."""
    rng = random.Random(seed)
    rows = []
    for ind in rng.sample(CATALOGUE, 8):
        for year in sorted(rng.sample(range(2003, 2011), rng.randint(1, 5))):
            region = rng.choice(["", "", "甘州区"])
            source = "示例" if rng.random() < 0.4 else rng.choice(["报告·第8段", "2009年统计年报", ""])
            rows.append(row(ind.code, year, source, region))
    return rows


def expected(rows: list[dict], region: str = "", codes: set[str] | None = None, until: int | None = None) -> int | None:
    years = [r["year"] for r in rows if r["region"] == region and not r["source"].startswith("示例")
             and (codes is None or r["code"] in codes) and (until is None or r["year"] <= until)]
    return max(years, default=None)


def test_a_file_with_a_few_newer_values_does_not_move_the_year_of_indicators_without_them():
    rows = [row("grassroots_unions", 2008, "报告·第8段"), row("grassroots_unions", 2009),
            row("union_members", 2008, "报告·第8段"), row("union_members", 2009, "示例"),
            row("membership_rate", 2007), row("membership_rate", 2010, "示例")]
    index = make_index(rows)
    assert index.years[-1] == 2010  # the newest year with any value, which nobody reported
    assert default_year(index) == 2009  # the page: the latest year anything was reported for
    assert default_year(index, codes=["grassroots_unions"]) == 2009
    assert default_year(index, codes=["union_members"]) == 2008  # its 2009 value is illustrative
    assert default_year(index, codes=["membership_rate"]) == 2007
    assert reported_year(index, codes=["grassroots_unions"], until=2008) == 2008


def test_only_illustrative_values_fall_back_to_the_latest_year_shown():
    index = make_index([row("union_members", 2006, "示例"), row("union_members", 2007, "示例"),
                        row("grassroots_unions", 2009)])
    assert reported_year(index, codes=["union_members"]) is None
    assert default_year(index, codes=["union_members"]) == 2007
    assert default_year(make_index([])) is None


def test_a_region_opens_on_its_own_latest_reported_year():
    index = make_index([row("grassroots_unions", 2009), row("grassroots_unions", 2008, region="甘州区"),
                        row("grassroots_unions", 2009, "示例", region="甘州区")])
    assert default_year(index) == 2009
    assert default_year(index, "甘州区") == 2008


def test_groups_count_only_when_asked_for():
    index = make_index([row("model_workers", 2008), row("model_workers", 2009, group="全国")])
    assert reported_year(index, codes=["model_workers"]) == 2009
    assert reported_year(index, codes=["model_workers"], group="") == 2008


@pytest.mark.parametrize("seed", range(12))
def test_generated_stores(seed):
    rows = generated_rows(seed)
    index = make_index(rows)
    codes = sorted({r["code"] for r in rows})
    for region in ("", "甘州区"):
        assert reported_year(index, region) == expected(rows, region)
        for code in codes:
            assert reported_year(index, region, [code]) == expected(rows, region, {code})
            assert reported_year(index, region, [code], until=2006) == expected(rows, region, {code}, 2006)
        any_year = max((r["year"] for r in rows if r["region"] == region), default=index.years[-1])
        assert default_year(index, region) == (expected(rows, region) or any_year)
