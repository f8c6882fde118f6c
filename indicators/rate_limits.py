"""How often one address may ask for costly work (chart images, briefings), counted in the database.

Every server process counts in the same row, so four workers do not make the limit four times
larger. Each key (``render:10.0.0.7``) holds a window that starts at its first request and the
requests counted in it; one atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING, on
SQLite and PostgreSQL alike) counts a request and answers whether it is over, so a burst of
parallel requests cannot slip through between a read and a write.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Column, Float, Integer, String, Table, case
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from indicators.database import is_sqlite, metadata, writing

rate_limits = Table(
    "rate_limits", metadata,
    Column("key", String(200), primary_key=True),
    Column("started", Float, nullable=False),  # when this key's current window began
    Column("count", Integer, nullable=False),  # requests counted in it
)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends (0 when allowed)


class RateLimits:
    """``allow(key, limit, window)``: count one request for ``key``; False past ``limit`` in ``window`` seconds."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def allow(self, key: str, limit: int, window: float, now: float | None = None) -> Decision:
        """Count this request and say whether it is within the limit (``limit`` < 0: no limit)."""
        if limit < 0:
            return Decision(True, 0)
        now = time.time() if now is None else now
        key = key[:200]
        with writing(self.engine) as conn:
            dialect_insert = sqlite_insert if is_sqlite(conn) else postgresql_insert
            statement = dialect_insert(rate_limits).values(key=key, started=now, count=1)
            expired = rate_limits.c.started <= now - window
            statement = statement.on_conflict_do_update(
                index_elements=[rate_limits.c.key],
                set_={"count": case((expired, 1), else_=rate_limits.c.count + 1),
                      "started": case((expired, now), else_=rate_limits.c.started)},
            ).returning(rate_limits.c.count, rate_limits.c.started)
            count, started = conn.execute(statement).one()
            if count == 1:  # a new window: drop other keys' windows that ended long ago
                conn.execute(rate_limits.delete().where(rate_limits.c.started < now - max(window, 3600) * 2))
        if count <= limit:
            return Decision(True, 0)
        return Decision(False, max(1, int(started + window - now + 0.999)))
