"""Celery workers for the jobs, when ``INDICATORS_REDIS_URL`` names a Redis server.

    celery -A indicators.celery_worker worker -Q checks,briefings --pool threads --concurrency 2

Threads, not Celery's default prefork pool: each check already parses in a bounded child process
of its own, which a prefork pool's (daemonic) workers may not start.

Redis is the broker: it carries a job's id to a worker on the job's queue (``checks`` or
``briefings``, so a check never waits behind a briefing); the job's input, progress and result
live in the store's database, where every server process reads them. Each worker process builds
its own application object from the same settings. A message is acknowledged only when its job
is done, and a worker that dies mid-job leaves the job to be marked failed by its missing
heartbeat (never half-published: publishing is a separate step).
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.signals import worker_process_init

from indicators import settings as settings_module

_application: Any = None


def _worker_application() -> Any:
    global _application  # noqa: PLW0603 - one application per worker process, built on first use
    if _application is None:
        from indicators.application import Application

        _application = Application()
    return _application


@worker_process_init.connect
def _fresh_application(**_kwargs: Any) -> None:
    global _application  # noqa: PLW0603 - a forked worker must not share its parent's connections
    _application = None


def make_celery(redis_url: str) -> Celery:
    app = Celery("indicators", broker=redis_url, backend=redis_url)
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=False, worker_prefetch_multiplier=1,
        task_default_queue="checks", broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
        task_ignore_result=True,
    )

    @app.task(name="indicators.execute_job")
    def execute_job(job_id: str) -> None:
        application = _worker_application()
        application.jobs.execute(job_id, application)

    return app


# For `celery -A indicators.celery_worker worker`: the settings name the Redis server.
celery = make_celery(settings_module.resolve().redis_url or "redis://127.0.0.1:6379/0")
