"""The second level of checks in a collection round: warnings, which a district may send with a written
explanation (errors still refuse the file, as in every upload).

- ``warn_jump``: a value more than 30 % away from the same series' published value of the year before;
- ``warn_group_above_total``: a group (其中项) larger than the indicator's total;
- ``warn_part_above_whole``: an indicator larger than the one it is part of (``Indicator.part_of``), and
  union members above workers once the catalogue has ``workers`` (职工人数);
- ``warn_rule``: a value that breaks a rule an admin added (``catalogue_edit.CheckRule``).

Each compares values of the same year and region, in the whole's unit (万人 against 人 is converted).
Pure functions on frames with hand-made test cases; the words come from the message table.
"""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import Catalogue, Indicator
from indicators.catalogue_edit import CheckRule
from indicators.cell_values import format_number
from indicators.formatting import is_rate, points_amount, value_with_unit
from indicators.problems import MESSAGES
from indicators.rounds import ValueWarning
from indicators.translation import group_label, region_label
from indicators.workbook.units import unit_factor

JUMP = 0.30  # a change on the year above this share is a warning
BUILTIN_PAIRS = (("union_members", "workers"),)  # (part, whole) checked when the catalogue has both
_KEY = ["code", "year", "region", "group"]


def _where(row: pd.Series) -> str:
    col = row.get("col", "")
    if not isinstance(col, str) or not col:
        return ""
    return f"{row.get('sheet', '')}!{col}{int(row.get('row', 0))}"


def _value_of(code: str, year: int, region: str, *frames: pd.DataFrame) -> float | None:
    """The total (no group) value of a series in the first frame that has it."""
    for frame in frames:
        if frame is None or frame.empty:
            continue
        found = frame[(frame["code"] == code) & (frame["year"] == year) & (frame["region"] == region)
                      & (frame["group"] == "")]
        if not found.empty:
            return float(found["value"].iloc[0])
    return None


def _in_unit(value: float, of: Indicator, into: Indicator) -> float | None:
    factor = unit_factor(of.unit_zh, into.unit_zh)
    return None if factor is None else value * factor


def jump_warnings(values: pd.DataFrame, published: pd.DataFrame) -> list[ValueWarning]:
    if values.empty or published.empty:
        return []
    before = published.assign(year=published["year"].astype(int) + 1)[[*_KEY, "value"]]
    merged = values.merge(before.rename(columns={"value": "previous"}), on=_KEY, how="inner")
    out = []
    for _, row in merged.iterrows():
        previous = float(row["previous"])
        if previous == 0:
            continue
        change = (float(row["value"]) - previous) / abs(previous)
        if abs(change) > JUMP:
            out.append(ValueWarning("warn_jump", row["code"], int(row["year"]), row["region"], row["group"],
                                    float(row["value"]), {"previous": previous, "change": round(change * 100, 1)},
                                    where=_where(row)))
    return out


def group_warnings(values: pd.DataFrame) -> list[ValueWarning]:
    out = []
    for _, row in values[values["group"] != ""].iterrows():
        total = _value_of(row["code"], int(row["year"]), row["region"], values)
        if total is not None and float(row["value"]) > total + 1e-9:
            out.append(ValueWarning("warn_group_above_total", row["code"], int(row["year"]), row["region"],
                                    row["group"], float(row["value"]), {"other_value": total}, where=_where(row)))
    return out


def _compare(values: pd.DataFrame, published: pd.DataFrame, catalogue: Catalogue, left: str, right: str,
             rule: str, op: str, extra: dict) -> list[ValueWarning]:
    part, whole = catalogue.get(left), catalogue.get(right)
    if part is None or whole is None:
        return []
    out = []
    for _, row in values[(values["code"] == left) & (values["group"] == "")].iterrows():
        other = _value_of(right, int(row["year"]), row["region"], values, published)
        mine = _in_unit(float(row["value"]), part, whole)
        if other is None or mine is None:
            continue
        if not CheckRule(0, left, op, right).holds(mine, other):
            out.append(ValueWarning(rule, left, int(row["year"]), row["region"], "", float(row["value"]),
                                    {"other": right, "other_value": other, "op": op, **extra}, where=_where(row)))
    return out


