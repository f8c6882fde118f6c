"""Whether a file states the city's figure: an upload naming only regions never changes it.

A file's regional values are stored as the regions' own; the city's figure (the ``""`` region) changes
only where the file has a city row (全市, 合计, an empty region). Where it has regions but no city row,
the reading says, per indicator, that the city's figure is left as it is and not summed from them, and
how many of the registry's regions the file names: a sum of some regions is not the city's figure.
"""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.region_names import RegionDirectory
from indicators.workbook.reading import WorkbookReading


def note_city_not_stated(reading: WorkbookReading, observations: pd.DataFrame, directory: RegionDirectory,
                         catalogue: Catalogue) -> None:
    """One note per indicator with regional values but no city value for some year of the file."""
    from indicators.translation import region_label

    if observations.empty:
        return
    known = directory.names
    regional = observations[observations["region"].astype(str) != ""]
    city = observations[observations["region"].astype(str) == ""]
    for code, rows in regional.groupby("code", sort=False):
        stated = set(city.loc[city["code"] == code, "year"].astype(int))
        years = sorted(set(rows["year"].astype(int)) - stated)
        if not years:
            continue
        named = [r for r in dict.fromkeys(rows["region"].astype(str)) if r in known] or \
            list(dict.fromkeys(rows["region"].astype(str)))
        indicator = catalogue.get(str(code))
        name = {"zh": indicator.name("zh"), "en": indicator.name("en")} if indicator else str(code)
        spans = {"zh": "、".join(map(str, years)), "en": ", ".join(map(str, years))} if len(years) < 6 else \
            f"{years[0]}–{years[-1]}"
        params = {"name": name, "years": spans,
                  "expected": len(known), "regions": {"zh": "、".join(named[:8]),
                                                       "en": ", ".join(region_label(r, "en") for r in named[:8])}}
        everyone = bool(known) and set(known) <= set(named)
        reading.note("city_not_stated_all" if everyone else "city_not_stated_some", "", "",
                     n=len([r for r in named if r in known]) or len(named), **params)
