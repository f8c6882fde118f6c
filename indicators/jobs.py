"""Background jobs with progress, for work too long for a request (briefings).

A job runs in a worker thread and reports ``done`` of ``total`` steps; the page polls it. Job ids
are random and unguessable, since a finished job's file is fetched by its id.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

Result = tuple[bytes, str, str]  # data, MIME type, file name
Progress = Callable[[int, int], None]


@dataclass
class Job:
    id: str
    kind: str
    total: int = 0
    done: int = 0
    status: str = "running"  # running | done | failed
    error: str = ""
    result: Any = None  # a briefing's (data, MIME type, file name), an upload's check, …
    owner: str | None = None
    started: float = field(default_factory=time.time)


class JobRegistry:
    """Runs jobs one or two at a time and keeps the latest ``keep`` of them."""

    def __init__(self, workers: int = 1, keep: int = 20) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def start(self, kind: str, work: Callable[[Progress], Any], owner: str | None = None) -> Job:
        job = Job(secrets.token_urlsafe(12), kind, owner=owner)
        with self._lock:
            self._jobs[job.id] = job
            for old in sorted(self._jobs.values(), key=lambda j: j.started)[:-self._keep]:
                del self._jobs[old.id]

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        def run() -> None:
            try:
                job.result = work(progress)
                job.status = "done"
            except Exception as exc:  # noqa: BLE001 - a failed job reports its error to the page
                job.error, job.status = str(exc), "failed"

        self._executor.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)


JOBS = JobRegistry()
