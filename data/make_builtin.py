"""Build ``data/builtin.xlsx``: the dashboard's built-in data, written in the upload format.

Run from the project root::

    python data/make_builtin.py

Three kinds of rows go in:

* every figure the work report states (source ``报告·第N段``, N = the catalogue's fragment),
  with its bound (``>=`` for 以上/多/余) or approximation (``~`` for 近) and a note saying when
  it applies (mid-2008 stocks, five-year running totals, damaged source digits);
* the two 2003 baselines the report implies (2185 − 848 and 11.29 − 3.87), and totals of
  the group breakdowns, each with a note saying how it was derived;
* illustrative values (source ``示例``) for the years the report does not give, and an
  illustrative split over six districts for a few indicators. They agree with the reported
  figures: stocks move smoothly from 2003 to 2008, running totals never go down and reach the
  reported total in 2008, rates rise to the 2008 level, and district counts add up exactly to
  the city's figure of the same year.

Everything is computed from fixed numbers, so the output is the same on every run.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indicators.catalogue import BY_CODE  # noqa: E402
from indicators.template import build_workbook  # noqa: E402

OUTPUT = ROOT / "data" / "builtin.xlsx"
REGIONS: tuple[str, ...] = ("甘州区", "城东区", "城西区", "北山县", "南河县", "西湖县")

EXAMPLE = "示例"
EXAMPLE_NOTE = "示例数据，非报告数字"
REGION_NOTE = "示例数据，非报告数字（地区分布为虚构示例）"
MID_2008 = "截至2008年上半年"
TERM = "五年累计（2004–2008年，截至2008年上半年），记于2008年"
UNDATED = "报告未注明时点，按报告年份2008年记"

COUNTED_UNITS = {"个", "名", "人", "人次", "户", "条", "期"}
TEN_THOUSAND_UNITS = {"万人", "万元"}

FILL_YEARS: tuple[int, ...] = (2004, 2005, 2006, 2007)
# Share of the 2003→2008 change reached by the end of 2004…2007 (a smooth path).
STOCK_PATH: tuple[float, ...] = (0.17, 0.36, 0.56, 0.78)
# Share of the 2004–2008 running total reached by the end of 2004…2007: each full year adds a
# little more than the one before, and 2008 (reported at mid-year) adds about half a year.
CUMULATIVE_PATH: tuple[float, ...] = (0.17, 0.37, 0.60, 0.86)
# Illustrative 2004…2007 values for the rates the report gives for 2008.
RATE_PATHS: dict[str, tuple[float, ...]] = {
    "union_formation_rate": (78, 82, 85, 88),
    "membership_rate": (76, 80, 84, 87),
    "township_community_coverage": (82, 88, 93, 97),
    "collective_contract_coverage": (55, 61, 67, 72),
    "workers_congress_rate_restructured": (83, 87, 90, 93),
    "workers_congress_rate_nonpublic": (40, 47, 53, 59),
}
# Illustrative district shares of the city's counts, in the order of REGIONS.
REGION_SHARES: dict[str, tuple[float, ...]] = {
    "grassroots_unions": (0.31, 0.17, 0.15, 0.13, 0.13, 0.11),
    "union_members": (0.36, 0.18, 0.16, 0.11, 0.10, 0.09),
    "women_special_contracts": (0.33, 0.19, 0.16, 0.12, 0.11, 0.09),
    "festival_visits": (0.28, 0.16, 0.15, 0.14, 0.15, 0.12),
    "new_regional_sector_unions": (0.30, 0.20, 0.17, 0.11, 0.12, 0.10),
}
# Illustrative district rates: the city's rate plus these points, in the order of REGIONS.
REGION_RATE_OFFSETS: dict[str, tuple[float, ...]] = {
    "union_formation_rate": (3.5, 2.0, 1.0, -2.5, -4.0, -1.5),
    "membership_rate": (4.0, 1.5, 2.5, -3.0, -3.5, -2.0),
    "collective_contract_coverage": (8.0, 5.0, 3.0, -6.0, -9.0, -4.0),
}

OBSERVATION_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]

Key = tuple[str, int, str, str]


def round_half_up(value: float) -> int:
    """Round to the nearest integer, halves away from zero (not to even)."""
    return int(math.floor(value + 0.5))


def scale(code: str) -> int:
    """How many steps one unit has: 1 for counts, 100 for 万人/万元 (2 decimals), 10 for rates."""
    unit = BY_CODE[code].unit_zh
    if unit in COUNTED_UNITS:
        return 1
    if unit in TEN_THOUSAND_UNITS:
        return 100
    return 10


def to_steps(code: str, value: float) -> int:
    """A value as a whole number of the indicator's smallest steps (e.g. 11.29 万人 -> 1129)."""
    return round_half_up(value * scale(code))


