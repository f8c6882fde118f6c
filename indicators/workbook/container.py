"""Checks of an uploaded file's container.

The file's kind is told by its bytes, never by its name: an .xlsx or .ods file is a zip of XML
parts, an .xls an OLE compound file of BIFF records, a .csv plain text. Two steps:

- :func:`outline_container`, before any parser touches the file: its kind and size, the zip's
  listing (too many parts, a part stored twice, a bad name, macros, external links, too many
  sheets), an OLE file's macros (VBA storages, Excel 4 macro sheets) and encryption;
- :meth:`Container.scan`, which streams through every zip part once, bounded, so that a hostile
  file (a zip bomb, billion laughs, an external entity, a far-away cell, rows beyond the limit)
  costs a refusal with a message, not the process. The reader runs it beside the parse, which
  is itself bounded in memory and time in a child process; a refusal from the scan wins and
  the child is killed.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from struct import error as struct_error

import olefile

from indicators import settings
from indicators.problems import Problem, human_size

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# DOCTYPE and ENTITY both begin with "<!": a cheap search a chunk, in UTF-8 and in UTF-16 (with
# or without a byte-order mark), then a precise look only where one is found.
_MARKERS = (b"<!", "<!".encode("utf-16-le"), "<!".encode("utf-16-be"))
_MARKER_OVERLAP = 32
# Literal-led patterns, so a 25 MB sheet scans in well under a second: any reference (a row's or a
# cell's, quoted either way, whatever the element's prefix or attribute order) with a column of
# two letters or more, or a row number of six digits or more. The sandbox's memory bound backs
# them up.
_FAR_COLUMN = re.compile(rb'r=["\']([A-Z]{2,})(\d+)["\']')
_FAR_ROW = re.compile(rb'r=["\'][A-Z]{0,3}(\d{6,})["\']')
# Parts that hold no cell references of their own (text, styles, theme, properties).
_NO_REFERENCES = ("xl/sharedstrings.xml", "xl/styles.xml", "xl/theme/", "docprops/", "[content_types].xml")
_CHUNK = 1 << 20
MAX_SHEETS = 100  # a statistics workbook has a few; a hundred empty ones would each be parsed
_ROW_TAGS = (b"<row", b":row ")  # "<rowBreaks", once a sheet, is counted too: a row's worth of slack
# What a sheet part holds that the reader must look at beside the values: hidden rows and columns,
# formulas ("f>" ends every formula's tag, </f> or </x:f>, and is in <f> itself).
HIDDEN_MARK = b"hidden="
FORMULA_MARK = b"f>"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# OLE storages that carry VBA macros, in .xls files and in encrypted packages' neighbours.
_OLE_MACRO_STORAGES = {"_vba_project_cur", "vba", "_vba_project", "macros", "_xlm_macros"}
_BIFF_BOUNDSHEET, _BIFF_FILEPASS, _BIFF_EOF = 0x0085, 0x002F, 0x000A


@dataclass(frozen=True)
class Limits:
    """How much a workbook may hold. Defaults come from the settings."""

    max_bytes: int
    max_unpacked: int
    max_entry: int
    max_ratio: int = 250
    max_entries: int = 2000
    max_rows: int = 300_000
    max_cols: int = 256

    @classmethod
    def from_settings(cls, overrides: dict | None = None) -> Limits:
        unpacked = int(settings.get("max_unpacked_mb", overrides)) * 1024 * 1024
        return cls(
            max_bytes=int(settings.get("max_upload_mb", overrides)) * 1024 * 1024,
            max_unpacked=unpacked,
            max_entry=unpacked,
            max_rows=int(settings.get("max_rows", overrides)),
            max_cols=int(settings.get("max_cols", overrides)),
        )


def column_letter(index: int) -> str:
    """Column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """0-based index of column letters: A -> 0, AA -> 26."""
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _entry_problem(name: str) -> Problem | None:
    lower = name.lower()
    if name.startswith("/") or ".." in name.split("/") or "\\" in name:
        return Problem("zip_bad_name", params={"entry": name})
    if lower.endswith("vbaproject.bin") or lower.endswith("vbaprojectsignature.bin") or (
        "/activex/" in lower
    ) or lower.endswith(".bin") and "/embeddings/oleobject" in lower:
        return Problem("macro", params={"entry": name})
    if lower.startswith(("basic/", "scripts/")):  # an .ods file's macros (LibreOffice Basic, scripts)
        return Problem("macro", params={"entry": name})
    if "/externallinks/" in lower or lower.startswith("xl/externallinks"):
        return Problem("external_link", params={"entry": name})
    if lower.endswith("connections.xml") or "/querytables/" in lower:
        return Problem("data_connection", params={"entry": name})
    return None


