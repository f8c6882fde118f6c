"""The application object: built once (by ``create_app`` and by the command line, as Datasette builds
its ``Datasette``), it owns the resolved settings, the store, the caches, the job queue, and the use
cases that change data. Pages and routes reach it through the Flask app; nothing else reads a
setting, the environment or a module-level global.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from indicators import settings as settings_module
from indicators.briefing import build_pdf, build_pptx
from indicators.briefing_docx import build_docx
from indicators.catalogue import Catalogue, Indicator, using
from indicators.catalogue_cases import add_indicator
from indicators.catalogue_store import CatalogueStore
from indicators.change_preview import preview_changes
from indicators.citations import load_provenance
from indicators.explanations import Explanation
from indicators.export_files import ExportFiles, default_exports_dir
from indicators.indicator_view import DataIndex
from indicators.ingest import ImportResult, publish_parsed, reader_context, registry, seed_if_empty
from indicators.jobs import CeleryRunner, JobQueue, ThreadRunner, UnreadableJob, task
from indicators.local_time import time_zone
from indicators.page_cache import PageCache
from indicators.problem_workbook import marked_workbook
from indicators.problems import errors, human_size
from indicators.rate_limits import RateLimits
from indicators.regions import RegionRegistry
from indicators.round_cases import RoundCases
from indicators.round_check import RoundCheck, check_round_table, round_problems
from indicators.settings import Settings
from indicators.stat_year import check_basis
from indicators.store import Revision, Store
from indicators.translation import city_label
from indicators.upload_check import UploadCheck, check_upload
from indicators.users import Users, role_allows
from indicators.workbook import read_workbook

BRIEFINGS_PER_OWNER = 2  # briefings one person (or one anonymous address) may have waiting at once


# Revisions whose index a process keeps: the current one and the one before (history, comparison).
# Each costs about 33 MB at 100,000 observations; four of them took a worker past 400 MB under load.
INDEXES_KEPT = 2


class UseCaseError(Exception):
    """A use case refused: ``code`` names why (``not_allowed``, ``no_job``, ``busy`` …) for the page's words."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params  # what the message names (``id`` of the revision a check already became)


class _AlreadyPublished(Exception):
    """Raised inside the publishing transaction to give it up: this check became ``revision_id``."""

    def __init__(self, revision_id: int | None) -> None:
        super().__init__(revision_id)
        self.revision_id = revision_id


