"""What a new revision changes relative to its parent: the rows to write and the rows that end.

Pure pandas, no database: the store asks ``revision_delta`` which of the file's rows differ from
the parent's (added, or different in any stored field), and which of the parent's rows stop
being valid (replaced by one of those, or, in replace mode, left out of the file). Only those are
written, which is what makes a publish cost what it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KEY = ["code", "year", "region", "group"]
OBS_FIELDS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_FIELDS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
# The dtypes a revision's frames have, however they were made (read back, or built by publishing),
# so that a frame built in memory equals the one another process reads.
DTYPES: dict[str, str] = {"code": "str", "year": "int64", "region": "str", "group": "str", "value": "float64",
                          "qualifier": "str", "baseline_year": "Int64", "note": "str", "source": "str"}


def canonical(frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """``frame``'s ``fields`` in that order, with the store's dtypes and a fresh 0..n-1 index."""
    return frame[fields].astype({f: DTYPES[f] for f in fields}).reset_index(drop=True)


@dataclass(frozen=True)
class Delta:
    """A new revision relative to its parent.

    ``rows``: the file's rows that are new or differ in any field, in file order (canonical).
    ``ended``: positions, in the parent's frame, of the rows that are not valid in the new revision.
    ``n_added`` / ``n_changed``: keys the parent lacks; keys whose value differs.
    """

    rows: pd.DataFrame
    ended: np.ndarray
    n_added: int
    n_changed: int


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    equal = (a == b).fillna(False).to_numpy(dtype=bool)
    return equal | (a.isna().to_numpy() & b.isna().to_numpy())


def revision_delta(parent: pd.DataFrame, new: pd.DataFrame, mode: str) -> Delta:
    """The delta from ``parent`` (a revision's canonical frame) to the revision made of ``new``.

    ``mode="merge"`` keeps the parent's rows the file does not mention; ``"replace"`` ends them.
    Keys must be unique in ``new``. The parent is first narrowed to the file's codes and years with
    cheap column tests, so a small file against a large store joins only a few rows.
    """
    fields = list(new.columns)
    if parent.empty:
        return Delta(new, np.empty(0, dtype=np.int64), len(new), 0)
    near = parent["code"].isin(new["code"].unique()) & parent["year"].isin(new["year"].unique())
    candidates = parent.loc[near.to_numpy(dtype=bool), fields]
    joined = new.reset_index(names="_new").merge(candidates.reset_index(names="_old"), on=KEY, how="left",
                                                 suffixes=("", "_old"), sort=False)
    joined = joined.sort_values("_new", kind="stable")  # file order, whatever the join did
    found = joined["_old"].notna().to_numpy()
    same = found.copy()
    for field in fields:
        if field not in KEY:
            same &= _same(joined[field], joined[f"{field}_old"])
    value_differs = found & ~_same(joined["value"], joined["value_old"])
    replaced = joined.loc[found & ~same, "_old"].to_numpy(dtype=np.int64)
    if mode == "replace":
        mentioned = np.zeros(len(parent), dtype=bool)
        mentioned[joined.loc[found, "_old"].to_numpy(dtype=np.int64)] = True
        ended = np.union1d(replaced, np.flatnonzero(~mentioned))
    else:
        ended = np.sort(replaced)
    rows = new.iloc[joined.loc[~same, "_new"].to_numpy(dtype=np.int64)].reset_index(drop=True)
    return Delta(rows, ended, int((~found).sum()), int(value_differs.sum()))
