"""Reading a file: the one door through which uploaded bytes become observations.

``read_workbook`` checks the container (by its bytes: .xlsx, .xls, .ods or .csv), then parses in a
bounded child process: each sheet's layout is recognised (long, targets, wide, years as rows,
regions as rows), read, and the reading is written down beside the values. Questions the reader
cannot answer itself (whose figures a sheet holds, an unknown region) come back as problems of
the kind "question"; nothing is stored until they are answered.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

import pandas as pd

from indicators import settings
from indicators.catalogue import Indicator, using
from indicators.jobs import JobCancelled
from indicators.local_time import local_today
from indicators.problems import Problem, errors
from indicators.region_names import BUILTIN_DIRECTORY
from indicators.sandbox import BoundedChild, SandboxError
from indicators.validation import check_cumulative, check_values
from indicators.workbook.blocks import masked, next_block, regions_across
from indicators.workbook.catalogue_sheet import read_catalogue_sheet
from indicators.workbook.city_figure import note_city_not_stated
from indicators.workbook.container import Limits, column_letter, outline_container
from indicators.workbook.context import ReadContext
from indicators.workbook.csv_text import csv_grid, decode_text
from indicators.workbook.grid import SheetGrid, calamine_grid, calamine_sheets, shown
from indicators.workbook.headers import (
    CATALOGUE_SHEETS,
    EXPLANATORY_SHEETS,
    PROBLEM_LIST_PREFIXES,
    example_sheet,
    find_long_header,
    find_period_header,
    fold,
    title_rows,
    years_down_a_column,
)
from indicators.workbook.long_layout import parse_long_sheet
from indicators.workbook.reading import SheetReading, WorkbookReading
from indicators.workbook.sheet_region import FORM_LABELS, decide_region, read_lines
from indicators.workbook.view import SheetView
from indicators.workbook.wide_layout import read_wide
from indicators.workbook.xlsx_parts import EXTERNAL_CALL

OBSERVATION_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]
TARGET_COLUMNS = ["code", "year", "region", "group", "value", "qualifier", "baseline_year", "note", "source"]
_PROVENANCE = ["sheet", "col", "row"]
_CATEGORICAL = ["code", "region", "group", "qualifier", "note", "source", "sheet", "col"]
MAX_PER_RULE = 200  # problems listed per rule; the rest are counted
MAX_REGION_QUESTIONS = 20  # unknown region names asked about one by one; more refuse the file at once
_FORMAT_NAMES = {"xlsx": "Excel (.xlsx)", "xls": "Excel 97–2003 (.xls)", "ods": "OpenDocument (.ods)", "csv": "CSV"}


@dataclass
class ParsedWorkbook:
    """What a file says, the problems and questions found, and how each sheet was read."""

    observations: pd.DataFrame
    targets: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    reading: WorkbookReading = field(default_factory=WorkbookReading)
    new_indicators: list[Indicator] = field(default_factory=list)  # rows of a 指标目录 sheet the catalogue lacks

    @property
    def ok(self) -> bool:
        return not errors(self.problems) and not self.questions

    @property
    def questions(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "question"]

    @property
    def sheets(self) -> list[tuple[str, str]]:
        return [(s.sheet, s.layout) for s in self.reading.sheets]


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


# --- the parse, in the bounded child ----------------------------------------------------------

def load_grids(data: bytes, fmt: str, reading: WorkbookReading,
               part_marks: Callable[[], dict | None] | None = None) -> list[SheetGrid]:
    """Every worksheet of an already-checked file, with what a person sees beside the values."""
    if fmt == "csv":
        decoded = decode_text(data)
        if decoded is None:
            reading.note("format_unreadable_text")
            return []
        text, encoding = decoded
        reading.note("file_format", "", "", format="CSV", detail=encoding)
        return [csv_grid(text, "CSV")]
    sheets, book = calamine_sheets(data)
    grids = [calamine_grid(book, name, hidden) for name, hidden in sheets]
    reading.note("file_format", "", "", format=_FORMAT_NAMES[fmt], detail="")
    if fmt == "xlsx":
        from indicators.workbook.xlsx_parts import add_xlsx_parts

        with zipfile.ZipFile(BytesIO(data)) as archive:
            add_xlsx_parts(archive, grids, part_marks() if part_marks is not None else None)
    elif fmt == "xls":
        from indicators.workbook.xls_parts import add_xls_parts

        add_xls_parts(data, grids)
    elif fmt == "ods":
        from indicators.workbook.ods_parts import add_ods_parts

        with zipfile.ZipFile(BytesIO(data)) as archive:
            add_ods_parts(archive, grids)
    return grids


def parse_workbook_bytes(data: bytes, fmt: str, ctx: ReadContext,
                         part_marks: Callable[[], dict | None] | None = None) -> ParsedWorkbook:
    """Parse bytes whose outline was checked. Runs inside the sandbox; do not call on unchecked input.

    The context's catalogue is in effect throughout, so the checks see what the reader matched.
    ``part_marks`` answers, once the container's scan has ended, what it saw in each part.
    """
    with using(ctx.catalogue):
        return _parse(data, fmt, ctx, part_marks)


def _parse(data: bytes, fmt: str, ctx: ReadContext, part_marks: Callable[[], dict | None] | None) -> ParsedWorkbook:
    reading = WorkbookReading(file_format=fmt)
    problems: list[Problem] = []
    observations: list[pd.DataFrame] = []
    targets: list[pd.DataFrame] = []
    grids = load_grids(data, fmt, reading, part_marks)
    sheets = {id(grid): SheetReading(grid.name, "unread", explain=ctx.explain) for grid in grids}
    new_indicators: list[Indicator] = []
    for grid in grids:  # the catalogue sheets first: the data sheets may hold the new indicators' values
        if fold(grid.name) in CATALOGUE_SHEETS and not grid.hidden:
            added, found = read_catalogue_sheet(grid, ctx.catalogue.with_added(new_indicators), sheets[id(grid)])
            new_indicators += added
            problems += found
    if new_indicators:
        grown = ctx.catalogue.with_added(new_indicators)
        ctx = dataclasses.replace(ctx, catalogue=grown, lookup=grown.lookup)
    with using(ctx.catalogue):
        for grid in grids:
            sheet = sheets[id(grid)]
            reading.sheets.append(sheet)
            if sheet.layout != "catalogue":
                _read_sheet(grid, ctx, sheet, observations, targets, problems)
            sheet.finish()
        return _checked(reading, observations, targets, problems, ctx, new_indicators)


def _checked(reading: WorkbookReading, observations: list[pd.DataFrame], targets: list[pd.DataFrame],
             problems: list[Problem], ctx: ReadContext, new_indicators: list[Indicator]) -> ParsedWorkbook:
    obs = _finish(observations, OBSERVATION_COLUMNS)
    tgt = _finish(targets, TARGET_COLUMNS)
    whole = [] if new_indicators else _whole_file_problems(reading, obs, tgt, problems)
    if any(p.rule == "no_catalogue_indicator" for p in whole):
        # Nothing in the file is for the dashboard: one message says so; the cells' own problems
        # (a second table's repeated years, …) would only bury it. The reading lists what was found.
        problems = whole
    else:
        problems += whole
    problems += check_values(obs) + check_values(tgt)
    note_city_not_stated(reading, obs, ctx.directory, ctx.catalogue)
    if ctx.check_cumulative:  # an import checks it once, against the stored data too
        problems += check_cumulative(obs)
    problems = _without_floods(problems)
    if ctx.max_per_rule is not None:
        problems = bound_problems(problems, ctx.max_per_rule)
    return ParsedWorkbook(obs, tgt, problems, reading, new_indicators)


def _read_sheet(grid: SheetGrid, ctx: ReadContext, sheet: SheetReading, observations: list, targets: list,
                problems: list[Problem]) -> None:
    name = fold(grid.name)
    has_content = any(v not in ("", None) for row in grid.rows[:200] for v in row)
    if grid.hidden:
        sheet.layout = "hidden"
        return
    example = example_sheet(grid.name, grid.rows)
    if example is not None:
        sheet.layout = "skipped"
        sheet.note("sheet_example", example[0], example[1])
        return
    if name in EXPLANATORY_SHEETS or name in CATALOGUE_SHEETS or name.startswith(PROBLEM_LIST_PREFIXES):
        sheet.layout = "skipped"
        return
    if not has_content:
        sheet.layout = "empty"
        return
    if grid.metadata_note:
        sheet.note("format_parts_unread", "", "", detail=grid.metadata_note[:120])
    if grid.formulas:
        first = min(grid.formulas)
        sheet.note("formula_cells", f"{column_letter(first[1])}{first[0] + 1}", "=" + grid.formulas[first][:60],
                   n=len(grid.formulas))
        for (r, c), formula in sorted(grid.formulas.items()):
            if EXTERNAL_CALL.search(formula):
                problems.append(Problem("formula_external", grid.name, f"{column_letter(c)}{r + 1}",
                                        "=" + formula[:80], severity="warning"))
    for c in sorted(grid.hidden_cols):
        written = next((v for row in grid.rows if c < len(row) and (v := row[c]) not in ("", None)), None)
        if written is not None:
            sheet.note("left_out_hidden_column", column_letter(c), shown(written))
    _read_table(grid, ctx, sheet, observations, targets, problems)


def _read_table(grid: SheetGrid, ctx: ReadContext, sheet: SheetReading, observations: list, targets: list,
                problems: list[Problem]) -> None:
    """Read the sheet's table (each stacked block on its own) into the lists."""
    header = find_long_header([[grid.seen(r, c) for c in range(len(row))] for r, row in enumerate(grid.rows[:30])])
    if header is not None:
        _note_forms(read_lines(grid, list(range(header.row))), sheet)
        sheet.layout = "targets" if header.is_targets else "long"
        frame, found = parse_long_sheet(grid, header, ctx, sheet)
        problems.extend(found)
        (targets if header.is_targets else observations).append(frame)
        return
    view = SheetView(grid)
    wide = find_period_header(view, ctx.year_min, ctx.year_max,
                              names_indicator=lambda label: ctx.lookup.match(label) is not None)
    years_col = None
    if wide is None or len(wide.periods) + len(wide.subannual) < 2:
        years_col = years_down_a_column(view, ctx.year_min, ctx.year_max)
        if years_col is not None and wide is not None and _labelled_year_column(view, wide, years_col):
            years_col = None  # 地区 | 2009年 over 北山县 | 2038: a count that looks like a year is not a year row
    skip: set[int] = set()
    if years_col is not None:
        view = SheetView(grid, transposed=True)
        header = find_period_header(view, ctx.year_min, ctx.year_max)
        if header is None:
            return _not_understood(grid, sheet, problems, ctx)
        first_year_row = header.first_period_col
        skip = set(title_rows(SheetView(grid), first_year_row))
        sheet.layout = "transposed"
        sheet.note("years_as_rows", view.row_ref(header.row), "")
        lines = read_lines(grid, list(range(first_year_row)), _footer_rows(grid, view, header))
    elif wide is not None:
        block = next_block(view, wide, ctx.year_min, ctx.year_max)
        if block is not None:  # tables stacked on the sheet: each read under its own header
            start, second = block
            sheet.note("table_block", view.row_ref(second), shown(next(
                (v for v in view.row_values(second) if v not in ("", None)), "")))
            _read_table(masked(grid, range(start, len(grid.rows))), ctx, sheet, observations, targets, problems)
            _read_table(masked(grid, range(wide.row, start)), ctx, sheet, observations, targets, problems)
            return
        header = wide
        sheet.layout = "wide"
        sheet.note("header_periods", view.row_ref(header.row), "")
        lines = read_lines(grid, list(range(header.row)), _footer_rows(grid, view, header))
    else:
        return _not_understood(grid, sheet, problems, ctx)
    _note_lines(lines, sheet)
    _note_forms(lines, sheet)
    decision = decide_region(grid.name, lines, ctx.directory, ctx.answers, ctx.default_region, ctx.fallback_region)
    result = read_wide(view, header, lines, decision, ctx, sheet, skip)
    if "region" not in {n.kind.removeprefix("column_") for n in sheet.notes} and sheet.layout != "regions":
        _note_region(decision, sheet)
    problems.extend(result.problems)
    observations.append(pd.DataFrame(result.observations))
    targets.append(pd.DataFrame(result.targets))


