"""Background jobs (upload checks, briefings) whose state every process and machine sees.

A job is a row of the store's database: its kind and queue, who started it, how far it has got,
its input and its result (JSON, ``indicators.job_records``: never a pickle, since whoever can write
the table could make an unpickling run anything), and two clocks, the worker's heartbeat and the
page's last poll. So a status poll that reaches another server process, or
another machine, answers as well as the one that started it.

Who runs the work is the *runner*'s business:

- ``ThreadRunner`` (the default, nothing else to install): a small pool of threads per queue in
  the process that received the request, ``checks`` apart from ``briefings`` so a check never
  waits behind a 37-chart briefing.
- ``CeleryRunner`` (``INDICATORS_REDIS_URL`` set): Celery workers with Redis as the broker, the
  same two queues; the broker carries only the job's id, the database everything else.

A worker that dies mid-job stops beating: the next read of the job marks it failed with a
message (its work was never published, since publishing is a separate step). A check whose page
stopped polling is cancelled, and its parsing child killed.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Float, Integer, String, Table, Text, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from indicators.database import metadata, writing
from indicators.job_records import RecordError, from_json, to_json

Progress = Callable[[int, int], None]
Result = tuple[bytes, str, str]  # a briefing: data, MIME type, file name
Cancelled = Callable[[], bool]
QUEUES = ("checks", "briefings")
HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = 30.0  # no heartbeat for this long: the worker is gone
ABANDONED_SECONDS = 90.0  # an upload check nobody polled for this long is cancelled
KEEP_SECONDS = 24 * 3600  # finished jobs are kept a day (an editor may publish a check the next morning)

jobs_table = Table(
    "jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("queue", String(20), nullable=False),
    Column("owner", String(120), nullable=False),
    Column("status", String(10), nullable=False),  # queued | running | done | failed | cancelled
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("input", Text, nullable=True),  # JSON: [task name, payload]
    Column("result", Text, nullable=True),  # JSON
    Column("created", Float, nullable=False),
    Column("heartbeat", Float, nullable=False),
    Column("polled", Float, nullable=False),
    Column("worker", String(120), nullable=False),
    Column("published_revision", Integer, nullable=True),  # the revision an upload check became, once
)

_TASKS: dict[str, Callable[..., Any]] = {}


def task(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a job function: ``fn(app, payload, progress, cancelled) -> result``."""
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        _TASKS[name] = fn
        return fn
    return register


class JobCancelled(Exception):
    """Raised inside a job when nobody is waiting for it any more."""


class JobsUnavailable(Exception):
    """The runner cannot take a job now (Redis is down): nothing was queued, and no row is left behind."""


