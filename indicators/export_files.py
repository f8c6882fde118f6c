"""Data downloads built once per revision, in files every process reads (issue 18, item 12).

A full CSV or XLSX of 100,000 rows takes seconds to build; built in every web worker after every
publish it took downloads past a minute under load. A revision never changes, so each download
(revision + format + language, + the filter of a filtered one) is built once, by whichever process
gets there first, into a directory beside the store that every web worker and Celery worker
reads, and streamed from there. A publish builds the full ones in the background; a first request
builds under a cross-process lock (a file created exclusively), so requests arriving meanwhile, in
any process, wait for that file instead of building it again. Each build appends one line to the
revision's build log (``r<N>.builds``), which says who built what. Files of revisions other than the
current one are removed once the current one's are built.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import make_url

from indicators.data_export import csv_bytes, export_frame, xlsx_bytes
from indicators.data_views import data_shown
from indicators.indicator_view import DataIndex
from indicators.template import build_workbook, workbook_bytes

FORMATS = ("csv", "xlsx")
LANGS = ("zh", "en")
STALE_SECONDS = 900.0  # a lock this old belongs to a builder that died on another machine
WAIT_SECONDS = 900.0  # longest a request waits for another process's build
POLL_SECONDS = 0.05
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class ExportBusy(Exception):
    """Another process has been building this file for longer than a request waits."""


@dataclass(frozen=True)
class ExportKey:
    """What a download holds: a revision, a format, a language and, for a filtered download, the
    page's indicator, year (up to) and region. Only validated values reach a key (see ``routes``).
    ``kind`` is ``data`` (the observations) or ``template`` (the upload template filled with them)."""

    revision_id: int | None
    fmt: str
    lang: str
    code: str | None = None
    year: int | None = None
    region: str | None = None
    kind: str = "data"

    @property
    def filtered(self) -> bool:
        return bool(self.code or self.year is not None or self.region is not None)

    @property
    def stem(self) -> str:
        """The file's name without its suffix: the revision first, so old revisions' files are found."""
        stem = f"r{self.revision_id or 0}-{self.kind}-{self.lang}"
        if self.filtered:
            spec = json.dumps([self.code, self.year, self.region], ensure_ascii=False)
            stem += "-" + hashlib.sha256(spec.encode("utf-8")).hexdigest()[:20]
        return stem

    @property
    def filename(self) -> str:
        """The name the browser saves it under."""
        if self.kind == "template":
            return "indicators-current.xlsx"
        return f"{'data-shown' if self.filtered else 'data'}.{self.fmt}"

    @property
    def mimetype(self) -> str:
        return MIMETYPES[self.fmt]


def default_exports_dir(store_url: str, data_home: Path) -> Path:
    """Where exports go when ``INDICATORS_EXPORTS_DIR`` is empty: beside a SQLite file
    (``indicators.db`` -> ``indicators-exports/``), or for a database server a folder of the data
    directory named after the server and database (never its password)."""
    url = make_url(store_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database).expanduser().resolve()
        return path.with_name(f"{path.stem}-exports")
    where = f"{url.get_backend_name()}-{url.host or 'local'}-{url.port or ''}-{url.database or ''}"
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]
    return data_home / "union-indicators" / f"exports-{digest}"


def build_export(index: DataIndex, key: ExportKey, year_basis: str) -> bytes:
    """The bytes of one download, from the revision's indexed data (formula text neutralised)."""
    if key.kind == "template":
        return workbook_bytes(build_workbook(index.observations, index.targets, key.lang))
    observations = index.observations
    if key.filtered:
        observations = data_shown(observations, key.code, key.year, key.region)
    frame = export_frame(observations, index.revision_id, key.lang, year_basis, index.explanation_texts(),
                         index.provenance)
    if key.fmt == "csv":
        return csv_bytes(frame)
    return xlsx_bytes(frame, "数据" if key.lang == "zh" else "data")


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _holder_gone(text: str) -> bool:
    """Whether the process named in a lock file, on this machine, no longer exists."""
    host, _, rest = text.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or os.name == "nt":
        return False  # another machine's builder (or Windows, where signal 0 is Ctrl-C): only the lock's age tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's
        return False
    return False


