"""What the pages show about one indicator, computed once, free of any web framework.

``summarise`` gives the numbers of a card and of the indicator page: the series up to the
chosen year, the latest value and its changes, the target, the progress status, the
projection at the current growth rate and the target trajectory. The breakdowns rank regions
and list groups. Pages only turn these into components.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.catalogue import BY_CODE, Indicator
from indicators.citations import Provenance
from indicators.explanations import Explanation
from indicators.progress import (
    Progress,
    cumulative_base,
    cumulative_projection,
    progress_status,
    projection,
    straight_path,
    trajectory,
)
from indicators.stat_year import is_partial_year
from indicators.translation import partial_sum_of

ILLUSTRATIVE = "示例"
TERM_YEARS = 5  # a congress's term: the report compares with "five years ago"


def is_illustrative(source: str) -> bool:
    return str(source).startswith(ILLUSTRATIVE) or str(source).lower().startswith("illustrative")


def is_reported(source: str) -> bool:
    return str(source).startswith("报告")


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    qualifier: str
    source: str
    note: str

    @property
    def illustrative(self) -> bool:
        return is_illustrative(self.source)


@dataclass(frozen=True)
class Target:
    year: int
    value: float
    qualifier: str
    baseline_year: int | None
    note: str
    source: str


@dataclass
class Summary:
    indicator: Indicator
    region: str
    group: str
    points: list[Point]
    latest: Point | None
    previous: Point | None
    term_base: Point | None
    target: Target | None
    progress: Progress
    projection: list[tuple[int, float]] = field(default_factory=list)
    trajectory: list[tuple[int, float]] = field(default_factory=list)
    year_basis: str = "union"
    provenance: Provenance | None = None  # where each of its values came from (``indicators/citations.py``)

    @property
    def change_on_previous(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value

    @property
    def change_over_term(self) -> float | None:
        if self.latest is None or self.term_base is None:
            return None
        return self.latest.value - self.term_base.value

    @staticmethod
    def relative(change: float | None, base: Point | None) -> float | None:
        if change is None or base is None or base.value == 0:
            return None
        return change / base.value


class DataIndex:
    """One revision's observations split by series once, so a page asks in microseconds.

    With 100,000 observations a page's 37 cards would otherwise filter the whole frame 37
    times on every request.
    """

    def __init__(self, revision_id: int | None, observations: pd.DataFrame, targets: pd.DataFrame,
                 explanations: list[Explanation] | None = None, provenance: Provenance | None = None) -> None:
        self.revision_id = revision_id
        self.provenance = provenance  # which revision wrote each value: what citations name
        self.observations = observations
        self.targets = targets
        self.series: dict[tuple[str, str, str], list[Point]] = {}
        self.by_code: dict[str, pd.DataFrame] = {}
        self.explanations: dict[str, list[Explanation]] = {}  # by code: the explained values this revision holds
        if observations.empty:
            self.years, self.regions = [], []
            return
        frame = observations.astype({"code": str, "region": str, "group": str, "qualifier": str, "source": str,
                                     "note": str}).sort_values("year")
        for code, rows in frame.groupby("code", sort=False):
            self.by_code[code] = rows
        keys = zip(frame["code"], frame["region"], frame["group"], strict=True)
        points = map(Point, frame["year"].astype(int), frame["value"].astype(float), frame["qualifier"],
                     frame["source"], frame["note"])
        for key, point in zip(keys, points, strict=True):
            self.series.setdefault(key, []).append(point)
        self.years = sorted({int(y) for y in frame["year"]})
        self.regions = sorted(set(frame["region"]) - {""})
        for explanation in explanations or []:
            point = next((p for p in self.series.get((explanation.code, explanation.region, explanation.group), [])
                          if p.year == explanation.year), None)
            if point is not None and abs(point.value - explanation.value) <= 1e-9 * max(1.0, abs(point.value)):
                self.explanations.setdefault(explanation.code, []).append(explanation)

    def explained(self, code: str, until_year: int | None = None) -> list[Explanation]:
        """The explanations of an indicator's figures (up to ``until_year``), by year and region."""
        found = self.explanations.get(code, [])
        found = [e for e in found if until_year is None or e.year <= until_year]
        return sorted(found, key=lambda e: (-e.year, e.region, e.group))

    def explanation_texts(self) -> dict[tuple[str, int, str, str], str]:
        """Each explained value's explanations as one text, by (code, year, region, group): for downloads."""
        out: dict[tuple[str, int, str, str], list[str]] = {}
        for found in self.explanations.values():
            for explanation in found:
                out.setdefault(explanation.key, []).append(explanation.text)
        return {key: "；".join(texts) for key, texts in out.items()}

    def points(self, code: str, region: str = "", group: str = "", until_year: int | None = None) -> list[Point]:
        """The points of one series (indicator, region, group), by year, up to ``until_year``."""
        found = self.series.get((code, region, group), [])
        return found if until_year is None else [p for p in found if p.year <= until_year]

    def rows(self, code: str) -> pd.DataFrame:
        return self.by_code.get(code, self.observations.iloc[0:0])