class Application:
    """Everything one running program holds, resolved once."""

    def __init__(self, overrides: dict[str, Any] | None = None) -> None:
        self.settings: Settings = settings_module.resolve(overrides)
        check_basis(self.settings.year_basis)  # a wrong setting stops the start, not a page
        self.zone: ZoneInfo = time_zone(self.settings.timezone)  # likewise a zone zoneinfo does not know
        self.store = Store(settings_module.db_url(self.settings.db))
        seed_if_empty(self.store)
        self.catalogue_store = CatalogueStore(self.store)
        self.catalogue_store.seed()
        self._catalogue: Catalogue | None = None
        self.users = Users(self.store, idle_seconds=float(self.settings.session_idle_minutes) * 60,
                           max_seconds=float(self.settings.session_max_hours) * 3600)
        self.rate_limits = RateLimits(self.store.engine)
        self.rounds = RoundCases(self)
        runner = CeleryRunner(self.settings.redis_url) if self.settings.redis_url else ThreadRunner(lambda: self)
        self.jobs = JobQueue(self.store.engine, runner)
        self._indexes: OrderedDict[tuple[str, int | None], DataIndex] = OrderedDict()
        self._exports: OrderedDict[tuple, tuple[bytes, str, str]] = OrderedDict()
        self._export_bytes = 0
        self._export_budget = int(self.settings.chart_cache_mb) * 1024 * 1024  # chart images kept per process
        self._making: dict[tuple, threading.Lock] = {}  # exports being made, one gate each
        self._lock = threading.Lock()
        self._indexing = threading.Lock()
        self.page_cache = PageCache(int(self.settings.page_cache_mb) * 1024 * 1024)  # pages by state they show
        exports_dir = self.settings.exports_dir or default_exports_dir(self.store.url, settings_module.data_home())
        self.exports = ExportFiles(Path(exports_dir).expanduser(), self.data_index, self.settings.year_basis,
                                   self.store.current_revision_id)

    def setting(self, name: str) -> Any:
        return self.settings[name]

    @property
    def upload_limit(self) -> int:
        """The largest upload in bytes: one number for the form's words and the server's refusal."""
        return int(self.settings.max_upload_mb) * 1024 * 1024

    @property
    def upload_limit_text(self) -> str:
        return human_size(self.upload_limit)

    def regions(self) -> RegionRegistry:
        return registry(self.store, self.settings)

    def add_indicator(self, fields: dict, user: str | None, role: str | None) -> Indicator:
        """An admin adds an indicator (``catalogue_cases``); refused with every wrong field otherwise."""
        return add_indicator(self, fields, user, role)

    def catalogue(self) -> Catalogue:
        """The store's catalogue now: reloaded when its version moved (an addition in any process)."""
        cached = self._catalogue
        if cached is not None and cached.version == self.catalogue_store.version():
            return cached
        loaded = self.catalogue_store.load()
        with self._lock:
            if self._catalogue is None or loaded.version >= self._catalogue.version:
                self._catalogue = loaded
        return loaded

    # --- reading ----------------------------------------------------------------------------------

    def data_index(self, revision_id: int | None = None) -> DataIndex:
        """A revision's data, indexed, cached by store and revision (revisions never change)."""
        wanted, observations, targets = self.store.data(revision_id)
        key = (self.store.url, wanted)
        with self._lock:
            index = self._indexes.get(key)
            if index is not None:
                self._indexes.move_to_end(key)
                return index
        with self._indexing:  # one build per revision: requests arriving meanwhile wait and take it
            with self._lock:
                index = self._indexes.get(key)
            if index is not None:
                return index
            index = DataIndex(wanted, observations, targets, self.explanations(wanted),
                              load_provenance(self.store.engine, wanted))
            with self._lock:
                self._indexes[key] = index
                while len(self._indexes) > INDEXES_KEPT:
                    self._indexes.popitem(last=False)
        return index

    def cached_export(self, revision_id: int | None, key: tuple, build: Callable[[], tuple[bytes, str, str]]
                      ) -> tuple[bytes, str, str]:
        """A chart image made once per store, revision and (checked) parameters, kept within
        ``INDICATORS_CHART_CACHE_MB`` (data downloads are files: ``export_files``):
        a revision never changes, so the same request before a meeting costs a lookup, not a render.
        Requests for an export being made wait for it instead of rendering it again."""
        full = (self.store.url, revision_id, *key)
        with self._lock:
            found = self._exports.get(full)
            if found is not None:
                self._exports.move_to_end(full)
                return found
            gate = self._making.setdefault(full, threading.Lock())
        try:
            with gate:
                with self._lock:
                    found = self._exports.get(full)  # made by the request this one waited for
                if found is not None:
                    return found
                made = build()
                with self._lock:
                    if full not in self._exports:
                        self._exports[full] = made
                        self._export_bytes += len(made[0])
                    while self._export_bytes > self._export_budget and self._exports:
                        _, (data, _, _) = self._exports.popitem(last=False)
                        self._export_bytes -= len(data)
                return made
        finally:
            with self._lock:
                if self._making.get(full) is gate and not gate.locked():
                    del self._making[full]

    def explanations(self, revision_id: int | None) -> list[Explanation]:
        """The explanations rounds published up to a revision (the index keeps those whose value it holds)."""
        if revision_id is None:
            return []
        found = self.rounds.store.explanations()
        found = found[found["revision_id"] <= revision_id]
        return [Explanation(r["code"], int(r["year"]), r["region"], r["group"], float(r["value"]), r["text"],
                            r["round"], r["rule"]) for r in found.to_dict("records")]

    def revision(self, index: DataIndex) -> Revision | None:
        return self.store.revision(index.revision_id) if index.revision_id is not None else None

    # --- use cases that change data (every one checks who asks) ---------------------------------------

    def start_check(self, data: bytes, filename: str, user: str, mode: str,
                    answers: dict[str, str] | None = None) -> str:
        return self.jobs.submit("upload", "checks", "check_upload",
                                (data, filename, user, mode, dict(answers or {})), owner=user)

    def owned_check(self, job_id: str | None, user: str | None, role: str | None):  # type: ignore[no-untyped-def]
        """The upload job, if ``user`` may see it (its owner, or an admin)."""
        job = self.jobs.get(job_id)
        if job is None or job.kind != "upload" or not role_allows(role, "editor"):
            return None
        if job.owner != user and role != "admin":
            return None
        return job

    def check_result(self, job_id: str) -> UploadCheck:
        """A finished check's result; ``UnreadableJob`` (the job now failed) if its record is not ours."""
        return self.jobs.result(job_id)

    def _owned_result(self, job_id: str) -> UploadCheck:
        try:
            return self.check_result(job_id)
        except UnreadableJob:
            raise UseCaseError("no_job") from None

    def marked_workbook(self, job_id: str, lang: str) -> bytes:
        """The checked file with its problem cells marked and every problem listed, not only the
        first of each kind the page shows: the file is read again without the per-rule bound."""
        check = self._owned_result(job_id)
        context = reader_context(self.store, self.settings, answers=check.answers)
        context.max_per_rule = None
        if isinstance(check, RoundCheck):  # a district's table: read as its round read it, with its rules
            context.fallback_region = check.region
        with using(self.catalogue()):
            parsed = read_workbook(check.data, self.settings, context=context)
            if isinstance(check, RoundCheck) and (round_ := self.rounds.get(check.round_id)) is not None:
                names = {r.id: r.name for r in self.rounds.rounds()}
                parsed.problems.extend(round_problems(parsed, round_, check.region, names))
        problems = errors(parsed.problems) + [p for p in parsed.problems if p.severity != "error"]
        return marked_workbook(check.data, problems, lang, self.settings)

    def answer(self, job_id: str | None, answers: dict[str, str], user: str | None, role: str | None) -> str:
        """Check the same file again with the answers to its questions; each answer must be a region
        of the registry (or "" for the city) and answer a question the check asked."""
        job = self.owned_check(job_id, user, role)
        if job is None or job.status != "done":
            raise UseCaseError("no_job")
        check = self._owned_result(job.id)
        asked = {str(q.params.get("id")) for q in check.parsed.questions}
        known = set(self.regions().directory().names) | {""}
        if not answers or any(key not in asked or value not in known for key, value in answers.items()):
            raise UseCaseError("bad_answer")
        return self.start_check(check.data, check.filename, check.user, check.mode, {**check.answers, **answers})

    def publish(self, job_id: str | None, user: str | None, role: str | None,
                confirm_report_changes: bool = False) -> ImportResult:
        """Publish a checked upload, once. The role and the job's owner are checked here, on the server.

        The check is marked with its revision in the transaction that makes it (``mark_published``),
        so of several sessions publishing it together one wins and every other attempt, then or
        later, is refused with ``already_published`` naming that revision: never an empty revision."""
        if not role_allows(role, "editor"):
            raise UseCaseError("not_allowed")
        job = self.owned_check(job_id, user, role)
        if job is None or job.status != "done":
            raise UseCaseError("no_job")
        check = self._owned_result(job.id)
        if isinstance(check, RoundCheck):
            raise UseCaseError("round_table")  # a round's table is submitted and reviewed, never published alone
        if self.users.regions_of(user):
            raise UseCaseError("district_use_rounds")  # a district's figures reach the data through a round
        if not check.ok:
            raise UseCaseError("has_errors")
        if check.parsed.new_indicators and not role_allows(role, "admin"):
            raise UseCaseError("catalogue_admin_only")  # a 指标目录 sheet adding indicators
        if (already := self.jobs.published_revision(job.id)) is not None:
            raise UseCaseError("already_published", id=already)

        def claim(conn) -> None:  # type: ignore[no-untyped-def]
            # Under the pointer's lock: a session that published this check a moment ago has committed.
            if (already := self.jobs.published_revision(job.id, conn)) is not None:
                raise _AlreadyPublished(already)

        def mark(conn, revision_id: int) -> None:  # type: ignore[no-untyped-def]
            if not self.jobs.mark_published(conn, job.id, revision_id):
                raise _AlreadyPublished(self.jobs.published_revision(job.id, conn))

        try:
            result = publish_parsed(self.store, check.parsed, check.data, check.filename, user or check.user,
                                    check.mode, confirm_report_changes=confirm_report_changes, also=mark,
                                    claim=claim)
        except _AlreadyPublished as lost:
            raise UseCaseError("already_published", id=lost.revision_id) from None
        if not result.ok and (already := self.jobs.published_revision(job.id)) is not None:
            raise UseCaseError("already_published", id=already)  # published while this one compared files
        if result.ok:
            check.published = result
            self.jobs.store_result(job.id, check)
            self.prepare_exports(result.revision.id if result.revision is not None else None)
        return result

    def rollback(self, revision_id: int, user: str | None, role: str | None) -> Revision:
        if not role_allows(role, "admin"):
            raise UseCaseError("not_allowed")
        revision = self.store.rollback(revision_id, user or "")
        self.prepare_exports(revision.id)
        return revision

    def prepare_exports(self, revision_id: int | None) -> str | None:
        """Build a newly current revision's full downloads in the background (a job: a thread here, or
        a Celery worker), once for every process; None when the job could not be queued, in which
        case the first request builds them under the same lock."""
        if revision_id is None:
            return None
        try:
            return self.jobs.submit("exports", "briefings", "build_exports", (revision_id,), owner="exports")
        except Exception:  # noqa: BLE001 - a broker outage must not fail the publish that already happened
            return None

    def compare(self, first: int, second: int):  # type: ignore[no-untyped-def]
        """What going from revision ``first`` to ``second`` changes, as an upload preview says it."""
        _, old_obs, old_tgt = self.store.data(first)
        _, new_obs, new_tgt = self.store.data(second)
        return preview_changes(old_obs, old_tgt, new_obs.assign(sheet="", col="", row=0),
                               new_tgt.assign(sheet="", col="", row=0), mode="replace")

    def start_briefing(self, fmt: str, lang: str, category: str | None, owner: str, year: int | None = None,
                       region: str = "") -> str:
        """A briefing job for a year and a region (the city if ``""``), unless this person (or
        address) already has enough of them waiting."""
        if self.jobs.active(owner, "briefings") >= BRIEFINGS_PER_OWNER:
            raise UseCaseError("busy")
        return self.jobs.submit(f"briefing-{fmt}", "briefings", "briefing", (fmt, lang, category, year, region),
                                owner=owner)