def _footer_rows(grid: SheetGrid, view: SheetView, header) -> list[int]:  # type: ignore[no-untyped-def]
    from indicators.workbook.columns import data_rows

    rows, end = data_rows(view, header)
    if view.transposed:
        last = max(header.periods, default=header.first_period_col)
        return list(range(last + 1, len(grid.rows)))
    return list(range(end, len(grid.rows)))


def _note_lines(lines, sheet: SheetReading) -> None:  # type: ignore[no-untyped-def]
    if lines.title:
        sheet.note("title", lines.title[0], lines.title[1][:80])
    for line in lines.fields:
        kind = {"填报单位": "line_reporting", "报送单位": "line_reporting", "单位名称": "line_reporting",
                "填表单位": "line_reporting", "reportingunit": "line_reporting", "单位": "line_unit",
                "表号": "line_form", "formid": "line_form",
                "计量单位": "line_unit", "unit": "line_unit", "指标": "line_indicator"}.get(line.label, "line_other")
        sheet.note(kind, line.cell, line.shown[:80], label=line.label, value=line.value[:60] or "—")


def _note_forms(lines, sheet: SheetReading) -> None:  # type: ignore[no-untyped-def]
    sheet.forms += [(line.cell, line.value) for line in lines.fields if line.label in FORM_LABELS and line.value]


