"""The rounds' and the catalogue's pages and endpoints in process: every page for every role, English pages
free of the product's Chinese, and direct requests (a form POST, a callback POST, a download) by a
district editor for another region refused, with nothing changed."""

from __future__ import annotations

import io
import time

import pytest
from flask_login import login_user

from app import create_app
from indicators.users import Users
from layouts.auth import SessionUser
from round_tables import fill_template
from test_auth import _answer, _post, _sign_in
from wording import chinese_in


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = create_app({"db": str(tmp_path_factory.mktemp("rounds") / "s.db")})
    application = app.server.config["APPLICATION"]
    users = Users(application.store)
    users.add("chief", "reviewer-password", "reviewer")
    users.add("boss", "admin-password", "admin")
    users.add("gz", "district-password", "editor")
    users.add("cd", "district-password", "editor")
    users.tie("gz", ["甘州区"])
    users.tie("cd", ["城东区"])
    round_ = application.rounds.open("2009年度", 2009, "2099-10-31", ["grassroots_unions", "union_members"],
                                     ["甘州区", "城东区", ""], "chief", "reviewer")
    _, template = application.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    check = application.rounds.check_now(round_.id, "甘州区", fill_template(template, {
        "grassroots_unions": 900, "union_members": 4.2}), "gz.xlsx", "gz", "editor")
    application.rounds.submit_check(check, {w.key: "两家企业合并" for w in check.warnings}, "gz", "editor")
    app.server.test_client().get("/")  # Dash gathers the pages' callbacks on its first request
    return app, application, round_


def _layouts(app, application, who: str, lang: str):
    from layouts.pages import catalogue, round_board, round_check, round_review, rounds

    user = application.users.get(who)
    with app.server.test_request_context(f"/?lang={lang}"):
        login_user(SessionUser(user))
        yield "rounds", rounds.layout(lang=lang)
        yield "board", round_board.layout(round_id="1", lang=lang)
        yield "review", round_review.layout(round_id="1", region="甘州区", lang=lang)
        yield "check", round_check.layout(round_id="1", job="nope", lang=lang)
        yield "catalogue", catalogue.layout(lang=lang)
        yield "no round", round_board.layout(round_id="999", lang=lang)


@pytest.mark.parametrize("who", ["chief", "boss", "gz", "cd"])
def test_every_page_renders_for_every_role_and_english_is_free_of_chinese(site, who):
    app, application, _ = site
    typed = {"两家企业合并", "2009年度", "甘州区", "城东区"}  # what users typed: shown as typed
    for name, tree in _layouts(app, application, who, "en"):
        hits = [(where, text) for where, text in chinese_in(tree) if not any(word in text for word in typed)]
        assert hits == [], (who, name, hits[:3])
    pages = dict(_layouts(app, application, who, "zh"))
    board = str(pages["board"].to_plotly_json())
    assert "已报送" in board and "未开始" in board
    assert "本轮覆盖6个地区中的0个" in board  # none of the city's 6 regions approved yet
    if who in ("chief", "boss"):  # the closer may confirm a partial sum, and is told what it would be
        assert "board-partial" in board and "确认发布全市部分汇总数" in board
    if who in ("chief", "boss", "gz"):  # reviewers and 甘州区's own editor see its explanation
        assert "两家企业合并" in board and "两家企业合并" in str(pages["review"].to_plotly_json())
    else:
        assert "两家企业合并" not in board
    if who == "cd":
        assert "不能报送“甘州区”" in str(pages["review"].to_plotly_json())


def _signed(app, who: str, password: str):
    client = app.server.test_client()
    _sign_in(client, who, password)
    return client


def _token(client, round_id: int = 1) -> str:
    form = client.get(f"/rounds/{round_id}/form").get_data(as_text=True)
    return form.split('name="csrf" value="')[1].split('"')[0]


