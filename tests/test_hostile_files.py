"""Every hostile file is refused by the container check, with a message naming the problem in
Chinese and English, and the store is left exactly as it was. The parts' scan runs beside the
parse, which is bounded in a child process: its refusal wins and the child is killed.

Each file is built here: a real workbook written by openpyxl, re-zipped with a hostile part.
"""

from __future__ import annotations

import io
import multiprocessing
import random
import re
import time
import zipfile
from functools import cache

import pandas as pd
import pytest

from indicators.ingest import import_workbook
from indicators.sandbox import BoundedChild, SandboxError, run_bounded
from indicators.store import Store
from indicators.workbook import read_workbook
from indicators.workbook.container import Limits, check_container
from workbooks import long_workbook, rezip

SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XXE = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


# --- building the files ------------------------------------------------------------------------

@cache
def valid_xlsx() -> bytes:
    """A small, valid workbook: one value the reader accepts."""
    return long_workbook([["grassroots_unions", 2009, None, None, 2400]])


def sheet_xml() -> str:
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as archive:
        return archive.read(SHEET).decode("utf-8")


def with_sheet(xml: str | bytes) -> bytes:
    return rezip(valid_xlsx(), replace={SHEET: xml.encode("utf-8") if isinstance(xml, str) else xml})


def with_part(name: str, content: bytes) -> bytes:
    return rezip(valid_xlsx(), add={name: content})


def with_extra_rows(rows: str) -> bytes:
    return with_sheet(sheet_xml().replace("</sheetData>", rows + "</sheetData>"))


def xxe_sheet() -> str:
    """The sheet with a DOCTYPE declaring an external entity, and a cell that uses it."""
    return ('<?xml version="1.0" encoding="UTF-16"?>' + XXE
            + sheet_xml().replace("<t>grassroots_unions</t>", "<t>&e;</t>"))