def _note_region(decision, sheet: SheetReading) -> None:  # type: ignore[no-untyped-def]
    if decision.question is not None:
        return
    sheet.region = decision.region
    sheet.note(f"region_from_{decision.source}", decision.cell, decision.shown[:80],
               region=decision.region or {"zh": "全市", "en": "the whole city"})


def _labelled_year_column(view: SheetView, wide, col: int) -> bool:
    """The one year column of a header row whose cells to its left name the rows (指标, 地区, 项目)."""
    if col not in wide.periods:
        return False
    return any(isinstance(v := view.seen(wide.row, c), str) and v.strip() for c in range(col))


def _not_understood(grid: SheetGrid, sheet: SheetReading, problems: list[Problem],
                    ctx: ReadContext | None = None) -> None:
    sheet.layout = "unread"
    first = next(((r, row) for r, row in enumerate(grid.rows[:50]) if any(v not in ("", None) for v in row)), None)
    if first is not None:
        cells = [str(shown(v)).strip() for v in first[1] if v not in ("", None)]
        sheet.seen = f"{first[0] + 1}: {' | '.join(cells[:6])}{' …' if len(cells) > 6 else ''}"
    across = regions_across(SheetView(grid), ctx.directory) if ctx is not None else None
    if across is not None:  # 指标 | 甘州区 | 北山县 …: say what was seen and how to send it
        cell, names = across
        problems.append(Problem("regions_across", grid.name, cell, names, params={"names": names}))
        return
    problems.append(Problem("sheet_not_understood", grid.name, severity="warning", params={"sheet": grid.name}))


