"""An upload that names only some of the city's regions never changes the city's figure unless it states one.

Generated from their parts: the layout (a long sheet with a region column, a wide table with a region column,
regions as rows under an 指标 line), how many of the 6 regions (1 to 5, and all 6), and whether the file also
has a 全市 (or 合计) row. The truth is known by construction: the city's stored 2008 figure (2185) and its
absent 2009 figure stay as they were unless the file has the city's row; the reading says so."""

from __future__ import annotations

import itertools

import openpyxl
import pytest

from indicators.application import Application
from indicators.ingest import import_workbook
from workbooks import long_workbook, save

SIX = ["甘州区", "城东区", "城西区", "北山县", "南河县", "西湖县"]
CITY_2008 = 2185.0
STATED = {2008: 2190.0, 2009: 2300.0}  # what a file's own 全市 row says


def _values(regions: list[str]) -> dict[str, dict[int, float]]:
    return {r: {2008: 300.0 + i, 2009: 310.0 + i} for i, r in enumerate(regions)}


def long_file(regions: list[str], city_row: str | None) -> bytes:
    rows = [["grassroots_unions", year, region, "", value] for region, years in _values(regions).items()
            for year, value in years.items()]
    if city_row is not None:
        rows += [["grassroots_unions", year, city_row, "", value] for year, value in STATED.items()]
    return long_workbook(rows, ["指标代码", "年份", "地区", "分组", "数值"])


def wide_file(regions: list[str], city_row: str | None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["指标", "地区", "2008年", "2009年"])
    for region, years in _values(regions).items():
        ws.append(["基层工会组织数(个)", region, years[2008], years[2009]])
    if city_row is not None:
        ws.append(["基层工会组织数(个)", city_row, STATED[2008], STATED[2009]])
    return save(wb)


def regions_file(regions: list[str], city_row: str | None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["指标：基层工会组织数(个)"])
    ws.append(["地区", "2008年", "2009年"])
    for region, years in _values(regions).items():
        ws.append([region, years[2008], years[2009]])
    if city_row is not None:
        ws.append([city_row, STATED[2008], STATED[2009]])
    return save(wb)


LAYOUTS = {"long": long_file, "wide": wide_file, "regions": regions_file}
CASES = [(layout, n, city) for layout, n, city in itertools.product(LAYOUTS, (1, 2, 3, 5, 6), (None, "全市", "合计"))
         if not (layout == "long" and city == "合计")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("some-regions")


def city_figures(app: Application) -> dict[int, float]:
    _, obs, _ = app.store.data()
    found = obs[(obs["code"] == "grassroots_unions") & (obs["region"] == "") & (obs["group"] == "")]
    return dict(zip(found["year"].astype(int), found["value"].astype(float), strict=True))


@pytest.mark.parametrize("layout,n,city", CASES)
def test_an_upload_changes_the_city_figure_only_when_it_states_one(folder, layout, n, city):
    app = Application({"db": str(folder / f"{layout}-{n}-{city}.db")})
    before = city_figures(app)
    assert before[2008] == CITY_2008 and 2009 not in before
    regions = SIX[:n]
    result = import_workbook(app.store, LAYOUTS[layout](regions, city), "t.xlsx", "boss",
                             confirm_report_changes=True)
    assert result.revision is not None, [p.message("en") for p in result.problems]
    _, obs, _ = app.store.data()
    mine = obs[(obs["code"] == "grassroots_unions") & obs["region"].isin(regions) & obs["year"].isin(STATED)]
    assert len(mine) == 2 * n  # the regions' own figures are stored
    after = city_figures(app)
    if city is None:
        assert after == before  # not summed, not replaced: the city's figure stays as it was
    else:
        assert {y: after[y] for y in STATED} == STATED  # the file's own 全市 row is the city's
    reading = result.parsed.reading
    text = reading.text("zh")
    english = reading.text("en")
    if city is None:
        assert f"只有{len(SIX)}个地区中的{n}个" in text or n == len(SIX), text
        assert "全市数不变" in text, text
        assert "city's figure is left as it is" in english and "(2008, 2009)" in english, english
    else:
        assert "全市数不变" not in text