def file_kind(data: bytes) -> str:
    """What the bytes are: ``xlsx``, ``ods``, ``zip`` (another zip), ``ole`` (.xls or an encrypted
    workbook), ``html``, ``text`` (a CSV candidate) or ``binary``."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")) or b"<table" in head[:512]:
        return "html"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def check_container(data: bytes, limits: Limits) -> list[Problem]:
    """Problems with the file as a container; an empty list means the parser may read it."""
    kind, problems = inspect_container(data, limits)
    return problems


def inspect_container(data: bytes, limits: Limits) -> tuple[str, list[Problem]]:
    """(format, problems): the format is ``xlsx``, ``xls``, ``ods`` or ``csv`` when the parser may
    read it. Both steps, one after the other."""
    container = outline_container(data, limits)
    problems = container.problems or container.scan(limits)
    return ("", problems) if problems else (container.fmt, [])


@dataclass(frozen=True)
class PartMarks:
    """What the scan saw in one part: whether it may hold hidden rows or columns, or formulas.
    Noted while the part is decompressed anyway, so the reader need not read it twice."""

    hidden: bool = False
    formulas: bool = False


@dataclass
class Container:
    """What the outline found: the format (``xlsx``, ``xls``, ``ods``, ``csv``) or the problems."""

    fmt: str
    problems: list[Problem]
    archive: zipfile.ZipFile | None = None

    def scan(self, limits: Limits, marks: dict[str, PartMarks] | None = None) -> list[Problem]:
        """Stream through every part of a zip, bounded; nothing to do for other formats. ``marks``
        receives, per part, whether it may hold hidden rows or columns, or formulas."""
        if self.archive is None or self.problems:
            return self.problems
        return _scan_parts(self.archive, limits, marks)


def _refused(*problems: Problem) -> Container:
    return Container("", list(problems))


def outline_container(data: bytes, limits: Limits) -> Container:
    """The checks that need no decompression: made before any parser touches the file."""
    fmt, problems, archive = _outline(data, limits)
    return Container(fmt, problems, archive) if not problems else Container("", problems)


def _outline(data: bytes, limits: Limits) -> tuple[str, list[Problem], zipfile.ZipFile | None]:
    if not data:
        return "", [Problem("file_empty")], None
    if len(data) > limits.max_bytes:
        return "", [Problem("file_too_large", params={
            "size": human_size(len(data)), "limit": human_size(limits.max_bytes)})], None
    kind = file_kind(data)
    if kind == "ole":
        return (*_check_ole(data), None)
    if kind == "html":
        return "", [Problem("html_table")], None
    if kind == "text":
        lines = data.count(b"\n") + 1
        if lines > limits.max_rows:
            return "", [Problem("too_many_rows", params={
                "row": f"{lines:,}", "max_rows": f"{limits.max_rows:,}"})], None
        return "csv", [], None
    if kind != "zip":
        return "", [Problem("not_xlsx")], None
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return "", [Problem("zip_broken", params={"detail": str(exc)})], None
    fmt, problem = _listing(archive, infos, limits)
    return fmt, [problem] if problem else [], archive


def _listing(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> tuple[str, Problem | None]:
    """The zip's format by its parts, or what in its listing refuses it."""
    if len(infos) > limits.max_entries:
        return "", Problem("zip_too_many_entries", params={"count": len(infos), "limit": limits.max_entries})
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:  # which copy a parser takes is the parser's choice: refuse both
            return "", Problem("zip_duplicate", params={"entry": info.filename})
        seen.add(info.filename)
    if "xl/workbook.xml" in seen:
        fmt = "xlsx"
    elif "content.xml" in seen and _read_bounded(archive, "mimetype", 200) == ODS_MIMETYPE:
        fmt = "ods"
    else:
        return "", Problem("not_xlsx")
    for info in infos:
        problem = _entry_problem(info.filename)
        if problem:
            return "", problem
    if fmt == "xlsx":  # sheets are counted as the workbook lists them, each one read in full
        listed = (_read_bounded(archive, "xl/workbook.xml", 16 << 20) or b"")
        sheets = listed.count(b"<sheet ") + listed.count(b":sheet ")
        if sheets > MAX_SHEETS:
            return "", Problem("too_many_sheets", params={"count": sheets, "limit": MAX_SHEETS})
    content_types = _read_bounded(archive, "[Content_Types].xml", 1 << 20)
    if content_types is not None and b"macroEnabled" in content_types:
        return "", Problem("macro", params={"entry": "[Content_Types].xml"})
    return fmt, None


def _scan_parts(archive: zipfile.ZipFile, limits: Limits, marks: dict[str, PartMarks] | None) -> list[Problem]:
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        try:
            size, problem, seen = _scan_entry(archive, info, limits, limits.max_unpacked - total)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            return [Problem("zip_broken", params={"detail": f"{info.filename}: {exc}"})]
        if problem:
            return [problem]
        if marks is not None:
            marks[info.filename] = seen
        total += size
    return []


