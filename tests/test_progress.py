"""Progress status by the Open SDG / Statistics Canada method, checked against hand-computed cases."""

from __future__ import annotations

import pytest

from indicators.progress import (
    cagr,
    cumulative_projection,
    progress_status,
    projection,
    straight_path,
    trajectory,
    yearly_flows,
)


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
    # Reached from below five years before its year: met early (it was "achieved" before issue 13).
    assert progress_status([(2004, 80), (2008, 92)], "increase", target=90, target_year=2013).status == "met_early"
    # A rate's target above 100 is read as 100; a rate of 100 has reached it (five years early).
    assert progress_status([(2004, 90), (2008, 100)], "increase", target=120, target_year=2013,
                           is_rate=True).status == "met_early"
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


# --- running totals and period targets -------------------------------------------------------

def test_a_running_total_is_judged_on_its_yearly_flows():
    # Running totals 100, 220, 364 (2004–2006): flows 120 (2005) and 144 (2006), +20 % a year.
    assert yearly_flows([(2004, 100), (2005, 220), (2006, 364)]) == [(2005, 120), (2006, 144)]
    p = progress_status([(2004, 100), (2005, 220), (2006, 364)], "increase", cumulative=True)
    assert p.basis == "flows" and p.growth == pytest.approx(0.20) and p.status == "on_track"
    # The same running total adding less each year (120, then 90) is moving away, though it still rises.
    p = progress_status([(2004, 100), (2005, 220), (2006, 310)], "increase", cumulative=True)
    assert p.growth == pytest.approx(-0.25) and p.status == "moving_away"
    # As a level, the rising total would have looked like +76 % a year: the mistake this avoids.
    assert progress_status([(2004, 100), (2005, 220), (2006, 310)], "increase").status == "on_track"


def test_skipped_years_are_spread_and_a_partial_year_is_not_judged():
    # 2004 -> 2006 adds 200 over two years: 100 a year.
    assert yearly_flows([(2004, 0), (2006, 200), (2007, 330)]) == [(2006, 100), (2007, 130)]
    # 2008 holds half a year (as of mid-2008): its flow of 60 is listed but not compared with 112.
    points = [(2004, 73), (2005, 160), (2006, 260), (2007, 372), (2008, 432)]
    p = progress_status(points, "increase", cumulative=True, partial_years=frozenset({2008}))
    assert p.flows[-1] == (2008, 60) and p.latest_year == 2007
    assert p.growth == pytest.approx((112 / 87) ** 0.5 - 1) and p.status == "on_track"  # 13.5 % a year
    assert progress_status(points, "increase", cumulative=True).status == "moving_away"  # 87 -> 60
    assert progress_status([(2004, 5), (2005, 9)], "increase", cumulative=True).status == "not_enough_data"


def test_a_period_target_is_judged_against_the_straight_path():
    # 750 over 2004–2008, from 0 at the end of 2003: 150, 300, 450, 600, 750.
    assert straight_path((2003, 0), 750, 2008) == [(2003, 0), (2004, 150), (2005, 300), (2006, 450),
                                                    (2007, 600), (2008, 750)]
    # No 2003 value: the running total starts after the base year, at 0.
    p = progress_status([(2004, 140), (2005, 290), (2006, 420)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.basis == "path" and p.expected == 450 and p.ratio == pytest.approx(420 / 450)  # 0.933
    assert p.status == "needs_acceleration"
    p = progress_status([(2004, 140), (2005, 290), (2006, 260 + 200)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.ratio == pytest.approx(460 / 450) and p.status == "on_track"
    p = progress_status([(2004, 100), (2005, 200)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.ratio == pytest.approx(200 / 300) and p.status == "needs_acceleration"
    p = progress_status([(2004, 50), (2005, 100)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.ratio == pytest.approx(100 / 300) and p.status == "limited"


def test_a_period_target_met_in_its_year_or_early():
    p = progress_status([(2006, 450), (2007, 610), (2008, 760)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.status == "met" and p.met_year == 2008 and p.target_reached
    p = progress_status([(2006, 450), (2007, 752), (2008, 800)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.status == "met_early" and p.met_year == 2007
    assert p.label("zh") == "提前完成目标" and p.label("en") == "Target met early"
    # Seen as of 2007, the same series has already met it early.
    p = progress_status([(2006, 450), (2007, 752)], "increase", 750, 2008, 2003, cumulative=True)
    assert p.status == "met_early"


def test_a_level_target_reached_before_its_year_is_met_early_but_one_held_is_achieved():
    p = progress_status([(2009, 10), (2010, 22), (2011, 41)], "increase", 40, 2013)
    assert p.status == "met_early" and p.met_year == 2011
    # Held at or above the target from the start: achieved, not "met early".
    assert progress_status([(2008, 90), (2009, 92)], "increase", 90, 2013).status == "achieved"
    assert progress_status([(2004, 80), (2008, 92)], "increase", 90, 2008).status == "achieved"


def test_running_total_projection_keeps_the_average_flow():
    # 0 (2003) -> 450 (2006): 150 a year, so 600 in 2007 and 750 in 2008.
    assert cumulative_projection([(2003, 0), (2006, 450)], 2008) == [(2006, 450), (2007, 600), (2008, 750)]