def part_warnings(values: pd.DataFrame, published: pd.DataFrame, catalogue: Catalogue) -> list[ValueWarning]:
    pairs = [(ind.code, ind.part_of) for ind in catalogue if ind.part_of]
    pairs += [pair for pair in BUILTIN_PAIRS if pair[0] in catalogue.by_code and pair[1] in catalogue.by_code]
    out = []
    for part, whole in dict.fromkeys(pairs):
        out += _compare(values, published, catalogue, part, whole, "warn_part_above_whole", "<=", {})
    return out


def rule_warnings(values: pd.DataFrame, published: pd.DataFrame, catalogue: Catalogue) -> list[ValueWarning]:
    out = []
    for rule in catalogue.rules:
        if rule.right_code:
            out += _compare(values, published, catalogue, rule.left, rule.right_code, "warn_rule", rule.op,
                            {"rule_id": rule.id})
            continue
        for _, row in values[(values["code"] == rule.left) & (values["group"] == "")].iterrows():
            if rule.right_value is not None and not rule.holds(float(row["value"]), rule.right_value):
                out.append(ValueWarning("warn_rule", rule.left, int(row["year"]), row["region"], "",
                                        float(row["value"]), {"other": "", "other_value": rule.right_value,
                                                              "op": rule.op, "rule_id": rule.id}, where=_where(row)))
    return out


def value_warnings(values: pd.DataFrame, published: pd.DataFrame, catalogue: Catalogue) -> list[ValueWarning]:
    """Every warning of a submission's values, against the published data (the year before, the whole)."""
    if values.empty:
        return []
    return (jump_warnings(values, published) + group_warnings(values) + part_warnings(values, published, catalogue)
            + rule_warnings(values, published, catalogue))


def warning_message(warning: ValueWarning, catalogue: Catalogue, lang: str = "zh") -> str:
    """The warning in words: the indicator, where, the value and what it breaks."""
    indicator = catalogue.get(warning.code)

    def amount(value: float | None, ind: Indicator | None) -> str:
        if value is None:
            return "—"
        return value_with_unit(value, ind, lang) if ind is not None else format_number(value)

    other = catalogue.get(str(warning.params.get("other") or ""))
    where = " ".join(part for part in (region_label(warning.region, lang), str(warning.year),
                                       group_label(warning.group, lang)) if part)
    params = {
        "indicator": indicator.name(lang) if indicator else warning.code, "where": where,
        "value": amount(warning.value, indicator),
        "previous": amount(warning.params.get("previous"), indicator),
        "previous_year": warning.year - 1, "change": _change(warning, indicator, lang),
        "other": _other(warning, indicator, other, lang, amount),
        "op": {"<=": "≤", ">=": "≥"}.get(str(warning.params.get("op", "")), ""),
        "group": group_label(warning.group, lang), "jump": f"{JUMP:.0%}",
    }
    zh, en = MESSAGES[warning.rule]
    return (en if lang == "en" else zh).format(**params)


def _change(warning: ValueWarning, indicator: Indicator | None, lang: str) -> str:
    """The jump: relative for counts; for a rate in percentage points, the relative change beside it,
    since the 30 % rule is relative (the product's one rule for a rate's change, formatting.is_rate)."""
    relative = f"{float(warning.params.get('change', 0)):+.1f}%"
    previous = warning.params.get("previous")
    if not is_rate(indicator) or previous is None:
        return relative
    points = warning.value - float(previous)
    sign = "+" if points >= 0 else "−"
    if lang == "en":
        return f"{sign}{points_amount(points)} pp (a relative change of {relative})"
    return f"{sign}{points_amount(points)}个百分点（相对变化 {relative}）"


def _other(warning: ValueWarning, indicator: Indicator | None, other: Indicator | None, lang: str,
           amount) -> str:  # type: ignore[no-untyped-def]
    """What the value was compared with: another indicator and its value, or a number."""
    value = warning.params.get("other_value")
    if other is None:
        return amount(value, indicator)  # a total, a number, or the city against its regions
    shown = amount(value, other)
    return f"“{other.name(lang)}”（{shown}）" if lang != "en" else f"{other.name(lang)} ({shown})"
