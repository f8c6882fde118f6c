"""Checking a district's table for a round: the same reader and checks as every upload, then what a round
asks on top (only this region, this year, this form's indicators), then the warnings to explain.

The region the table is for is the submission's: the reader takes it where the file says nothing
(``ReadContext.fallback_region``), never over what the file says, so a file holding another region's
figures is refused naming its cells rather than relabelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.change_preview import preview_changes
from indicators.ingest import reader_context
from indicators.problems import Problem
from indicators.round_templates import round_of_form
from indicators.round_warnings import value_warnings
from indicators.rounds import Round, ValueWarning
from indicators.store import Store
from indicators.store_limits import limit_problems
from indicators.upload_check import STEPS, UploadCheck
from indicators.validation import cell_of, check_cumulative
from indicators.workbook import ParsedWorkbook, read_workbook
from indicators.workbook.reader import bound_problems


@dataclass
class RoundCheck(UploadCheck):
    """An upload check made for a round's region: its problems include the round's, and its warnings."""

    round_id: int = 0
    region: str = ""
    warnings: list[ValueWarning] = field(default_factory=list)


def _rows(frame: pd.DataFrame, mask: pd.Series) -> list[tuple[str, str, object]]:
    return [(str(frame.at[i, "sheet"]), cell_of(frame, i), i) for i in frame.index[mask]]


def round_problems(parsed: ParsedWorkbook, round_: Round, region: str, round_names: dict[int, str]) -> list[Problem]:
    """What a round's table may not hold: another region, another year, another indicator, another
    round's form, targets, new indicators. Each names its cell."""
    out: list[Problem] = []
    for sheet in parsed.reading.sheets:
        for cell, value in sheet.forms:
            other = round_of_form(value)
            if other is not None and other != round_.id:
                out.append(Problem("round_wrong_form", sheet.sheet, cell, value, params={
                    "found": value, "other": round_names.get(other, str(other)), "round": round_.name}))
    obs = parsed.observations
    if len(obs):
        for sheet, cell, i in _rows(obs, obs["region"].astype(str) != region):
            found = str(obs.at[i, "region"]) or "全市"
            out.append(Problem("round_wrong_region", sheet, cell, found, params={"found": found,
                                                                                 "expected": region or "全市"}))
        for sheet, cell, i in _rows(obs, obs["year"].astype(int) != round_.year):
            out.append(Problem("round_wrong_year", sheet, cell, str(obs.at[i, "year"]), params={
                "found": int(obs.at[i, "year"]), "year": round_.year, "round": round_.name}))
        for sheet, cell, i in _rows(obs, ~obs["code"].astype(str).isin(round_.indicators)):
            out.append(Problem("round_not_in_form", sheet, cell, str(obs.at[i, "code"]),
                               params={"found": str(obs.at[i, "code"])}))
    if len(parsed.targets):
        first = parsed.targets.index[0]
        out.append(Problem("round_no_targets", str(parsed.targets.at[first, "sheet"]), cell_of(parsed.targets, first)))
    if parsed.new_indicators:
        out.append(Problem("round_no_catalogue", params={"codes": "、".join(i.code for i in parsed.new_indicators)}))
    return bound_problems(out)


def check_round_table(store: Store, settings: dict, catalogue: Catalogue, round_: Round, region: str,
                      round_names: dict[int, str], data: bytes, filename: str, user: str, progress,
                      cancelled=None) -> RoundCheck:  # type: ignore[no-untyped-def]
    """Container checks, the bounded parse, the checks against the stored data, the round's rules,
    then (for a table without errors) the preview and the warnings to explain."""
    progress(1, STEPS)
    context = reader_context(store, settings)
    context.fallback_region = region
    parsed = read_workbook(data, settings, within_file_only=True, context=context, cancelled=cancelled)
    parsed.problems.extend(limit_problems(parsed, filename))  # what the store's columns cannot keep
    progress(2, STEPS)
    _, observations, targets = store.data()
    if parsed.ok:
        found = check_cumulative(parsed.observations, observations)
        parsed.problems.extend(p for p in found if p not in parsed.problems)
    if not parsed.questions:  # a question (an unknown name) is answered by the city, not here
        parsed.problems.extend(round_problems(parsed, round_, region, round_names))
    progress(3, STEPS)
    check = RoundCheck(filename, user, "merge", data, parsed, round_id=round_.id, region=region)
    if parsed.ok:
        check.preview = preview_changes(observations, targets, parsed.observations, parsed.targets, "merge")
        check.warnings = value_warnings(parsed.observations, observations, catalogue)
    progress(STEPS, STEPS)
    return check
