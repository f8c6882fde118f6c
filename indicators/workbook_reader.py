"""Reading a workbook: the one door through which uploaded bytes become observations.

``read_workbook`` checks the container, then parses with python-calamine in a bounded child
process, recognises each sheet's layout (long, targets, wide) and applies the per-file rules.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath

import pandas as pd
import python_calamine

from indicators import settings
from indicators.problems import Problem, errors
from indicators.safety import Limits, check_container, column_index
from indicators.sandbox import SandboxError, run_bounded
from indicators.sheet_headers import EXPLANATORY_SHEETS, PROBLEM_LIST_PREFIXES, find_long_header, find_wide_header, fold
from indicators.sheet_long import parse_long_sheet
from indicators.sheet_wide import parse_wide_sheet
from indicators.validation import check_cumulative, check_values

OBSERVATION_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
_PROVENANCE = ["sheet", "col", "row"]
_CATEGORICAL = ["code", "region", "group", "qualifier", "note", "source", "sheet", "col"]


@dataclass
class ParsedWorkbook:
    """What a workbook says, with the problems found and how each sheet was read."""

    observations: pd.DataFrame
    targets: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    sheets: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns + _PROVENANCE})


def _finish(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _empty(columns)
    frame = pd.concat(frames, ignore_index=True)[columns + _PROVENANCE]
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    if "baseline_year" in frame:
        frame["baseline_year"] = pd.to_numeric(frame["baseline_year"], errors="coerce").astype("Int64")
    for name in _CATEGORICAL:
        if not isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].fillna("").astype(str).astype("category")
    return frame


# --- percent formats -------------------------------------------------------------------------

_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_NUMFMT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_ATTR_NUMFMT = re.compile(rb'numFmtId="(\d+)"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')


def _is_percent_code(code: str) -> bool:
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


def percent_cells(archive: zipfile.ZipFile) -> dict[str, set[tuple[int, int]]]:
    """For each sheet name, the cells (Excel row, 0-based column) formatted as a percentage."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return {}
    custom = {int(i): html.unescape(c.decode("utf-8", "replace")) for i, c in _NUMFMT.findall(styles)}
    start = styles.find(b"cellXfs")
    end = styles.find(b"cellXfs", start + 7)
    if start < 0 or end < 0:
        return {}
    percent_xfs = []
    for index, attrs in enumerate(_XF.findall(styles[start:end])):
        match = _ATTR_NUMFMT.search(attrs)
        fmt = int(match.group(1)) if match else 0
        if fmt in (9, 10) or (fmt in custom and _is_percent_code(custom[fmt])):
            percent_xfs.append(index)
    if not percent_xfs:
        return {}
    styled = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(?:' + "|".join(map(str, percent_xfs)).encode() + rb')"[^>]*>')
    cells: dict[str, set[tuple[int, int]]] = {}
    for name, path in _sheet_paths(archive).items():
        found: set[tuple[int, int]] = set()
        for tag in styled.finditer(archive.read(path)):
            ref = _REF.search(tag.group(0))
            if ref:
                found.add((int(ref.group(2)), column_index(ref.group(1).decode())))
        cells[name] = found
    return cells


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = archive.read("xl/workbook.xml")
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    rels = dict(_REL.findall(rels_xml)) | {i: t for t, i in _REL_REVERSED.findall(rels_xml)}
    paths = {}
    for name, rid in _SHEET.findall(workbook):
        target = rels.get(rid, b"").decode("utf-8", "replace")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if path in archive.namelist():
            paths[html.unescape(name.decode("utf-8", "replace"))] = path
    return paths


# --- the parse, in the bounded child ----------------------------------------------------------

def parse_workbook_bytes(data: bytes, context: dict) -> ParsedWorkbook:
    """Parse already-checked workbook bytes. Runs inside the sandbox; do not call on unchecked input."""
    book = python_calamine.CalamineWorkbook.from_filelike(BytesIO(data))
    with zipfile.ZipFile(BytesIO(data)) as archive:
        percents = percent_cells(archive)
    problems: list[Problem] = []
    observations: list[pd.DataFrame] = []
    targets: list[pd.DataFrame] = []
    sheets: list[tuple[str, str]] = []
    for meta in book.sheets_metadata:
        if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
            continue
        name = meta.name
        if fold(name) in EXPLANATORY_SHEETS or fold(name).startswith(PROBLEM_LIST_PREFIXES):
            sheets.append((name, "skipped"))
            continue
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = percents.get(name, set())
        layout = _read_sheet(name, rows, cells, context, observations, targets, problems)
        sheets.append((name, layout))
    if not any(layout in ("long", "targets", "wide") for _, layout in sheets):
        problems.append(Problem("no_data_sheet"))
    obs = _finish(observations, OBSERVATION_COLUMNS)
    tgt = _finish(targets, TARGET_COLUMNS)
    problems += check_values(obs) + check_values(tgt)
    if context.get("check_cumulative", True):  # an import checks it once, against the stored data too
        problems += check_cumulative(obs)
    return ParsedWorkbook(obs, tgt, problems, sheets)


def _read_sheet(name: str, rows: list[list], cells: set, context: dict, observations: list,
                targets: list, problems: list[Problem]) -> str:
    header = find_long_header(rows)
    if header is not None:
        frame, found = parse_long_sheet(name, rows, header, cells, context)
        problems.extend(found)
        (targets if header.is_targets else observations).append(frame)
        return "targets" if header.is_targets else "long"
    wide = find_wide_header(rows, context["year_min"], context["year_max"])
    if wide is not None:
        obs, tgt, found = parse_wide_sheet(name, rows, wide, cells, context)
        problems.extend(found)
        observations.append(obs)
        targets.append(tgt)
        return "wide"
    if any(str(cell).strip() for row in rows[:200] for cell in row):
        problems.append(Problem("sheet_not_understood", name, severity="warning", params={"sheet": name}))
        return "not understood"
    return "empty"


def parse_context(overrides: dict | None = None) -> dict:
    return {
        "city": settings.get("city", overrides),
        "year_min": int(settings.get("year_min", overrides)),
        "year_max": int(settings.get("year_max", overrides)),
    }


def read_workbook(data: bytes, overrides: dict | None = None, *, within_file_only: bool = True) -> ParsedWorkbook:
    """Check and parse a workbook's bytes. Never raises for bad input: problems say what is wrong.

    ``within_file_only=False`` leaves the running-total rule to the caller, who checks it
    against the stored data as well (an import does, inside its transaction).
    """
    limits = Limits.from_settings(overrides)
    refused = check_container(data, limits)
    if refused:
        return ParsedWorkbook(_empty(OBSERVATION_COLUMNS), _empty(TARGET_COLUMNS), refused)
    try:
        context = {**parse_context(overrides), "check_cumulative": within_file_only}
        return run_bounded(parse_workbook_bytes, data, context,
                           memory_mb=int(settings.get("parse_memory_mb", overrides)),
                           seconds=float(settings.get("parse_seconds", overrides)))
    except SandboxError as exc:
        if exc.what in ("memory", "time"):
            problem = Problem(f"parse_{exc.what}")
        else:
            problem = Problem("parse_failed", params={"detail": exc.detail.strip().splitlines()[-1]})
        return ParsedWorkbook(_empty(OBSERVATION_COLUMNS), _empty(TARGET_COLUMNS), [problem])