class ExportFiles:
    """The export directory: each download built once per revision, shared by every process."""

    def __init__(self, directory: Path, index_of: Callable[[int | None], DataIndex], year_basis: str,
                 current_revision: Callable[[], int | None]) -> None:
        self.directory = Path(directory)
        self._index_of = index_of
        self._year_basis = year_basis
        self._current = current_revision

    def path(self, key: ExportKey) -> Path:
        return self.directory / f"{key.stem}.{key.fmt}"

    def open(self, key: ExportKey) -> BinaryIO:
        """The download, open for reading: built now under the lock if no process has built it yet.
        Opened before it is returned, so a file removed a moment later (a publish) still streams whole."""
        path = self.path(key)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                return path.open("rb")
            except FileNotFoundError:
                pass
            built = self._build_locked(key)
            if built is not None:
                return built
            if time.monotonic() > deadline:
                raise ExportBusy(key.stem)
            time.sleep(POLL_SECONDS)

    def build_full(self, revision_id: int | None) -> list[Path]:
        """Every full download of a revision (each format, each language), built where missing: what a
        publish starts in the background, so the first person to ask finds them ready."""
        paths = []
        for fmt in FORMATS:
            for lang in LANGS:
                with self.open(ExportKey(revision_id, fmt, lang)) as handle:
                    paths.append(Path(handle.name))
        return paths

    def builds(self, revision_id: int | None) -> list[str]:
        """The build log of a revision: one line per file built (its name and who built it)."""
        log = self._log(revision_id)
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    def remove_old(self, keep: set[int | None]) -> None:
        """Remove the files (and build logs) of every revision not in ``keep``. A file another process
        is streaming stays readable to it until it is closed (POSIX); one that cannot be removed now
        (Windows, open) goes at the next clean-up."""
        kept = {f"r{revision or 0}" for revision in keep}
        try:
            entries = list(self.directory.iterdir())
        except FileNotFoundError:
            return
        for entry in entries:
            head = entry.name.split("-", 1)[0].split(".", 1)[0]
            if not head.startswith("r") or not head[1:].isdigit() or head in kept:
                continue
            if entry.suffix == ".lock":
                continue  # a build in progress removes its own lock
            try:
                entry.unlink()
            except OSError:
                pass

    # --- building ---------------------------------------------------------------------------------

    def _log(self, revision_id: int | None) -> Path:
        return self.directory / f"r{revision_id or 0}.builds"

    def _build_locked(self, key: ExportKey) -> BinaryIO | None:
        """Build ``key``'s file if this call gets its lock and return it open; None if another process
        (or thread) holds the lock: wait and look again."""
        self.directory.mkdir(parents=True, exist_ok=True)
        lock = self.directory / f"{key.stem}.{key.fmt}.lock"
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            self._break_if_stale(lock)
            return None
        path = self.path(key)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_holder())
            if not path.exists():  # built by the holder this call waited for, just before it let go
                data = build_export(self._index_of(key.revision_id), key, self._year_basis)
                partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
                partial.write_bytes(data)
                os.replace(partial, path)  # readers see the whole file or none
                with self._log(key.revision_id).open("a", encoding="utf-8") as log:
                    log.write(f"{path.name}\t{_holder()}\t{len(data)}\n")
            built = path.open("rb")  # open before the clean-up, which may take an old revision's file
        finally:
            try:
                lock.unlink()
            except FileNotFoundError:
                pass
        self.remove_old({self._current()})
        return built

    def _break_if_stale(self, lock: Path) -> None:
        """Remove a lock whose builder died (killed mid-build), so the file is built by someone else."""
        try:
            holder = lock.read_text(encoding="utf-8")
            age = time.time() - lock.stat().st_mtime
        except OSError:
            return
        if (holder and _holder_gone(holder)) or age > STALE_SECONDS:
            try:
                lock.unlink()
            except FileNotFoundError:
                pass
