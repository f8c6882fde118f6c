"""The catalogue holds every indicator of the report, with correct wording and full metadata."""

from __future__ import annotations

import pytest

from indicators.catalogue import BY_CODE, CATALOGUE, CATEGORIES, KINDS, find_indicator

# From ../shared/report/CATALOG.md: code -> (Chinese name, unit, kind, category).
EXPECTED = {
    "grassroots_unions": ("基层工会组织数", "个", "stock", "organisation"),
    "union_members": ("工会会员数", "万人", "stock", "organisation"),
    "union_formation_rate": ("工会组建率", "%", "rate", "organisation"),
    "membership_rate": ("职工入会率", "%", "rate", "organisation"),
    "township_community_coverage": ("乡镇(街道)、社区建会率", "%", "rate", "organisation"),
    "new_regional_sector_unions": ("新建区域性行业性工会组织", "个", "cumulative", "organisation"),
    "migrant_worker_unions": ("以农民工会员为主体的工会组织", "个", "cumulative", "organisation"),
    "migrant_members_recruited": ("发展农民工会员", "万人", "cumulative", "organisation"),
    "model_worker_homes": ("模范职工之家(小家)", "个", "cumulative", "organisation"),
    "five_good_county_unions": ('"五好"县区工会', "个", "stock", "organisation"),
    "collective_contract_coverage": ("集体合同(工资集体协议)签订率", "%", "rate", "rights"),
    "women_special_contracts": ("女职工特殊权益保护专项集体合同", "个", "stock", "rights"),
    "workers_congress_rate_restructured": ("改制企业职代会建制率", "%", "rate", "rights"),
    "workers_congress_rate_nonpublic": ("已建会非公有制企业职代会建制率", "%", "rate", "rights"),
    "harmonious_enterprises": ("省级劳动关系和谐企业", "户", "cumulative", "rights"),
    "aid_funds": ("市总工会帮扶资金", "万元", "cumulative", "aid"),
    "festival_visits": ('"两节"慰问困难职工', "人次", "cumulative", "aid"),
    "hardship_aid_cases": ("特困职工、困难劳模、困难职工子女、大病职工帮扶", "人次", "cumulative", "aid"),
    "reemployment_training": ("下岗失业人员职业培训", "人", "cumulative", "aid"),
    "reemployment_referral": ("下岗失业人员职业介绍", "人", "cumulative", "aid"),
    "reemployment_placement": ("下岗失业人员实现就业", "人", "cumulative", "aid"),
    "quake_relief_cash": ("抗震救灾捐款", "万元", "cumulative", "aid"),
    "quake_relief_goods": ("抗震救灾捐物折价", "万元", "cumulative", "aid"),
    "model_workers": ("劳动模范", "名", "cumulative", "skills"),
    "may_day_certificates": ("五一劳动奖状", "个", "cumulative", "skills"),
    "may_day_medals": ("五一劳动奖章", "名", "cumulative", "skills"),
    "worker_pioneer_units": ("工人先锋号(全国)", "个", "cumulative", "skills"),
    "skill_contest_trades": ("市级职工技能大赛工种", "个", "cumulative", "skills"),
    "skill_contest_awards": ("技能大赛获奖", "名", "cumulative", "skills"),
    "skill_grade_promotions": ("取得高一级技术等级证书", "人", "cumulative", "skills"),
    "rationalisation_proposals": ("合理化建议", "条", "cumulative", "skills"),
    "proposal_benefit": ("合理化建议创经济效益", "万元", "cumulative", "skills"),
    "worker_libraries": ("职工书屋", "个", "stock", "skills"),
    "cadres_trained_upper": ("参加全国、全省培训的工会干部", "名", "cumulative", "capacity"),
    "city_training_sessions": ("市总工会培训班", "期", "cumulative", "capacity"),
    "city_training_attendance": ("市总工会培训人次", "人次", "cumulative", "capacity"),
    "county_training_attendance": ("县区总工会培训人次", "人次", "cumulative", "capacity"),
}

# Words of the machine-garbled report that must never reach the product (NOTES.md).
GARBLED = ["效劳", "根底", "广阔职工", "荣耀传统", "创立", "平安检查", "回忆", "坚决不移", "催促", "原那么",
           "差距和缺乏", "集中表达", "到达", "发奋有为", "新建工程", "止今年上半年", "和.谐", "科学开展观",
           "会员开展", "开展农民工"]


def test_catalogue_has_exactly_the_reports_indicators():
    assert [ind.code for ind in CATALOGUE] == list(EXPECTED)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_entry_metadata(code):
    ind = BY_CODE[code]
    name, unit, kind, category = EXPECTED[code]
    assert (ind.name_zh, ind.unit_zh, ind.kind, ind.category) == (name, unit, kind, category)
    assert ind.kind in KINDS and ind.category in CATEGORIES
    assert ind.direction in ("increase", "decrease")
    assert ind.name_en and ind.unit_en and ind.definition_zh and ind.definition_en
    assert ind.fragment and ind.passage
    assert find_indicator(code) is ind
    assert find_indicator(name) is ind
    if kind == "rate":
        # A rate states its numerator and denominator.
        assert "÷" in ind.definition_zh or "/" in ind.definition_zh, ind.definition_zh
        assert "÷" in ind.definition_en or "divided by" in ind.definition_en, ind.definition_en


@pytest.mark.parametrize("code", list(EXPECTED))
def test_no_garbled_wording(code):
    ind = BY_CODE[code]
    texts = [ind.name_zh, ind.definition_zh, ind.passage, ind.note_zh, *ind.aliases]
    for word in GARBLED:
        assert not any(word in text for text in texts), (code, word)


def test_damaged_figures_are_flagged():
    homes = BY_CODE["model_worker_homes"]
    assert "2023" in homes.note_zh and "20236" in homes.note_zh


@pytest.mark.parametrize("label, code", [
    ("基层工会组织数(个)", "grassroots_unions"),
    ("基层工会组织数（个）", "grassroots_unions"),
    ("  工会会员数 ", "union_members"),
    ("UNION_MEMBERS", "union_members"),
    ("“两节”慰问困难职工", "festival_visits"),
    ("五好县区工会", "five_good_county_unions"),
    ("模范职工之(小)家", "model_worker_homes"),
    ("Union formation rate", "union_formation_rate"),
])
def test_labels_people_type_are_recognised(label, code):
    assert find_indicator(label).code == code


@pytest.mark.parametrize("label", ["", None, "基层工会", "not an indicator", "2008"])
def test_unknown_labels_are_not_guessed(label):
    assert find_indicator(label) is None
