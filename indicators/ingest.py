"""From a file's bytes to a published revision: check, parse, validate, publish, or refuse.

One problem (or one unanswered question) refuses the whole file: nothing of a refused file
reaches the store. The reader matches regions against the store's region registry; a change to
one of the work report's own figures needs an explicit yes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from indicators import settings
from indicators.catalogue import BY_CODE
from indicators.catalogue_store import CatalogueStore
from indicators.cell_values import format_number
from indicators.change_preview import report_figure_changes
from indicators.problems import Problem, errors, questions
from indicators.region_names import BUILTIN_REGIONS
from indicators.regions import RegionError, RegionRegistry
from indicators.store import Revision, Store
from indicators.store_limits import limit_problems
from indicators.validation import check_cumulative
from indicators.workbook import ParsedWorkbook, ReadContext, default_context, read_workbook

BUILTIN_WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "builtin.xlsx"


@dataclass
class ImportResult:
    parsed: ParsedWorkbook
    revision: Revision | None = None
    problems: list[Problem] = field(default_factory=list)
    identical_to: int | None = None  # the current revision, when the file is that revision's own file

    @property
    def ok(self) -> bool:
        return self.revision is not None


def registry(store: Store, overrides: dict | None = None) -> RegionRegistry:
    """The store's region registry, seeded on first use with the regions the data already has."""
    regions = RegionRegistry(store, settings.get("city", overrides))
    if not regions.entries():
        english = dict(BUILTIN_REGIONS)
        _, observations, _ = store.data()
        names = set(observations["region"].astype(str)) - {""} if not observations.empty else set()
        for name in sorted(names | (set(english) if store.is_empty() else set())):
            try:
                regions.add(name, name_en=english.get(name, ""), user="system")
            except (RegionError, IntegrityError):
                continue  # another process seeded it at the same moment
    return regions


def reader_context(store: Store | None, overrides: dict | None = None, *, answers: dict[str, str] | None = None,
                   region: str | None = None) -> ReadContext:
    """What the reader consults: the registry of ``store`` (or the built-in regions), the answers given."""
    ctx = default_context(overrides)
    if store is not None:
        ctx.directory = registry(store, overrides).directory()
    ctx.answers = dict(answers or {})
    ctx.default_region = region
    return ctx


def validate_workbook(data: bytes, store: Store | None = None, overrides: dict | None = None, *,
                      context: ReadContext | None = None) -> ParsedWorkbook:
    """Every problem of a file, alone and (given a store) against the current data."""
    parsed = read_workbook(data, overrides, context=context or reader_context(store, overrides))
    parsed.problems.extend(limit_problems(parsed))
    if store is not None and parsed.ok:
        _, existing, _ = store.data()
        parsed.problems.extend(check_cumulative(parsed.observations, existing))
    return parsed


def import_workbook(store: Store, data: bytes, filename: str, user: str, mode: str = "merge",
                    overrides: dict | None = None, *, context: ReadContext | None = None,
                    confirm_report_changes: bool = False) -> ImportResult:
    """Check a file and, if it has no errors and no open questions, publish it as a new revision."""
    parsed = read_workbook(data, overrides, within_file_only=mode != "merge",
                           context=context or reader_context(store, overrides))
    parsed.problems.extend(limit_problems(parsed, filename))
    if not parsed.ok:
        return ImportResult(parsed, None, errors(parsed.problems) + questions(parsed.problems))
    return publish_parsed(store, parsed, data, filename, user, mode, confirm_report_changes=confirm_report_changes)


def report_change_problems(current: pd.DataFrame, parsed: ParsedWorkbook, mode: str) -> list[Problem]:
    """One problem for each figure of the work report the file would change, naming its cell."""
    out = []
    changes = report_figure_changes(current, parsed.observations, mode)
    for row in changes.itertuples(index=False):
        indicator = BY_CODE.get(row.code)
        where = " ".join(str(p) for p in (row.year, row.region or "全市", row.group) if p)
        new = "—" if pd.isna(row.value) else format_number(row.value)
        cell = f"{row.col}{int(row.row)}" if row.col and not pd.isna(row.row) else ""
        out.append(Problem("report_figure_change", row.sheet, cell, new, params={
            "indicator": indicator.name_zh if indicator else row.code, "where": where,
            "old": format_number(row.old), "new": new}))
    return out


def publish_parsed(store: Store, parsed: ParsedWorkbook, data: bytes, filename: str, user: str,
                   mode: str = "merge", *, confirm_report_changes: bool = False, comment: str = "",
                   also: Callable[[Connection, int], None] | None = None,
                   claim: Callable[[Connection], None] | None = None) -> ImportResult:
    """Publish a file already read without errors; the running totals are checked again inside
    the publishing transaction, against the data as it is at that moment. The indicators a
    指标目录 sheet adds join the catalogue in the same transaction.

    The current revision's own file, sent again, makes no new revision: the result says so.
    """
    current_id = store.current_revision_id()
    if current_id is not None and store.revision(current_id).sha256 == hashlib.sha256(data).hexdigest() \
            and store.original_file(current_id)[1] == data:
        return ImportResult(parsed, None, [], identical_to=current_id)
    if not confirm_report_changes:
        _, current, _ = store.data()
        protected = report_change_problems(current, parsed, mode)
        if protected:
            return ImportResult(parsed, None, protected)

    def against_current(existing: pd.DataFrame, new: pd.DataFrame) -> list[Problem]:
        return check_cumulative(parsed.observations, existing) if mode == "merge" else []

    def with_the_revision(conn: Connection, revision_id: int) -> None:
        if parsed.new_indicators:
            CatalogueStore(store).add_in(conn, parsed.new_indicators, user)
        if also is not None:
            also(conn, revision_id)

    extra: dict = {"also": with_the_revision} if parsed.new_indicators or also is not None else {}
    if claim is not None:
        extra["claim"] = claim
    revision, problems = store.publish(data, Path(filename).name, user, parsed.observations, parsed.targets,
                                       mode=mode, comment=comment, check=against_current, **extra)
    found = [p for p in problems if p not in parsed.problems]
    parsed.problems.extend(found)
    return ImportResult(parsed, revision, errors(parsed.problems))


def seed_if_empty(store: Store, path: Path = BUILTIN_WORKBOOK) -> Revision | None:
    """On first start with an empty store, the built-in workbook becomes revision 1."""
    if not store.is_empty():
        return None
    result = import_workbook(store, path.read_bytes(), path.name, "system", mode="replace",
                             context=reader_context(None), confirm_report_changes=True)
    if not result.ok:
        raise RuntimeError("built-in workbook refused: " + "; ".join(p.message("en") for p in result.problems))
    return result.revision
