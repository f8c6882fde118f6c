"""Units as tables write them, and how a value in one becomes the indicator's own.

人 ↔ 万人, 人次 ↔ 万人次, 元 ↔ 万元 ↔ 亿元, 个 ↔ 万个; 家/户/个, 名/人/位 and 件/条/项 are the same
count; a rate given as a fraction (单位：小数) is read as a percentage. A unit with no way to the
indicator's is an error naming the cell, never a silent 1:1.
"""

from __future__ import annotations

import re
import unicodedata

# Each unit as (dimension, factor to that dimension's base).
_UNITS: dict[str, tuple[str, float]] = {
    "人": ("people", 1), "名": ("people", 1), "位": ("people", 1), "万人": ("people", 1e4),
    "万名": ("people", 1e4), "千人": ("people", 1e3), "百人": ("people", 1e2),
    "人次": ("visits", 1), "万人次": ("visits", 1e4), "次": ("visits", 1),
    "元": ("money", 1), "千元": ("money", 1e3), "万元": ("money", 1e4), "百万元": ("money", 1e6),
    "亿元": ("money", 1e8),
    "个": ("units", 1), "家": ("units", 1), "户": ("units", 1), "所": ("units", 1), "座": ("units", 1),
    "万个": ("units", 1e4), "万户": ("units", 1e4), "万家": ("units", 1e4),
    "条": ("items", 1), "件": ("items", 1), "项": ("items", 1), "万条": ("items", 1e4), "万件": ("items", 1e4),
    "期": ("sessions", 1), "班": ("sessions", 1),
    "%": ("percent", 1), "百分比": ("percent", 1), "百分点": ("percent", 1), "小数": ("percent", 100),
    "比例": ("percent", 100), "‰": ("percent", 0.1),
}
_ALIASES = {"percent": "%", "pct": "%", "％": "%", "人数": "人", "个数": "个", "元人民币": "元", "万元人民币": "万元",
            "unit": "个", "units": "个", "persons": "人", "people": "人", "yuan": "元", "10kyuan": "万元",
            "10000persons": "万人", "10kpeople": "万人", "10000yuan": "万元", "100millionyuan": "亿元"}
_LABEL_UNIT = re.compile(r"[(（\[【]\s*(?:单位\s*[:：])?\s*([^()（）\[\]【】]{1,10}?)\s*[)）\]】]")


def normalise_unit(text: object) -> str:
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()
    key = key.removeprefix("单位:").removeprefix("计量单位:")
    return _ALIASES.get(key, key)


def is_unit(text: object) -> bool:
    return normalise_unit(text) in _UNITS


def unit_factor(found: object, expected: str) -> float | None:
    """Factor turning a value in ``found`` units into ``expected`` units; None when there is no way."""
    have, want = normalise_unit(found), normalise_unit(expected)
    if not have or have == want:
        return 1.0
    if have not in _UNITS or want not in _UNITS:
        return None
    (dim_have, f_have), (dim_want, f_want) = _UNITS[have], _UNITS[want]
    if dim_have != dim_want:
        return None
    return f_have / f_want


def units_in_label(text: str) -> list[str]:
    """The units written in brackets inside a label, as ``基层工会数(个)`` or ``会员人数\\n(万人)``."""
    return [normalise_unit(found) for found in _LABEL_UNIT.findall(text) if is_unit(found)]


def strip_label_unit(text: str) -> str:
    """The label without a bracketed unit at its end."""
    return _LABEL_UNIT.sub(lambda m: "" if is_unit(m.group(1)) else m.group(0), text).strip()


def format_factor(factor: float) -> str:
    """``×10,000`` or ``÷10,000`` for a note about a conversion."""
    if factor >= 1:
        return f"×{factor:,.10g}"
    return f"÷{1 / factor:,.10g}"
