"""Summing a round up (汇总): the city's figures from the approved regions' tables.

- Counts and money (every kind but rates): the city value is the sum of the approved regions,
  unless the city federation reports its own; where both exist and differ, the difference is a
  warning on the board (``warn_city_differs``) and the city's own figure is published.
- Rates are never summed: computed as numerator ÷ denominator × 100 from the two indicators'
  city figures when the round collects both (``Indicator.numerator``/``denominator``); otherwise
  the city's own reported rate, if any.

A sum over only some of the city's regions is not the city's figure: unless every expected region is
approved it is *pending*, marked as a lower bound (``>=``, 以上) with a 部分汇总 note, and published only
when the closer confirms it. A city figure of the round that jumps on the year before (the districts'
``warn_jump``) is pending too, with its warning.

Pure functions on frames; ``indicators.round_cases`` calls them when the board is drawn and when
the round closes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.round_warnings import jump_warnings
from indicators.rounds import VALUE_FIELDS, ValueWarning
from indicators.workbook.units import unit_factor

SUMMED_NOTE = "由已审核地区的数值相加"
COMPUTED_NOTE = "由分子、分母指标计算"
PARTIAL_NOTE = "部分汇总：{approved}/{expected}个地区（{regions}），不是全市数"
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Coverage:
    """Which of the regions the city's figure adds up are approved in the round."""

    approved: tuple[str, ...]
    expected: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return set(self.expected) <= set(self.approved)

    def note(self) -> str:
        """The stored note of a partial sum, naming how many and which regions it adds up."""
        return PARTIAL_NOTE.format(approved=len(self.approved), expected=len(self.expected),
                                   regions="、".join(self.approved) or "—")


@dataclass
class CityFigures:
    """The city's rows to publish, the rows that need the closer's confirmation (``pending``: partial
    sums, figures that jump), how each indicator got its figure, and the warnings to show."""

    observations: pd.DataFrame
    how: dict[str, str] = field(default_factory=dict)  # code -> summed | computed | reported | none
    differences: list[ValueWarning] = field(default_factory=list)
    pending: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=VALUE_FIELDS))
    warnings: list[ValueWarning] = field(default_factory=list)  # the city figures' own jumps
    coverage: Coverage | None = None


def _qualifier(qualifiers: pd.Series) -> str:
    """A sum of exact values is exact; of lower bounds (and exact values) a lower bound; else about."""
    found = set(qualifiers.fillna("").astype(str))
    if found <= {""}:
        return ""
    if found <= {"", ">="}:
        return ">="
    return "~"


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > TOLERANCE * max(1.0, abs(a), abs(b))


def city_figures(regions: pd.DataFrame, city_own: pd.DataFrame, codes: list[str], catalogue: Catalogue,
                 source: str, coverage: Coverage | None = None,
                 published: pd.DataFrame | None = None) -> CityFigures:
    """The city's figures of a round from the approved regions' values and the city's own report.

    With a ``coverage`` that is not complete, the sums are pending partial sums (and no rate is computed
    from them); with the ``published`` data, a derived figure that jumps on the year before is pending."""
    partial = coverage is not None and not coverage.complete
    out: list[dict] = []
    how: dict[str, str] = {}
    differences: list[ValueWarning] = []
    own = {(r["code"], int(r["year"]), r["group"]): r for r in city_own.to_dict("records")} if len(city_own) else {}
    sums: dict[tuple[str, int, str], float] = {}
    for code in codes:
        indicator = catalogue.get(code)
        if indicator is None or not indicator.is_summed:
            continue
        rows = regions[regions["code"] == code]
        for (year, group), part in rows.groupby(["year", "group"], sort=True):
            total = float(part["value"].sum())
            sums[(code, int(year), str(group))] = total
            key = (code, int(year), str(group))
            if key in own:
                if _differs(float(own[key]["value"]), total):
                    differences.append(ValueWarning("warn_city_differs", code, int(year), "", str(group),
                                                    float(own[key]["value"]), {"other_value": total}))
                continue
            out.append({"code": code, "year": int(year), "region": "", "group": str(group), "value": total,
                        "qualifier": ">=" if partial else _qualifier(part["qualifier"]),
                        "note": coverage.note() if partial and coverage else SUMMED_NOTE, "source": source,
                        "derived": True, "partial": partial})
        how[code] = "summed" if len(rows) else ("reported" if any(k[0] == code for k in own) else "none")
    for key, row in own.items():  # the city's own figures stand (rates it reports included)
        if catalogue.get(key[0]) is not None and catalogue.by_code[key[0]].is_summed:
            out.append({**{k: row[k] for k in VALUE_FIELDS}, "region": ""})
    for code in codes:
        indicator = catalogue.get(code)
        if indicator is None or indicator.is_summed:
            continue
        computed = _computed_rate(indicator.numerator, indicator.denominator, codes, {} if partial else sums, own,
                                  catalogue)
        if computed:
            how[code] = "computed"
            for year, value in computed.items():
                mine = own.get((code, year, ""))
                if mine is not None and _differs(float(mine["value"]), value):
                    differences.append(ValueWarning("warn_city_differs", code, year, "", "", float(mine["value"]),
                                                    {"other_value": value}))
                out.append({"code": code, "year": year, "region": "", "group": "", "value": round(value, 6),
                            "qualifier": "", "note": COMPUTED_NOTE, "source": source})
            continue
        reported = [row for key, row in own.items() if key[0] == code]
        how[code] = "reported" if reported else "none"
        out += [{**{k: row[k] for k in VALUE_FIELDS}, "region": ""} for row in reported]
    frame = pd.DataFrame(out, columns=[*VALUE_FIELDS, "derived", "partial"])
    frame = frame.assign(derived=frame["derived"].eq(True), partial=frame["partial"].eq(True))
    frame = frame.astype({"year": "int64", "value": "float64"}) if len(frame) else frame
    derived = frame[frame["derived"]]
    warnings = jump_warnings(derived[VALUE_FIELDS], published) if published is not None and len(derived) else []
    jumped = {(w.code, w.year, w.group) for w in warnings}
    held = frame["partial"] | pd.Series([(c, int(y), g) in jumped for c, y, g in zip(
        frame["code"], frame["year"], frame["group"], strict=True)], index=frame.index, dtype=bool)
    return CityFigures(frame[~held][VALUE_FIELDS].reset_index(drop=True), how, differences,
                       frame[held][VALUE_FIELDS].reset_index(drop=True), warnings, coverage)


def _computed_rate(numerator: str, denominator: str, codes: list[str], sums: dict, own: dict,
                   catalogue: Catalogue) -> dict[int, float]:
    """numerator ÷ denominator × 100 per year, from the city's figures (its own, else the sums)."""
    if not numerator or not denominator or numerator not in codes or denominator not in codes:
        return {}
    factor = unit_factor(catalogue.by_code[numerator].unit_zh, catalogue.by_code[denominator].unit_zh)
    if factor is None:
        return {}

    def city(code: str, year: int) -> float | None:
        mine = own.get((code, year, ""))
        return float(mine["value"]) if mine is not None else sums.get((code, year, ""))

    years = {k[1] for k in [*sums, *own] if k[0] in (numerator, denominator)}
    out = {}
    for year in sorted(years):
        top, bottom = city(numerator, year), city(denominator, year)
        if top is not None and bottom:
            out[year] = top * factor / bottom * 100
    return out