def from_steps(code: str, steps: int) -> float:
    return steps / scale(code)


def report_source(code: str) -> str:
    return f"报告·第{BY_CODE[code].fragment}段"


def split(total: int, shares: Sequence[float]) -> list[int]:
    """Split a whole number by shares so that the parts add up to it exactly (largest remainder)."""
    if total < 0:
        raise ValueError(f"cannot split a negative amount: {total}")
    weight = sum(shares)
    raw = [total * share / weight for share in shares]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


class Rows:
    """Observations and targets as they are added, refusing a key twice."""

    def __init__(self) -> None:
        self.observations: list[dict[str, Any]] = []
        self.targets: list[dict[str, Any]] = []
        self._obs_keys: set[Key] = set()
        self._target_keys: set[Key] = set()

    def observe(self, code: str, year: int, value: float, *, source: str, note: str = "", region: str = "",
                group: str = "", qualifier: str = "") -> None:
        self._check(code, year, region, group, value, self._obs_keys)
        self.observations.append({"code": code, "year": int(year), "region": region, "group": group,
                                  "value": float(value), "qualifier": qualifier, "note": note,
                                  "source": source})

    def target(self, code: str, year: int, value: float, *, source: str, note: str = "", region: str = "",
               group: str = "", qualifier: str = "", baseline_year: int | None = None) -> None:
        self._check(code, year, region, group, value, self._target_keys)
        self.targets.append({"code": code, "year": int(year), "region": region, "group": group,
                             "value": float(value), "qualifier": qualifier, "baseline_year": baseline_year,
                             "note": note, "source": source})

    def value_of(self, code: str, year: int, region: str = "", group: str = "") -> float:
        for row in self.observations:
            if (row["code"], row["year"], row["region"], row["group"]) == (code, year, region, group):
                return row["value"]
        raise KeyError((code, year, region, group))

    @staticmethod
    def _check(code: str, year: int, region: str, group: str, value: float, seen: set[Key]) -> None:
        indicator = BY_CODE[code]
        key = (code, int(year), region, group)
        if key in seen:
            raise ValueError(f"key written twice: {key}")
        if group and group not in indicator.groups:
            raise ValueError(f"{code} has no group {group!r}")
        if value < 0 or (indicator.is_rate and value > 100):
            raise ValueError(f"value out of range for {key}: {value}")
        seen.add(key)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        observations = pd.DataFrame(self.observations, columns=OBSERVATION_COLUMNS)
        targets = pd.DataFrame(self.targets, columns=TARGET_COLUMNS).astype({"baseline_year": object})
        return observations, targets


# --- the report's figures --------------------------------------------------------------------

