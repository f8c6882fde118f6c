"""Each number cites its own source, after any sequence of uploads, collection rounds and rollbacks.

The built-in report figures are seeded (revision 1); then a generated sequence of steps (files
published through the upload use case, rounds opened, filled, approved and closed through the
round use cases, rollbacks) changes only some years and regions. A model kept beside it says, for
every value a step changed, which file, round and revision must be cited. Then the 2008 report
figure's paragraph, card, chart footer, table, CSV/XLSX download and briefing still cite the
report's passage (never a later file), every changed number cites its own file/round/revision,
and a paragraph stating both (2009 against 2008) cites both.
"""

from __future__ import annotations

import csv
import io
import random
import re
import time
import unicodedata

import openpyxl
import pytest

from app import create_app
from indicators.application import Application
from indicators.briefing_common import briefing_items, chart, item_paragraph
from indicators.chart_export import ExportRequest, export_figure, source_footer
from indicators.indicator_view import regional_breakdown, summarise
from indicators.narrative import indicator_paragraph, section_paragraph
from indicators.users import Users
from round_tables import fill_template
from workbooks import long_workbook

CODES = ["grassroots_unions", "union_members"]
SIX = ["北山县", "南河县", "城东区", "城西区", "甘州区", "西湖县"]
# Near the 2008 figures (2185 unions, 11.29万 members; each district about a sixth), so no jump warning
# holds a round's city sum back.
BASE = {"grassroots_unions": 370.0, "union_members": 1.9}
PASSAGE_ZH, PASSAGE_EN = "工作报告第8段", "work report, fragment 8"
SEEDS = range(8)