def with_streamed_part(name: str, head: bytes, filler: bytes, size: int, foot: bytes) -> bytes:
    """The workbook with part ``name`` (added, or replacing the one of that name) written from a
    generator in 1 MB chunks: ``size`` bytes of ``filler`` between ``head`` and ``foot``. The test
    never holds the expanded part in memory."""
    chunk = filler * ((1 << 20) // len(filler))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != name:
                zout.writestr(item.filename, zin.read(item.filename))
        with zout.open(name, "w") as handle:
            handle.write(head)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(foot)
    return out.getvalue()


@cache
def zip_bomb_media() -> bytes:
    return with_streamed_part("xl/media/bomb.bin", b"", b"\0", 400 << 20, b"")


@cache
def zip_bomb_sheet() -> bytes:
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    return with_streamed_part(SHEET, head, b" ", 400 << 20, b"</sheetData></worksheet>")


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    xml = ('<?xml version="1.0"?><!DOCTYPE sst [' + "".join(entities) + "]>"
           f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    return with_part("xl/sharedStrings.xml", xml.encode())


def macro_content_types() -> bytes:
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    assert b"macroEnabled" in types
    return rezip(valid_xlsx(), replace={"[Content_Types].xml": types})


def large_file() -> bytes:
    """A real workbook of about 2 MB: a picture part that does not compress."""
    return rezip(valid_xlsx(), add={"xl/media/image1.png": random.Random(0).randbytes(2 << 20)})


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


def sheet_moved(path: str, xml: str) -> bytes:
    """The workbook with its sheet stored at another path, the relationship pointing there."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            if name == SHEET:
                zout.writestr(path, xml)
            else:
                zout.writestr(name, zin.read(name).replace(b"/" + SHEET.encode(), b"/" + path.encode()))
    return out.getvalue()


FAR_ROW = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
EXTENT = {"extent_too_large", "too_many_rows"}

# id -> (builder, rules any one of which is the right refusal, text the message must name, overrides)
CASES: dict[str, tuple] = {
    "zip_bomb_media_part": (zip_bomb_media, {"zip_entry_too_large", "zip_total_too_large", "zip_ratio"},
                            "xl/media/bomb.bin", None),
    "zip_bomb_sheet": (zip_bomb_sheet, {"zip_entry_too_large", "zip_total_too_large", "zip_ratio"}, SHEET, None),
    "billion_laughs_shared_strings": (billion_laughs, {"xml_entity"}, "xl/sharedStrings.xml", None),
    "external_entity_in_sheet": (lambda: with_sheet(xxe_sheet().replace("UTF-16", "UTF-8")), {"xml_entity"},
                                 SHEET, None),
    "external_entity_utf16le_bom": (lambda: with_sheet(b"\xff\xfe" + xxe_sheet().encode("utf-16-le")),
                                    {"xml_entity"}, SHEET, None),
    "external_entity_utf16be_bom": (lambda: with_sheet(b"\xfe\xff" + xxe_sheet().encode("utf-16-be")),
                                    {"xml_entity"}, SHEET, None),
    "external_entity_utf16le_no_bom": (lambda: with_sheet(xxe_sheet().encode("utf-16-le")), {"xml_entity"},
                                       SHEET, None),
    "cell_at_XFD1048576": (lambda: with_extra_rows(FAR_ROW), EXTENT, None, None),
    "macro_vba_project": (lambda: with_part("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(512)), {"macro"},
                          "xl/vbaProject.bin", None),
    "macro_content_types": (macro_content_types, {"macro"}, "[Content_Types].xml", None),
    "external_link": (lambda: with_part("xl/externalLinks/externalLink1.xml",
                                        f'<externalLink xmlns="{MAIN_NS}"/>'.encode()),
                      {"external_link"}, "xl/externalLinks/externalLink1.xml", None),
    "data_connection": (lambda: with_part("xl/connections.xml", f'<connections xmlns="{MAIN_NS}"/>'.encode()),
                        {"data_connection"}, "xl/connections.xml", None),
    "binary_not_zip": (lambda: bytes(range(256)) * 4, {"not_xlsx"}, None, None),
    "html_saved_as_xls": (lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>", {"html_table"},
                          None, None),
    "png_not_zip": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), {"not_xlsx"}, None, None),
    "zip_without_workbook": (plain_zip, {"not_xlsx"}, None, None),
    "broken_ole_file": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), {"zip_broken"}, "OLE", None),
    "empty_file": (lambda: b"", {"file_empty"}, None, None),
    "file_over_size_limit": (large_file, {"file_too_large"}, "1.0 MB", {"max_upload_mb": 1}),
    "truncated_zip": (lambda: valid_xlsx()[: len(valid_xlsx()) // 2], {"zip_broken", "not_xlsx"}, None, None),
    "path_traversal_name": (lambda: with_part("../evil.xml", b"<x/>"), {"zip_bad_name"}, "../evil.xml", None),
    # The far cell written in other ways the XML allows and python-calamine reads.
    "cell_A1048576_in_row_without_number": (
        lambda: with_extra_rows('<row><c r="A1048576"><v>1</v></c></row>'), EXTENT, None, None),
    "row_1048576_with_spans_before_r": (
        lambda: with_extra_rows('<row spans="1:1" r="1048576"><c r="A1048576"><v>1</v></c></row>'),
        EXTENT, None, None),
    "cell_XFD1048576_single_quoted": (
        lambda: with_extra_rows("<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"), EXTENT, None, None),
    "cell_XFD1048576_in_sheet_outside_worksheets_folder": (
        lambda: sheet_moved("xl/sheets/data.xml", sheet_xml().replace("</sheetData>", FAR_ROW + "</sheetData>")),
        EXTENT, None, None),
}


# --- the refusals ------------------------------------------------------------------------------

def test_the_valid_workbook_the_files_are_built_from_is_accepted():
    """The control: without the hostile part the same workbook is read, so the refusals below are
    caused by what each test adds."""
    assert check_container(valid_xlsx(), Limits.from_settings()) == []
    parsed = read_workbook(valid_xlsx())
    assert parsed.ok, parsed.problems
    assert parsed.observations[["code", "year", "value"]].values.tolist() == [["grassroots_unions", 2009, 2400.0]]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_by_the_container_check(case):
    build, rules, named, overrides = CASES[case]
    data = build()

    container = check_container(data, Limits.from_settings(overrides))
    assert [p.rule for p in container] in [[rule] for rule in rules], container

    parsed = read_workbook(data, overrides)
    # The refusal is the container check's, whatever the bounded parse beside it made of the file,
    # and that parse is gone: no child is left working on a refused file.
    assert parsed.problems == container
    assert multiprocessing.active_children() == []
    (problem,) = parsed.problems
    assert problem.severity == "error"
    assert not parsed.ok
    assert parsed.observations.empty and parsed.targets.empty
    zh, en = problem.message("zh"), problem.message("en")
    assert re.search(r"[\u4e00-\u9fff]", zh), zh
    assert re.search(r"[A-Za-z]{3,}", en), en
    assert "{" not in zh + en
    if named:
        assert named in zh and named in en


def _snapshot(url: str):
    """What a fresh reader of the store sees (a new Store, so nothing comes from a cache)."""
    fresh = Store(url)
    try:
        revision_id, obs, tgt = fresh.data()
        return fresh.revisions(), fresh.current_revision_id(), revision_id, obs, tgt, fresh.events()
    finally:
        fresh.close()


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_leaves_the_store_unchanged(store, case):
    build, _, _, overrides = CASES[case]
    data = build()
    before = _snapshot(store.url)
    assert before[1] == 1 and len(before[3]) > 0  # seeded with the built-in data

    result = import_workbook(store, data, "x.xlsx", "tester", overrides=overrides)

    # Which refusal it is, is the test above's business; here: refused, and nothing changed.
    assert not result.ok and result.revision is None
    assert result.problems and all(p.severity == "error" for p in result.problems)
    after = _snapshot(store.url)
    assert after[0] == before[0]  # revisions()
    assert after[1] == before[1] == 1  # current_revision_id()
    assert after[2] == before[2]
    pd.testing.assert_frame_equal(after[3], before[3])
    pd.testing.assert_frame_equal(after[4], before[4])
    assert after[5] == before[5]  # no event recorded
    assert store.current_revision_id() == 1
    pd.testing.assert_frame_equal(store.data()[1], before[3])


# --- the sandbox behind the container check ------------------------------------------------------

def test_far_cell_allowed_by_raised_limits_is_stopped_by_the_sandbox():
    overrides = {"max_cols": 20000, "max_rows": 2000000, "parse_memory_mb": 512}
    data = with_extra_rows(FAR_ROW)
    assert check_container(data, Limits.from_settings(overrides)) == []  # the container check lets it by

    parsed = read_workbook(data, overrides)

    assert [p.rule for p in parsed.problems] in (["parse_memory"], ["parse_failed"]), parsed.problems
    assert parsed.problems[0].severity == "error"
    assert parsed.problems[0].message("zh") and parsed.problems[0].message("en")
    assert parsed.observations.empty
    # python-calamine's abort cost only the child: this process goes on, and reads the next file.
    assert read_workbook(valid_xlsx()).ok


def add(a, b):
    return a + b


def allocate_2_gb():
    return len(bytearray(2 << 30))


def sleep_5_s():
    time.sleep(5)
    return "woke"


def raise_value_error():
    raise ValueError("cell Q7 made the parser choke")


def test_a_bounded_child_stopped_while_it_works_is_killed_and_reaped():
    child = BoundedChild(time.sleep, (60,), memory_mb=256, seconds=120)
    assert multiprocessing.active_children() != []
    child.stop()
    assert multiprocessing.active_children() == []  # a sleeping child outlives stop()'s join unless killed
    child.stop()  # twice is harmless


def test_run_bounded_returns_what_the_function_returns():
    assert run_bounded(add, 2, 3, memory_mb=256, seconds=30) == 5


def test_run_bounded_stops_a_child_over_its_memory_bound():
    with pytest.raises(SandboxError) as caught:
        run_bounded(allocate_2_gb, memory_mb=256, seconds=60)
    assert caught.value.what == "memory"


def test_run_bounded_stops_a_child_over_its_time_bound():
    with pytest.raises(SandboxError) as caught:
        run_bounded(sleep_5_s, memory_mb=256, seconds=1)
    assert caught.value.what == "time"


def test_run_bounded_reports_a_crash_with_its_message():
    with pytest.raises(SandboxError) as caught:
        run_bounded(raise_value_error, memory_mb=256, seconds=30)
    assert caught.value.what == "crash"
    assert "ValueError: cell Q7 made the parser choke" in caught.value.detail
