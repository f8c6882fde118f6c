"""A confirmed partial sum in words: the drafted paragraph names it as the sum of the regions it adds up,
never as the city's level, and compares it with nothing (a sum of 2 regions against the city's figure of the
year before says nothing about the city)."""

from __future__ import annotations

import re

import pytest

from indicators import narrative
from indicators.application import Application
from indicators.translation import partial_sum_of
from indicators.users import Users
from round_tables import fill_template

TABLES = {"甘州区": {"grassroots_unions": 760, "union_members": 4.2},
          "城东区": {"grassroots_unions": 551, "union_members": 2.05}}


@pytest.fixture(scope="module")
def closed(tmp_path_factory):
    app = Application({"db": str(tmp_path_factory.mktemp("partial-words") / "s.db")})
    Users(app.store).add("chief", "reviewer-password", "reviewer")
    round_ = app.rounds.open("2009年度", 2009, "2099-10-31", list(TABLES["甘州区"]), list(TABLES), "chief", "reviewer")
    for region, values in TABLES.items():
        _, template = app.rounds.template(round_.id, region, "chief", "reviewer", "zh")
        check = app.rounds.check_now(round_.id, region, fill_template(template, values), "t.xlsx", "chief", "reviewer")
        app.rounds.submit_check(check, {w.key: "核实无误" for w in check.warnings}, "chief", "reviewer")
        app.rounds.review(round_.id, region, "approved", "", "chief", "reviewer")
    app.rounds.close(round_.id, "chief", "reviewer", confirm_partial=True)
    return app


def test_the_stored_note_reads_back_as_a_partial_sum():
    found = partial_sum_of("部分汇总：2/6个地区（甘州区、城东区），不是全市数")
    assert (found.approved, found.expected, found.regions) == (2, 6, ("甘州区", "城东区"))
    assert partial_sum_of("截至2008年上半年；部分汇总：1/6个地区（甘州区），不是全市数").regions == ("甘州区",)
    assert partial_sum_of("截至2008年上半年") is None and partial_sum_of("") is None


def test_a_partial_sums_paragraph_names_its_regions_and_never_the_citys_level(closed):
    index = closed.data_index()
    zh = narrative.indicator_paragraph(index, "grassroots_unions", 2009, lang="zh")
    assert "甘州区、城东区2个地区基层工会组织数合计1311个以上" in zh, zh
    assert "部分汇总" in zh and "不是全市数" in zh
    assert not re.search(r"全市[^，。（]*达到", zh), zh
    assert "比上年" not in zh and "五年前" not in zh  # a part of the city against the whole city: no change
    en = narrative.indicator_paragraph(index, "grassroots_unions", 2009, lang="en")
    assert "2 of the 6 regions (Ganzhou District, Chengdong District)" in en, en
    assert "partial sum" in en and "stood at" not in en
    section = narrative.section_paragraph(index, closed.catalogue().by_code["union_members"].category, 2009)
    assert "甘州区、城东区2个地区工会会员数合计6.25万人以上" in section, section


def test_no_change_or_status_rests_on_a_partial_sum(closed):
    from indicators.indicator_view import summarise

    index = closed.data_index()
    summary = summarise(index, "grassroots_unions", 2009)
    assert summary.latest.value == 1311 and summary.latest.qualifier == ">="  # shown, as a bound
    assert summary.change_on_previous is None and summary.change_over_term is None  # 1311 of 2 regions − 2185
    assert summary.progress.status != "moving_away"
    assert summary.progress.latest_year == 2008  # judged on the last figure of the whole city
    district = summarise(index, "grassroots_unions", 2009, region="甘州区")
    assert district.change_on_previous == 760 - 678  # a district's own figure is whole