def data_index(revision_id: int | None, observations: pd.DataFrame, targets: pd.DataFrame) -> DataIndex:
    """The index of a revision's frames. The application object caches them, by store and revision."""
    return DataIndex(revision_id, observations, targets)


def find_target(targets: pd.DataFrame, code: str, region: str = "", group: str = "") -> Target | None:
    """The series' target: the region's own if it has one, else the city's; the latest year wins."""
    if targets is None or targets.empty:
        return None
    for wanted_region in dict.fromkeys([region, ""]):
        rows = targets[(targets["code"] == code) & (targets["region"] == wanted_region)
                       & (targets["group"] == group)].sort_values("year")
        if not rows.empty:
            r = rows.iloc[-1]
            baseline = r["baseline_year"]
            return Target(int(r["year"]), float(r["value"]), str(r["qualifier"]),
                          None if pd.isna(baseline) else int(baseline), str(r["note"]), str(r["source"]))
    return None


def summarise(index: DataIndex, code: str, year: int | None = None, region: str = "", group: str = "",
              year_basis: str = "union") -> Summary:
    """Everything a card or the indicator page says about one series, as of ``year``.

    ``year_basis`` (union statistics years or calendar years) decides whether a value dated
    by its note (截至2008年上半年) covers its whole year.
    """
    indicator = BY_CODE[code]
    points = index.points(code, region, group, until_year=year)
    latest = points[-1] if points else None
    # A city figure that is a round's sum of only some regions is shown (as a bound) but compared with
    # nothing: no change, projection or status rests on it.
    whole = [p for p in points if region or partial_sum_of(p.note) is None]
    comparable = latest is not None and latest in whole
    previous = next((p for p in reversed(points) if comparable and p.year == latest.year - 1), None)
    term_base = next((p for p in points if comparable and p.year == latest.year - TERM_YEARS), None)
    target = find_target(index.targets, code, region, group)
    pairs = [(p.year, p.value) for p in whole]
    base_year = target.baseline_year if target else None
    cumulative = indicator.kind == "cumulative"
    partial = frozenset(p.year for p in points if is_partial_year(p.year, p.note, year_basis))
    status = progress_status(pairs, indicator.direction, target.value if target else None,
                             target.year if target else None, base_year, indicator.is_rate, cumulative, partial)
    projected: list[tuple[int, float]] = []
    path: list[tuple[int, float]] = []
    if target and latest and cumulative:
        base = cumulative_base(pairs, base_year)
        if base is not None:
            path = straight_path(base, target.value, target.year)
            projected = cumulative_projection([base, *[p for p in pairs if p[0] > base[0]]], target.year)
    elif target and latest:
        projected = projection([p for p in pairs if base_year is None or p[0] >= base_year] or pairs,
                               target.year, indicator.is_rate)
        base = next(((p.year, p.value) for p in points if p.year == target.baseline_year), None)
        if base is not None:
            path = trajectory(base, target.value, target.year)
    return Summary(indicator, region, group, points, latest, previous, term_base, target, status, projected, path,
                   year_basis, index.provenance)


def regional_breakdown(index: DataIndex, code: str, year: int, group: str = "") -> pd.DataFrame:
    """Each region's value in ``year`` (the latest year with regional figures if none then), ranked."""
    rows = index.rows(code)
    rows = rows[(rows["region"] != "") & (rows["group"] == group)]
    if rows.empty:
        return rows
    years = sorted(set(rows["year"]))
    chosen = year if year in years else max([y for y in years if y <= year], default=years[-1])
    indicator = BY_CODE[code]
    ranked = rows[rows["year"] == chosen].sort_values("value", ascending=indicator.direction == "decrease")
    return ranked.reset_index(drop=True)


def group_breakdown(index: DataIndex, code: str, year: int, region: str = "") -> pd.DataFrame:
    """The indicator's groups in ``year`` (or the latest year before), in the catalogue's order."""
    indicator = BY_CODE[code]
    rows = index.rows(code)
    rows = rows[(rows["region"] == region) & (rows["group"] != "") & (rows["year"] <= year)]
    if rows.empty:
        return rows
    rows = rows[rows["year"] == rows["year"].max()]
    order = {g: i for i, g in enumerate(indicator.groups)}
    return rows.assign(_o=rows["group"].map(lambda g: order.get(g, len(order)))).sort_values("_o") \
        .drop(columns="_o").reset_index(drop=True)
