"""What an uploaded workbook would change, shown to editors before they publish it.

``preview_changes`` compares the file's observations and targets with the current ones on the
store's key (code, year, region, group), the way ``revision_delta`` will when it is published:
which values are added, which change and which stay; what the file leaves out (kept in merge
mode, dropped in replace mode); which years and regions are new. It also warns of values that
jump on the previous year and of values that contradict a figure of the report.

Everything is computed on whole columns; Python loops run only over the rows that are listed,
at most ``MAX_LISTED`` of each kind per indicator, while every count stays exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.catalogue import BY_CODE, CATALOGUE
from indicators.formatting import is_rate, points_amount, value_with_unit
from indicators.indicator_view import is_reported
from indicators.labels import t
from indicators.store import KEY

TOLERANCE = 1e-9  # values closer than this are the same value
MAX_LISTED = 500  # Change objects built per indicator and kind; the counts are always exact
MODES = ("merge", "replace")


def _order() -> dict[str, int]:
    return {ind.code: i for i, ind in enumerate(CATALOGUE)}


@dataclass(frozen=True)
class Change:
    """One value the file changes or adds; ``old`` is None for an added value."""

    code: str
    year: int
    region: str
    group: str
    old: float | None
    new: float
    where: str  # the file's cell, "数据!E7"; "" when the frame does not say


@dataclass(frozen=True)
class PreviewWarning:
    """A value of the file worth a second look before publishing.

    ``kind`` is ``"jump"`` (more than the threshold away from the previous year's value of the
    same series, in the merged data; ``reference`` is that value) or ``"contradicts_report"``
    (the file changes a value whose current source is the report; ``reference`` is the
    report's value).
    """

    kind: str
    code: str
    year: int
    region: str
    group: str
    where: str
    value: float
    reference: float

    def message(self, lang: str = "zh") -> str:
        """A sentence for the editor naming the indicator, year, series, cell and both values."""
        indicator = BY_CODE.get(self.code)
        name = indicator.name(lang) if indicator else self.code

        def show(value: float) -> str:
            return value_with_unit(value, indicator, lang) if indicator else f"{value:g}"

        series = t("city_total", lang) if self.region == "" else self.region
        if self.group:
            series += f" · {self.group}"
        value, reference = show(self.value), show(self.reference)
        en = lang == "en"
        cell = (f" ({self.where})" if en else f"（{self.where}）") if self.where else ""
        if self.kind == "contradicts_report":
            if en:
                return (f"{name}, {self.year}, {series}: the file gives {value}{cell}, "
                        f"but the report's figure is {reference}.")
            return f"{name}，{self.year}年，{series}：文件中的数值 {value}{cell}与报告数字 {reference} 不一致。"
        up = self.value > self.reference
        if is_rate(indicator):  # a rate moves by points: 40% -> 62% is 22 points, not "55% more"
            points = points_amount(self.value - self.reference)
            amount = f"{points} percentage points" if en else f"{points}个百分点"
            verb = "提高" if up else "下降"
        else:
            percent = abs(self.value - self.reference) / self.reference * 100 if self.reference else math.inf
            amount = f"{percent:.1f}".rstrip("0").rstrip(".") + "%"
            verb = "增加" if up else "减少"
        if en:
            return (f"{name}, {self.year}, {series}: the file's {value}{cell} is {amount} "
                    f"{'above' if up else 'below'} {self.year - 1}'s {reference}; please check it.")
        return (f"{name}，{self.year}年，{series}：文件中的数值 {value}{cell}比{self.year - 1}年的 {reference}"
                f"{verb}了 {amount}，请核实。")


@dataclass
class IndicatorPreview:
    """What the file does to one indicator.

    ``added`` and ``changed`` list at most ``MAX_LISTED`` values each, in file order;
    ``n_added`` and ``n_changed`` are the exact counts.
    """

    code: str
    added: list[Change]
    changed: list[Change]
    unchanged: int  # values in the file equal to the current ones
    left_out: int  # current values the file does not mention: kept (merge) or dropped (replace)
    new_years: list[int]  # years the indicator had no value for before
    new_regions: list[str]  # regions ("" = city total) the indicator had no value for before
    n_added: int
    n_changed: int

    @property
    def has_changes(self) -> bool:
        return bool(self.n_added or self.n_changed)


@dataclass
class Preview:
    """What publishing the file in ``mode`` would do to the current data."""

    mode: str
    indicators: list[IndicatorPreview]  # touched by the file (or dropped, in replace mode), catalogue order
    warnings: list[PreviewWarning]
    targets_added: int
    targets_changed: int
    removed: int  # replace mode: current values that will be gone; 0 in merge mode
    targets_removed: int = 0  # replace mode: current targets that will be gone
    target_codes: list[str] = field(default_factory=list)  # codes whose targets are added, changed or removed

    @property
    def charts_changing(self) -> list[str]:
        """Codes whose charts will look different: values or targets added, changed or removed."""
        codes = {p.code for p in self.indicators
                 if p.n_added or p.n_changed or (self.mode == "replace" and p.left_out)}
        return _catalogue_order(codes | set(self.target_codes))

    @property
    def has_changes(self) -> bool:
        return bool(any(p.has_changes for p in self.indicators) or self.removed or self.targets_added
                    or self.targets_changed or self.targets_removed)


def _catalogue_order(codes: set[str] | list[str]) -> list[str]:
    order = _order()
    return sorted(codes, key=lambda c: (order.get(c, len(order)), c))


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    """A text column as plain ``str`` (categorical or object, missing as ""), or all "" if absent."""
    if name not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    column = frame[name].astype(object)
    return column.where(column.notna(), "").astype(str)


def _normalise(frame: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The key as str/int and the value as float, so frames from the reader and the store join."""
    out = pd.DataFrame({
        "code": _text(frame, "code"),
        "year": pd.to_numeric(frame["year"]).astype("int64") if len(frame) else pd.Series(dtype="int64"),
        "region": _text(frame, "region"),
        "group": _text(frame, "group"),
        "value": pd.to_numeric(frame["value"]).astype("float64") if len(frame) else pd.Series(dtype="float64"),
    }, index=frame.index)
    for name in extra:
        if name == "row":
            out[name] = pd.to_numeric(frame[name], errors="coerce") if name in frame else np.nan
        else:
            out[name] = _text(frame, name)
    # The reader refuses duplicate keys; should one slip through, the last one wins.
    return out.drop_duplicates(KEY, keep="last").reset_index(drop=True)


def _where(sheet: str, col: str, row: float) -> str:
    if not col or row is None or (isinstance(row, float) and math.isnan(row)):
        return ""
    cell = f"{col}{int(row)}"
    return f"{sheet}!{cell}" if sheet else cell


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in frame["code"].value_counts(sort=False).items()}


