"""An indicator code column, long or wide: a typo of a catalogue code is an error naming the cell
("did you mean"), as a mistyped label is; a code far from every code is listed as left out; a
known code names the row's indicator whatever the name column beside it says."""

from __future__ import annotations

import openpyxl
import pytest

from indicators.catalogue import LOOKUP
from indicators.workbook import read_workbook
from workbooks import long_workbook, save

CODES = ("grassroots_unions", "union_members", "union_formation_rate", "membership_rate", "model_workers")
_KNOWN = set(LOOKUP.by_code)
OTHER = "worker_libraries"  # the sheet's second row, read right in every layout
OTHER_NAME = LOOKUP.by_code[OTHER].name_zh


def _typos(code: str) -> list[str]:
    """Typos a person makes, built from the code: a letter dropped, two swapped, one replaced."""
    mid = len(code) // 2
    made = [code[:-1], code[:mid] + code[mid + 1:], code[:mid] + code[mid + 1] + code[mid] + code[mid + 2:],
            code[:mid] + ("x" if code[mid] != "x" else "y") + code[mid + 1:]]
    return [t for t in dict.fromkeys(made) if t not in _KNOWN and t != code]


TYPOS = list(dict.fromkeys([(typo, code) for code in CODES for typo in _typos(code)] + [
    ("grassroot_unions", "grassroots_unions"), ("union_member", "union_members")]))
FAR = ("zz_other", "other_statistic_x", "qqqq_wwww")


def _long(code_header: str, code: str, name: str | None, name_first: bool) -> tuple[bytes, str]:
    if name is None:
        return long_workbook([[code, 2009, 5], [OTHER, 2009, 12]], headers=[code_header, "年份", "数值"]), "A2"
    head, row = [code_header, "指标名称"], [code, name]
    if name_first:
        head, row = head[::-1], row[::-1]
    other = [OTHER_NAME, OTHER] if name_first else [OTHER, OTHER_NAME]
    data = long_workbook([[*row, 2009, 5], [*other, 2009, 12]], headers=[*head, "年份", "数值"])
    return data, "B2" if name_first else "A2"


def _wide(code_header: str, code: str, name: str | None, name_first: bool) -> tuple[bytes, str]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    if name is None:
        ws.append([code_header, "2008年", "2009年"])
        ws.append([code, 1, 5])
        ws.append([OTHER, 11, 12])
        return save(wb), "A2"
    head, row, other = [code_header, "指标名称"], [code, name], [OTHER, OTHER_NAME]
    if name_first:
        head, row, other = head[::-1], row[::-1], other[::-1]
    ws.append([*head, "2008年", "2009年"])
    ws.append([*row, 1, 5])
    ws.append([*other, 11, 12])
    return save(wb), "B2" if name_first else "A2"


# (builder, code header, name beside it (None: no name column), name column first)
LAYOUTS = [
    pytest.param(build, header, name, first, id=f"{build.__name__[1:]}-{header}-{name}-{'name_first' if first else 'code_first'}")
    for build in (_long, _wide)
    for header in ("指标代码", "代码")
    for name, first in ((None, False), ("", False), ("某项统计数", False), ("某项统计数", True), ("", True))
]


def _sheet(build) -> str:  # type: ignore[no-untyped-def]
    return "数据" if build is _long else "表1"


@pytest.mark.parametrize(("typo", "code"), TYPOS)
@pytest.mark.parametrize(("build", "header", "name", "name_first"), LAYOUTS)
def test_a_mistyped_code_is_an_error_naming_its_cell(build, header, name, name_first, typo, code):
    data, cell = build(header, typo, name, name_first)
    parsed = read_workbook(data)
    typos = [p for p in parsed.problems if p.rule == "did_you_mean"]
    assert [(p.where, p.value, p.params["code"]) for p in typos] == [(f"{_sheet(build)}!{cell}", typo, code)]
    assert not parsed.ok
    assert code not in set(parsed.observations["code"])  # never stored under a guess
    for lang in ("zh", "en"):
        assert code in typos[0].message(lang) and typo in typos[0].message(lang)


@pytest.mark.parametrize("far", FAR)
@pytest.mark.parametrize(("build", "header", "name", "name_first"), LAYOUTS)
def test_a_code_far_from_the_catalogue_is_listed_as_left_out(build, header, name, name_first, far):
    data, cell = build(header, far, name, name_first)
    parsed = read_workbook(data)
    assert parsed.ok, parsed.problems
    left_out = [n for s in parsed.reading.sheets for n in s.notes if n.kind.startswith("left_out_not_catalogue")]
    assert [(n.cell, n.shown) for n in left_out] == [(cell, far)]
    assert far in [o for s in parsed.reading.sheets for o in s.outside]
    assert set(parsed.observations["code"]) == {OTHER}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(("build", "header", "name", "name_first"), [p for p in LAYOUTS if p.values[2]])
def test_a_known_code_names_the_row_whatever_the_name_beside_it(build, header, name, name_first, code):
    data, _ = build(header, code, name, name_first)
    parsed = read_workbook(data)
    assert parsed.ok, parsed.problems
    assert code in set(parsed.observations["code"])
