"""Rate limits for readers who are not signed in: per address, counted across every server process.

A signed-in person is not limited here (each is known, and sign-in itself is throttled); an
anonymous address is, for the work that costs the server most: chart images and briefings.
Behind nginx (``INDICATORS_BEHIND_PROXY=1``) the address is the client's own.
"""

from __future__ import annotations

from flask import request

from indicators.rate_limits import Decision
from layouts.auth import current_name
from layouts.state import application

WINDOWS = {"render": 60.0, "briefing": 3600.0}
SETTINGS = {"render": "anonymous_renders_per_minute", "briefing": "anonymous_briefings_per_hour"}


def anonymous_allowed(kind: str) -> Decision:
    """Count one ``kind`` request ("render" or "briefing") of an anonymous address; signed-in: always allowed."""
    if current_name() is not None:
        return Decision(True, 0)
    limit = int(application().setting(SETTINGS[kind]))
    return application().rate_limits.allow(f"{kind}:{request.remote_addr or ''}", limit, WINDOWS[kind])


def anonymous_limit(kind: str) -> int:
    return int(application().setting(SETTINGS[kind]))
