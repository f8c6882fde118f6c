"""Collection rounds through the application object: open, templates, check, submit with explanations,
return and resubmit, approve, the board's sums, close; and every refusal, which changes nothing."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest

from indicators.application import Application, UseCaseError
from indicators.catalogue import using
from indicators.catalogue_edit import make_indicator, normalise_fields
from indicators.round_cases import refusal
from indicators.rounds import RoundError
from indicators.users import Users
from round_tables import fill_template

CODES = ["grassroots_unions", "union_members"]


def wait(app: Application, job_id: str):
    deadline = time.monotonic() + 120
    while not (job := app.jobs.get(job_id)).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return job


@pytest.fixture
def app(tmp_path):
    application = Application({"db": str(tmp_path / "s.db")})
    users = Users(application.store)
    users.add("chief", "reviewer-password", "reviewer")
    users.add("gz", "district-password", "editor")
    users.add("cd", "district-password", "editor")
    users.add("clerk", "editor-password", "editor")
    users.tie("gz", ["甘州区"])
    users.tie("cd", ["城东区"])
    return application


def open_round(app: Application, **changes):
    args = {"name": "2009年度", "year": 2009, "deadline": "2009-10-31", "codes": CODES, "regions": ["甘州区", "城东区"],
            "user": "chief", "role": "reviewer", **changes}
    return app.rounds.open(args.pop("name"), args.pop("year"), args.pop("deadline"), args.pop("codes"),
                           args.pop("regions"), args.pop("user"), args.pop("role"))


def checked(app: Application, round_id: int, region: str, data: bytes, user: str, role: str = "editor"):
    job_id = app.rounds.start_check(round_id, region, data, "t.xlsx", user, role)
    assert wait(app, job_id).status == "done"
    return job_id, app.rounds.checked(job_id, user, role)


def test_only_a_reviewer_opens_a_round_and_its_fields_are_checked(app):
    for role in (None, "viewer", "editor"):
        with pytest.raises(RoundError) as refused:
            open_round(app, role=role)
        assert refused.value.code == "not_allowed"
    for changes, code in (({"name": " "}, "bad_name"), ({"year": 1800}, "bad_year"), ({"deadline": "soon"},
                          "bad_deadline"), ({"codes": []}, "no_indicators"), ({"codes": ["nope"]}, "unknown_indicator"),
                          ({"regions": ["火星区"]}, "unknown_region"), ({"regions": []}, "no_regions")):
        with pytest.raises(RoundError) as refused:
            open_round(app, **changes)
        assert refused.value.code == code, changes
    assert app.rounds.rounds() == []
    round_ = open_round(app)
    assert (round_.name, round_.year, round_.regions, round_.indicators) == ("2009年度", 2009, ("甘州区", "城东区"),
                                                                              tuple(CODES))
    assert str(round_.period_start) == "2008-10-01" and str(round_.period_end) == "2009-09-30"  # a union year
    with pytest.raises(RoundError) as refused:
        open_round(app)
    assert refused.value.code == "name_taken"


def test_each_district_gets_its_own_protected_template_and_the_reviewer_all_of_them(app):
    round_ = open_round(app)
    name, data = app.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    assert name == "2009年度-甘州区.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(data))["数据"]
    assert ws["A1"].value.startswith(f"表号：R{round_.id}") and "甘州区" in ws["A1"].value
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == CODES and {r[3] for r in rows} == {"甘州区"} and {r[2] for r in rows} == {2009}
    assert [(r[9], r[10]) for r in rows] == [(678, 2008), (4.07, 2008)]  # the last published values beside
    assert ws.protection.sheet and ws["A4"].protection.locked and not ws["F4"].protection.locked
    for user, region in (("gz", "城东区"), ("cd", "甘州区"), ("clerk", "甘州区")):
        with pytest.raises(RoundError) as refused:
            app.rounds.template(round_.id, region, user, "editor", "zh")
        assert refused.value.code == "not_your_region"
    with pytest.raises(RoundError):
        app.rounds.templates_zip(round_.id, "gz", "editor", "zh")
    _, archive = app.rounds.templates_zip(round_.id, "chief", "reviewer", "en")
    assert sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist()) == ["2009年度-城东区.xlsx", "2009年度-甘州区.xlsx"]


def test_a_warning_is_submitted_only_with_its_explanation(app):
    round_ = open_round(app)
    _, template = app.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    job_id, check = checked(app, round_.id, "甘州区", fill_template(template, {"grassroots_unions": 900,
                                                                            "union_members": 4.2}), "gz")
    assert check.ok, [p.message("en") for p in check.parsed.problems]
    assert [(w.rule, w.code, w.region) for w in check.warnings] == [("warn_jump", "grassroots_unions", "甘州区")]
    with pytest.raises(RoundError) as refused:
        app.rounds.submit(job_id, {}, "gz", "editor")
    assert refused.value.code == "explanation_missing" and "1 warning" in refusal(refused.value, "en")
    with pytest.raises(RoundError) as refused:  # another district cannot submit this check
        app.rounds.submit(job_id, {check.warnings[0].key: "x"}, "cd", "editor")
    assert refused.value.code == "no_job"
    sub = app.rounds.submit(job_id, {check.warnings[0].key: "两家企业合并"}, "gz", "editor")
    assert (sub.region, sub.state, sub.submitted_by) == ("甘州区", "submitted", "gz")
    board = app.rounds.board(round_.id, "chief", "reviewer")
    row = board.rows[0]
    assert (row.region, row.state, [w.explanation for w in row.warnings]) == ("甘州区", "submitted", ["两家企业合并"])
    # The check cannot be published around the round, by the district or anyone.
    with pytest.raises(UseCaseError) as refused_publish:
        app.publish(job_id, "gz", "editor")
    assert refused_publish.value.code == "round_table"


def test_a_district_cannot_send_another_regions_figures(app):
    round_ = open_round(app)
    _, template = app.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    with pytest.raises(RoundError) as refused:
        app.rounds.start_check(round_.id, "城东区", template, "t.xlsx", "gz", "editor")
    assert refused.value.code == "not_your_region"
    assert "甘州区" in refusal(refused.value, "zh") and "城东区" in refusal(refused.value, "zh")
    # Its own region's form, with 城东区 typed into the region cells: refused, naming each cell.
    _, check = checked(app, round_.id, "甘州区", fill_template(template, {"grassroots_unions": 700,
                                                                       "union_members": 4.1}, region="城东区"), "gz")
    wrong = [p for p in check.parsed.problems if p.rule == "round_wrong_region"]
    assert [p.where for p in wrong] == ["数据!F4", "数据!F5"] and not check.ok  # each value's cell
    assert "城东区" in wrong[0].message("zh") and "甘州区" in wrong[0].message("zh")
    # A year the round does not collect, and the form of another round.
    other = open_round(app, name="2010年度", year=2010)
    _, other_template = app.rounds.template(other.id, "甘州区", "gz", "editor", "zh")
    _, check = checked(app, round_.id, "甘州区", fill_template(other_template, {"grassroots_unions": 700}), "gz")
    rules = {p.rule for p in check.parsed.problems}
    assert {"round_wrong_form", "round_wrong_year"} <= rules
    form = next(p for p in check.parsed.problems if p.rule == "round_wrong_form")
    assert form.where == "数据!A1" and "2010年度" in form.message("zh")
    assert app.rounds.board(round_.id, "chief", "reviewer").counts["not_started"] == 2  # nothing changed


def test_returned_resubmitted_approved_summed_and_closed(app):
    round_ = open_round(app)
    for user, region, values in (("gz", "甘州区", {"grassroots_unions": 700, "union_members": 4.2}),
                                 ("cd", "城东区", {"grassroots_unions": 380, "union_members": 2.1})):
        _, template = app.rounds.template(round_.id, region, user, "editor", "zh")
        job_id, check = checked(app, round_.id, region, fill_template(template, values), user)
        assert check.ok and check.warnings == []
        app.rounds.submit(job_id, {}, user, "editor")
    with pytest.raises(RoundError) as refused:
        app.rounds.review(round_.id, "城东区", "returned", "", "chief", "reviewer")
    assert refused.value.code == "comment_needed"
    with pytest.raises(RoundError) as refused:
        app.rounds.review(round_.id, "城东区", "approved", "", "cd", "editor")
    assert refused.value.code == "not_allowed"
    returned = app.rounds.review(round_.id, "城东区", "returned", "会员数与上年不符，请核实", "chief", "reviewer")
    assert (returned.state, returned.comment) == ("returned", "会员数与上年不符，请核实")
    _, template = app.rounds.template(round_.id, "城东区", "cd", "editor", "zh")
    job_id, _ = checked(app, round_.id, "城东区", fill_template(template, {"grassroots_unions": 380,
                                                                        "union_members": 2.05}), "cd")
    assert app.rounds.submit(job_id, {}, "cd", "editor").state == "submitted"
    app.rounds.review(round_.id, "城东区", "approved", "", "chief", "reviewer")
    app.rounds.review(round_.id, "甘州区", "approved", "", "chief", "reviewer")
    board = app.rounds.board(round_.id, "gz", "editor")
    assert board.counts["approved"] == 2 and board.progress == 1.0 and board.mine == ("甘州区",)
    # 城东区's approved table is not published: its district's neighbour sees no sum made with it
    assert board.city_hidden and board.city.pending.empty and board.city.warnings == []
    assert len(board.city.coverage.approved) == 2
    board = app.rounds.board(round_.id, "chief", "reviewer")
    assert board.city.observations.empty  # 2 of the city's 6 regions: a partial sum, pending
    city = board.city.pending.set_index("code")["value"].to_dict()
    assert city == {"grassroots_unions": 1080.0, "union_members": pytest.approx(6.25)}
    assert [e["action"] for e in app.rounds.store.events(round_.id, "城东区")] == [
        "submitted", "returned", "submitted", "approved"]
    with pytest.raises(RoundError):
        app.rounds.close(round_.id, "gz", "editor")
    result = app.rounds.close(round_.id, "chief", "reviewer", confirm_partial=True)
    revision = result.revision
    assert revision.filename == "round-1-2009年度.xlsx" and revision.comment == "2009年度"
    _, obs, _ = app.store.data()
    got = obs[(obs["year"] == 2009) & (obs["code"] == "grassroots_unions")].set_index("region")
    assert got["value"].to_dict() == {"": 1080.0, "甘州区": 700.0, "城东区": 380.0}
    assert got.loc["", "qualifier"] == ">="  # confirmed as a partial sum: a lower bound
    closed = app.rounds.get(round_.id)
    assert (closed.state, closed.revision_id) == ("closed", revision.id)
    # After the close nothing more is accepted, and nothing changes.
    with pytest.raises(RoundError) as refused:
        app.rounds.start_check(round_.id, "甘州区", template, "t.xlsx", "gz", "editor")
    assert refused.value.code == "round_closed"
    with pytest.raises(RoundError) as refused:
        app.rounds.review(round_.id, "甘州区", "returned", "x", "chief", "reviewer")
    assert refused.value.code == "round_closed"
    assert len(app.store.revisions()) == 2


def test_rates_are_computed_from_their_parts_never_summed(app):
    workers = make_indicator(normalise_fields({
        "code": "workers", "name_zh": "职工人数", "name_en": "Workers", "unit_zh": "万人", "unit_en": "10k people",
        "kind": "stock", "category": "organisation"}))
    rate = make_indicator(normalise_fields({
        "code": "member_share", "name_zh": "会员占职工比重", "name_en": "Members per worker", "kind": "rate",
        "category": "organisation", "numerator": "union_members", "denominator": "workers"}))
    app.catalogue_store.add([workers, rate], "boss")
    with using(app.catalogue()):
        round_ = open_round(app, codes=["union_members", "workers", "member_share"], regions=SIX)
        members = {"北山县": 1.24, "南河县": 1.12, "城东区": 2.02, "城西区": 1.81, "甘州区": 4.07, "西湖县": 1.03}
        for region in SIX:  # the 2008 members again (11.29万), 2万 workers each, a share of 50 each
            user = {"甘州区": "gz", "城东区": "cd"}.get(region, "chief")
            role = "reviewer" if user == "chief" else "editor"
            _, template = app.rounds.template(round_.id, region, user, role, "zh")
            job_id, check = checked(app, round_.id, region, fill_template(template, {
                "union_members": members[region], "workers": 2.0, "member_share": 50}), user, role)
            assert check.ok, [p.message("en") for p in check.parsed.problems]
            app.rounds.submit(job_id, {w.key: "ok" for w in check.warnings}, user, role)
            app.rounds.review(round_.id, region, "approved", "", "chief", "reviewer")
        board = app.rounds.board(round_.id, "chief", "reviewer")
    city = board.city.observations.set_index("code")["value"].to_dict()
    assert city["union_members"] == pytest.approx(11.29) and city["workers"] == 12.0
    assert city["member_share"] == pytest.approx(1129 / 12)  # 11.29 ÷ 12 × 100, not 6 × 50
    assert board.city.how == {"union_members": "summed", "workers": "summed", "member_share": "computed"}


def test_an_explanation_shows_with_its_figure_on_the_page_in_the_download_and_in_the_briefing(app):
    from app import create_app
    from indicators.briefing_common import briefing_items, item_paragraph
    from indicators.data_export import export_frame

    round_ = open_round(app, regions=["甘州区"])
    _, template = app.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    job_id, check = checked(app, round_.id, "甘州区", fill_template(template, {"grassroots_unions": 900,
                                                                            "union_members": 4.2}), "gz")
    app.rounds.submit(job_id, {check.warnings[0].key: "两家企业<b>合并</b>"}, "gz", "editor")
    assert app.data_index().explained("grassroots_unions") == []  # not before the round publishes it
    app.rounds.review(round_.id, "甘州区", "approved", "", "chief", "reviewer")
    app.rounds.close(round_.id, "chief", "reviewer")
    index = app.data_index()
    [explained] = index.explained("grassroots_unions")
    assert (explained.region, explained.year, explained.value, explained.round) == ("甘州区", 2009, 900.0, "2009年度")
    frame = export_frame(index.observations, index.revision_id, "en", explanations=index.explanation_texts())
    row = frame[(frame["code"] == "grassroots_unions") & (frame["year"] == 2009) & (frame["region"] != "City total")]
    assert row["explanation"].tolist() == ["两家企业<b>合并</b>"]
    assert set(frame[frame["year"] < 2009]["explanation"]) == {""}
    item = next(i for i in briefing_items(index) if i.indicator.code == "grassroots_unions")
    assert "两家企业<b>合并</b>（2009年度）" in item_paragraph(index, item, "zh", None)
    dash_app = create_app(application=app)
    from layouts.pages import indicator

    with dash_app.server.test_request_context("/"):
        page = str(indicator.layout(code="grassroots_unions", year="2009").to_plotly_json())
    assert "数值说明" in page and "两家企业<b>合并</b>" in page  # as typed, never as HTML
    # Published again with another value, the explanation no longer stands beside it.
    from workbooks import long_workbook

    app.store.publish(long_workbook([["grassroots_unions", 2009, "甘州区", "", 905]]), "fix.xlsx", "boss",
                      index.observations.assign(value=index.observations["value"].where(
                          ~((index.observations["code"] == "grassroots_unions") & (index.observations["year"] == 2009)
                            & (index.observations["region"] == "甘州区")), 905.0)), index.targets)
    assert app.data_index().explained("grassroots_unions") == []


SIX = ["北山县", "南河县", "城东区", "城西区", "甘州区", "西湖县"]
# 2008 as published: 284 + 284 + 371 + 327 + 678 + 241 = 2185 unions; 1.24 + 1.12 + 2.02 + 1.81 + 4.07 + 1.03 = 11.29
STEADY = {"北山县": (290, 1.25), "南河县": (290, 1.13), "城东区": (380, 2.05), "城西区": (330, 1.85), "甘州区": (700, 4.2),
          "西湖县": (245, 1.05)}  # each within 30 % of 2008: 2235 unions, 11.53万 members


def approve(app: Application, round_id: int, values: dict[str, tuple[float, float]]) -> None:
    """Each unit's table sent by the reviewer for it (as from a paper form), explained where warned, approved."""
    for region, (unions, members) in values.items():
        _, template = app.rounds.template(round_id, region, "chief", "reviewer", "zh")
        check = app.rounds.check_now(round_id, region, fill_template(template, {"grassroots_unions": unions,
                                                                                 "union_members": members}),
                                     "t.xlsx", "chief", "reviewer")
        assert check.ok, [p.message("en") for p in check.parsed.problems]
        app.rounds.submit_check(check, {w.key: "核实无误" for w in check.warnings}, "chief", "reviewer")
        app.rounds.review(round_id, region, "approved", "", "chief", "reviewer")