def _check_ole(data: bytes) -> tuple[str, list[Problem]]:
    """An OLE compound file: an .xls workbook, or an encrypted .xlsx package."""
    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, IndexError, struct_error) as exc:
        return "", [Problem("zip_broken", params={"detail": f"OLE: {exc}"})]
    try:
        entries = ["/".join(path) for path in ole.listdir(streams=True, storages=True)]
        names = {entry.lower() for entry in entries}
        parts = {part for entry in names for part in entry.split("/")}
        if "encryptedpackage" in names or "encryptioninfo" in names:
            return "", [Problem("encrypted")]
        macro = next((e for e in entries if set(e.lower().split("/")) & _OLE_MACRO_STORAGES), None)
        if macro:
            return "", [Problem("macro", params={"entry": macro})]
        stream = "Workbook" if "workbook" in names else "Book" if "book" in names else None
        if stream is None or not parts:
            return "", [Problem("not_xlsx")]
        globals_problem = _biff_globals_problem(ole.openstream(stream).read(1 << 20))
        if globals_problem:
            return "", [globals_problem]
    except (OSError, ValueError, IndexError, struct_error) as exc:
        return "", [Problem("zip_broken", params={"detail": f"OLE: {exc}"})]
    finally:
        ole.close()
    return "xls", []


def _biff_globals_problem(stream: bytes) -> Problem | None:
    """Walk the workbook globals of a BIFF stream: an encryption record, or an Excel 4 macro sheet."""
    at = 0
    while at + 4 <= len(stream):
        kind, length = int.from_bytes(stream[at:at + 2], "little"), int.from_bytes(stream[at + 2:at + 4], "little")
        body = stream[at + 4:at + 4 + length]
        if kind == _BIFF_FILEPASS:
            return Problem("encrypted")
        if kind == _BIFF_BOUNDSHEET and len(body) >= 6 and body[5] in (0x01, 0x06):
            return Problem("macro", params={"entry": "Excel 4.0 macro sheet" if body[5] == 0x01 else "VBA module"})
        if kind == _BIFF_EOF:
            return None
        at += 4 + length
    return None


def _read_bounded(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    try:
        with archive.open(name) as handle:
            return handle.read(limit)
    except KeyError:
        return None


def _scan_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits,
                remaining: int) -> tuple[int, Problem | None, PartMarks]:
    """Decompress one part in chunks, never past its limits, looking for hostile content."""
    name = info.filename
    # Every part is scanned, whatever its name: calamine follows the workbook's relationships,
    # so a sheet can live anywhere and be called anything.
    lower = name.lower()
    may_hold_cells = not lower.startswith(_NO_REFERENCES)
    size = rows = 0
    hidden = formulas = False
    markers: tuple[bytes, ...] = _MARKERS
    tail = b""
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            if size == 0 and b"\x00" not in chunk[:4]:
                # An XML entity's encoding is fixed by its first bytes: a part that starts in UTF-8 (or
                # a one-byte encoding) cannot declare anything in UTF-16 later, so only "<!" is looked for.
                markers = _MARKERS[:1]
            size += len(chunk)
            if size > limits.max_entry:
                return size, Problem("zip_entry_too_large", params={
                    "entry": name, "limit": human_size(limits.max_entry)}), PartMarks()
            if size > remaining:
                return size, Problem("zip_total_too_large", params={
                    "limit": human_size(limits.max_unpacked)}), PartMarks()
            if size > (1 << 20) and info.compress_size and size / info.compress_size > limits.max_ratio:
                return size, Problem("zip_ratio", params={
                    "entry": name, "ratio": int(size / info.compress_size)}), PartMarks()
            window = tail + chunk
            if any(marker in window for marker in markers) and _declares_entities(window):
                return size, Problem("xml_entity", params={"entry": name}), PartMarks()
            if may_hold_cells:
                problem = _extent_problem(window, limits)
                if problem:
                    return size, problem, PartMarks()
                # Rows are counted as written, not as numbered: a row needs no r= attribute.
                rows += sum(chunk.count(tag) for tag in _ROW_TAGS)
                if rows > limits.max_rows:
                    return size, Problem("too_many_rows", params={"row": f"{rows:,}",
                                                                  "max_rows": f"{limits.max_rows:,}"}), PartMarks()
                hidden = hidden or HIDDEN_MARK in window
                formulas = formulas or FORMULA_MARK in window
            tail = window[-_MARKER_OVERLAP:]
    return size, None, PartMarks(hidden, formulas)


def _declares_entities(window: bytes) -> bool:
    for keyword in ("<!DOCTYPE", "<!ENTITY"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if keyword.encode(encoding) in window:
                return True
    return False


def _extent_problem(window: bytes, limits: Limits) -> Problem | None:
    for match in _FAR_COLUMN.finditer(window):
        letters = match.group(1).decode("ascii")
        if len(letters) > 3 or column_index(letters) >= limits.max_cols:
            return Problem("extent_too_large", params={
                "cell": letters + match.group(2).decode("ascii"), "max_rows": f"{limits.max_rows:,}",
                "max_cols": limits.max_cols})
    for match in _FAR_ROW.finditer(window):
        row = int(match.group(1))
        if row > limits.max_rows:
            return Problem("too_many_rows", params={"row": f"{row:,}", "max_rows": f"{limits.max_rows:,}"})
    return None
