"""A form's 填报单位 / 填报日期 line, generated in the spellings offices type it: the date is its own field.

Each case is built from its parts (where the date sits, how it is spelled, how the unit is named,
what else the header holds), and its truth comes from how it was built: the district's four values
under 北山县, years 2008 and 2009, and a 填报日期 field holding the date. The reader must read exactly
that, or ask naming a cell; never a region called "北山县总工会2011年1月15日", never a sheet refused for
having no header, and never the date read as a period column.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from indicators.workbook.form_lines import fields_in, is_form_line
from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

DATES = ["2011年1月15日", "2011年1月", "2011-01-15", "2011.1.15", "2011 年 1 月 15 日"]
UNITS = ["北山县总工会", "北山县总工会（盖章）", "北山县"]
SEPARATORS = ["\u3000\u3000", "  ", "", "\t"]


def _date_places(unit: str, date: str, sep: str) -> dict[str, list[object]]:
    """The form line's cells, for each place a date is typed on it."""
    return {
        "same cell, unlabelled": [f"填报单位：{unit}{sep}{date}"],
        "same cell, labelled": [f"填报单位：{unit}{sep or ' '}填报日期：{date}"],
        "next cells, labelled": [f"填报单位：{unit}", None, "填报日期：", date],
        "own cell, unlabelled": [f"填报单位：{unit}", None, date],
        "date cell beside 填报日期": [f"填报单位：{unit}", None, "填报日期：", dt.datetime(2011, 1, 15)],
        "with 填报人": [f"填报单位：{unit}{sep or ' '}填报人：张三{sep or ' '}{date}"],
    }


def _form(line: list[object], title: bool, unit_column: bool) -> bytes:
    wb, ws = sheet()
    if title:
        ws.append(["基层工会基本情况表"])
    ws.append(line)
    ws.append(["指标", "单位", "2008年", "2009年"] if unit_column else ["指标", "2008年", "2009年"])
    for label, unit, v8, v9 in [("基层工会组织数", "个", 300, 320), ("工会会员数", "万人", 3.23, 3.4)]:
        ws.append([label, unit, v8, v9] if unit_column else [label, v8, v9])
    return save(wb)


TRUTH = {("grassroots_unions", 2008): 300.0, ("grassroots_unions", 2009): 320.0,
         ("union_members", 2008): 3.23, ("union_members", 2009): 3.4}


def _cases(count: int, seed: int = 16) -> list[tuple]:
    rng = random.Random(seed)
    every = [(place, unit, date, sep, title, unit_col)
             for unit, date, sep in itertools.product(UNITS, DATES, SEPARATORS)
             for place in _date_places(unit, date, sep)
             for title in (True, False) for unit_col in (True, False)]
    return rng.sample(every, min(count, len(every)))


@pytest.mark.parametrize("place,unit,date,sep,title,unit_col", _cases(60))
def test_a_date_on_the_form_line_is_never_a_period_nor_part_of_the_name(place, unit, date, sep, title, unit_col):
    line = _date_places(unit, date, sep)[place]
    parsed = read_workbook(_form(line, title, unit_col))
    errors = [p for p in parsed.problems if p.severity in ("error", "question")]
    assert not errors, [(p.rule, p.cell, p.value) for p in errors]
    got = {(row.code, int(row.year)): float(row.value) for row in parsed.observations.itertuples()}
    assert got == TRUTH
    assert set(parsed.observations["region"]) == {"北山县"}


@pytest.mark.parametrize("unit,date,sep", list(itertools.product(UNITS, DATES, SEPARATORS)))
def test_a_trailing_date_is_split_into_a_field_of_its_own(unit, date, sep):
    fields = fields_in(f"填报单位：{unit}{sep}{date}")
    assert fields[0] == ("填报单位", unit.replace("（", "(").replace("）", ")"))
    assert fields[1][0] == "填报日期" and fields[1][1].replace(" ", "") == date.replace(" ", "")


@pytest.mark.parametrize("text", ["填报单位：北山县总工会", "填报单位：2011年工会", "填报日期：2011年1月15日",
                                  "填报单位：第2011号工会"])
def test_a_value_that_is_only_a_date_or_holds_a_year_inside_is_not_split(text):
    fields = fields_in(text)
    assert len(fields) == 1


def test_a_header_row_is_never_taken_for_a_form_line():
    assert not is_form_line(["指标", "单位", "2008年", "2009年"])
    assert is_form_line(["填报单位：北山县总工会", None, "2010年1月"])
    assert is_form_line(["", "填报日期：", dt.date(2011, 1, 15)])
