"""A file that passes the check always publishes, on SQLite and on PostgreSQL alike: the store's column
limits (derived from its SQLAlchemy columns) and NUL characters are checked in the check, each refusal
naming its field and cell. Generated cases: each limited field at its limit, one past it, and with a NUL."""

from __future__ import annotations

import time

import pytest

from indicators.application import Application
from indicators.labels import t
from indicators.store_limits import FIELD_LIMITS
from workbooks import long_workbook

LIMIT = {"source": FIELD_LIMITS["source"], "filename": FIELD_LIMITS["filename"]}


def _workbook(note: str = "", source: str = "") -> bytes:
    # A NUL reaches a cell as Excel writes it in the XML, _x0000_ (a cell cannot hold it literally).
    return long_workbook([["grassroots_unions", 2009, "", "", 2390, "", note.replace("\x00", "_x0000_"),
                           source.replace("\x00", "_x0000_")]])


def _cases() -> list[tuple[str, str, str, bool]]:
    """(case, field, value, whether it must pass): at the limit, one past it, a NUL inside."""
    cases = []
    for field, limit in LIMIT.items():
        stem = "a" * (limit - 5) + ".xlsx" if field == "filename" else "来" * limit
        over = "a" * (limit - 4) + ".xlsx" if field == "filename" else "来" * (limit + 1)
        nul = "a\x00b.xlsx" if field == "filename" else "来\x00源"
        cases += [(f"{field}-at-limit", field, stem, True), (f"{field}-over", field, over, False),
                  (f"{field}-nul", field, nul, False)]
    cases += [("note-long", "note", "说" * 5000, True), ("note-nul", "note", "说\x00明", False)]
    return cases


def _check(app: Application, field: str, value: str):  # type: ignore[no-untyped-def]
    data = _workbook(**{field: value}) if field in ("note", "source") else _workbook()
    filename = value if field == "filename" else "c.xlsx"
    job_id = app.start_check(data, filename, "ed", "merge")
    deadline = time.monotonic() + 120
    while not (job := app.jobs.get(job_id)).finished:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert job.status == "done", job.error
    return job_id, app.check_result(job_id)


@pytest.mark.parametrize("case, field, value, passes", _cases(), ids=[c[0] for c in _cases()])
def test_a_file_that_passes_the_check_publishes_on_both_engines(backend_url, case, field, value, passes):
    app = Application({"db": backend_url})
    job_id, check = _check(app, field, value)
    if passes:
        assert check.ok, [p.message("en") for p in check.parsed.problems]
        result = app.publish(job_id, "ed", "editor")
        assert result.ok and result.revision is not None
        assert app.store.revision(result.revision.id).filename == (value if field == "filename" else "c.xlsx")
        return
    assert not check.ok
    refused = [p for p in check.parsed.problems
               if p.rule in ("too_long", "nul_character", "filename_too_long", "filename_nul")]
    assert refused, [p.rule for p in check.parsed.problems]
    problem = refused[0]
    if field == "filename":
        assert problem.params["field"] == "filename"
    else:
        assert (problem.sheet, problem.cell, problem.params["field"]) == ("数据", "E2", field)  # the value's row
    for lang in ("zh", "en"):
        message = problem.message(lang)
        assert t(f"field_{field}", lang) in message
        if problem.rule == "too_long":
            assert str(LIMIT[field]) in message


def test_the_limits_come_from_the_store_columns():
    from indicators.store_tables import observations, revisions, targets

    assert FIELD_LIMITS["filename"] == revisions.c.filename.type.length
    assert FIELD_LIMITS["source"] == observations.c.source.type.length == targets.c.source.type.length
    assert FIELD_LIMITS["region"] == observations.c.region.type.length


@pytest.mark.parametrize("field", sorted(set(FIELD_LIMITS) - {"filename"}) + ["note"])
def test_every_text_field_is_checked_at_its_limit_past_it_and_for_a_nul(field):
    """Fields the reader takes from a table of its own (regions, groups, codes, qualifiers) are checked
    as well, so a future reader path that lets them through is still held at the check."""
    from indicators.store_limits import limit_problems
    from indicators.workbook import read_workbook

    parsed = read_workbook(_workbook())
    limit = FIELD_LIMITS.get(field)
    frame = parsed.observations

    def rules(value: str) -> list[str]:
        frame[field] = frame[field].astype(object)
        frame.loc[0, field] = value
        return [p.rule for p in limit_problems(parsed) if p.params["field"] == field]

    if limit is not None:
        assert rules("x" * limit) == []
        assert rules("x" * (limit + 1)) == ["too_long"]
    else:
        assert rules("x" * 100_000) == []
    assert rules("x\x00") == ["nul_character"]
