"""Page layouts and callbacks as plain functions: no browser needed."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from app import create_app
from layouts.state import changed_search, selection_search


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"db": str(tmp_path_factory.mktemp("pages") / "store.db")})


def _find(component, wanted_id):
    """A component of a layout tree by id."""
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, wanted_id)
            if found is not None:
                return found
    return None


def _text(component) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    parts = children if isinstance(children, list) else [children]
    return " ".join(_text(c) for c in parts if c is not None)


def test_changed_search():
    assert changed_search("?lang=en&year=2006", year=2008) == "?lang=en&year=2008"
    assert changed_search("", year=2008, region="") == "?year=2008"
    assert changed_search("?region=甘州区", region="") == ""


def test_overview_layout_has_every_card_with_reported_values(app):
    from layouts.pages import overview

    with app.server.test_request_context("/"):
        tree = overview.layout()
    assert "2,185个" in _text(_find(tree, "card-grassroots_unions"))
    assert sum(1 for code in ("card-union_members", "card-aid_funds") if _find(tree, code)) == 2


def test_overview_in_english_for_a_region_and_year(app):
    from layouts.pages import overview

    with app.server.test_request_context("/"):
        tree = overview.layout(lang="en", year="2006", region="甘州区")
    text = _text(_find(tree, "card-grassroots_unions"))
    assert "Grassroots union organisations" in text and "2006" in text and "Illustrative" in text


def test_indicator_layout_and_unknown_code(app):
    from layouts.pages import indicator

    with app.server.test_request_context("/"):
        tree = indicator.layout(code="model_workers", year="2008")
        assert _find(tree, "indicator-group-chart") is not None
        assert "劳动模范" in _text(tree)
        missing = indicator.layout(code="nope")
    assert "没有这个指标" in _text(missing)


def test_indicator_page_names_definition_passage_and_revision(app):
    from layouts.pages import indicator

    with app.server.test_request_context("/"):
        text = _text(indicator.layout(code="grassroots_unions"))
        english = _text(indicator.layout(code="grassroots_unions", lang="en"))
    assert "截至今年上半年" in text and "第8段" in text  # the report passage and its fragment
    assert "第 1 号修订版 · builtin.xlsx" in text  # which revision the numbers came from
    assert "revision 1 · builtin.xlsx" in english and "Higher is better" in english


def test_method_page_in_both_languages(app):
    from layouts.pages import method

    with app.server.test_request_context("/"):
        zh, en = _text(method.layout()), _text(method.layout(lang="en"))
    assert "年均复合增长率" in zh and "0.95" in zh and "进展顺利" in zh
    assert "compound annual growth rate" in en and "Moving away" in en


def test_bad_query_values_fall_back(app):
    from layouts.pages import indicator

    with app.server.test_request_context("/"):
        tree = indicator.layout(code="grassroots_unions", year="abc", region="<script>", lang="xx")
    assert "基层工会组织数" in _text(tree)


def test_a_selector_changes_the_url_but_its_first_render_does_not():
    shown = {"year": 2008, "region": ""}
    with pytest.raises(PreventUpdate):  # a fresh selector reporting what the page shows
        selection_search(shown, "", year=2008, region="")
    assert selection_search(shown, "?lang=en", year=2006, region="") == "?lang=en&year=2006"
    assert selection_search(shown, "?lang=en", year=2008, region="甘州区") == "?lang=en&year=2008&region=%E7%94%98%E5%B7%9E%E5%8C%BA"
    with pytest.raises(PreventUpdate):  # the URL already says so: no second navigation
        selection_search({"year": 2008}, "?year=2006&lang=en", year=2006, region="")


def test_method_pages_worked_examples_are_what_the_code_computes(app):
    from indicators.progress import STATUS_LABELS, progress_status
    from layouts.pages import method

    with app.server.test_request_context("/"):
        zh, en = _text(method.layout()), _text(method.layout(lang="en"))
    flows = progress_status([(2004, 100), (2005, 220), (2006, 364)], "increase", cumulative=True)
    falling = progress_status([(2004, 100), (2005, 220), (2006, 310)], "increase", cumulative=True)
    path = progress_status([(2004, 140), (2005, 290), (2006, 420)], "increase", 750, 2008, 2003, cumulative=True)
    early = progress_status([(2006, 450), (2007, 752)], "increase", 750, 2008, 2003, cumulative=True)
    assert (flows.status, falling.status, path.status, early.status) == (
        "on_track", "moving_away", "needs_acceleration", "met_early")
    assert f"{path.ratio:.2f}" == "0.93"
    for text, lang in ((zh, "zh"), (en, "en")):
        assert "420 ÷ 450 = 0.93" in text
        assert STATUS_LABELS["met_early"][lang] in text and STATUS_LABELS["met"][lang] in text
    assert "累计数与期间目标" in zh and "Running totals and period targets" in en


def test_a_running_total_is_judged_on_its_flows_on_the_page(app):
    from layouts.pages import indicator

    with app.server.test_request_context("/"):
        aid = _text(indicator.layout(code="aid_funds", lang="en"))
        training = _text(indicator.layout(code="reemployment_training"))
        training_2006 = _text(indicator.layout(code="reemployment_training", year="2006"))
    assert "Growth of the yearly additions" in aid and "2008 covers part of the year" in aid
    assert "Annual growth" not in aid  # the growth of a running total is not shown as progress
    assert "已完成目标" in training and "2008年达到目标" in training
    assert "2006年应达到450人" in training_2006


def test_pages_say_which_years_the_data_use(app, tmp_path):
    from layouts.pages import overview

    with app.server.test_request_context("/"):
        union = overview.layout(year="2008")
    calendar_app = create_app({"db": str(tmp_path / "calendar.db"), "year_basis": "calendar"})
    with calendar_app.server.test_request_context("/"):
        calendar_years = overview.layout(year="2007")
    assert "2008年度" in _text(_find(union, "card-grassroots_unions"))
    assert "上年10月1日至当年9月30日" in _text(_find(union, "overview-year-basis"))
    assert "2007年" in _text(_find(calendar_years, "card-grassroots_unions"))
    assert "日历年度" in _text(_find(calendar_years, "overview-year-basis"))


def test_overview_and_indicator_page_carry_the_drafted_paragraphs(app):
    from layouts.pages import indicator, overview

    with app.server.test_request_context("/"):
        highlights = _find(overview.layout(year="2008", region="甘州区"), "overview-highlights")
        draft = _find(indicator.layout(code="grassroots_unions", year="2006", lang="en"), "indicator-draft")
    text = _text(highlights)
    assert "甘州区工会工作主要指标 · 2008年度（2007.10.1–2008.9.30）" in text
    assert "组织建设方面，2008年度暂无报告数据。" in text  # 甘州区's figures are all illustrative
    # No number stated, none cited; never the revision's file in place of a number's own source.
    assert "复制全部" in text and "（来源：" not in text and "builtin.xlsx" not in text
    assert "the value for statistics year 2006 is illustrative and is not stated as a fact" in _text(draft)
