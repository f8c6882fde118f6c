"""What the store's columns can hold, checked in the check: so a file that passes publishes on both engines.

PostgreSQL refuses a ``VARCHAR(200)`` value of 201 characters and any text holding a NUL character;
SQLite takes both. Checked only at publish, such a file passed its check and then failed to publish
with a generic error (issue 18). The limits are read from the SQLAlchemy columns themselves, one table
of them, so a column made longer or shorter changes the check with it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import String

from indicators.labels import t
from indicators.problems import Problem
from indicators.store_tables import observations, revisions, targets
from indicators.validation import cell_of
from indicators.workbook import ParsedWorkbook

NUL = "\x00"
SHOWN_CHARS = 40  # of an offending value, in the problem
PER_FIELD = 50  # problems listed per field and rule; a file with more is refused all the same

_FRAME_NAMES = {"grp": "group"}  # a table's column name -> the parsed frame's


def _text_columns() -> dict[str, int | None]:
    """Every text column of the value tables, by the frame's name: its length limit, None for unlimited."""
    found: dict[str, int | None] = {}
    for table in (observations, targets):
        for column in table.c:
            if isinstance(column.type, String):
                name = _FRAME_NAMES.get(column.name, column.name)
                length = column.type.length
                known = found.get(name, length)
                found[name] = None if length is None or known is None else min(length, known)
    return found


TEXT_COLUMNS: dict[str, int | None] = _text_columns()
FIELD_LIMITS: dict[str, int] = {name: n for name, n in TEXT_COLUMNS.items() if n is not None} | {
    "filename": revisions.c.filename.type.length}


def _field(name: str) -> dict[str, str]:
    return {"field": name, "field_zh": t(f"field_{name}", "zh"), "field_en": t(f"field_{name}", "en")}


def _shown(value: str) -> str:
    text = value.replace(NUL, "␀")
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def limit_problems(parsed: ParsedWorkbook, filename: str | None = None) -> list[Problem]:
    """Every value (and the file's name) too long for its column or holding a NUL, naming field and cell."""
    problems: list[Problem] = []
    if filename is not None:
        name, limit = Path(filename).name, FIELD_LIMITS["filename"]
        if len(name) > limit:
            problems.append(Problem("filename_too_long", value=_shown(name),
                                    params={**_field("filename"), "limit": limit, "length": len(name)}))
        if NUL in name:
            problems.append(Problem("filename_nul", value=_shown(name), params=_field("filename")))
    for frame in (parsed.observations, parsed.targets):
        for name, limit in TEXT_COLUMNS.items():
            if name in frame.columns and not frame.empty:
                problems.extend(_column_problems(frame, name, limit))
    return problems


def _column_problems(frame: pd.DataFrame, name: str, limit: int | None) -> list[Problem]:
    values = frame[name].astype(object).where(frame[name].notna(), "").astype(str)
    found: list[Problem] = []
    checks = [("nul_character", values.str.contains(NUL, regex=False))]
    if limit is not None:
        checks.insert(0, ("too_long", values.str.len() > limit))
    for rule, mask in checks:
        for index in mask[mask].index[:PER_FIELD]:
            value = values.at[index]
            params = _field(name) | ({"limit": limit, "length": len(value)} if rule == "too_long" else {})
            found.append(Problem(rule, sheet=str(frame.at[index, "sheet"]), cell=cell_of(frame, index),
                                 value=_shown(value), params=params))
    return found
