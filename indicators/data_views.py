"""Which observations a download holds: the whole revision, or the data a page shows."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import BY_CODE


def data_shown(observations: pd.DataFrame, code: str | None = None, year: int | None = None,
               region: str | None = None) -> pd.DataFrame:
    """The observations behind a page: one indicator (or all), up to ``year``, for one region
    (``""`` = the whole city; ``None`` = every region). Unknown codes give an empty frame."""
    frame = observations
    if code:
        frame = frame[frame["code"] == code] if code in BY_CODE else frame.iloc[0:0]
    if year is not None:
        frame = frame[frame["year"] <= year]
    if region is not None:
        frame = frame[frame["region"] == region]
    return frame
