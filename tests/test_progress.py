"""Progress status by the Open SDG / Statistics Canada method, checked against hand-computed cases."""

from __future__ import annotations

import pytest

from indicators.progress import cagr, progress_status, projection, trajectory


def test_cagr_of_the_reports_grassroots_unions():
    # 1,337 (2003) -> 2,185 (2008): (2185/1337)^(1/5) - 1 = 10.32 % a year.
    assert cagr(1337, 2185, 5) == pytest.approx(0.10323, abs=1e-4)
    assert cagr(0, 10, 5) is None and cagr(10, 20, 0) is None


def test_without_a_target_the_growth_rate_decides():
    assert progress_status([(2003, 1337), (2008, 2185)], "increase").status == "on_track"  # 10.3 %
    assert progress_status([(2000, 100), (2001, 101)], "increase").status == "needs_acceleration"  # 1 %
    assert progress_status([(2000, 100), (2001, 100.3)], "increase").status == "limited"  # 0.3 %
    assert progress_status([(2000, 100), (2001, 99.9)], "increase").status == "moving_away"  # -0.1 %
    assert progress_status([(2000, 100), (2001, 98)], "decrease").status == "on_track"  # falling 2 %: good
    assert progress_status([(2000, 100), (2001, 99)], "decrease").status == "needs_acceleration"


def test_with_a_target_the_ratio_of_actual_to_required_growth_decides():
    # 100 (2010) -> 121 (2012): 10 % a year; 150 by 2015 needs 8.447 % a year; R = 1.18.
    p = progress_status([(2010, 100), (2012, 121)], "increase", target=150, target_year=2015)
    assert p.growth == pytest.approx(0.10) and p.required == pytest.approx(0.08447, abs=1e-5)
    assert p.ratio == pytest.approx(1.1838, abs=1e-3) and p.status == "on_track"
    # 100 (2000) -> 110.25 (2002): 5 %; 196.7 by 2010 needs 7 %; R = 0.714.
    p = progress_status([(2000, 100), (2002, 110.25)], "increase", target=100 * 1.07 ** 10, target_year=2010)
    assert p.ratio == pytest.approx(5 / 7, abs=1e-3) and p.status == "needs_acceleration"
    # 100 (2010) -> 110 (2015): 1.92 %; 150 by 2020 needs 4.14 %; R = 0.465.
    p = progress_status([(2010, 100), (2015, 110)], "increase", target=150, target_year=2020)
    assert p.ratio == pytest.approx(0.4651, abs=1e-3) and p.status == "limited"
    p = progress_status([(2010, 100), (2012, 90)], "increase", target=150, target_year=2020)
    assert p.ratio < 0 and p.status == "moving_away"


def test_a_target_for_a_decrease():
    # 100 -> 90 over 2 years: -5.13 %; 50 by 2010 from 2000 needs -6.70 %; R = 0.766.
    p = progress_status([(2000, 100), (2002, 90)], "decrease", target=50, target_year=2010)
    assert p.ratio == pytest.approx(0.7660, abs=1e-3) and p.status == "needs_acceleration"


def test_target_achieved_and_rates_capped_at_100():
    assert progress_status([(2004, 80), (2008, 92)], "increase", target=90, target_year=2013).status == "achieved"
    # A rate's target above 100 is read as 100; a rate of 100 has achieved it.
    assert progress_status([(2004, 90), (2008, 100)], "increase", target=120, target_year=2013,
                           is_rate=True).status == "achieved"
    assert progress_status([(2008, 95)], "increase", target=90, target_year=2013).status == "achieved"


def test_fewer_than_two_points_is_not_enough_data():
    assert progress_status([], "increase").status == "not_enough_data"
    assert progress_status([(2008, 5)], "increase").status == "not_enough_data"
    assert progress_status([(2008, 5)], "increase", target=40, target_year=2013).status == "not_enough_data"


def test_a_zero_base_falls_back_to_linear_growth():
    # 0 -> 20 in 2 years is 10 a year; 40 by 2013 from 2008 needs 8 a year; R = 1.25.
    p = progress_status([(2008, 0), (2010, 20)], "increase", target=40, target_year=2013)
    assert p.ratio == pytest.approx(1.25) and p.status == "on_track"


def test_direction_is_required():
    with pytest.raises(ValueError):
        progress_status([(2000, 1), (2001, 2)], "up")


def test_projection_and_trajectory():
    assert projection([(2010, 100), (2012, 121)], 2014) == [(2012, 121), (2013, pytest.approx(133.1)),
                                                             (2014, pytest.approx(146.41))]
    assert projection([(2010, 90), (2012, 99)], 2014, is_rate=True)[-1][1] == 100.0
    path = trajectory((2008, 10), 40, 2013)
    assert path[0] == (2008, 10) and path[-1][1] == pytest.approx(40) and len(path) == 6
    assert trajectory((2008, 0), 40, 2013)[1] == (2009, pytest.approx(8))
