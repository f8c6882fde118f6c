"""Numbers follow the reader's language: 万 and 以上 in Chinese, separators and ≥ in English."""

from __future__ import annotations

import pytest

from indicators.catalogue import BY_CODE
from indicators.formatting import change_text, plain_number, value_with_unit


@pytest.mark.parametrize("code, value, qualifier, zh, en", [
    ("grassroots_unions", 2185, "", "2,185个", "2,185 organisations"),
    ("union_members", 11.29, "", "11.29万人", "112,900 people"),
    ("union_formation_rate", 90, ">=", "90%以上", "≥ 90%"),
    ("rationalisation_proposals", 30000, "~", "近3万条", "≈ 30,000 items"),
    ("aid_funds", 433, "", "433万元", "4,330,000 yuan"),
    ("festival_visits", 8900, "", "8,900人次", "8,900 person-times"),
])
def test_value_with_unit(code, value, qualifier, zh, en):
    ind = BY_CODE[code]
    assert value_with_unit(value, ind, "zh", qualifier) == zh
    assert value_with_unit(value, ind, "en", qualifier) == en


def test_changes_in_points_for_rates_and_units_otherwise():
    assert change_text(2, BY_CODE["union_formation_rate"], "zh") == "+2个百分点"
    assert change_text(-1.5, BY_CODE["union_formation_rate"], "en") == "−1.5 pp"
    assert change_text(848, BY_CODE["grassroots_unions"], "zh", 848 / 1337) == "+848个 (+63.4%)"
    assert change_text(None, BY_CODE["grassroots_unions"], "zh") == "—"


def test_plain_numbers():
    assert plain_number(123456, "zh") == "12.35万"
    assert plain_number(123456, "en") == "123,456"
    assert plain_number(250_000_000, "zh") == "2.5亿"


def test_one_rule_for_a_rate_s_change_whatever_the_relative_change():
    """93.5% -> 94%: half a point, whichever relative change a caller passes along; the paragraphs'
    and the preview's points come from the same rule."""
    from indicators.formatting import is_rate, points_amount

    rate = BY_CODE["union_formation_rate"]
    assert change_text(94 - 93.5, rate, "zh", 0.5 / 93.5) == "+0.5个百分点"
    assert change_text(94 - 93.5, rate, "en", 0.5 / 93.5) == "+0.5 pp"
    assert is_rate(rate) and not is_rate(BY_CODE["grassroots_unions"])
    assert points_amount(-0.5) == "0.5" and points_amount(22.04) == "22"