def city_2009(app: Application) -> dict:
    _, obs, _ = app.store.data()
    found = obs[(obs["year"] == 2009) & (obs["region"] == "")]
    return {rec["code"]: rec for rec in found.to_dict("records")}


def test_a_round_with_two_of_six_regions_approved_leaves_the_city_figure_unchanged(app):
    round_ = open_round(app, regions=SIX)
    approve(app, round_.id, {r: STEADY[r] for r in ("甘州区", "城东区")})
    board = app.rounds.board(round_.id, "chief", "reviewer")
    assert (len(board.city.coverage.approved), len(board.city.coverage.expected)) == (2, 6)
    closed = app.rounds.close(round_.id, "chief", "reviewer")
    assert closed.coverage_text("zh").startswith("本轮覆盖6个地区中的2个")
    assert "covers 2 of the 6 regions" in closed.coverage_text("en")
    assert closed.withheld["value"].tolist() == [1080.0, pytest.approx(6.25)]  # 700 + 380; 4.2 + 2.05
    assert city_2009(app) == {}  # the city's 2009 figure stays as it was: none
    _, obs, _ = app.store.data()
    assert obs[(obs["year"] == 2009) & (obs["code"] == "grassroots_unions")].set_index("region")["value"].to_dict() \
        == {"甘州区": 700.0, "城东区": 380.0}  # the districts' figures publish


