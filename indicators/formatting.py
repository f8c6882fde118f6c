"""Numbers as each reader expects them: 万 and 亿 in Chinese, thousands separators in English.

A value stored in 万人 or 万元 is shown in Chinese as it is (11.29万人) and in English in whole
units (112,900 people): English readers do not count in ten-thousands.
"""

from __future__ import annotations

import math

from indicators.catalogue import Indicator

_EN_WAN_UNITS = {"万人": "people", "万元": "yuan", "万人次": "person-times"}


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plain_number(value: float, lang: str = "zh", decimals: int = 2) -> str:
    """``12345.6`` -> ``1.23万`` (zh, from 10,000 up) or ``12,345.6`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if lang != "en" and abs(value) >= 100_000_000:
        return _trim(value / 100_000_000, decimals) + "亿"
    if lang != "en" and abs(value) >= 10_000:
        return _trim(value / 10_000, decimals) + "万"
    return _trim(value, decimals)


def value_with_unit(value: float | None, indicator: Indicator, lang: str = "zh", qualifier: str = "") -> str:
    """A value as a card or a table shows it: ``2,185个``, ``90%以上``, ``≥ 90%``, ``112,900 people``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    unit_zh = indicator.unit_zh
    if lang == "en":
        if unit_zh in _EN_WAN_UNITS:
            number, unit = _trim(value * 10_000, 0), _EN_WAN_UNITS[unit_zh]
        else:
            number, unit = plain_number(value, "en"), indicator.unit_en
        text = f"{number}%" if unit_zh == "%" else f"{number} {unit}"
        prefix = {">=": "≥ ", "<=": "≤ ", "~": "≈ "}.get(qualifier, "")
        return prefix + text
    number = plain_number(value, "zh") if not unit_zh.startswith("万") else _trim(value, 2)
    if number.endswith(("万", "亿")) and unit_zh.startswith("万"):
        number = _trim(value, 2)
    text = f"{number}{unit_zh}"
    if qualifier == ">=":
        return text + "以上"
    if qualifier == "<=":
        return text + "以下"
    if qualifier == "~":
        return "近" + text
    return text


def is_rate(indicator: Indicator | None) -> bool:
    """Whether the indicator is a rate or share (unit %): its changes are told in percentage points."""
    return indicator is not None and indicator.unit_zh == "%"


def points_amount(points: float) -> str:
    """A rate's change as an unsigned number of percentage points, to one decimal: ``0.5``, ``22``.
    The one rule the cards, the review page, the paragraphs and the preview share."""
    return _trim(abs(points), 1)


def change_text(change: float | None, indicator: Indicator, lang: str = "zh", percent: float | None = None) -> str:
    """A change with its sign, in the indicator's unit (percentage points for rates)."""
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return "—"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    magnitude = abs(change)
    if is_rate(indicator):
        body = points_amount(magnitude) + ("个百分点" if lang != "en" else " pp")
    else:
        body = value_with_unit(magnitude, indicator, lang)
    if percent is not None and not is_rate(indicator) and math.isfinite(percent):
        body += f" ({'+' if percent >= 0 else '−'}{_trim(abs(percent) * 100, 1)}%)"
    return sign + body


def percent_text(rate: float | None, lang: str = "zh") -> str:
    """A growth rate (0.103) as ``10.3%``, or ``—``."""
    if rate is None or (isinstance(rate, float) and not math.isfinite(rate)):
        return "—"
    return f"{rate * 100:+.1f}%"


# --- numbers in running text (drafted paragraphs) ----------------------------------------------

def _zh_count(value: float, decimals: int = 2) -> str:
    """A number as a work report writes it: 2185, 8900, 3万, 1.2亿 (no thousands separators)."""
    if abs(value) >= 100_000_000:
        return _trim(value / 100_000_000, decimals).replace(",", "") + "亿"
    if abs(value) >= 10_000:
        return _trim(value / 10_000, decimals).replace(",", "") + "万"
    return _trim(value, decimals).replace(",", "")


def _en_count(value: float) -> str:
    """A number as English prose writes it: 2,185; 112,900; 4.33 million."""
    if abs(value) >= 1_000_000:
        return _trim(value / 1_000_000, 2) + " million"
    return _trim(value, 2)


def prose_amount(value: float, indicator: Indicator, lang: str = "zh") -> str:
    """A value with its unit for running text, no qualifier: ``2185个``, ``11.29万人``, ``1.2亿元``,
    ``90%``; ``2,185 organisations``, ``112,900 people``, ``4.33 million yuan``."""
    unit_zh = indicator.unit_zh
    if lang == "en":
        if unit_zh == "%":
            return f"{_trim(value, 1)}%"
        if unit_zh in _EN_WAN_UNITS:
            return f"{_en_count(value * 10_000)} {_EN_WAN_UNITS[unit_zh]}"
        unit = indicator.unit_en
        if value == 1 and unit.endswith("s") and not unit.endswith("-times"):
            unit = unit[:-1]  # 1 unit, 1 course
        return f"{_en_count(value)} {unit}"
    if unit_zh == "%":
        return f"{_trim(value, 1)}%"
    if unit_zh.startswith("万"):  # stored in ten-thousands already: 433万元, 1.2亿元
        rest = unit_zh[1:]
        if abs(value) >= 10_000:
            return _trim(value / 10_000, 2).replace(",", "") + "亿" + rest
        return _trim(value, 2).replace(",", "") + unit_zh
    return _zh_count(value) + unit_zh


def prose_value(value: float, indicator: Indicator, lang: str = "zh", qualifier: str = "") -> str:
    """A value for running text with its bound or approximation: ``90%以上``, ``近3万条``;
    ``90% or more``, ``nearly 30,000 items``."""
    amount = prose_amount(value, indicator, lang)
    if lang == "en":
        return {">=": f"{amount} or more", "<=": f"at most {amount}", "~": f"nearly {amount}"}.get(qualifier, amount)
    return {">=": f"{amount}以上", "<=": f"{amount}以下", "~": f"近{amount}"}.get(qualifier, amount)


def prose_percent(rate: float, lang: str = "zh") -> str:
    """A relative change's size (0.0573 -> ``5.7%``), without a sign: the verb says which way."""
    return f"{_trim(abs(rate) * 100, 1)}%"