@task("check_upload")
def _check_upload_task(app: Application, payload: tuple, progress, cancelled) -> UploadCheck:  # type: ignore[no-untyped-def]
    data, filename, user, mode, answers = payload
    with using(app.catalogue()):
        return check_upload(app.store, app.settings, data, filename, user, mode, progress, answers, cancelled)


@task("check_round_table")
def _check_round_table_task(app: Application, payload: tuple, progress, cancelled) -> RoundCheck:  # type: ignore[no-untyped-def]
    round_id, region, data, filename, user = payload
    round_ = app.rounds.get(round_id)
    names = {r.id: r.name for r in app.rounds.rounds()}
    with using(app.catalogue()):
        return check_round_table(app.store, app.settings, app.catalogue(), round_, region, names, data, filename,
                                 user, progress, cancelled)


@task("briefing")
def _briefing_task(app: Application, payload: tuple, progress, cancelled) -> tuple[bytes, str, str]:  # type: ignore[no-untyped-def]
    fmt, lang, category, year, region = (*payload, None, "")[:5]  # a job queued before briefings had a year
    index = app.data_index()
    build = {"pdf": build_pdf, "pptx": build_pptx, "docx": build_docx}[fmt]
    city = city_label(app.settings.city, lang, app.settings.city_en)
    with using(app.catalogue()):
        return build(index, app.revision(index), lang, category, city, progress,
                     year_basis=app.settings.year_basis, year=year, region=region, zone=app.zone)


@task("build_exports")
def _build_exports_task(app: Application, payload: tuple, progress, cancelled) -> None:  # type: ignore[no-untyped-def]
    app.exports.build_full(int(payload[0]))
