"""What the reader needs to know besides the file: the catalogue, the regions, the years, the answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from indicators.catalogue import Catalogue, Lookup, active
from indicators.region_names import RegionDirectory
from indicators.stat_year import latest_actual_year


@dataclass
class ReadContext:
    """Everything the reader consults, small enough to hand to the parsing child.

    ``answers`` holds what a person answered to the reader's questions (question id → region,
    "" for the city); ``default_region`` is ``--region``: the region the whole file is for.
    ``fallback_region`` is a round submission's region: taken where the file says nothing about
    its region, never over what it says (so a district's file naming another region is refused,
    not relabelled). ``today`` (None: the real date) sets the latest year an actual value may be
    for; tests pass a date. ``catalogue`` is the catalogue in effect where the context was made; the
    parse runs with it in effect, and ``lookup`` is its lookup unless one is given.
    """

    city: str = "xx市"
    year_min: int = 1949
    year_max: int = 2100
    year_basis: str = "union"
    today: dt.date | None = None
    lookup: Lookup = None  # type: ignore[assignment]  # the catalogue's, unless given
    directory: RegionDirectory = field(default_factory=RegionDirectory)
    answers: dict[str, str] = field(default_factory=dict)
    default_region: str | None = None
    fallback_region: str | None = None
    catalogue: Catalogue = field(default_factory=active)
    check_cumulative: bool = True
    explain: bool = True  # write down how each sheet was read (off only to measure its cost)
    max_per_rule: int | None = 200  # problems listed per rule (the rest counted); None: every one (the marked workbook)

    def __post_init__(self) -> None:
        if self.lookup is None:
            self.lookup = self.catalogue.lookup

    def latest_actual_year(self) -> int:
        """The latest year an actual value may be for (a target may be later)."""
        return latest_actual_year(self.today or dt.date.today(), self.year_basis)
