"""From a workbook's bytes to a published revision: check, parse, validate, publish, or refuse.

One problem refuses the whole file: nothing of a refused file reaches the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.problems import Problem, errors
from indicators.store import Revision, Store
from indicators.validation import check_cumulative
from indicators.workbook_reader import ParsedWorkbook, read_workbook

BUILTIN_WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "builtin.xlsx"


@dataclass
class ImportResult:
    parsed: ParsedWorkbook
    revision: Revision | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.revision is not None


def validate_workbook(data: bytes, store: Store | None = None, overrides: dict | None = None) -> ParsedWorkbook:
    """Every problem of a workbook, alone and (given a store) against the current data."""
    parsed = read_workbook(data, overrides)
    if store is not None and parsed.ok:
        _, existing, _ = store.data()
        parsed.problems.extend(check_cumulative(parsed.observations, existing))
    return parsed


def import_workbook(store: Store, data: bytes, filename: str, user: str, mode: str = "merge",
                    overrides: dict | None = None) -> ImportResult:
    """Check a workbook and, if it has no errors, publish it as a new revision."""
    parsed = read_workbook(data, overrides, within_file_only=mode != "merge")
    if not parsed.ok:
        return ImportResult(parsed, None, parsed.problems)
    return publish_parsed(store, parsed, data, filename, user, mode)


def publish_parsed(store: Store, parsed: ParsedWorkbook, data: bytes, filename: str, user: str,
                   mode: str = "merge") -> ImportResult:
    """Publish a workbook already read without errors; the running totals are checked again
    inside the publishing transaction, against the data as it is at that moment."""

    def against_current(existing: pd.DataFrame, new: pd.DataFrame) -> list[Problem]:
        return check_cumulative(parsed.observations, existing) if mode == "merge" else []

    revision, problems = store.publish(data, Path(filename).name, user, parsed.observations, parsed.targets,
                                       mode=mode, check=against_current)
    found = [p for p in problems if p not in parsed.problems]
    parsed.problems.extend(found)
    return ImportResult(parsed, revision, errors(parsed.problems))


def seed_if_empty(store: Store, path: Path = BUILTIN_WORKBOOK) -> Revision | None:
    """On first start with an empty store, the built-in workbook becomes revision 1."""
    if not store.is_empty():
        return None
    result = import_workbook(store, path.read_bytes(), path.name, "system", mode="replace")
    if not result.ok:
        raise RuntimeError("built-in workbook refused: " + "; ".join(p.message("en") for p in result.problems))
    return result.revision