def _wait(app: Application, job_id: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 120
    while not (job := app.jobs.get(job_id)).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return job


class Scenario:
    """A store after a generated sequence of steps, and what each changed value must cite."""

    def __init__(self, app: Application, seed: int) -> None:
        self.app, self.rng = app, random.Random(seed)
        self.counter = 0
        self.cited: dict[tuple[str, int, str], tuple[str, int]] = {}  # (code, year, region) -> (citation, revision)
        self.files: list[str] = []
        self.states: dict[int, dict] = {1: {}}

    def _value(self, code: str) -> float:
        self.counter += 1  # every value new, so every step really changes what it names
        return round(BASE[code] * (1 + self.counter / 1000), 4)

    def upload(self, step: int, years: tuple[int, ...] = (2009, 2010)) -> None:
        keys = [(code, year, region) for code in CODES for year in years for region in ("", "甘州区", "城西区")]
        chosen = self.rng.sample(keys, self.rng.randint(1, 4))
        rows = [[code, year, region, "", self._value(code) * (6 if region == "" else 1), "", "", ""]
                for code, year, region in chosen]
        name = f"upload-{step}.xlsx"
        job_id = self.app.start_check(long_workbook(rows), name, "ed", "merge")
        assert _wait(self.app, job_id).status == "done"
        result = self.app.publish(job_id, "ed", "editor")
        assert result.ok, result.problems
        rev = result.revision.id
        self.files.append(name)
        for code, year, region in chosen:
            self.cited[(code, year, region)] = (f"{name}（修订{rev}）", rev)
        self.states[rev] = dict(self.cited)

    def round(self, step: int, everyone: bool | None = None) -> None:
        everyone = self.rng.random() < 0.5 if everyone is None else everyone
        regions = SIX if everyone else self.rng.sample(SIX, self.rng.randint(1, 3))
        round_ = self.app.rounds.open(f"2009年度第{step}次", 2009, "2009-10-31", CODES, SIX, "chief", "reviewer")
        values = {region: {code: self._value(code) for code in CODES} for region in regions}
        for region, typed in values.items():
            _, template = self.app.rounds.template(round_.id, region, "chief", "reviewer", "zh")
            check = self.app.rounds.check_now(round_.id, region, fill_template(template, typed), "t.xlsx", "chief",
                                              "reviewer")
            assert check.ok, [p.message("en") for p in check.parsed.problems]
            self.app.rounds.submit_check(check, {w.key: "核实无误" for w in check.warnings}, "chief", "reviewer")
            self.app.rounds.review(round_.id, region, "approved", "", "chief", "reviewer")
        closed = self.app.rounds.close(round_.id, "chief", "reviewer")
        rev = closed.result.revision.id
        for region in regions:
            for code in CODES:
                self.cited[(code, 2009, region)] = (f"{region}上报（第{round_.id}轮，修订{rev}）", rev)
        if everyone:
            assert closed.withheld.empty  # every region in, each near 2008: the sums are the city's figures
            for code in CODES:
                self.cited[(code, 2009, "")] = (f"第{round_.id}轮全市数（修订{rev}）", rev)
        self.states[rev] = dict(self.cited)

    def rollback(self, to_previous: bool = False) -> None:
        current = self.app.store.current_revision_id()
        earlier = [rev for rev in self.states if rev != current]
        back = max(rev for rev in earlier if rev < current) if to_previous else self.rng.choice(earlier)
        self.app.rollback(back, "admin", "admin")
        self.cited = dict(self.states[back])

    def run(self, kinds: list[str] | None = None) -> None:
        if kinds is None:
            steps = self.rng.randint(2, 5)
            kinds = ["round"] + [self.rng.choice(["upload", "upload", "round", "rollback"]) for _ in range(steps - 1)]
            self.rng.shuffle(kinds)
        self.kinds = kinds
        for step, kind in enumerate(kinds):
            if kind.startswith("rollback") and len(self.states) > 1:
                self.rollback(to_previous=kind == "rollback-previous")
            elif kind.startswith("round"):
                self.round(step, everyone=True if kind == "round-all" else None)
            else:
                self.upload(step, (2009,) if kind == "upload-2009" else (2009, 2010))


# Generated sequences (seeded, so a failure can be replayed), and two written out: a round, then a
# rollback past it and a file published on the older revision, which writes the older revision's
# rows again (their origin must stay the revision that first wrote them); and files only.
SEQUENCES = [(seed, None) for seed in SEEDS] + [(100, ["round-all", "upload-2009", "rollback-previous", "upload"]),
                                               (101, ["upload", "upload", "upload"])]


@pytest.fixture(scope="module", params=SEQUENCES, ids=[f"seed{s}" if k is None else "-".join(k) for s, k in SEQUENCES])
def scenario(request, tmp_path_factory) -> Scenario:
    seed, kinds = request.param
    app = Application({"db": str(tmp_path_factory.mktemp("citations") / "s.db")})
    users = Users(app.store)
    users.add("ed", "editor-password", "editor")
    users.add("chief", "reviewer-password", "reviewer")
    users.add("admin", "admin-password", "admin")
    found = Scenario(app, seed)
    found.run(kinds)
    return found


def _text(component) -> str:  # type: ignore[no-untyped-def]
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    return " ".join(_text(c) for c in (children if isinstance(children, list) else [children]) if c is not None)


def _find_class(component, wanted: str):  # type: ignore[no-untyped-def]
    if wanted in str(getattr(component, "className", "") or "").split():
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find_class(child, wanted)
            if found is not None:
                return found
    return None


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    head, body = table.children
    names = [th.children for th in head.children.children]
    return [dict(zip(names, [td.children for td in tr.children], strict=True)) for tr in body.children]


def _no_later_file(text: str, scenario: Scenario) -> None:
    assert "round-" not in text and not any(name in text for name in scenario.files), text
    assert not re.search(r"修订\d|[(,] ?revision \d|上报|reported by|轮", text), text  # no later file or round cited


def test_the_2008_report_figure_cites_its_passage_everywhere(scenario):
    dash_app = create_app(application=scenario.app)  # the pages register with an app
    from layouts.pages import indicator
    from layouts.pages.overview import card
    from layouts.state import PageState
    from layouts.tables import main_table

    app, code = scenario.app, "grassroots_unions"
    index = app.data_index()
    revision = app.revision(index)
    for lang, passage in (("zh", PASSAGE_ZH), ("en", PASSAGE_EN)):
        paragraph = indicator_paragraph(index, code, 2008, lang=lang, revision=revision)
        section = section_paragraph(index, "organisation", 2008, lang=lang, revision=revision)
        summary = summarise(index, code, 2008)
        footer = source_footer(summary, revision, lang)
        card_text = _text(card(summary, PageState(lang=lang, year=2008, region="")))
        table = {int(row["年份" if lang == "zh" else "Year"]): row for row in _rows(main_table(summary, lang, "t"))}
        item = next(i for i in briefing_items(index, "organisation", 2008) if i.indicator.code == code)
        briefing_paragraph = item_paragraph(index, item, lang, revision)
        briefing_footer = " ".join(a["text"] for a in chart(item, revision, lang, 1000, 560)["layout"]["annotations"])
        with dash_app.server.test_request_context("/"):
            page = indicator.layout(code=code, year="2008", lang=lang)
        facts = {_text(dt): _text(dd) for dt, dd in zip(*[iter(_find_class(page, "facts").children[0].children)] * 2,
                                                         strict=True)}
        page_sources = facts["来源" if lang == "zh" else "Source"]
        for text in (paragraph, footer, card_text, briefing_footer, page_sources):
            assert passage in text, text
            _no_later_file(text, scenario)
        # The briefing's paragraph states the latest year: against 2008 it cites the passage beside the
        # latest figure's own source; of 2008 itself, the passage alone.
        latest = index.years[-1]
        if latest == 2008:
            assert passage in briefing_paragraph
            _no_later_file(briefing_paragraph, scenario)
        elif lang == "zh" and (code, latest, "") in scenario.cited:
            assert scenario.cited[(code, latest, "")][0] in briefing_paragraph, briefing_paragraph
        # The section's paragraph states the section's 2008 report figures: their passages, merged.
        assert section.endswith("（来源：工作报告第8、9、10段）" if lang == "zh"
                                else "(Sources: work report, fragments 8, 9, 10.)"), section
        _no_later_file(section, scenario)
        assert table[2008]["来源" if lang == "zh" else "Source"] == passage


def test_every_changed_number_cites_its_own_file_round_and_revision(scenario):
    from layouts.tables import breakdown_table, main_table

    index = scenario.app.data_index()
    assert scenario.cited or scenario.app.store.current_revision_id() == 1
    for (code, year, region), (cited, _) in scenario.cited.items():
        paragraph = indicator_paragraph(index, code, year, region)
        assert f"（来源：{cited}" in paragraph or f"；{cited}" in paragraph, paragraph
        summary = summarise(index, code, year, region)
        rows = {int(row["年份"]): row for row in _rows(main_table(summary, "zh", "t")) if row["系列"] == "报告数据"}
        assert rows[year]["来源"] == cited
        assert cited in source_footer(summary, None, "zh")
        if region:
            ranked = regional_breakdown(index, code, year)
            table = {row["地区"]: row for row in _rows(breakdown_table(ranked, summary, "zh", "region", "t"))}
            assert table[region]["来源"] == cited
            exported = export_figure(ExportRequest(code, "png", year, "", "zh", "region"), index, None)
            footer = " ".join(a["text"] for a in exported["layout"]["annotations"])  # the bars' own, merged
            merged = cited.removeprefix(region)  # a round's regions are named together: 甘州区、城东区上报（…）
            assert re.search(rf"(来源：|；|、){re.escape(region)}[^；]*{re.escape(merged)}", footer) \
                if merged != cited else cited in footer, footer
        if year == 2009 and region == "":  # stated against 2008, the report's figure: both cited
            assert "比上年" in paragraph and PASSAGE_ZH in paragraph, paragraph


def test_downloads_cite_each_rows_own_source_and_revision(scenario):
    dash_app = create_app(application=scenario.app)
    client = dash_app.server.test_client()
    response = client.get("/download/data.csv?code=grassroots_unions")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/download/data.xlsx?lang=en").data))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    english = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)]

    def find(found: list[dict], year: int, region: str, names: tuple[str, str, str]) -> dict:
        code_col, year_col, region_col = names
        return next(r for r in found if r[code_col] == "grassroots_unions" and int(r[year_col]) == year
                    and r[region_col] == region)

    report = find(rows, 2008, "全市", ("指标代码", "年份", "地区"))
    assert (report["出处"], int(report["修订版"])) == (PASSAGE_ZH, 1)
    report_en = find(english, 2008, "City total", ("code", "year", "region"))
    assert (report_en["cited as"], int(report_en["revision"])) == (PASSAGE_EN, 1)
    for (code, year, region), (cited, rev) in scenario.cited.items():
        if code != "grassroots_unions":
            continue
        row = find(rows, year, region or "全市", ("指标代码", "年份", "地区"))
        assert (row["出处"], int(row["修订版"])) == (cited, rev)


def test_the_copy_button_puts_each_numbers_own_source_on_the_clipboard(browser, tmp_path):
    """In a real browser against a real server: after a round and a file, the 2008 paragraph copies
    with its passage, the 2009 one (stated against 2008) with the passage and the round."""
    from browser import running_server

    playwright_api = pytest.importorskip("playwright.sync_api")
    expect = playwright_api.expect
    db = tmp_path / "s.db"
    app = Application({"db": str(db)})
    users = Users(app.store)
    users.add("ed", "editor-password", "editor")
    users.add("chief", "reviewer-password", "reviewer")
    found = Scenario(app, 7)
    found.run(["round-all", "upload"])
    cited_2009 = found.cited[("grassroots_unions", 2009, "")][0]
    app.store.close()
    with running_server(db) as base:
        context = browser.new_context(locale="zh-CN")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = context.new_page()
        copied = {}
        for year in (2008, 2009):
            page.goto(f"{base}/indicator/grassroots_unions?year={year}")
            draft = page.locator("#indicator-draft")
            expect(draft).to_contain_text("来源：", timeout=30_000)
            page.click("button[data-copy='indicator']")
            expect(page.locator("[data-copy-status='indicator']")).to_have_text("已复制", timeout=30_000)
            copied[year] = page.evaluate("navigator.clipboard.readText()")
        context.close()
    assert copied[2008].startswith("截至2008年上半年") and copied[2008].endswith("（来源：工作报告第8段）"), copied
    _no_later_file(copied[2008], found)
    assert "比上年" in copied[2009] and copied[2009].endswith(f"（来源：{PASSAGE_ZH}；{cited_2009}）"), copied


def test_provenance_is_read_alike_from_sqlite_and_postgresql(backend_url):
    """Which revision wrote each value, on both backends: a merge keeps what it does not change,
    a publish after a rollback copies the older rows and they keep the revision that wrote them,
    targets included; a revision's own provenance never looks past it."""
    import pandas as pd

    from indicators.citations import Shown, load_provenance
    from indicators.store import OBS_FIELDS, TARGET_FIELDS, Store

    store = Store(backend_url)

    def obs(value: float, year: int = 2009) -> pd.DataFrame:
        return pd.DataFrame([("grassroots_unions", year, "", "", value, "", "", "")], columns=OBS_FIELDS)

    goal = pd.DataFrame([("grassroots_unions", 2013, "", "", 3000.0, "", 2008, "", "规划")], columns=TARGET_FIELDS)
    base = pd.DataFrame([("grassroots_unions", 2008, "", "", 2185.0, "", "", "报告·第8段")], columns=OBS_FIELDS)
    first, _ = store.publish(b"1", "base.xlsx", "u", base, goal, mode="replace")
    second, _ = store.publish(b"2", "a.xlsx", "u", obs(2300.0), goal.iloc[0:0])
    third, _ = store.publish(b"3", "b.xlsx", "u", obs(2400.0), goal.assign(value=3100.0))
    store.rollback(second.id, "admin")
    fourth, _ = store.publish(b"4", "c.xlsx", "u", obs(2500.0, 2010), goal.iloc[0:0])  # copies a.xlsx's 2009 again
    shown = {year: Shown("grassroots_unions", year, "", "", "") for year in (2008, 2009, 2010)}
    target = Shown("grassroots_unions", 2013, "", "", "规划", target=True)
    now = load_provenance(store.engine, fourth.id)
    assert [now.revision_of(shown[y]) for y in (2008, 2009, 2010)] == [first.id, second.id, fourth.id]
    assert now.revision_of(target) == first.id  # b.xlsx's target was rolled back
    assert now.origin(shown[2009]).filename == "a.xlsx"
    then = load_provenance(store.engine, third.id)
    assert [then.revision_of(shown[y]) for y in (2008, 2009, 2010)] == [first.id, third.id, None]
    assert then.revision_of(target) == third.id
    store.close()


def test_a_briefing_cites_the_report_and_the_round_beside_each_other(tmp_path):
    """A real briefing after a round for 2009: the deck's notes and the PDF's chart footer cite the
    2008 passage and the round's city figure, each its own, never the round's file name."""
    from pptx import Presentation
    from pypdf import PdfReader

    from indicators.briefing import build_pdf, build_pptx

    app = Application({"db": str(tmp_path / "s.db")})
    Users(app.store).add("chief", "reviewer-password", "reviewer")
    found = Scenario(app, 3)
    found.run(["round-all"])
    (round_id,) = {r.id for r in app.rounds.rounds()}
    rev = app.store.current_revision_id()
    index = app.data_index()
    revision = app.revision(index)
    deck = Presentation(io.BytesIO(build_pptx(index, revision, "zh", "organisation", city="xx市")[0]))
    notes = next(s.notes_slide.notes_text_frame.text for s in deck.slides
                 if s.shapes.title is not None and s.shapes.title.text == "基层工会组织数")
    assert notes.startswith("截至2009年9月底") and "比上年" in notes, notes
    assert notes.splitlines()[0].endswith(f"（来源：{PASSAGE_ZH}；第{round_id}轮全市数（修订{rev}））"), notes
    pdf = PdfReader(io.BytesIO(build_pdf(index, revision, "en", "organisation", city="xx")[0]))
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pdf.pages]
    wanted = f"Sources: {PASSAGE_EN}; round {round_id}, city figures (revision {rev})"
    highlights = next(p for p in pages if p.startswith("Highlights"))
    chart_page = next(p for p in pages if "Grassroots union organisations Unit:" in p)
    assert wanted in chart_page and "round-" not in chart_page and ".xlsx" not in chart_page, chart_page
    # The section's paragraph also states the other indicators' latest reported (2008 report) figures:
    # their passages join fragment 8, and the round's city figures are cited beside them.
    pattern = rf"Sources: work report, fragments 8(, \d+)+; round {round_id}, city figures \(revision {rev}\)"
    assert re.search(pattern, highlights), highlights
    assert "round-" not in highlights and ".xlsx" not in highlights


