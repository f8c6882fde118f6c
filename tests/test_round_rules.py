"""The round's pure rules with hand-computed cases: which values are warnings, and how the city's figures
are summed, computed or reported (and when the city's own figure differs from its units')."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.catalogue import BUILTIN
from indicators.catalogue_edit import CheckRule, make_indicator, normalise_fields
from indicators.round_sum import COMPUTED_NOTE, SUMMED_NOTE, city_figures
from indicators.round_warnings import value_warnings, warning_message

WORKERS = make_indicator(normalise_fields({"code": "workers", "name_zh": "职工人数", "name_en": "Workers",
                                           "unit_zh": "人", "unit_en": "people", "kind": "stock",
                                           "category": "organisation"}))
SHARE = make_indicator(normalise_fields({"code": "member_share", "name_zh": "会员占比", "name_en": "Member share",
                                         "kind": "rate", "category": "organisation", "numerator": "union_members",
                                         "denominator": "workers"}))


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([{"code": c, "year": y, "region": r, "group": g, "value": float(v), "qualifier": q,
                          "note": "", "source": "x"} for c, y, r, g, v, q in rows])


def test_jump_group_part_and_admin_rule_warnings():
    catalogue = BUILTIN.with_added([WORKERS])
    catalogue.rules = (CheckRule(7, "grassroots_unions", "<=", "", 800.0),)
    published = frame([("grassroots_unions", 2008, "甘州区", "", 678, ""), ("union_members", 2008, "甘州区", "", 4.0, "")])
    values = frame([
        ("grassroots_unions", 2009, "甘州区", "", 900, ""),  # +32.7 % on 678, and above the admin's 800
        ("union_members", 2009, "甘州区", "", 4.1, ""),  # +2.5 %: fine; but 41,000 members > 40,000 workers
        ("workers", 2009, "甘州区", "", 40_000, ""),
        ("model_workers", 2009, "甘州区", "", 10, ""), ("model_workers", 2009, "甘州区", "市级", 12, ""),
    ])
    found = {(w.rule, w.code, w.group) for w in value_warnings(values, published, catalogue)}
    assert found == {("warn_jump", "grassroots_unions", ""), ("warn_rule", "grassroots_unions", ""),
                     ("warn_part_above_whole", "union_members", ""), ("warn_group_above_total", "model_workers", "市级")}
    by_rule = {w.rule: w for w in value_warnings(values, published, catalogue)}
    assert by_rule["warn_jump"].params == {"previous": 678.0, "change": 32.7}
    assert warning_message(by_rule["warn_jump"], catalogue, "zh") == \
        "基层工会组织数（甘州区 2009）为 900个，比上年（678个）变化 +32.7%，超过 30%。"
    assert warning_message(by_rule["warn_part_above_whole"], catalogue, "en") == \
        "Union members (Ganzhou District 2009) is 41,000 people, more than Workers (40,000 people), which it is part of."
    assert "≤ 800个" in warning_message(by_rule["warn_rule"], catalogue, "zh")


def test_counts_are_summed_and_the_citys_own_figure_stands_with_its_difference():
    regions = frame([("grassroots_unions", 2009, "甘州区", "", 700, ""), ("grassroots_unions", 2009, "城东区", "", 380, ">="),
                     ("union_members", 2009, "甘州区", "", 4.2, ""), ("union_members", 2009, "城东区", "", 2.1, "")])
    own = frame([("union_members", 2009, "", "", 6.5, "")])
    figures = city_figures(regions, own, ["grassroots_unions", "union_members"], BUILTIN, "2009年度")
    city = figures.observations.set_index("code")
    assert city.loc["grassroots_unions", "value"] == 1080 and city.loc["grassroots_unions", "qualifier"] == ">="
    assert city.loc["grassroots_unions", "note"] == SUMMED_NOTE
    assert city.loc["union_members", "value"] == 6.5  # the city's own, not 6.3
    [difference] = figures.differences
    assert (difference.code, difference.value, difference.params["other_value"]) == ("union_members", 6.5,
                                                                                      pytest.approx(6.3))
    assert figures.how == {"grassroots_unions": "summed", "union_members": "summed"}


def test_a_rate_is_computed_from_its_parts_in_their_units_or_else_reported():
    catalogue = BUILTIN.with_added([WORKERS, SHARE])
    regions = frame([("union_members", 2009, "甘州区", "", 4.0, ""), ("union_members", 2009, "城东区", "", 2.0, ""),
                     ("workers", 2009, "甘州区", "", 50_000, ""), ("workers", 2009, "城东区", "", 30_000, ""),
                     ("member_share", 2009, "甘州区", "", 80, ""), ("member_share", 2009, "城东区", "", 66.7, "")])
    figures = city_figures(regions, regions.iloc[0:0], ["union_members", "workers", "member_share"], catalogue, "r")
    rate = figures.observations.set_index("code").loc["member_share"]
    assert rate["value"] == pytest.approx(60_000 / 80_000 * 100) and rate["note"] == COMPUTED_NOTE  # 万人 → 人
    reported = city_figures(regions, frame([("member_share", 2009, "", "", 74, "")]), ["member_share"], catalogue, "r")
    assert reported.observations["value"].tolist() == [74.0] and reported.how == {"member_share": "reported"}
    nothing = city_figures(regions, regions.iloc[0:0], ["member_share"], catalogue, "r")
    assert nothing.observations.empty and nothing.how == {"member_share": "none"}  # never 80 + 66.7


SIX = ("北山县", "南河县", "城东区", "城西区", "甘州区", "西湖县")


def test_a_sum_of_two_of_six_regions_is_a_pending_lower_bound_not_the_citys_figure():
    from indicators.round_sum import Coverage

    regions = frame([("grassroots_unions", 2009, "甘州区", "", 700, ""), ("grassroots_unions", 2009, "城东区", "", 380, "")])
    figures = city_figures(regions, regions.iloc[0:0], ["grassroots_unions"], BUILTIN, "r",
                           Coverage(("甘州区", "城东区"), SIX))
    assert figures.observations.empty  # nothing for the city unless the closer confirms it
    [pending] = figures.pending.to_dict("records")
    assert (pending["region"], pending["value"], pending["qualifier"]) == ("", 1080.0, ">=")
    assert pending["note"].startswith("部分汇总：2/6个地区（甘州区、城东区）")


def test_a_sum_of_every_region_is_the_citys_figure_with_no_marker():
    from indicators.round_sum import Coverage

    regions = frame([("grassroots_unions", 2009, r, "", 100 + i, "") for i, r in enumerate(SIX)])
    figures = city_figures(regions, regions.iloc[0:0], ["grassroots_unions"], BUILTIN, "r", Coverage(SIX, SIX))
    [city] = figures.observations.to_dict("records")
    assert (city["value"], city["qualifier"], city["note"]) == (615.0, "", SUMMED_NOTE)  # 100 + … + 105
    assert figures.pending.empty and figures.warnings == []


def test_a_city_sum_falling_40_percent_is_warned_and_pending():
    from indicators.round_sum import Coverage

    published = frame([("grassroots_unions", 2008, "", "", 2185, "")])
    regions = frame([("grassroots_unions", 2009, r, "", v, "") for r, v in zip(SIX, (200, 200, 200, 200, 300, 211),
                                                                                strict=True)])
    figures = city_figures(regions, regions.iloc[0:0], ["grassroots_unions"], BUILTIN, "r", Coverage(SIX, SIX),
                           published)
    [warning] = figures.warnings
    assert (warning.rule, warning.region, warning.value, warning.params["change"]) == ("warn_jump", "", 1311.0, -40.0)
    assert figures.observations.empty and figures.pending["value"].tolist() == [1311.0]  # 1311 / 2185 − 1 = −40 %
    assert warning_message(warning, BUILTIN, "zh").startswith("基层工会组织数（全市 2009）为 1,311个")


def test_no_rate_is_computed_from_partial_sums():
    from indicators.round_sum import Coverage

    catalogue = BUILTIN.with_added([WORKERS, SHARE])
    regions = frame([("union_members", 2009, "甘州区", "", 4.0, ""), ("workers", 2009, "甘州区", "", 50_000, "")])
    figures = city_figures(regions, regions.iloc[0:0], ["union_members", "workers", "member_share"], catalogue, "r",
                           Coverage(("甘州区",), SIX))
    assert "member_share" not in set(figures.observations["code"]) | set(figures.pending["code"])
    assert sorted(figures.pending["code"]) == ["union_members", "workers"]


def test_the_partial_sum_note_reads_in_english_with_its_regions():
    from indicators.round_sum import Coverage
    from indicators.translation import note_label

    note = Coverage(("城东区", "甘州区"), SIX).note()
    assert note == "部分汇总：2/6个地区（城东区、甘州区），不是全市数"
    assert note_label(note, "zh") == note
    assert note_label(f"{note}；截至2008年上半年", "en") == (
        "Partial sum: 2 of 6 regions (Chengdong District, Ganzhou District), not the city's figure; as of mid-2008")
