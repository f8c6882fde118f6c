"""Drafted paragraphs, checked sentence by sentence against cases written out by hand."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from indicators.catalogue import CATEGORIES
from indicators.indicator_view import DataIndex
from indicators.narrative import indicator_paragraph, section_paragraph, year_draft
from indicators.store import Revision
from indicators.translation import has_cjk
from wording import GARBLED

REVISION = Revision(7, dt.datetime(2010, 1, 15, 9, 30), "editor", "2009年报.xlsx", "0" * 64, 1, 6, "merge",
                    10, 1, 10, 10, 0, "")


def index(rows: list[tuple], targets: list[tuple] = ()) -> DataIndex:
    """An index of (code, year, value[, qualifier[, source[, region, group, note]]]) rows."""
    full = []
    for row in rows:
        code, year, value, qualifier, source, region, group, note = (*row, *("", "2009年统计年报", "", "", "")[len(row) - 3:])
        full.append({"code": code, "year": year, "region": region, "group": group, "value": float(value),
                     "qualifier": qualifier, "note": note, "source": source})
    goals = [{"code": c, "year": y, "region": "", "group": "", "value": float(v), "qualifier": q, "baseline_year": b,
              "note": "", "source": "规划"} for c, y, v, q, b in targets]
    target_frame = pd.DataFrame(goals, columns=["code", "year", "region", "group", "value", "qualifier",
                                                "baseline_year", "note", "source"])
    return DataIndex(None, pd.DataFrame(full), target_frame)


def both(data: DataIndex, code: str, year: int, basis: str = "calendar", **kw) -> tuple[str, str]:
    return tuple(indicator_paragraph(data, code, year, lang=lang, revision=REVISION, year_basis=basis, **kw)
                 for lang in ("zh", "en"))


def test_a_count_that_grew_as_the_work_report_writes_it():
    data = index([("grassroots_unions", 2004, 1800), ("grassroots_unions", 2008, 2185),
                  ("grassroots_unions", 2009, 2310)])
    zh, en = both(data, "grassroots_unions", 2009)
    assert zh == ("截至2009年底，全市基层工会组织数达到2310个，比上年增加125个，增长5.7%，"
                  "比五年前（2004年）增加510个，增长28.3%。（来源：2009年统计年报）")
    assert en == ("Grassroots union organisations stood at 2,310 organisations at the end of 2009, "
                  "up 125 organisations (5.7%) on the year before, up 510 organisations (28.3%) on five years "
                  "before (2004). (Sources: 2009年统计年报.)")


def test_the_union_statistics_year_dates_a_level_at_30_september():
    data = index([("grassroots_unions", 2008, 2185), ("grassroots_unions", 2009, 2310)])
    zh, en = both(data, "grassroots_unions", 2009, basis="union")
    assert zh.startswith("截至2009年9月底，全市基层工会组织数达到2310个，比上年增加125个")
    assert "at the end of statistics year 2009 (30 September 2009)" in en


def test_a_rate_changes_in_percentage_points():
    data = index([("membership_rate", 2008, 88), ("membership_rate", 2009, 91.5)])
    zh, en = both(data, "membership_rate", 2009)
    assert "全市职工入会率达到91.5%，比上年提高3.5个百分点。" in zh
    assert "Worker membership rate stood at 91.5% at the end of 2009, up 3.5 percentage points on the year before." in en


def test_a_bound_is_said_as_such_and_hedges_the_change():
    data = index([("union_formation_rate", 2008, 88), ("union_formation_rate", 2009, 90, ">=")])
    zh, en = both(data, "union_formation_rate", 2009)
    assert "全市工会组建率达到90%以上，比上年至少提高2个百分点。" in zh
    assert "stood at 90% or more at the end of 2009, up at least 2 percentage points on the year before." in en
    # An earlier value given only as a bound leaves the change unknown: it is not stated.
    data = index([("union_formation_rate", 2008, 90, ">="), ("union_formation_rate", 2009, 93)])
    zh, _ = both(data, "union_formation_rate", 2009)
    assert "比上年" not in zh and "达到93%" in zh


def test_an_approximation_and_units_of_wan_and_yi():
    data = index([("rationalisation_proposals", 2008, 30000, "~"), ("proposal_benefit", 2008, 12000)])
    zh, en = both(data, "rationalisation_proposals", 2008)
    assert "全市合理化建议累计达到近3万条。" in zh and "Rationalisation proposals reached nearly 30,000 items in total" in en
    zh, en = both(data, "proposal_benefit", 2008)
    assert "累计达到1.2亿元" in zh and "reached 120 million yuan in total" in en


def test_a_target_met_early_is_said_so():
    data = index([("worker_libraries", 2008, 0), ("worker_libraries", 2009, 10), ("worker_libraries", 2010, 22),
                  ("worker_libraries", 2011, 41)], [("worker_libraries", 2013, 40, "", 2008)])
    zh, en = both(data, "worker_libraries", 2011)
    assert "全市职工书屋达到41个，比上年增加19个，增长86.4%，于2011年提前完成2013年目标（40个）。" in zh
    assert "meeting the target of 40 libraries for 2013 early, in 2011." in en
    zh, en = both(data, "worker_libraries", 2010)
    assert "完成2013年目标（40个）的55%" in zh and "55% of the target of 40 libraries for 2013" in en


def test_a_period_target_met_in_its_year_and_a_rate_short_of_its_target():
    data = index([("reemployment_training", 2008, 760)], [("reemployment_training", 2008, 750, "", 2003)])
    zh, en = both(data, "reemployment_training", 2008)
    assert "累计达到760人，完成2008年目标（750人）" in zh and "meeting the target of 750 people for 2008" in en
    data = index([("membership_rate", 2009, 86.5)], [("membership_rate", 2013, 90, ">=", 2008)])
    zh, en = both(data, "membership_rate", 2009)
    assert "距2013年目标（90%以上）还差3.5个百分点" in zh and "3.5 percentage points short of the target" in en


def test_an_illustrative_value_is_never_stated_as_a_fact():
    data = index([("grassroots_unions", 2008, 2185), ("grassroots_unions", 2009, 2310, "", "示例"),
                  ("union_members", 2008, 11.29), ("union_members", 2009, 12.05)])
    zh, en = both(data, "grassroots_unions", 2009)
    assert "2310" not in zh and "示例数据，不作为事实表述" in zh
    assert "2,310" not in en and "is illustrative and is not stated as a fact" in en
    # An illustrative previous year: the level is stated, the change on it is not.
    data = index([("union_members", 2008, 11.29, "", "示例"), ("union_members", 2009, 12.05)])
    zh, _ = both(data, "union_members", 2009)
    assert "达到12.05万人" in zh and "比上年" not in zh
    section = section_paragraph(index([("grassroots_unions", 2009, 2310, "", "示例"), ("union_members", 2009, 12.05)]),
                                "organisation", 2009, lang="zh", year_basis="calendar")
    assert "2310" not in section and "12.05万人" in section and "另有" in section


def test_a_fall():
    data = index([("union_members", 2009, 12.0), ("union_members", 2010, 11.5)])
    zh, en = both(data, "union_members", 2010)
    assert "全市工会会员数达到11.5万人，比上年减少0.5万人，下降4.2%。" in zh
    assert "Union members stood at 115,000 people at the end of 2010, down 5,000 people (4.2%) on the year before." in en
    data = index([("membership_rate", 2009, 91), ("membership_rate", 2010, 89.5)])
    zh, en = both(data, "membership_rate", 2010)
    assert "比上年下降1.5个百分点" in zh and "down 1.5 percentage points on the year before" in en


def test_a_region_and_its_groups():
    data = index([("model_workers", 2008, 20, "", "报告·第3段", "甘州区", ""),
                  ("model_workers", 2008, 2, "", "报告·第3段", "甘州区", "全国"),
                  ("model_workers", 2008, 18, "", "报告·第3段", "甘州区", "省部级")])
    zh, en = both(data, "model_workers", 2008, region="甘州区")
    assert "甘州区劳动模范累计达到20名，其中全国2名、省部级18名。" in zh
    assert "Model workers named in Ganzhou District reached 20 people in total at the end of 2008, of which " \
           "2 people (National), 18 people (Provincial and ministerial)." in en


@pytest.fixture(scope="module")
def builtin_index(builtin):
    return DataIndex(1, builtin.observations, builtin.targets)


def test_the_builtin_year_in_both_languages(builtin_index):
    zh = year_draft(builtin_index, 2008, lang="zh", revision=REVISION, city="xx市")
    en = year_draft(builtin_index, 2008, lang="en", revision=REVISION, city="xx City")
    assert zh.title == "xx市工会工作主要指标 · 2008年度（2007.10.1–2008.9.30）"
    assert len(zh.paragraphs) == len(CATEGORIES) == len(en.paragraphs)
    assert zh.paragraphs[0].startswith("组织建设方面，截至2008年上半年，全市基层工会组织数达到2185个，"
                                       "比五年前（2003年度）增加848个，增长63.4%。")
    assert "于" not in zh.paragraphs[2] and "完成2008年度目标（750人）" in zh.paragraphs[2]
    # Each paragraph cites the report's passages its numbers come from, not the revision's file.
    assert all(re.search(r"（来源：工作报告第[0-9、–]+段）$", p) for p in zh.paragraphs), zh.paragraphs
    assert not any("2009年报.xlsx" in p for p in zh.paragraphs + en.paragraphs)
    assert all(re.search(r"\(Sources: work report, fragments? [0-9, –]+\.\)$", p) for p in en.paragraphs)
    assert not [p for p in en.paragraphs if has_cjk(p)]
    assert "Hardship aid paid by the city federation reached 4.33 million yuan in total as of mid-2008" in en.text


def test_no_garbled_wording_in_any_draft(builtin_index):
    texts = []
    for year in (2003, 2006, 2008):
        for region in ("", "甘州区"):
            texts.append(year_draft(builtin_index, year, region, "zh", REVISION).text)
    texts += [indicator_paragraph(builtin_index, code, 2008) for code in builtin_index.by_code]
    for text in texts:
        for word in GARBLED:
            assert word not in text, word


def test_no_garbled_wording_in_the_products_own_words():
    from pathlib import Path

    from indicators.catalogue_english import NOTE_PARTS_EN
    from indicators.labels import LABELS

    method = (Path(__file__).resolve().parent.parent / "layouts" / "pages" / "method.py").read_text(encoding="utf-8")
    texts = [zh for zh, _ in LABELS.values()] + [method, *NOTE_PARTS_EN]
    for text in texts:
        for word in GARBLED:
            assert word not in text, (word, text)