def test_a_report_figure_a_later_file_changed_cites_that_file_beside_the_passage(tmp_path):
    """A filled template sent back with one 2008 report figure changed and its 报告·第8段 source kept:
    the changed figure cites the passage and the file that changed it; its unchanged neighbours
    (the rest of the template, identical, so never written again) the passage alone."""
    app = Application({"db": str(tmp_path / "s.db")})
    Users(app.store).add("ed", "editor-password", "editor")
    rows = [["grassroots_unions", 2008, "", "", 2190, "", "截至2008年上半年", "报告·第8段"],
            ["union_members", 2008, "", "", 11.29, "", "截至2008年上半年", "报告·第8段"]]
    job_id = app.start_check(long_workbook(rows), "fix.xlsx", "ed", "merge")
    assert _wait(app, job_id).status == "done"
    result = app.publish(job_id, "ed", "editor", confirm_report_changes=True)
    assert result.ok and result.revision.n_changed == 1, result.problems
    index = app.data_index()
    changed = indicator_paragraph(index, "grassroots_unions", 2008)
    assert "2190个" in changed and changed.endswith(f"（来源：{PASSAGE_ZH}；fix.xlsx（修订{result.revision.id}））"), changed
    kept = indicator_paragraph(index, "union_members", 2008)
    assert kept.endswith(f"（来源：{PASSAGE_ZH}）"), kept
