"""Statistics years (1 Oct – 30 Sep) or calendar years, and the date a value's note gives it."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.stat_year import as_of_date, basis_note, is_partial_year, year_label, year_span


def test_a_union_statistics_year_runs_from_1_october_to_30_september():
    assert year_span(2009, "union") == (dt.date(2008, 10, 1), dt.date(2009, 9, 30))
    assert year_span(2009, "calendar") == (dt.date(2009, 1, 1), dt.date(2009, 12, 31))
    with pytest.raises(ValueError, match="union, calendar"):
        year_span(2009, "fiscal")


def test_year_labels_say_which_year():
    assert year_label(2009, "union", "zh", long=True) == "2009年度（2008.10.1–2009.9.30）"
    assert year_label(2009, "union", "zh") == "2009年度"
    assert year_label(2009, "union", "en", long=True) == "statistics year 2009 (1 Oct 2008 – 30 Sep 2009)"
    assert year_label(2009, "calendar", "zh", long=True) == "2009年"
    assert year_label(2009, "calendar", "en") == "2009"
    assert "10月1日" in basis_note("union", "zh") and "calendar years" in basis_note("calendar", "en")


@pytest.mark.parametrize("note, date", [
    ("截至2008年上半年", dt.date(2008, 6, 30)),
    ("五年累计（2004–2008年，截至2008年上半年），记于2008年", dt.date(2008, 6, 30)),
    ("截至2009年9月底", dt.date(2009, 9, 30)),
    ("截至2009年2月末", dt.date(2009, 2, 28)),
    ("截至2009年11月15日", dt.date(2009, 11, 15)),
    ("截至2009年底", dt.date(2009, 12, 31)),
    ("示例数据，非报告数字", None),
    ("", None),
])
def test_as_of_date_from_a_note(note, date):
    assert as_of_date(note) == date


def test_a_partial_year_depends_on_the_year_basis():
    assert is_partial_year(2008, "截至2008年上半年", "union") and is_partial_year(2008, "截至2008年上半年", "calendar")
    # 30 September closes the union statistics year but not the calendar year.
    assert not is_partial_year(2009, "截至2009年9月底", "union")
    assert is_partial_year(2009, "截至2009年9月底", "calendar")
    assert not is_partial_year(2009, "年报数", "union")


def test_data_exports_name_the_period_of_each_year():
    import pandas as pd

    from indicators.data_export import export_frame

    obs = pd.DataFrame([{"code": "grassroots_unions", "year": 2009, "region": "", "group": "", "value": 2310.0,
                         "qualifier": "", "note": "", "source": "2009年统计年报"}])
    assert export_frame(obs, 3, "zh")["统计期间"].tolist() == ["2009年度（2008.10.1–2009.9.30）"]
    assert export_frame(obs, 3, "en", "calendar")["period"].tolist() == ["2009"]
    assert list(export_frame(obs, 3, "en").columns[3:5]) == ["year", "period"]


def test_a_wrong_year_basis_stops_the_app_from_starting(tmp_path):
    from app import create_app

    with pytest.raises(ValueError, match="union, calendar"):
        create_app({"db": str(tmp_path / "s.db"), "year_basis": "fiscal"})