def test_a_confirmed_partial_sum_is_stored_as_a_lower_bound_marked_partial(app):
    round_ = open_round(app, regions=SIX)
    approve(app, round_.id, {r: STEADY[r] for r in ("甘州区", "城东区")})
    closed = app.rounds.close(round_.id, "chief", "reviewer", confirm_partial=True)
    assert closed.withheld.empty
    city = city_2009(app)["grassroots_unions"]
    assert (city["value"], city["qualifier"]) == (1080.0, ">=")  # shown as 1080个以上
    assert city["note"].startswith("部分汇总：2/6个地区（城东区、甘州区）")  # in the round's order


def test_every_region_approved_makes_the_sum_the_citys_figure(app):
    round_ = open_round(app, regions=SIX)
    approve(app, round_.id, STEADY)
    closed = app.rounds.close(round_.id, "chief", "reviewer")
    assert closed.coverage_text("zh").startswith("本轮覆盖6个地区中的6个") and closed.withheld.empty
    city = city_2009(app)
    assert (city["grassroots_unions"]["value"], city["grassroots_unions"]["qualifier"]) == (2235.0, "")
    assert "部分汇总" not in city["grassroots_unions"]["note"]
    assert city["union_members"]["value"] == pytest.approx(11.53)


@pytest.mark.parametrize("confirm", [False, True])
def test_a_city_sum_falling_40_percent_is_warned_at_close_and_needs_the_confirmation(app, confirm):
    round_ = open_round(app, regions=SIX)
    falling = {"北山县": (170, 1.25), "南河县": (170, 1.13), "城东区": (223, 2.05), "城西区": (196, 1.85),
               "甘州区": (407, 4.2), "西湖县": (145, 1.05)}  # 1311 unions = 2185 × 0.6: −40.0 %
    approve(app, round_.id, falling)
    board = app.rounds.board(round_.id, "chief", "reviewer")
    assert [(w.rule, w.code, w.region) for w in board.city.warnings] == [("warn_jump", "grassroots_unions", "")]
    closed = app.rounds.close(round_.id, "chief", "reviewer", confirm_partial=confirm)
    assert [(w.code, w.params["change"]) for w in closed.city_warnings] == [("grassroots_unions", -40.0)]
    city = city_2009(app)
    if confirm:
        assert city["grassroots_unions"]["value"] == 1311.0
    else:
        assert "grassroots_unions" not in city and closed.withheld["value"].tolist() == [1311.0]
    assert city["union_members"]["value"] == pytest.approx(11.53)  # +2.1 %: no warning, published


def test_a_district_editor_follows_a_rename_of_their_region(app):
    app.regions().rename("甘州区", "甘州新区", "admin")  # the use case of the regions page and the CLI
    assert app.users.regions_of("gz") == ("甘州新区",)
    round_ = open_round(app, regions=["甘州新区", "城东区"])
    board = app.rounds.board(round_.id, "gz", "editor")
    row = next(r for r in board.rows if r.region == "甘州新区")
    assert row.editors == ("gz",) and row.mine
    _, template = app.rounds.template(round_.id, "甘州新区", "gz", "editor", "zh")
    job_id, check = checked(app, round_.id, "甘州新区", fill_template(template, {"grassroots_unions": 700,
                                                                           "union_members": 4.1}), "gz")
    assert check.ok, [p.message("en") for p in check.parsed.problems]
    sub = app.rounds.submit(job_id, {}, "gz", "editor")
    assert (sub.region, sub.state, sub.submitted_by) == ("甘州新区", "submitted", "gz")