def add_reported(rows: Rows) -> None:
    """Every figure the report states, its derived 2003 baselines and the totals of its breakdowns."""

    def report(code: str, value: float, note: str, qualifier: str = "", group: str = "", year: int = 2008) -> None:
        rows.observe(code, year, value, source=report_source(code), note=note, group=group, qualifier=qualifier)

    # 组织建设, fragment 8
    report("grassroots_unions", 2185, MID_2008)
    report("grassroots_unions", 1337, "由报告数据推算：2185−848（比五年前增加848个），五年前按2003年记", year=2003)
    report("union_members", 11.29, MID_2008)
    report("union_members", 7.42, "由报告数据推算：11.29−3.87（比五年前增加3.87万人），五年前按2003年记",
           year=2003)
    report("union_formation_rate", 90, f"{MID_2008}；报告称“90%以上”，90为下限", ">=")
    report("membership_rate", 90, f"{MID_2008}；报告称“90%以上”，90为下限", ">=")
    report("township_community_coverage", 100, f"{MID_2008}；报告称乡镇（街道）、社区全部建立了工会组织，记为100%")
    report("new_regional_sector_unions", 59, TERM)
    report("migrant_worker_unions", 33, TERM)
    report("migrant_members_recruited", 3.01, TERM)
    # fragment 9: two of the three numbers are damaged in the source
    report("model_worker_homes", 2, TERM, group="全国")
    report("model_worker_homes", 20, f"原文此处受损（作“2023个”），推断为20个；{TERM}", group="省级")
    report("model_worker_homes", 206,
           f"原文此处受损（作“20236个”），推断为206个；原文称“先进职工之（小）家”；{TERM}", group="市级")
    report("model_worker_homes", 228,
           f"各级合计，由报告分项相加（2+20+206），含推断值：省级20、市级206原文受损；{TERM}")
    report("cadres_trained_upper", 300, f"报告称“300多名”，300为下限；{TERM}", ">=")
    report("city_training_sessions", 4, TERM)
    report("city_training_attendance", 490, f"报告称“490余人次”，490为下限；{TERM}", ">=")
    report("county_training_attendance", 2400, f"报告称“2400多人次”，2400为下限；{TERM}", ">=")
    # fragment 10
    report("five_good_county_unions", 2, "甘州区和另一县区（XX县区）总工会建成全省首批“五好”县区工会；个数由报告点名数得，"
           "按报告年份2008年记")
    # 维权, fragments 4–5
    report("collective_contract_coverage", 76, UNDATED)
    report("women_special_contracts", 243, f"数字跨第4、5段断开（“2”与“43个”合为243个）；{UNDATED}")
    report("workers_congress_rate_restructured", 95, f"报告称“95%以上”，95为下限；{UNDATED}", ">=")
    report("workers_congress_rate_nonpublic", 63, UNDATED)
    report("harmonious_enterprises", 14, TERM)
    # 帮扶, fragments 6–7
    report("aid_funds", 433, f"仅市总工会；433 = 两节慰问278 + 日常帮扶155；{TERM}")
    report("aid_funds", 278, f"“两节”慰问金；{TERM}", group="两节慰问")
    report("aid_funds", 155, f"帮扶特困职工、困难劳模、困难职工家庭学生、大病致困职工；{TERM}", group="日常帮扶")
    report("festival_visits", 8900, f"发放慰问金278万元；{TERM}")
    report("hardship_aid_cases", 830, f"发放帮扶资金155万元；{TERM}")
    for code in ("reemployment_training", "reemployment_referral", "reemployment_placement"):
        report(code, 750, "报告：三个750人目标全面完成（具体人数未给出）", ">=")
    report("quake_relief_cash", 19.66, "2008年汶川特大地震后市总工会接受的捐款，一次性数字")
    report("quake_relief_goods", 127, "2008年汶川特大地震后市总工会接受的捐物折合价值，一次性数字")
    # 职工素质, fragments 3–4
    for group, value in (("全国", 2), ("省部级", 19), ("市级", 30), ("县级", 114)):
        report("model_workers", value, TERM, group=group)
    report("model_workers", 165, f"各级合计，由报告分项相加（2+19+30+114）；{TERM}")
    report("may_day_certificates", 5, f"全国或省级合计；{TERM}")
    report("may_day_medals", 6, TERM)
    report("worker_pioneer_units", 1, TERM)
    report("skill_contest_trades", 12, TERM)
    for group, value in (("技术能手", 12), ("技术标兵", 36), ("优秀选手", 63)):
        report("skill_contest_awards", value, f"省级称号；{TERM}", group=group)
    report("skill_contest_awards", 111, f"各称号合计，由报告分项相加（12+36+63）；{TERM}")
    report("skill_grade_promotions", 37, TERM)
    report("rationalisation_proposals", 30000, f"报告称“近3万条”，为近似值（实际略少）；{TERM}", "~")
    report("proposal_benefit", 9000, f"报告称“近9000万元”，为近似值（实际略少）；{TERM}", "~")


def add_targets(rows: Rows) -> None:
    """The targets the report sets or says were met."""
    library = "今后五年（2008–2013年）建设目标"
    rows.target("worker_libraries", 2013, 40, source=report_source("worker_libraries"), note=library,
                baseline_year=2008)
    rows.target("worker_libraries", 2013, 2, group="省级示范点", source=report_source("worker_libraries"),
                note=library, baseline_year=2008)
    rows.target("worker_libraries", 2013, 8, group="市级示范点", source=report_source("worker_libraries"),
                note=library, baseline_year=2008)
    for code in ("reemployment_training", "reemployment_referral", "reemployment_placement"):
        rows.target(code, 2008, 750, source=report_source(code), note="第一次代表大会提出的目标，已全面完成",
                    baseline_year=2003)
    for code in ("union_formation_rate", "membership_rate"):
        rows.target(code, 2013, 90, qualifier=">=", source=report_source(code), note="保持在90%以上",
                    baseline_year=2008)


# --- illustrative years ----------------------------------------------------------------------

def add_example_stocks(rows: Rows) -> None:
    """2004–2007 on a smooth path between the 2003 baseline and the 2008 figure."""
    for code in ("grassroots_unions", "union_members"):
        start = to_steps(code, rows.value_of(code, 2003))
        end = to_steps(code, rows.value_of(code, 2008))
        for year, share in zip(FILL_YEARS, STOCK_PATH, strict=True):
            steps = start + round_half_up((end - start) * share)
            rows.observe(code, year, from_steps(code, steps), source=EXAMPLE, note=EXAMPLE_NOTE)