def _anti(left: pd.DataFrame, right: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """Rows of ``left`` whose ``on`` columns do not occur in ``right``."""
    marked = left.merge(right[on].drop_duplicates(), on=on, how="left", indicator=True)
    return marked[marked["_merge"] == "left_only"].drop(columns="_merge")


def _columns(frame: pd.DataFrame, *names: str) -> list[list]:
    """Columns as Python lists, through NumPy (iterating a pandas string array is slow)."""
    return [frame[name].to_numpy().tolist() for name in names]


def _changes(rows: pd.DataFrame, with_old: bool) -> dict[str, list[Change]]:
    """Change objects for the first ``MAX_LISTED`` rows of each code, in file order."""
    listed = rows.groupby("code", sort=False).head(MAX_LISTED)
    out: dict[str, list[Change]] = {}
    columns = _columns(listed, "code", "year", "region", "group", "old", "value", "sheet", "col", "row")
    for code, year, region, group, old, new, sheet, col, row in zip(*columns, strict=True):
        out.setdefault(code, []).append(Change(code, int(year), region, group,
                                               float(old) if with_old else None, float(new),
                                               _where(sheet, col, row)))
    return out


def _warnings(kind: str, rows: pd.DataFrame, reference: str) -> list[PreviewWarning]:
    columns = _columns(rows, "code", "year", "region", "group", "sheet", "col", "row", "value", reference)
    return [PreviewWarning(kind, code, int(year), region, group, _where(sheet, col, row), float(value), float(ref))
            for code, year, region, group, sheet, col, row, value, ref in zip(*columns, strict=True)]


def _target_counts(current: pd.DataFrame, new: pd.DataFrame, mode: str) -> tuple[int, int, int, list[str]]:
    """Targets added, changed and (replace mode) removed, and the codes concerned."""
    cur = _normalise(current)
    tgt = _normalise(new)
    joined = tgt.merge(cur.rename(columns={"value": "old"}), on=KEY, how="left", indicator=True)
    added = joined["_merge"] == "left_only"
    changed = (joined["_merge"] == "both") & ((joined["value"] - joined["old"]).abs() > TOLERANCE)
    removed = _anti(cur, tgt, KEY) if mode == "replace" else cur.iloc[0:0]
    codes = set(joined.loc[added | changed, "code"].unique()) | set(removed["code"].unique())
    return int(added.sum()), int(changed.sum()), len(removed), _catalogue_order(codes)


def report_figure_changes(current_obs: pd.DataFrame, new_obs: pd.DataFrame, mode: str = "merge") -> pd.DataFrame:
    """The work report's own figures (source 报告…) that publishing ``new_obs`` would change.

    One rule for the preview's warning and for the import's refusal: a figure is changed when the
    file gives another value for its key, or, in replace mode, leaves it out. Columns: the key,
    ``old``, ``value`` (NaN when left out), ``sheet``, ``col``, ``row``; in the file's order.
    """
    cur = _normalise(current_obs, ("source",))
    reported = cur[cur["source"].map(is_reported).astype(bool)].rename(columns={"value": "old"})
    new = _normalise(new_obs, ("sheet", "col", "row"))
    if reported.empty:
        return new.iloc[0:0].assign(old=pd.Series(dtype="float64"))
    joined = new.merge(reported[KEY + ["old"]], on=KEY, how="inner")
    changed = joined[(joined["value"] - joined["old"]).abs() > TOLERANCE]
    if mode != "replace":
        return changed.reset_index(drop=True)
    dropped = _anti(reported, new, KEY).assign(value=np.nan, sheet="", col="", row=np.nan)
    return pd.concat([changed, dropped[changed.columns]], ignore_index=True)


def preview_changes(current_obs: pd.DataFrame, current_targets: pd.DataFrame, new_obs: pd.DataFrame,
                    new_targets: pd.DataFrame, mode: str = "merge", jump: float = 0.5) -> Preview:
    """What publishing ``new_obs``/``new_targets`` in ``mode`` would change in the current data.

    ``jump`` is the relative change on the previous year (same code, region and group, in the
    data as it would be after publishing) above which an added or changed value is flagged.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    cur = _normalise(current_obs, ("source",))
    new = _normalise(new_obs, ("sheet", "col", "row"))

    current = cur.rename(columns={"value": "old", "source": "old_source"})
    joined = new.merge(current, on=KEY, how="left", indicator=True)
    both = (joined["_merge"] == "both").to_numpy()
    differs = ((joined["value"] - joined["old"]).abs() > TOLERANCE).to_numpy()
    is_added = ~both
    is_changed = both & differs
    is_same = both & ~differs
    added_rows, changed_rows = joined[is_added], joined[is_changed]

    left_out = _anti(cur, new, KEY)

    # Jumps, in the data as it will be: the file's values plus (merge mode) the current ones it leaves out.
    after = pd.concat([left_out[KEY + ["value"]], new[KEY + ["value"]]], ignore_index=True) \
        if mode == "merge" else new[KEY + ["value"]]
    previous = after.rename(columns={"value": "previous"})
    previous["year"] = previous["year"] + 1
    moved = joined[is_added | is_changed].merge(previous, on=KEY, how="left")
    ratio = (moved["value"] - moved["previous"]).abs() / moved["previous"]
    jumps = moved[(moved["previous"] > 0) & (ratio > jump)]

    reported = report_figure_changes(current_obs, new_obs, "merge")  # the same rule the import enforces
    warnings = _warnings("contradicts_report", reported, "old") + _warnings("jump", jumps, "previous")
    # Catalogue order; within an indicator, contradictions of the report first; each in file order.
    order = _order()
    warnings.sort(key=lambda w: (order.get(w.code, len(order)), w.code, w.kind != "contradicts_report"))

    n_added, n_changed = _counts(added_rows), _counts(changed_rows)
    n_same, n_left_out = _counts(joined[is_same]), _counts(left_out)
    added, changed = _changes(added_rows, with_old=False), _changes(changed_rows, with_old=True)

    def firsts(column: str) -> dict[str, list]:
        fresh = _anti(new[["code", column]].drop_duplicates(), cur, ["code", column])
        return {str(code): sorted(values) for code, values in fresh.groupby("code")[column]}

    new_years, new_regions = firsts("year"), firsts("region")

    codes = set(new["code"].unique())
    if mode == "replace":
        codes |= set(n_left_out)
    indicators = [
        IndicatorPreview(
            code=code, added=added.get(code, []), changed=changed.get(code, []), unchanged=n_same.get(code, 0),
            left_out=n_left_out.get(code, 0), new_years=[int(y) for y in new_years.get(code, [])],
            new_regions=list(new_regions.get(code, [])), n_added=n_added.get(code, 0),
            n_changed=n_changed.get(code, 0))
        for code in _catalogue_order(codes)
    ]
    targets_added, targets_changed, targets_removed, target_codes = _target_counts(current_targets, new_targets, mode)
    return Preview(mode=mode, indicators=indicators, warnings=warnings, targets_added=targets_added,
                   targets_changed=targets_changed, removed=len(left_out) if mode == "replace" else 0,
                   targets_removed=targets_removed, target_codes=target_codes)