def test_a_district_editor_cannot_reach_another_region_by_any_request(site):
    app, application, round_ = site
    before = application.rounds.store.fingerprint(round_.id)
    gz = _signed(app, "gz", "district-password")
    form = gz.get("/rounds/1/form").get_data(as_text=True)
    assert 'value="甘州区"' in form and "城东区" not in form  # the form offers only its own unit
    _, cd_template = application.rounds.template(round_.id, "城东区", "cd", "editor", "zh")
    data = fill_template(cd_template, {"grassroots_unions": 1, "union_members": 1})
    response = gz.post("/rounds/1/upload", data={"csrf": _token(gz), "region": "城东区", "lang": "zh",
                                                 "file": (io.BytesIO(data), "cd.xlsx")},
                       content_type="multipart/form-data")
    assert response.status_code == 403 and "不能报送“城东区”" in response.get_data(as_text=True)
    assert gz.post("/rounds/1/upload", data={"region": "甘州区"}).status_code == 400  # no form token
    assert gz.get("/rounds/1/template.xlsx?region=城东区").status_code == 403
    assert gz.get("/rounds/1/template.xlsx?region=甘州区").status_code == 200
    assert gz.get("/rounds/1/templates.zip").status_code == 403
    assert gz.get("/rounds/1/file?region=城东区").status_code == 403
    # Callbacks posted directly: review, close and opening need a reviewer, whatever the page showed.
    target = {"id": "review-target", "property": "data", "value": {"round": 1, "region": "甘州区", "lang": "zh"}}
    answer = _answer(_post(gz, app, "review-message.children",
                           [{"id": "review-approve", "property": "n_clicks", "value": 1},
                            {"id": "review-return", "property": "n_clicks", "value": 0}],
                           [{"id": "review-comment", "property": "value", "value": ""}, target]))
    assert "没有这个权限" in answer
    answer = _answer(_post(gz, app, "board-message.children",
                           [{"id": "board-confirm", "property": "submit_n_clicks", "value": 1}],
                           [{"id": "board-round", "property": "data", "value": {"id": 1, "lang": "zh"}},
                            {"id": "board-partial", "property": "value", "value": ["confirm"]}]))
    assert "没有这个权限" in answer
    # Its own unit's file, with 城东区 typed into the region cells: checked, refused, naming the cells.
    _, gz_template = application.rounds.template(round_.id, "甘州区", "gz", "editor", "zh")
    forged = fill_template(gz_template, {"grassroots_unions": 1, "union_members": 1}, region="城东区")
    response = gz.post("/rounds/1/upload", data={"csrf": _token(gz), "region": "甘州区", "lang": "zh",
                                                 "file": (io.BytesIO(forged), "forged.xlsx")},
                       content_type="multipart/form-data")
    job_id = response.headers["Location"].split("job=")[1].split("&")[0]
    deadline = time.monotonic() + 60
    while not application.jobs.get(job_id).finished:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    status = gz.get(f"/upload/status/{job_id}").get_json()
    wrong = [p for p in status["problems"] if p["rule"] == "round_wrong_region"]
    assert [p["where"] for p in wrong] == ["数据!F4", "数据!F5"] and "城东区" in wrong[0]["message"]
    answer = _answer(_post(gz, app, "round-check-result.children",
                           [{"id": "round-check-submit", "property": "n_clicks", "value": 1}],
                           [[{"id": {"type": "round-explain", "key": "x"}, "property": "value", "value": "x"}],
                            [{"id": {"type": "round-explain", "key": "x"}, "property": "id",
                              "value": {"type": "round-explain", "key": "x"}}],
                            {"id": "round-check-job", "property": "data",
                             "value": {"id": job_id, "round": "1", "lang": "zh"}}]))
    assert "文件有错误，不能报送" in answer
    # The same check cannot be published around the round through the upload page either.
    answer = _answer(_post(gz, app, "upload-result.children",
                           [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                           [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "zh"}},
                            {"id": "upload-confirm", "property": "value", "value": []}]))
    assert "请在填报轮次中报送" in answer
    # Another district does not even see the check.
    cd = _signed(app, "cd", "district-password")
    assert cd.get(f"/upload/status/{job_id}").status_code == 404
    assert application.rounds.store.fingerprint(round_.id) == before and len(application.store.revisions()) == 1


