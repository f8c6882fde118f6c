"""A round's jump warning tells a rate's change in percentage points, a count's as a relative change."""

from __future__ import annotations

import pytest

from indicators.catalogue import BUILTIN
from indicators.round_warnings import warning_message
from indicators.rounds import ValueWarning


@pytest.mark.parametrize("value,previous,points", [(62.0, 44.0, "+18"), (40.0, 62.5, "−22.5"), (93.0, 70.0, "+23")])
def test_a_rates_jump_is_in_percentage_points_with_its_relative_change(value, previous, points):
    change = (value - previous) / previous * 100
    warning = ValueWarning("warn_jump", "union_formation_rate", 2009, "甘州区", "", value,
                           params={"previous": previous, "change": change})
    zh = warning_message(warning, BUILTIN, "zh")
    en = warning_message(warning, BUILTIN, "en")
    assert f"{points}个百分点" in zh and f"{change:+.1f}%" in zh
    assert f"{points} pp" in en and "个" not in en


def test_a_counts_jump_stays_a_relative_change():
    warning = ValueWarning("warn_jump", "grassroots_unions", 2009, "甘州区", "", 1300.0,
                           params={"previous": 2185.0, "change": -40.5})
    zh = warning_message(warning, BUILTIN, "zh")
    assert "−40.5%" in zh or "-40.5%" in zh and "个百分点" not in zh
