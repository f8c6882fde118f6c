"""Celery workers for the jobs, when ``INDICATORS_REDIS_URL`` names a Redis server.

    celery -A indicators.celery_worker worker -Q checks,briefings --pool threads --concurrency 2

Threads, not Celery's default prefork pool: each check already parses in a bounded child process
of its own, which a prefork pool's (daemonic) workers may not start.

Redis is the broker: it carries a job's id to a worker on the job's queue (``checks`` or
``briefings``, so a check never waits behind a briefing); the job's input, progress and result
live in the store's database, where every server process reads them. Each worker process builds
its own application object from the same settings. A worker that dies mid-job leaves the job
to be marked failed by its missing heartbeat (never half-published: publishing is a separate
step). Messages are acknowledged on receipt, and the workers reconnect to Redis for as long as
it is away (see ``make_celery``).
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
    """The Celery app on ``redis_url``, set up to live through Redis going away and coming back."""
    # No result backend: results live in the database. Redis as a backend made every send subscribe
    # to a result channel, and once Redis had been away that channel refused for good ("the Celery
    # application must be restarted"), so a web process could not queue anything again.
    app = Celery("indicators", broker=redis_url, backend=None)
    app.conf.update(
        # Acknowledged on receipt, not when done: the job's state is in the database (claimed once,
        # failed by its missing heartbeat if the worker dies), so the message is only a wake-up.
        # A late ack left a delivery unacknowledged across a Redis restart, and closing the lost
        # connection tried to put it back through a transport already torn down: the worker
        # stopped with exit code 1 ("Unrecoverable error") and later checks sat queued.
        task_acks_late=False, worker_prefetch_multiplier=1,
        # Wait for Redis as long as it takes, at start and after losing it, instead of giving up
        # after 100 tries; systemd's Restart=always (docs/deploy.md) covers anything else.
        broker_connection_retry_on_startup=True, broker_connection_retry=True, broker_connection_max_retries=None,
        # Celery 6's default, said now: only late-acknowledged tasks would be cancelled, and none
        # is, so a check running when Redis goes keeps running and writes its result to the database.
        worker_cancel_long_running_tasks_on_connection_loss=True,
        # A web process sending a job while Redis is down is told so within seconds (503), rather
        # than waiting on connection retries.
        broker_connection_timeout=3, broker_transport_options={"socket_connect_timeout": 3},
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        task_default_queue="checks", worker_hijack_root_logger=False, task_ignore_result=True,
    )

    @app.task(name="indicators.execute_job")
    def execute_job(job_id: str) -> None:
        application = _worker_application()
        application.jobs.execute(job_id, application)

    return app


# For `celery -A indicators.celery_worker worker`: the settings name the Redis server.
celery = make_celery(settings_module.resolve().redis_url or "redis://127.0.0.1:6379/0")
