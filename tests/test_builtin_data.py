"""The built-in workbook holds every figure of the report, marked as such, in the upload format."""

from __future__ import annotations

import pytest

from indicators.catalogue import BY_CODE

# Every figure the report states (CATALOG.md): (code, year, group, value, qualifier, fragment).
REPORTED = [
    ("grassroots_unions", 2008, "", 2185, "", "8"),
    ("grassroots_unions", 2003, "", 1337, "", "8"),
    ("union_members", 2008, "", 11.29, "", "8"),
    ("union_members", 2003, "", 7.42, "", "8"),
    ("union_formation_rate", 2008, "", 90, ">=", "8"),
    ("membership_rate", 2008, "", 90, ">=", "8"),
    ("township_community_coverage", 2008, "", 100, "", "8"),
    ("new_regional_sector_unions", 2008, "", 59, "", "8"),
    ("migrant_worker_unions", 2008, "", 33, "", "8"),
    ("migrant_members_recruited", 2008, "", 3.01, "", "8"),
    ("model_worker_homes", 2008, "全国", 2, "", "9"),
    ("model_worker_homes", 2008, "省级", 20, "", "9"),
    ("model_worker_homes", 2008, "市级", 206, "", "9"),
    ("five_good_county_unions", 2008, "", 2, "", "10"),
    ("collective_contract_coverage", 2008, "", 76, "", "4"),
    ("women_special_contracts", 2008, "", 243, "", "4–5"),
    ("workers_congress_rate_restructured", 2008, "", 95, ">=", "5"),
    ("workers_congress_rate_nonpublic", 2008, "", 63, "", "5"),
    ("harmonious_enterprises", 2008, "", 14, "", "5"),
    ("aid_funds", 2008, "", 433, "", "6–7"),
    ("aid_funds", 2008, "两节慰问", 278, "", "6–7"),
    ("aid_funds", 2008, "日常帮扶", 155, "", "6–7"),
    ("festival_visits", 2008, "", 8900, "", "6–7"),
    ("hardship_aid_cases", 2008, "", 830, "", "7"),
    ("reemployment_training", 2008, "", 750, ">=", "7"),
    ("reemployment_referral", 2008, "", 750, ">=", "7"),
    ("reemployment_placement", 2008, "", 750, ">=", "7"),
    ("quake_relief_cash", 2008, "", 19.66, "", "7"),
    ("quake_relief_goods", 2008, "", 127, "", "7"),
    ("model_workers", 2008, "全国", 2, "", "3"),
    ("model_workers", 2008, "省部级", 19, "", "3"),
    ("model_workers", 2008, "市级", 30, "", "3"),
    ("model_workers", 2008, "县级", 114, "", "3"),
    ("may_day_certificates", 2008, "", 5, "", "3"),
    ("may_day_medals", 2008, "", 6, "", "3"),
    ("worker_pioneer_units", 2008, "", 1, "", "3"),
    ("skill_contest_trades", 2008, "", 12, "", "4"),
    ("skill_contest_awards", 2008, "技术能手", 12, "", "4"),
    ("skill_contest_awards", 2008, "技术标兵", 36, "", "4"),
    ("skill_contest_awards", 2008, "优秀选手", 63, "", "4"),
    ("skill_grade_promotions", 2008, "", 37, "", "4"),
    ("rationalisation_proposals", 2008, "", 30000, "~", "4"),
    ("proposal_benefit", 2008, "", 9000, "~", "4"),
    ("cadres_trained_upper", 2008, "", 300, ">=", "9"),
    ("city_training_sessions", 2008, "", 4, "", "9"),
    ("city_training_attendance", 2008, "", 490, ">=", "9"),
    ("county_training_attendance", 2008, "", 2400, ">=", "9"),
]

TARGETS = [
    ("worker_libraries", 2013, "", 40, ""),
    ("worker_libraries", 2013, "省级示范点", 2, ""),
    ("worker_libraries", 2013, "市级示范点", 8, ""),
    ("reemployment_training", 2008, "", 750, ""),
    ("reemployment_referral", 2008, "", 750, ""),
    ("reemployment_placement", 2008, "", 750, ""),
    ("union_formation_rate", 2013, "", 90, ">="),
    ("membership_rate", 2013, "", 90, ">="),
]


def _one(frame, code, year, group, region=""):
    rows = frame[(frame["code"] == code) & (frame["year"] == year) & (frame["group"] == group)
                 & (frame["region"] == region)]
    assert len(rows) == 1, (code, year, group, len(rows))
    return rows.iloc[0]


def test_builtin_workbook_is_clean(builtin):
    assert builtin.problems == []
    assert dict(builtin.sheets)["数据"] == "long" and dict(builtin.sheets)["目标"] == "targets"


@pytest.mark.parametrize("code, year, group, value, qualifier, fragment", REPORTED,
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in REPORTED])
def test_every_reported_figure(builtin, code, year, group, value, qualifier, fragment):
    row = _one(builtin.observations, code, year, group)
    assert row["value"] == pytest.approx(value)
    assert row["qualifier"] == qualifier
    assert row["source"] == f"报告·第{fragment}段"


def test_every_indicator_with_a_reported_figure_is_present(builtin):
    reported = {r[0] for r in REPORTED}
    assert reported == set(BY_CODE) - {"worker_libraries"}  # worker_libraries: a target only
    assert set(builtin.observations["code"]) >= reported


@pytest.mark.parametrize("code, year, group, value, qualifier", TARGETS)
def test_targets_from_the_report(builtin, code, year, group, value, qualifier):
    row = _one(builtin.targets, code, year, group)
    assert row["value"] == pytest.approx(value)
    assert row["qualifier"] == qualifier
    assert str(row["source"]).startswith("报告")


def test_damaged_figures_carry_their_note(builtin):
    for group, damaged in (("省级", "2023"), ("市级", "20236")):
        note = _one(builtin.observations, "model_worker_homes", 2008, group)["note"]
        assert damaged in note and "推断" in note


def test_illustrative_values_are_marked_and_agree_with_the_report(builtin):
    obs = builtin.observations
    sources = set(obs["source"])
    assert all(s.startswith("报告") or s == "示例" for s in sources)
    illustrative = obs[obs["source"] == "示例"]
    assert len(illustrative) > 0 and set(illustrative["year"]) >= {2004, 2005, 2006, 2007}
    # A running total of 2004-2008 ends at the reported five-year total and never goes down.
    for code in ("festival_visits", "aid_funds", "model_workers"):
        series = obs[(obs["code"] == code) & (obs["region"] == "") & (obs["group"] == "")].sort_values("year")
        assert series["value"].is_monotonic_increasing
        assert series["value"].iloc[-1] == _one(obs, code, 2008, "")["value"]
    # Regions sum to the city for counts.
    for code in ("grassroots_unions", "festival_visits", "women_special_contracts"):
        regional = obs[(obs["code"] == code) & (obs["region"] != "") & (obs["year"] == 2008)]
        assert len(regional) >= 5
        assert regional["value"].sum() == pytest.approx(_one(obs, code, 2008, "")["value"])
    # Regional rates stay rates.
    rates = obs[(obs["code"] == "union_formation_rate") & (obs["region"] != "")]
    assert len(rates) > 0 and rates["value"].max() <= 100


def test_group_totals_add_up(builtin):
    obs = builtin.observations
    for code in ("model_workers", "aid_funds", "skill_contest_awards"):
        groups = obs[(obs["code"] == code) & (obs["year"] == 2008) & (obs["group"] != "") & (obs["region"] == "")]
        assert groups["value"].sum() == pytest.approx(_one(obs, code, 2008, "")["value"])