def _whole_file_problems(reading: WorkbookReading, obs: pd.DataFrame, tgt: pd.DataFrame,
                         problems: list[Problem]) -> list[Problem]:
    """One message for a file that holds nothing for the dashboard, instead of one per row."""
    if not obs.empty or not tgt.empty:
        return []
    outside = [label for s in reading.sheets for label in s.outside]
    found = sorted({code for s in reading.sheets for code in s.indicators})
    if (found and errors(problems)) or any(p.rule == "did_you_mean" for p in problems):
        return []  # the file has (or nearly has) dashboard indicators: its own problems say what is wrong
    if found:
        return [Problem("no_values", params={"indicators": "、".join(found)})]
    if outside:
        shown = "、".join(list(dict.fromkeys(outside))[:6])
        return [Problem("no_catalogue_indicator", params={"n": len(set(outside)), "found": shown})]
    if not any(s.read_data for s in reading.sheets):
        seen = "; ".join(f"“{s.sheet}” {s.seen}" for s in reading.sheets if s.seen)
        return [Problem("no_data_sheet", params={"seen": seen or "—"})]
    if errors(problems):
        return []  # the errors say why nothing was read
    return [Problem("nothing_to_import")]


def _without_floods(problems: list[Problem]) -> list[Problem]:
    """One problem that explains many replaces them: a column of unknown region names explains the
    duplicates it causes, and a file naming more unknown regions than a person could answer for gets
    one refusal instead of a question per name."""
    unknown = [p for p in problems if p.rule == "ask_region_name"]
    if len(unknown) > MAX_REGION_QUESTIONS:
        names = "、".join(str(p.params.get("name", p.value)) for p in unknown[:5])
        problems = [p for p in problems if p.rule != "ask_region_name"] + [Problem(
            "too_many_unknown_regions", unknown[0].sheet, unknown[0].cell, params={"n": len(unknown), "names": names})]
    explained = {p.sheet for p in problems if p.rule in ("unrecognised_column", "ask_region_name",
                                                         "too_many_unknown_regions")}
    if not explained:
        return problems
    return [p for p in problems if not (p.rule == "duplicate" and p.sheet in explained)]