class UnreadableJob(LookupError):
    """A job's record is not what this program writes; the job is now marked failed (``unreadable``)."""


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    queue: str
    owner: str
    status: str
    done: int
    total: int
    error: str
    created: float

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _gone(worker: str) -> bool:
    """Whether a job's worker process, on this machine, no longer exists (killed mid-job, say)."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's worker: its heartbeat tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    status = f"/proc/{pid}/status"
    try:
        with open(status, encoding="ascii") as handle:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in handle)
    except OSError:
        return False


class JobQueue:
    """Jobs in the database, run by a runner; any process can ask how one is doing."""

    def __init__(self, engine: Engine, runner: ThreadRunner | CeleryRunner) -> None:
        self.engine = engine
        self.runner = runner

    # --- asking -----------------------------------------------------------------------------------

    def submit(self, kind: str, queue: str, task_name: str, payload: Any, owner: str) -> str:
        if queue not in QUEUES or task_name not in _TASKS:
            raise ValueError(f"unknown queue or task: {queue}, {task_name}")
        job_id = secrets.token_urlsafe(18)
        now = time.time()
        with writing(self.engine) as conn:
            conn.execute(insert(jobs_table).values(
                id=job_id, kind=kind, queue=queue, owner=owner, status="queued", done=0, total=0, error="",
                input=to_json([task_name, payload]), result=None,
                created=now, heartbeat=now, polled=now, worker=""))
        try:
            self.runner.run(job_id, queue)
        except JobsUnavailable:  # no worker will ever hear of it: leave no job "queued" for ten minutes
            with writing(self.engine) as conn:
                conn.execute(jobs_table.delete().where(jobs_table.c.id == job_id))
            raise
        self._forget_old(now)
        return job_id

    def get(self, job_id: str | None) -> Job | None:
        """The job, or None. A job whose worker stopped beating is marked failed here, with a message."""
        if not job_id or len(job_id) > 32:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(*[c for c in jobs_table.c if c.name not in ("input", "result")])
                               .where(jobs_table.c.id == job_id)).mappings().first()
        if row is None:
            return None
        job = Job(**{k: row[k] for k in Job.__dataclass_fields__})
        limit = STALE_SECONDS if row["status"] == "running" else STALE_SECONDS * 20
        if not job.finished and (time.time() - row["heartbeat"] > limit or _gone(row["worker"])):
            self._finish(job_id, "failed", error="worker_lost")
            return self.get(job_id)
        return job

    def result(self, job_id: str) -> Any:
        """A finished job's result, read back from its JSON. A record this program did not write is never
        run: the job is marked failed (``unreadable``) and ``UnreadableJob`` raised."""
        with self.engine.connect() as conn:
            record = conn.execute(select(jobs_table.c.result).where(jobs_table.c.id == job_id)).scalar()
        try:
            return from_json(record)
        except RecordError:
            self._finish(job_id, "failed", error="unreadable", forget_result=True)
            raise UnreadableJob(job_id) from None

    def store_result(self, job_id: str, result: Any) -> None:
        """Replace a finished job's result (an upload check marked published, say)."""
        with writing(self.engine) as conn:
            conn.execute(update(jobs_table).where(jobs_table.c.id == job_id).values(
                result=to_json(result)))

    def published_revision(self, job_id: str, conn: Connection | None = None) -> int | None:
        """The revision this upload check was published as, or None; read on ``conn`` when given."""
        query = select(jobs_table.c.published_revision).where(jobs_table.c.id == job_id)
        if conn is not None:
            return conn.execute(query).scalar()
        with self.engine.connect() as own:
            return own.execute(query).scalar()

    def mark_published(self, conn: Connection, job_id: str, revision_id: int) -> bool:
        """Record, inside the publishing transaction, that this check became ``revision_id``; False if
        it already became another. The conditional UPDATE is what lets only one publisher win: a second
        one waits on the row and then matches nothing."""
        return conn.execute(update(jobs_table).where(jobs_table.c.id == job_id,
                                                     jobs_table.c.published_revision.is_(None))
                            .values(published_revision=revision_id)).rowcount == 1

    def polled(self, job_id: str) -> None:
        """The page is still waiting for this job."""
        with writing(self.engine) as conn:
            conn.execute(update(jobs_table).where(jobs_table.c.id == job_id).values(polled=time.time()))

    def active(self, owner: str, queue: str) -> int:
        """How many of ``owner``'s jobs on ``queue`` are queued or running."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(jobs_table).where(
                jobs_table.c.owner == owner, jobs_table.c.queue == queue,
                jobs_table.c.status.in_(("queued", "running")))).scalar() or 0

    # --- working (called by the runner, in whichever process runs the job) ----------------------------

    def execute(self, job_id: str, app: Any) -> None:
        """Run one job: mark it running, beat while it works, keep its result or its error."""
        with writing(self.engine) as conn:
            claimed = conn.execute(update(jobs_table).where(jobs_table.c.id == job_id, jobs_table.c.status == "queued")
                                   .values(status="running", worker=_worker_name(), heartbeat=time.time())).rowcount
            row = conn.execute(select(jobs_table.c.input, jobs_table.c.kind)
                               .where(jobs_table.c.id == job_id)).first()
        if not claimed or row is None:
            return  # another worker has it, or it is gone
        try:
            task_name, payload = from_json(row.input)
            if task_name not in _TASKS:
                raise RecordError("no such task")
        except (RecordError, TypeError, ValueError):
            self._finish(job_id, "failed", error="unreadable")
            return
        stop = threading.Event()
        state = {"done": 0, "total": 0, "cancelled": False}
        watch_polls = row.kind == "upload"

        def beat() -> None:
            while not stop.wait(HEARTBEAT_SECONDS):
                with writing(self.engine) as conn:
                    conn.execute(update(jobs_table).where(jobs_table.c.id == job_id).values(
                        heartbeat=time.time(), done=state["done"], total=state["total"]))
                    polled = conn.execute(select(jobs_table.c.polled).where(jobs_table.c.id == job_id)).scalar()
                if watch_polls and polled is not None and time.time() - polled > ABANDONED_SECONDS:
                    state["cancelled"] = True

        def progress(done: int, total: int) -> None:
            state["done"], state["total"] = done, total
            if state["cancelled"]:
                raise JobCancelled()

        heart = threading.Thread(target=beat, name=f"job-{job_id[:6]}-beat", daemon=True)
        heart.start()
        try:
            result = _TASKS[task_name](app, payload, progress, lambda: state["cancelled"])
            self._finish(job_id, "done", result=result, done=state["total"] or 1, total=state["total"] or 1)
        except JobCancelled:
            self._finish(job_id, "cancelled", error="abandoned")
        except Exception as exc:  # noqa: BLE001 - a failed job reports its error to the page
            self._finish(job_id, "failed", error=f"{type(exc).__name__}: {exc}"[:2000])
        finally:
            stop.set()

    def _finish(self, job_id: str, status: str, result: Any = None, error: str = "", done: int | None = None,
                total: int | None = None, forget_result: bool = False) -> None:
        values: dict[str, Any] = {"status": status, "error": error, "heartbeat": time.time(), "input": None}
        if result is not None or forget_result:
            values["result"] = None if result is None else to_json(result)
        if done is not None:
            values |= {"done": done, "total": total}
        with writing(self.engine) as conn:
            conn.execute(update(jobs_table).where(jobs_table.c.id == job_id).values(**values))

    def _forget_old(self, now: float) -> None:
        with writing(self.engine) as conn:
            conn.execute(jobs_table.delete().where(jobs_table.c.created < now - KEEP_SECONDS))


class ThreadRunner:
    """Runs jobs on threads of this process: one pool per queue, so checks never wait for briefings."""

    def __init__(self, app_ref: Callable[[], Any], workers: dict[str, int] | None = None) -> None:
        sizes = {"checks": 2, "briefings": 1} | (workers or {})
        self._pools = {q: ThreadPoolExecutor(max_workers=sizes[q], thread_name_prefix=f"job-{q}") for q in QUEUES}
        self._app_ref = app_ref

    def run(self, job_id: str, queue: str) -> None:
        app = self._app_ref()
        self._pools[queue].submit(app.jobs.execute, job_id, app)


class CeleryRunner:
    """Hands jobs to Celery workers through Redis; the workers build their own application."""

    def __init__(self, redis_url: str) -> None:
        from indicators.celery_worker import make_celery

        self.celery = make_celery(redis_url)

    def run(self, job_id: str, queue: str) -> None:
        from celery.exceptions import OperationalError  # what Celery raises when it cannot reach the broker

        try:
            self.celery.send_task("indicators.execute_job", args=[job_id], queue=queue)
        except (OperationalError, OSError) as exc:
            raise JobsUnavailable(f"{type(exc).__name__}: {exc}") from exc
