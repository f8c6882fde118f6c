"""The catalogue as data: seeded from the built-in entries, grown by admins (a form, a workbook's 指标目录
sheet), every change logged, and an addition in one process seen by the next request of every other."""

from __future__ import annotations

import openpyxl
import pytest

from indicators.application import Application
from indicators.catalogue import BUILTIN, BY_CODE, CATALOGUE, active, find_indicator, using
from indicators.catalogue_edit import indicator_problems, make_indicator, normalise_fields
from indicators.catalogue_store import CatalogueStore
from indicators.ingest import import_workbook, reader_context
from indicators.workbook import read_workbook
from workbooks import save

WORKERS = {"code": "workers", "name_zh": "职工人数", "name_en": "Workers", "unit_zh": "万人", "unit_en": "10k people",
           "kind": "时点数", "direction": "越高越好", "category": "组织建设",
           "definition_zh": "年末全市职工人数。", "definition_en": "Workers in the city at the end of the year."}


def workbook_adding_workers(with_error: bool = False) -> bytes:
    """The template's two sheets as an admin fills them: a new 指标目录 row and its values."""
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "数据"
    data.append(["指标代码", "年份", "地区", "分组", "数值"])
    data.append(["职工人数", 2009, None, None, 13.5])  # by its new name
    data.append(["grassroots_unions", 2009, None, None, 2390])
    cat = wb.create_sheet("指标目录")
    cat.append(["指标代码", "指标名称", "英文名称", "类别", "单位", "类型", "定义", "英文单位", "方向"])
    cat.append(["grassroots_unions", "基层工会组织数", "Grassroots union organisations", "组织建设", "个", "时点数",
                "…", "organisations", "越高越好"])  # already there: left as it is
    cat.append(["workers", "职工人数", "Workers", "组织建设", "万人", "时点数", "年末全市职工人数。", "10k people",
                "越高越好"])
    if with_error:
        cat.append(["Bad Code", "坏指标", "", "不存在的类别", "个", "时点数", "", "", ""])
    return save(wb)


def test_outside_any_scope_the_catalogue_is_the_builtin_one():
    assert active() is BUILTIN and len(CATALOGUE) == 37 and "workers" not in BY_CODE


def test_a_new_store_is_seeded_once_and_every_addition_is_logged(store):
    catalogue = CatalogueStore(store)
    assert catalogue.version() == 0 and len(catalogue.load()) == 37  # nothing stored yet: the built-in one
    assert catalogue.seed() and not catalogue.seed()
    loaded = catalogue.load()
    assert [i.code for i in loaded] == [i.code for i in BUILTIN] and loaded.version == 1
    version = catalogue.add([make_indicator(normalise_fields(WORKERS))], "boss")
    loaded = catalogue.load()
    assert version == loaded.version == 2 and loaded[-1].code == "workers" and loaded[-1].unit_en == "10k people"
    assert [(c["action"], c["user"], c["code"]) for c in catalogue.changes()] == [("seed", "system", ""),
                                                                                   ("add", "boss", "workers")]
    assert catalogue.changes()[-1]["detail"]["name_zh"] == "职工人数"


def test_a_new_indicator_is_checked_field_by_field():
    fields = normalise_fields({**WORKERS, "code": "Workers!", "name_zh": "工会会员数", "kind": "比例",
                               "numerator": "nope"})
    rules = {(p.field, p.rule) for p in indicator_problems(fields, BUILTIN)}
    assert rules == {("code", "catalogue_bad_code"), ("name_zh", "catalogue_name_taken"),
                     ("kind", "catalogue_bad_choice"), ("numerator", "catalogue_unknown_reference"),
                     ("numerator", "catalogue_parts_of_rate"), ("denominator", "catalogue_missing")}
    assert indicator_problems(normalise_fields(WORKERS), BUILTIN) == []
    taken = indicator_problems(normalise_fields({**WORKERS, "code": "union_members"}), BUILTIN)
    assert [p.rule for p in taken] == ["catalogue_code_taken"]


def test_another_process_addition_shows_on_the_next_request(tmp_path):
    db = str(tmp_path / "s.db")
    first, second = Application({"db": db}), Application({"db": db})  # two server processes
    assert "workers" not in second.catalogue().by_code
    first.catalogue_store.add([make_indicator(normalise_fields(WORKERS))], "boss")
    assert second.catalogue().by_code["workers"].name_en == "Workers"
    with using(second.catalogue()):
        assert find_indicator("职工人数").code == "workers" and len(CATALOGUE) == 38
    assert len(CATALOGUE) == 37  # the scope ended


def test_a_catalogue_sheet_adds_indicators_whose_values_the_same_file_holds(store):
    parsed = read_workbook(workbook_adding_workers(), context=reader_context(store))
    assert parsed.ok, [p.message("en") for p in parsed.problems]
    assert [i.code for i in parsed.new_indicators] == ["workers"]
    assert set(parsed.observations["code"]) == {"workers", "grassroots_unions"}
    assert ("指标目录", "catalogue") in parsed.sheets
    result = import_workbook(store, workbook_adding_workers(), "new.xlsx", "boss", context=reader_context(store))
    assert result.ok
    stored = CatalogueStore(store).load()
    assert stored.by_code["workers"].name_zh == "职工人数"  # added in the publishing transaction
    assert CatalogueStore(store).changes()[-1]["user"] == "boss"


def test_a_bad_catalogue_row_is_an_error_naming_its_cell(store):
    parsed = read_workbook(workbook_adding_workers(with_error=True), context=reader_context(store))
    found = {(p.rule, p.where) for p in parsed.problems}
    assert ("catalogue_bad_code", "指标目录!A4") in found
    assert ("catalogue_bad_choice", "指标目录!D4") in found and ("catalogue_missing", "指标目录!C4") in found
    assert not parsed.ok


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_templates_catalogue_sheet_reads_back_as_nothing_new(tmp_path, lang):
    from indicators.template import write_template

    path = tmp_path / "t.xlsx"
    write_template(path, lang)
    parsed = read_workbook(path.read_bytes())
    assert parsed.new_indicators == [] and not [p for p in parsed.problems if p.rule.startswith("catalogue")]
