"""A paragraph whose indicator has no reported figure for the year asked speaks of its own latest
reported year, and says so, instead of "暂无报告数据".
"""

from __future__ import annotations

from test_narrative import REVISION, index

from indicators.catalogue import CATALOGUE
from indicators.narrative import indicator_paragraph, section_paragraph, year_draft


def test_a_section_states_each_indicators_latest_reported_figure_with_its_year():
    data = index([("grassroots_unions", 2008, 2185), ("grassroots_unions", 2009, 2310),
                  ("union_members", 2007, 10.9), ("union_members", 2008, 11.29)])
    zh = section_paragraph(data, "organisation", 2009, lang="zh", revision=REVISION, year_basis="calendar")
    en = section_paragraph(data, "organisation", 2009, lang="en", revision=REVISION, year_basis="calendar")
    assert "截至2009年底，全市基层工会组织数达到2310个" in zh
    assert "截至2008年底，全市工会会员数达到11.29万人，比上年增加0.39万人，增长3.6%（2009年暂无报告数据，此为最近报告的2008年数据）" in zh
    assert "Union members stood at 112,900 people at the end of 2008" in en
    assert "(no figure reported for 2009; this is the latest reported, for 2008)" in en
    others = sum(1 for ind in CATALOGUE if ind.category == "organisation") - 2  # neither has a value: left out
    assert f"另有{others}项指标2009年只有示例数据或暂无数据，未列入" in zh and f"{others} more indicators" in en


def test_a_section_with_nothing_that_year_speaks_of_earlier_reported_years():
    data = index([("grassroots_unions", 2008, 2185), ("union_members", 2009, 12.05, "", "示例"),
                  ("union_members", 2008, 11.29)])
    zh = section_paragraph(data, "organisation", 2009, lang="zh", year_basis="union")
    assert "暂无报告数据。" not in zh
    assert "截至2008年9月底，全市基层工会组织数达到2185个（2009年度暂无报告数据，此为最近报告的2008年度数据）" in zh
    assert "全市工会会员数达到11.29万人（2009年度的数值为示例数据，不作为事实表述；此为最近报告的2008年度数据）" in zh
    assert "12.05" not in zh


def test_an_indicator_with_no_reported_figure_up_to_the_year_is_still_left_out():
    data = index([("grassroots_unions", 2009, 2310), ("union_members", 2009, 12.05, "", "示例"),
                  ("union_members", 2010, 12.5)])
    zh = section_paragraph(data, "organisation", 2009, lang="zh", year_basis="calendar")
    assert "12.05" not in zh and "12.5" not in zh and "工会会员数" not in zh
    assert "2009年只有示例数据或暂无数据，未列入" in zh
    nothing = section_paragraph(data, "aid", 2009, lang="zh", year_basis="calendar")
    assert nothing.startswith("帮扶方面，2009年暂无报告数据。")


def test_an_indicators_paragraph_for_a_year_without_a_reported_figure():
    data = index([("grassroots_unions", 2003, 1337), ("grassroots_unions", 2008, 2185),
                  ("grassroots_unions", 2009, 2310, "", "示例")])
    zh = indicator_paragraph(data, "grassroots_unions", 2009, lang="zh", revision=REVISION, year_basis="calendar")
    assert zh == ("截至2008年底，全市基层工会组织数达到2185个，比五年前（2003年）增加848个，增长63.4%"
                  "（2009年的数值为示例数据，不作为事实表述；此为最近报告的2008年数据）。"
                  "（来源：2009年统计年报）")  # the numbers' own source, not the revision's file
    en = indicator_paragraph(data, "grassroots_unions", 2009, lang="en", year_basis="calendar")
    assert en.startswith("Grassroots union organisations stood at 2,185 organisations at the end of 2008")
    assert ("(the value for 2009 is illustrative and is not stated as a fact; "
            "this is the latest reported, for 2008).") in en


def test_the_years_draft_keeps_its_year_in_the_title():
    data = index([("grassroots_unions", 2009, 2310), ("aid_funds", 2008, 500)])
    draft = year_draft(data, 2009, lang="zh", year_basis="calendar", city="xx市")
    assert draft.title == "xx市工会工作主要指标 · 2009年"
    aid = next(p for p in draft.paragraphs if p.startswith("帮扶方面"))
    assert "2008年" in aid and "（2009年暂无报告数据，此为最近报告的2008年数据）" in aid
