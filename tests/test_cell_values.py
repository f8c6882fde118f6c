"""Cells are read as a person means them."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.cell_values import parse_number, parse_qualifier, parse_year


@pytest.mark.parametrize("cell, unit, value, qualifier, percent", [
    (2185, "个", 2185, "", False),
    (11.29, "万人", 11.29, "", False),
    ("2,185", "个", 2185, "", False),
    ("２，１８５", "个", 2185, "", False),  # full-width, as typed with a Chinese input method
    (" 2185 ", "个", 2185, "", False),
    ("2185个", "个", 2185, "", False),
    ("76%", "%", 76, "", True),
    ("90%以上", "%", 90, ">=", True),
    ("300多", "名", 300, ">=", False),
    ("490余", "人次", 490, ">=", False),
    ("近3万", "条", 30000, "~", False),
    ("约9000", "万元", 9000, "~", False),
    ("≥95", "%", 95, ">=", False),
    ("11.29万", "万人", None, None, None),  # 万 is already the unit: ambiguous, refused
    ("-2", "个", -2, "", False),
    ("1.5e3", "个", 1500, "", False),
])
def test_parse_number(cell, unit, value, qualifier, percent):
    parsed = parse_number(cell, unit)
    if value is None:
        assert parsed is None
    else:
        assert parsed.value == pytest.approx(value)
        assert (parsed.qualifier, parsed.percent) == (qualifier, percent)


@pytest.mark.parametrize("cell", ["", None, "abc", "12a", "N/A", "—", True, float("nan"), float("inf"), "1,2,3.4.5"])
def test_not_numbers(cell):
    assert parse_number(cell, "个") is None


@pytest.mark.parametrize("cell, year", [
    (2009, 2009), (2009.0, 2009), ("2009", 2009), ("2009年", 2009), ("2009 年", 2009), ("2009年度", 2009),
    ("２００９年", 2009), (dt.date(2009, 6, 30), 2009),
])
def test_parse_year(cell, year):
    assert parse_year(cell) == year


@pytest.mark.parametrize("cell", ["", "09", "2009.5", 2009.5, "二〇〇九", "2009-2010", None, True])
def test_not_years(cell):
    assert parse_year(cell) is None


@pytest.mark.parametrize("cell, stored", [
    ("", ""), ("以上", ">="), ("≥", ">="), ("at least", ">="), ("约", "~"), ("近", "~"), ("about", "~"),
    ("以下", "<="), ("精确", ""), ("maybe", None),
])
def test_parse_qualifier(cell, stored):
    assert parse_qualifier(cell) == stored