def cumulative_path(total_steps: int) -> list[int]:
    """Running totals for 2004…2007 that rise to ``total_steps`` in 2008 and never go down."""
    path = [min(total_steps, round_half_up(total_steps * share)) for share in CUMULATIVE_PATH]
    return [max(path[: i + 1]) for i in range(len(path))]


ONE_OFF = {"quake_relief_cash", "quake_relief_goods"}


def add_example_cumulatives(rows: Rows) -> None:
    """2004–2007 running totals for every cumulative indicator the report totals for 2008.

    Group breakdowns get their own running totals, and the total row is their sum each year.
    """
    for code, indicator in BY_CODE.items():
        if indicator.kind != "cumulative" or code in ONE_OFF:
            continue
        if indicator.groups:
            sums = [0] * len(FILL_YEARS)
            for group in indicator.groups:
                path = cumulative_path(to_steps(code, rows.value_of(code, 2008, group=group)))
                for i, (year, steps) in enumerate(zip(FILL_YEARS, path, strict=True)):
                    rows.observe(code, year, from_steps(code, steps), group=group, source=EXAMPLE,
                                 note=EXAMPLE_NOTE)
                    sums[i] += steps
            for year, steps in zip(FILL_YEARS, sums, strict=True):
                rows.observe(code, year, from_steps(code, steps), source=EXAMPLE,
                             note=f"{EXAMPLE_NOTE}；各分组示例数相加")
        else:
            path = cumulative_path(to_steps(code, rows.value_of(code, 2008)))
            for year, steps in zip(FILL_YEARS, path, strict=True):
                rows.observe(code, year, from_steps(code, steps), source=EXAMPLE, note=EXAMPLE_NOTE)


def add_example_rates(rows: Rows) -> None:
    """2004–2007 rates somewhat below the 2008 figure and rising to it."""
    for code, path in RATE_PATHS.items():
        reported = rows.value_of(code, 2008)
        if not all(a < b for a, b in zip((*path, reported), (*path, reported)[1:], strict=False)):
            raise ValueError(f"{code}: illustrative rates must rise to the 2008 figure")
        for year, value in zip(FILL_YEARS, path, strict=True):
            rows.observe(code, year, value, source=EXAMPLE, note=EXAMPLE_NOTE)


def city_years(rows: Rows, code: str) -> list[int]:
    return sorted(r["year"] for r in rows.observations if r["code"] == code and r["region"] == "" and r["group"] == "")


def add_example_regions(rows: Rows) -> None:
    """District figures for every year the city series has.

    Counts: the first year is split by the shares, then each year's increase is split the same
    way, so the districts add up exactly to the city every year and running totals never fall.
    Rates: the city's rate plus a fixed offset per district, kept within 0–100.
    """
    for code, shares in REGION_SHARES.items():
        previous_city = 0
        previous_parts = [0] * len(REGIONS)
        for year in city_years(rows, code):
            city = to_steps(code, rows.value_of(code, year))
            increase = split(city - previous_city, shares)
            parts = [a + b for a, b in zip(previous_parts, increase, strict=True)]
            if sum(parts) != city:
                raise AssertionError(f"{code} {year}: districts {sum(parts)} != city {city}")
            for region, steps in zip(REGIONS, parts, strict=True):
                rows.observe(code, year, from_steps(code, steps), region=region, source=EXAMPLE, note=REGION_NOTE)
            previous_city, previous_parts = city, parts
    for code, offsets in REGION_RATE_OFFSETS.items():
        if not (any(o > 0 for o in offsets) and any(o < 0 for o in offsets)):
            raise ValueError(f"{code}: district rates should scatter on both sides of the city's")
        for year in city_years(rows, code):
            city = rows.value_of(code, year)
            for region, offset in zip(REGIONS, offsets, strict=True):
                value = min(100.0, max(0.0, round(city + offset, 1)))
                rows.observe(code, year, value, region=region, source=EXAMPLE, note=REGION_NOTE)


def build() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The built-in observations and targets."""
    rows = Rows()
    add_reported(rows)
    add_targets(rows)
    add_example_stocks(rows)
    add_example_cumulatives(rows)
    add_example_rates(rows)
    add_example_regions(rows)
    return rows.frames()


def main() -> None:
    observations, targets = build()
    build_workbook(observations, targets, "zh", REGIONS).save(OUTPUT)
    reported = observations["source"].str.startswith("报告").sum()
    print(f"{OUTPUT.relative_to(ROOT)}: {len(observations)} observations "
          f"({reported} from the report, {len(observations) - reported} illustrative), {len(targets)} targets")


if __name__ == "__main__":
    main()