def test_a_district_editor_cannot_publish_through_the_upload_page(site):
    app, application, _ = site
    from workbooks import long_workbook

    data = long_workbook([["grassroots_unions", 2009, "甘州区", "", 700, "", "", ""]])
    job_id = application.start_check(data, "x.xlsx", "gz", "merge")
    deadline = time.monotonic() + 60
    while not application.jobs.get(job_id).finished:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    gz = _signed(app, "gz", "district-password")
    answer = _answer(_post(gz, app, "upload-result.children",
                           [{"id": "upload-publish", "property": "n_clicks", "value": 1}],
                           [{"id": "upload-job", "property": "data", "value": {"id": job_id, "lang": "zh"}},
                            {"id": "upload-confirm", "property": "value", "value": []}]))
    assert "区县填报人员请通过“填报轮次”报送数据" in answer and len(application.store.revisions()) == 1
    assert 'id="nav-upload"' not in str(gz.get("/").get_data(as_text=True))


def test_only_an_admin_adds_an_indicator_even_by_a_direct_post(site):
    app, application, _ = site
    fields = {"code": "women_members", "name_zh": "女会员人数", "name_en": "Women members", "unit_zh": "万人",
              "unit_en": "10k people", "kind": "stock", "direction": "increase", "category": "organisation",
              "part_of": "union_members"}
    states = [{"id": {"type": "catalogue-field", "name": k}, "property": "value", "value": v} for k, v in fields.items()]
    args = ([{"id": "catalogue-add", "property": "n_clicks", "value": 1}],
            [states, [{"id": {"type": "catalogue-field", "name": k}, "property": "id",
                       "value": {"type": "catalogue-field", "name": k}} for k in fields],
             {"id": "catalogue-lang", "property": "data", "value": "zh"}])
    for who, password in (("gz", "district-password"), ("chief", "reviewer-password")):
        answer = _answer(_post(_signed(app, who, password), app, "catalogue-message.children", *args))
        assert "只有管理员可以修改指标目录" in answer
    assert "women_members" not in application.catalogue().by_code
    answer = _answer(_post(_signed(app, "boss", "admin-password"), app, "catalogue-message.children", *args))
    assert "已添加指标“女会员人数”" in answer
    assert application.catalogue().by_code["women_members"].part_of == "union_members"


def test_the_review_page_gives_a_rate_s_change_in_percentage_points(tmp_path):
    """甘州区's formation rate 93.5% (2008) -> 94% is +0.5个百分点, not the relative +0.5%; a count keeps
    its amount and relative change, as the cards write both."""
    app = create_app({"db": str(tmp_path / "s.db")})
    application = app.server.config["APPLICATION"]
    Users(application.store).add("chief", "reviewer-password", "reviewer")
    round_ = application.rounds.open("2009年度", 2009, "2099-10-31", ["grassroots_unions", "union_formation_rate"],
                                     ["甘州区", ""], "chief", "reviewer")
    _, template = application.rounds.template(round_.id, "甘州区", "chief", "reviewer", "zh")
    check = application.rounds.check_now(round_.id, "甘州区", fill_template(template, {
        "grassroots_unions": 900, "union_formation_rate": 94}), "gz.xlsx", "chief", "reviewer")
    application.rounds.submit_check(check, {w.key: "两家企业合并" for w in check.warnings}, "chief", "reviewer")
    app.server.test_client().get("/")
    from layouts import ids
    from layouts.pages import round_review

    def values(lang: str) -> str:
        with app.server.test_request_context(f"/?lang={lang}"):
            login_user(SessionUser(application.users.get("chief")))
            page = round_review.layout(round_id=str(round_.id), region="甘州区", lang=lang)
        return str(page[ids.REVIEW_VALUES])  # the values table: a Dash component looks its descendants up by id

    zh, en = values("zh"), values("en")
    assert "+0.5个百分点" in zh and "+0.5 pp" in en
    assert "0.5%" not in zh and "0.5%" not in en
    assert "个 (" in zh and "organisations (" in en  # a count: its amount, then its relative change

