"""Rules every set of observations must keep, checked against the catalogue.

Each rule looks at whole columns at once and returns problems that name the offending cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import BY_CODE, CATALOGUE
from indicators.cell_values import format_number
from indicators.problems import Problem

KEY = ["code", "year", "region", "group"]


def _codes_of_kind(kind: str) -> set[str]:
    """The codes of one kind in the catalogue in effect (it may have grown since the program started)."""
    return {ind.code for ind in CATALOGUE if ind.kind == kind}


def _where(frame: pd.DataFrame, index: object) -> tuple[str, str]:
    return str(frame.at[index, "sheet"]), cell_of(frame, index)


def cell_of(frame: pd.DataFrame, index: object) -> str:
    """The cell as Excel shows it (``D7``), from a frame's ``col`` and ``row`` columns."""
    col = frame.at[index, "col"]
    return f"{col}{int(frame.at[index, 'row'])}" if col else ""


def check_values(frame: pd.DataFrame, key: list[str] = KEY) -> list[Problem]:
    """Duplicates, rates over 100, negative values and unknown groups in one frame."""
    if frame.empty:
        return []
    problems: list[Problem] = []
    duplicated = frame.duplicated(key, keep=False)
    if duplicated.any():
        first_cell: dict[tuple, str] = {}
        for index, row in frame[duplicated].iterrows():
            k = tuple(row[c] for c in key)
            if k in first_cell:
                sheet, cell = _where(frame, index)
                problems.append(Problem("duplicate", sheet, cell, format_number(row["value"]),
                                        params={"other": first_cell[k]}))
            else:
                first_cell[k] = f"{row['sheet']}!{row['col']}{int(row['row'])}"
    over = frame["code"].isin(_codes_of_kind("rate")) & (frame["value"] > 100)
    for index in frame.index[over]:
        sheet, cell = _where(frame, index)
        problems.append(Problem("rate_over_100", sheet, cell, format_number(frame.at[index, "value"])))
    for index in frame.index[frame["value"] < 0]:
        sheet, cell = _where(frame, index)
        problems.append(Problem("negative", sheet, cell, format_number(frame.at[index, "value"])))
    for code, group in frame.loc[frame["group"] != "", ["code", "group"]].drop_duplicates().itertuples(index=False):
        indicator = BY_CODE.get(code)
        if indicator is not None and group not in indicator.groups:
            index = frame.index[(frame["code"] == code) & (frame["group"] == group)][0]
            sheet, cell = _where(frame, index)
            problems.append(Problem(
                "unknown_group", sheet, cell, group, severity="warning",
                params={"indicator": indicator.name_zh, "expected": "、".join(indicator.groups) or "—"}))
    return problems


def check_cumulative(frame: pd.DataFrame, existing: pd.DataFrame | None = None) -> list[Problem]:
    """A running total never goes down from one year to the next.

    ``existing`` holds the values already stored; only cells of ``frame`` are named.
    """
    new = frame[frame["code"].isin(_codes_of_kind("cumulative"))]
    if new.empty:
        return []
    parts = [new.assign(_new=True)]
    if existing is not None and not existing.empty:
        old = existing[existing["code"].isin(set(new["code"]))]
        old = old.merge(new[KEY], on=KEY, how="left", indicator=True)
        old = old[old["_merge"] == "left_only"].drop(columns="_merge")
        parts.append(old.assign(_new=False, sheet="", col="", row=0))
    combined = pd.concat(parts, ignore_index=True).sort_values(["code", "region", "group", "year"])
    series_key = ["code", "region", "group"]
    grouped = combined.groupby(series_key, sort=False)
    previous, previous_year = grouped["value"].shift(), grouped["year"].shift()
    following, following_year = grouped["value"].shift(-1), grouped["year"].shift(-1)
    following_is_old = ~grouped["_new"].shift(-1, fill_value=True).astype(bool)
    is_new = combined["_new"].to_numpy(dtype=bool)
    down = np.asarray((combined["value"] < previous) & is_new, dtype=bool)
    # A new value above a later stored year would make the stored running total go down there.
    above_later = np.asarray((combined["value"] > following) & is_new & following_is_old, dtype=bool)
    problems = []
    for index in combined.index[down]:
        problems.append(Problem(
            "cumulative_decrease", str(combined.at[index, "sheet"]), cell_of(combined, index),
            format_number(combined.at[index, "value"]),
            params={"previous": format_number(previous[index]), "previous_year": int(previous_year[index])}))
    for index in combined.index[above_later]:
        problems.append(Problem(
            "cumulative_above_later", str(combined.at[index, "sheet"]), cell_of(combined, index),
            format_number(combined.at[index, "value"]),
            params={"following": format_number(following[index]), "following_year": int(following_year[index])}))
    return problems
