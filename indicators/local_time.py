"""Local time: every time shown and every date written, in the federation's time zone.

The store keeps its times in UTC, with their zone; only what a person reads (and the day a
deadline ends) is in local time (``INDICATORS_TIMEZONE``, Asia/Shanghai by default), so a value
published at 01:00 Beijing time is dated that day, not the day before as UTC would have it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def time_zone(name: str | None = None) -> ZoneInfo:
    """The zone of an IANA name (``Asia/Shanghai``); an unknown name is refused with the name in the message."""
    name = str(name or DEFAULT_ZONE).strip()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (an IANA name such as Asia/Shanghai or UTC)") from None


def _zone(zone: ZoneInfo | str | None) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else time_zone(zone)


def to_local(moment: dt.datetime, zone: ZoneInfo | str | None = None) -> dt.datetime:
    """A stored moment in local time; a naive moment is taken as UTC, as the store keeps them."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(_zone(zone))


def local_date(moment: dt.datetime, zone: ZoneInfo | str | None = None) -> dt.date:
    """The local day a moment falls on."""
    return to_local(moment, zone).date()


def format_date(day: dt.date | dt.datetime, lang: str, zone: ZoneInfo | str | None = None) -> str:
    """A date as text: 2026年12月3日 in Chinese, 3 Dec 2026 in English; a moment is first made local."""
    if isinstance(day, dt.datetime):
        day = local_date(day, zone)
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def format_time(moment: dt.datetime, lang: str, zone: ZoneInfo | str | None = None) -> str:
    """A moment as local date and time: 2026年12月3日 09:05 in Chinese, 3 Dec 2026 09:05 in English."""
    local = to_local(moment, zone)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def now_utc() -> dt.datetime:
    """The present moment, in UTC with its zone, as the store records it."""
    return dt.datetime.now(dt.UTC)


def local_today(zone: ZoneInfo | str | None = None, now: dt.datetime | None = None) -> dt.date:
    """The local day today (or on ``now``): before 08:00 Beijing time UTC still says yesterday."""
    return local_date(now or now_utc(), zone)


def end_of_day(day: dt.date, zone: ZoneInfo | str | None = None) -> dt.datetime:
    """The moment (UTC) a local day ends: a deadline 2026-12-03 in Beijing ends at 2026-12-03 16:00 UTC."""
    following = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=_zone(zone))
    return following.astimezone(dt.UTC)


def is_late(moment: dt.datetime, deadline: dt.date, zone: ZoneInfo | str | None = None) -> bool:
    """Whether a moment is after the end of a deadline's local day."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment >= end_of_day(deadline, zone)
