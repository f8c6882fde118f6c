"""What a page needs from the request: its language, year and region (from the URL), and the data."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from dash.exceptions import PreventUpdate
from flask import current_app

from indicators import settings
from indicators.indicator_view import DataIndex, data_index
from indicators.store import Revision, Store


@dataclass(frozen=True)
class PageState:
    lang: str
    year: int | None
    region: str

    def query(self, **changes: object) -> str:
        """The query string of this state with ``changes``: every view is a shareable URL."""
        values = {"lang": self.lang, "year": self.year, "region": self.region, **changes}
        kept = {k: v for k, v in values.items() if v not in (None, "") and not (k == "lang" and v == "zh")}
        return "?" + urlencode(kept) if kept else ""


def page_state(query: dict[str, str], years: list[int]) -> PageState:
    """The state a URL names; anything unknown falls back to a sensible default."""
    default_lang = current_app.config.get("SETTINGS", {}).get("lang") or settings.get("lang")
    lang = query.get("lang") if query.get("lang") in ("zh", "en") else default_lang
    try:
        year = int(query.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = years[-1] if years else None
    return PageState(lang, year, str(query.get("region", "")).strip())


def store() -> Store:
    return current_app.config["STORE"]


def current_data() -> DataIndex:
    """The current revision's data, indexed; a publish elsewhere shows on the next request."""
    revision_id, observations, targets = store().data()
    return data_index(revision_id, observations, targets)


def current_revision(index: DataIndex) -> Revision | None:
    return store().revision(index.revision_id) if index.revision_id is not None else None


def city_name() -> str:
    return current_app.config.get("SETTINGS", {}).get("city") or settings.get("city")


def changed_search(search: str | None, **changes: object) -> str:
    """A query string with some parameters changed (empty or ``None`` removes one)."""
    values = dict(parse_qsl((search or "").lstrip("?")))
    for key, value in changes.items():
        if value in (None, ""):
            values.pop(key, None)
        else:
            values[key] = str(value)
    return "?" + urlencode(values) if values else ""


def selection_search(triggered_id: object, search: str | None, **changes: object) -> str:
    """The URL query after a selector changed; the selectors' first render is not a choice."""
    if triggered_id is None:
        raise PreventUpdate
    new = changed_search(search, **changes)
    if dict(parse_qsl(new.lstrip("?"))) == dict(parse_qsl((search or "").lstrip("?"))):
        # A re-rendered selector reporting the value the URL already holds: navigating again
        # would only queue a second render that could land after the back button's.
        raise PreventUpdate
    return new