def bound_problems(problems: list[Problem], per_rule: int = MAX_PER_RULE) -> list[Problem]:
    """At most ``per_rule`` problems of each rule, and one more saying how many were left out."""
    counts: dict[str, int] = {}
    kept: list[Problem] = []
    for problem in problems:
        counts[problem.rule] = counts.get(problem.rule, 0) + 1
        if counts[problem.rule] <= per_rule:
            kept.append(problem)
    for rule, n in counts.items():
        if n > per_rule:
            kept.append(Problem("more_problems", severity="error" if any(
                p.rule == rule and p.severity == "error" for p in kept) else "warning",
                params={"n": n - per_rule, "rule": rule}))
    return kept


def default_context(overrides: dict | None = None, **changes: object) -> ReadContext:
    ctx = ReadContext(
        city=settings.get("city", overrides),
        year_min=int(settings.get("year_min", overrides)),
        year_max=int(settings.get("year_max", overrides)),
        year_basis=str(settings.get("year_basis", overrides)),
        directory=BUILTIN_DIRECTORY,
        today=local_today(settings.get("timezone", overrides)),  # the local day decides the latest actual year
    )
    for key, value in changes.items():
        setattr(ctx, key, value)
    return ctx


def read_workbook(data: bytes, overrides: dict | None = None, *, within_file_only: bool = True,
                  context: ReadContext | None = None, cancelled: Callable[[], bool] | None = None) -> ParsedWorkbook:
    """Check and parse a file's bytes. Never raises for bad input: problems say what is wrong.

    ``within_file_only=False`` leaves the running-total rule to the caller, who checks it
    against the stored data as well (an import does, inside its transaction). ``context``
    carries the region registry and any answers; by default the built-in regions.
    """
    limits = Limits.from_settings(overrides)
    container = outline_container(data, limits)
    if container.problems:
        return ParsedWorkbook(_empty(OBSERVATION_COLUMNS), _empty(TARGET_COLUMNS), container.problems)
    ctx = context if context is not None else default_context(overrides)
    ctx.check_cumulative = within_file_only
    child = None
    marks_in, marks_out = multiprocessing.get_context("fork").Pipe(duplex=False)
    try:
        child = BoundedChild(parse_workbook_bytes, (data, container.fmt, ctx, _receiver(marks_in)),
                             memory_mb=int(settings.get("parse_memory_mb", overrides)),
                             seconds=float(settings.get("parse_seconds", overrides)))
        marks_in.close()  # the child's end: once the child is gone, a send fails instead of waiting
        # The parts are scanned here while the bounded child parses (two cores, half the wait);
        # a refusal wins, and the child is killed with whatever it read. What the scan saw in
        # each part goes to the child, which then need not decompress a sheet a second time.
        marks: dict = {}
        refused = container.scan(limits, marks)
        if refused:
            return ParsedWorkbook(_empty(OBSERVATION_COLUMNS), _empty(TARGET_COLUMNS), refused)
        _send_marks(marks_out, marks)
        return child.wait(cancelled)
    except SandboxError as exc:
        if exc.what == "cancelled":
            raise JobCancelled() from None
        if exc.what in ("memory", "time"):
            problem = Problem(f"parse_{exc.what}")
        else:
            problem = Problem("parse_failed", params={"detail": exc.detail.strip().splitlines()[-1]})
        return ParsedWorkbook(_empty(OBSERVATION_COLUMNS), _empty(TARGET_COLUMNS), [problem])
    finally:
        marks_in.close()
        marks_out.close()
        if child is not None:
            child.stop()


_MARKS_MAX_BYTES = 32 * 1024  # under a pipe's buffer: the send never waits for a child that does not read


def _send_marks(connection, marks: dict) -> None:  # type: ignore[no-untyped-def]
    payload = pickle.dumps(marks)
    try:
        connection.send_bytes(payload if len(payload) <= _MARKS_MAX_BYTES else pickle.dumps(None))
    except OSError:  # the child has already ended (a crash it will report)
        pass


def _receiver(connection) -> Callable[[], dict | None]:  # type: ignore[no-untyped-def]
    """In the child: what the scan saw in each part, once it has ended (None: the child looks itself)."""
    def receive() -> dict | None:
        try:
            return pickle.loads(connection.recv_bytes())
        except (EOFError, OSError):
            return None
    return receive
