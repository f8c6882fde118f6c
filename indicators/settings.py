"""Settings, declared once: each with its default and one line of help, read from ``INDICATORS_*``.

The README lists every setting; a test fails if one is missing there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "INDICATORS_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return PREFIX + self.name.upper()


def data_home() -> Path:
    """The user's data folder (``XDG_DATA_HOME``, else ~/.local/share): the default store's, and the
    exports' of a store on a database server."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _default_db() -> str:
    return f"sqlite:///{data_home() / 'union-indicators' / 'indicators.db'}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "Store: a SQLite file path or a PostgreSQL URL (postgresql://user@host/database). "
            "Default: ~/.local/share/union-indicators/indicators.db"),
    Setting("host", "127.0.0.1", "Address the web server listens on."),
    Setting("port", 8050, "Port the web server listens on."),
    Setting("lang", "zh", "Default language of pages and messages: zh or en."),
    Setting("city", "xx市", "The city's name, shown in titles and briefings."),
    Setting("city_en", "", "The city's name on English pages and exports (default: from city, 'xx市' -> 'xx City')."),
    Setting("year_basis", "union", "What the data's years are: union (statistics years, 1 Oct – 30 Sep, as union "
            "annual reports count) or calendar."),
    Setting("timezone", "Asia/Shanghai", "Time zone every time is shown in and deadlines end in (an IANA name: "
            "Asia/Shanghai, UTC, …); the store keeps UTC."),
    Setting("require_login", False, "Require sign-in to view the pages and downloads (editing always does)."),
    Setting("secure_cookies", False, "Mark sign-in cookies Secure (set this when the site is served over HTTPS)."),
    Setting("max_upload_mb", 20, "Largest workbook accepted, in MB (compressed file size)."),
    Setting("max_unpacked_mb", 300, "Largest total size of a workbook once unzipped, in MB."),
    Setting("max_rows", 300_000, "Most rows a sheet may reach."),
    Setting("max_cols", 256, "Most columns a sheet may reach (256 = column IV)."),
    Setting("parse_seconds", 120, "Longest time reading one workbook may take before it is stopped."),
    Setting("parse_memory_mb", 2048, "Most memory reading one workbook may take before it is stopped."),
    Setting("year_min", 1949, "Earliest year accepted in a workbook."),
    Setting("year_max", 2100, "Latest year accepted in a workbook."),
    Setting("workers", 1, "Server processes `python app.py` starts (--workers); each serves any request."),
    Setting("redis_url", "", "Redis URL (redis://host:6379/0): run checks and briefings on Celery workers "
            "through it. Empty: threads of the server processes, with the jobs' state in the database."),
    Setting("exports_dir", "", "Folder of the data downloads, built once per revision and shared by every server "
            "process and Celery worker. Empty: beside a SQLite file (indicators-exports/), or in the data folder."),
    Setting("page_cache_mb", 64, "Memory each server process keeps for rendered pages, in MB."),
    Setting("render_socket", "", "Unix socket of the host's chart renderer (python -m indicators render-service): "
            "every process renders through its one Chromium. Empty: each process its own; python app.py "
            "starts one for its workers."),
    Setting("chart_cache_mb", 64, "Memory each server process keeps for rendered chart images, in MB."),
    Setting("session_idle_minutes", 120, "A signed-in session unused this long ends (checked on the server)."),
    Setting("session_max_hours", 12, "A signed-in session ends this long after sign-in, however busy."),
    Setting("anonymous_renders_per_minute", 30, "Chart images (/export/…) one address may ask for a minute "
            "without signing in; past it, 429. -1: no limit."),
    Setting("anonymous_briefings_per_hour", 10, "Briefings one address may ask for an hour without signing in. "
            "-1: no limit."),
    Setting("behind_proxy", False, "Trust the X-Forwarded-For/-Proto headers of one reverse proxy (nginx) "
            "for the client's address and scheme."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    return raw


def get(name: str, overrides: dict[str, Any] | None = None) -> Any:
    """A setting's value: an explicit override, else the environment, else its default."""
    setting = BY_NAME[name]
    if overrides and overrides.get(name) is not None:
        return overrides[name]
    raw = os.environ.get(setting.env)
    if raw is not None and raw != "":
        try:
            return _coerce(raw, setting.default)
        except ValueError as exc:
            raise ValueError(f"{setting.env}={raw!r}: {exc}") from None
    if name == "db":
        return _default_db()
    return setting.default


class Settings(dict):
    """Every setting's value, resolved once (an override, else the environment, else the default).

    The application object holds one; everything else asks it, never the environment. It is a
    dict, so functions that take ``overrides`` take it too; ``settings.x`` reads ``settings["x"]``.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def resolve(overrides: dict[str, Any] | None = None) -> Settings:
    """All settings, resolved now: the one place the environment is read."""
    if isinstance(overrides, Settings):
        return overrides
    return Settings({s.name: get(s.name, overrides) for s in SETTINGS})


def db_url(value: str | None = None) -> str:
    """The store's SQLAlchemy URL; a bare path means a SQLite file."""
    value = value or get("db")
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
