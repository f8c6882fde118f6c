"""A round scripted from the command line (``python -m indicators rounds …``), as a cron job runs it, with
``--user`` applying that user's role and regions exactly as the browser does."""

from __future__ import annotations

from pathlib import Path

from round_tables import fill_template
from test_cli import assert_no_traceback, run


def add_user(db: Path, name: str, role: str, *regions: str) -> None:
    import subprocess
    import sys

    from browser import ROOT

    args = [sys.executable, "-m", "indicators", "--db", str(db), "users", "add", name, "--role", role,
            "--password-stdin", *[item for region in regions for item in ("--region", region)]]
    done = subprocess.run(args, input="a-long-password\n", capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_a_scripted_round_and_a_district_that_cannot_touch_another_region(tmp_path: Path):
    db = tmp_path / "s.db"
    add_user(db, "chief", "reviewer")
    add_user(db, "gz", "editor", "甘州区")
    add_user(db, "cd", "editor", "城东区")
    assert "甘州区" in run(db, "users", "list").stdout

    opened = run(db, "rounds", "open", "2009年度", "--year", "2009", "--deadline", "2009-10-31", "--indicator",
                 "grassroots_unions", "--indicator", "union_members", "--region", "甘州区", "--region", "城东区",
                 "--user", "gz")
    assert opened.returncode == 1 and "没有这个权限" in opened.stderr  # a district editor cannot open one
    opened = run(db, "rounds", "open", "2009年度", "--year", "2009", "--deadline", "2009-10-31", "--indicator",
                 "grassroots_unions", "--indicator", "union_members", "--region", "甘州区", "--region", "城东区",
                 "--user", "chief")
    assert opened.returncode == 0, opened.stderr

    out = tmp_path / "templates"
    made = run(db, "rounds", "templates", "1", str(out), "--user", "gz")
    assert made.returncode == 0 and sorted(p.name for p in out.iterdir()) == ["2009年度-甘州区.xlsx"]
    refused = run(db, "rounds", "templates", "1", str(out), "--region", "城东区", "--user", "gz")
    assert refused.returncode == 1 and "城东区" in refused.stderr
    run(db, "rounds", "templates", "1", str(out))  # the operator writes them all
    gz = out / "2009年度-甘州区.xlsx"
    cd = out / "2009年度-城东区.xlsx"
    gz_table = tmp_path / "gz.xlsx"
    gz_table.write_bytes(fill_template(gz.read_bytes(), {"grassroots_unions": 900, "union_members": 4.2}))

    # A district editor: not for another region, whatever the file or the option says.
    for region, path in (("城东区", gz_table), ("城东区", cd)):
        refused = run(db, "rounds", "submit", "1", str(path), "--region", region, "--user", "gz")
        assert refused.returncode == 1 and "不能报送“城东区”" in refused.stderr, refused.stderr
    forged = tmp_path / "forged.xlsx"  # 城东区's own form with 甘州区 typed into the region cells
    forged.write_bytes(fill_template(cd.read_bytes(), {"grassroots_unions": 1, "union_members": 1}, region="甘州区"))
    refused = run(db, "rounds", "submit", "1", str(forged), "--region", "城东区", "--user", "cd")
    assert refused.returncode == 1 and "数据!F4" in refused.stdout and "甘州区" in refused.stdout
    assert_no_traceback(refused)

    # A warning needs its reason.
    unexplained = run(db, "rounds", "submit", "1", str(gz_table), "--region", "甘州区", "--user", "gz")
    assert unexplained.returncode == 1 and "--explain grassroots_unions=" in unexplained.stdout
    submitted = run(db, "rounds", "submit", "1", str(gz_table), "--region", "甘州区", "--user", "gz",
                    "--explain", "grassroots_unions=两家企业合并")
    assert submitted.returncode == 0, submitted.stderr + submitted.stdout
    cd_table = tmp_path / "cd.xlsx"
    cd_table.write_bytes(fill_template(cd.read_bytes(), {"grassroots_unions": 380, "union_members": 2.1}))
    assert run(db, "rounds", "submit", "1", str(cd_table), "--region", "城东区", "--user", "cd").returncode == 0

    assert run(db, "rounds", "return", "1", "城东区", "--comment", "请核实", "--user", "gz").returncode == 1
    assert run(db, "rounds", "return", "1", "城东区", "--comment", "请核实", "--user", "chief").returncode == 0
    status = run(db, "rounds", "status", "1", lang="en")
    assert "returned" in status.stdout and "请核实" in status.stdout and "两家企业合并" in status.stdout
    assert run(db, "rounds", "submit", "1", str(cd_table), "--region", "城东区", "--user", "cd").returncode == 0
    for region in ("甘州区", "城东区"):
        assert run(db, "rounds", "approve", "1", region, "--user", "chief").returncode == 0
    status = run(db, "rounds", "status", "1")
    assert "2/2" in status.stdout and "1,280个以上" in status.stdout  # 900 + 380, summed, only a lower bound
    assert "本轮覆盖6个地区中的2个" in status.stdout  # 2 of the city's 6 regions, however many the round asked
    assert "基层工会组织数（全市 2009）为 1,280个" in status.stdout  # −41.4 % on 2185: the city sum is warned
    closed = run(db, "rounds", "close", "1", "--user", "chief", "--partial-sum")
    assert closed.returncode == 0 and "第 2 号修订版" in closed.stdout
    assert "本轮覆盖6个地区中的2个" in closed.stdout and "全市数按部分汇总发布" in closed.stdout
    assert "round-1-2009年度.xlsx" in run(db, "history").stdout
    late = run(db, "rounds", "submit", "1", str(gz_table), "--region", "甘州区", "--user", "gz")
    assert late.returncode == 1 and "本轮填报已结束" in late.stderr
    assert "2009年度" in run(db, "rounds", "list").stdout


def test_closing_without_the_confirmation_leaves_the_city_figure_and_says_so(tmp_path: Path):
    from indicators.application import Application

    db = tmp_path / "s.db"
    app = Application({"db": str(db)})
    round_ = app.rounds.open("2009年度", 2009, "2009-10-31", ["grassroots_unions"], ["甘州区"], "chief", "reviewer")
    _, template = app.rounds.template(round_.id, "甘州区", "chief", "reviewer", "zh")
    check = app.rounds.check_now(round_.id, "甘州区", fill_template(template, {"grassroots_unions": 700}), "t.xlsx",
                                 "chief", "reviewer")
    app.rounds.submit_check(check, {}, "chief", "reviewer")
    app.rounds.review(round_.id, "甘州区", "approved", "", "chief", "reviewer")
    closed = run(db, "rounds", "close", "1", lang="en")
    assert closed.returncode == 0, closed.stderr
    assert "This round covers 1 of the 6 regions" in closed.stdout
    assert "The city figures stay as they were, not published: Grassroots union organisations ≥ 700" in closed.stdout
    _, obs, _ = Application({"db": str(db)}).store.data()
    assert obs[(obs["year"] == 2009)]["region"].tolist() == ["甘州区"]


def test_the_catalogue_from_the_command_line(tmp_path: Path):
    db = tmp_path / "s.db"
    add_user(db, "ed", "editor")
    args = ["catalogue", "add", "workers", "--name-zh", "职工人数", "--name-en", "Workers", "--unit-zh", "万人",
            "--unit-en", "10k people", "--kind", "stock", "--category", "organisation"]
    refused = run(db, *args, "--user", "ed")
    assert refused.returncode == 1
    added = run(db, *args)
    assert added.returncode == 0 and "workers" in added.stdout
    again = run(db, *args)
    assert again.returncode == 1 and "已在指标目录中" in again.stderr
    assert "职工人数" in run(db, "catalogue", "list").stdout
    history = run(db, "catalogue", "history").stdout
    assert "seed" in history and "add" in history


def test_users_list_shows_a_district_editors_region_under_its_new_name(tmp_path: Path):
    db = tmp_path / "s.db"
    add_user(db, "gz", "editor", "甘州区")
    renamed = run(db, "regions", "rename", "甘州区", "甘州新区")
    assert renamed.returncode == 0, renamed.stderr
    listed = run(db, "users", "list").stdout
    gz = next(line for line in listed.splitlines() if line.startswith("gz "))
    assert gz.split()[-1] == "甘州新区"
