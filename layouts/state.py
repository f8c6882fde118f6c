"""What a page needs from the request: its language, year and region (from the URL), and the data."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

import dash
from dash.exceptions import MissingCallbackContextException, PreventUpdate
from flask import current_app, has_request_context, request
from plotly.io.json import to_json_plotly

from indicators.application import Application
from indicators.catalogue import BY_CODE
from indicators.default_year import default_year
from indicators.indicator_view import DataIndex
from indicators.labels import t
from indicators.stat_year import check_basis
from indicators.store import Revision, Store
from indicators.translation import city_label


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


def application() -> Application:
    """The application object this Flask app was built around (settings, store, caches, jobs)."""
    return current_app.config["APPLICATION"]


def default_lang() -> str:
    return application().settings.lang


def page_state(query: dict[str, str], years: list[int], data: DataIndex | None = None,
               codes: list[str] | None = None) -> PageState:
    """The state a URL names; anything unknown falls back to a sensible default.

    A page that names no year (or one without data) opens on the latest year with reported figures
    for what it shows (``codes``, all if ``None``, in the region asked for; ``data``: the current
    revision's by default), by the one rule of ``indicators.default_year``.
    """
    lang = query.get("lang") if query.get("lang") in ("zh", "en") else default_lang()
    region = str(query.get("region", "")).strip()
    try:
        year = int(query.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        data = data if data is not None else current_data()
        year = default_year(data, region if region in data.regions else "", codes)
    return PageState(lang, year, region)


def store() -> Store:
    return application().store


def current_data() -> DataIndex:
    """The current revision's data, indexed; a publish elsewhere shows on the next request."""
    return application().data_index()


def current_revision(index: DataIndex) -> Revision | None:
    return application().revision(index)


def city_name(lang: str = "zh") -> str:
    """The city's name in ``lang`` (INDICATORS_CITY, or INDICATORS_CITY_EN / derived in English)."""
    settings = application().settings
    return city_label(settings.city, lang, settings.city_en)


def request_lang() -> str:
    """The language a request asks for: ``?lang=`` of the page, also inside Dash's page router."""
    search = request.query_string.decode("latin-1") if has_request_context() else ""
    try:
        search = dash.callback_context.inputs.get("_pages_location.search") or search
    except (MissingCallbackContextException, LookupError):  # not inside a callback (LookupError: a fresh thread)
        pass
    lang = dict(parse_qsl(str(search).lstrip("?"))).get("lang")
    return lang if lang in ("zh", "en") else default_lang()


def page_title(key: str | None = None) -> Callable[..., str]:
    """A page's browser title in the language the URL asks for (``dash.register_page(title=...)``)."""

    def title(**_path: str) -> str:
        lang = request_lang()
        return f"{t(key, lang)} · {t('app_title', lang)}" if key else t("app_title", lang)

    return title


def local_zone() -> ZoneInfo:
    """The time zone every time on a page is shown in (``INDICATORS_TIMEZONE``)."""
    return application().zone


def year_basis() -> str:
    """Whether the data's years are union statistics years (1 Oct – 30 Sep) or calendar years."""
    return check_basis(application().settings.year_basis)


def changed_search(search: str | None, **changes: object) -> str:
    """A query string with some parameters changed (empty or ``None`` removes one)."""
    values = dict(parse_qsl((search or "").lstrip("?")))
    for key, value in changes.items():
        if value in (None, ""):
            values.pop(key, None)
        else:
            values[key] = str(value)
    return "?" + urlencode(values) if values else ""


def selection_search(shown: dict | None, search: str | None, **chosen: object) -> str:
    """The URL query after a selector changed, or no update when the choice is what is shown.

    A freshly rendered selector reports its value as if chosen; navigating then would add a
    history entry and render the page twice. ``shown`` is what the page was rendered for.
    """
    shown = shown or {}
    if all(str(shown.get(key, "")) == str(value if value is not None else "") for key, value in chosen.items()):
        raise PreventUpdate
    new = changed_search(search, **chosen)
    if dict(parse_qsl(new.lstrip("?"))) == dict(parse_qsl((search or "").lstrip("?"))):
        raise PreventUpdate
    return new


def _page_state_key(query: dict[str, str], takes_code: bool) -> tuple | None:
    """The state a cached page shows (its indicator, language, year and region), parsed and checked
    against the data; None when a value is not one the data knows (such a page is rendered, not
    kept). Parameters no page reads are not part of it, so they cannot multiply entries."""
    data = current_data()
    lang = query.get("lang")
    if lang not in (None, "", "zh", "en"):
        return None
    year = query.get("year")
    if year not in (None, ""):
        try:
            if int(year) not in data.years:
                return None
        except (TypeError, ValueError):
            return None
    region = str(query.get("region") or "").strip()
    if region and region not in data.regions:
        return None
    code = query.get("code") if takes_code else None
    if takes_code and code not in BY_CODE:
        return None
    state = page_state(query, data.years)
    return code, state.lang, state.year, state.region


def cached_page(layout: Callable[..., object]) -> Callable[..., object]:
    """Serve a page's layout from the application's page cache while the data and the state are the same.

    A revision never changes once published, so a view rendered for it stays right until the
    pointer moves or the catalogue grows (both checked on every request, so a publish or a new
    indicator anywhere shows at once). Entries are keyed on the state the page shows and who is
    signed in, never on arbitrary parameters, and budgeted in bytes (``INDICATORS_PAGE_CACHE_MB``).
    """
    page = layout.__module__
    takes_code = "code" in inspect.signature(layout).parameters

    @wraps(layout)
    def cached(**query: str) -> object:
        from layouts.auth import current_name, current_role

        app = application()
        generation = (app.store.url, app.store.current_revision_id(), app.catalogue().version)
        state = _page_state_key(query, takes_code)
        if state is None:
            return layout(**query)
        key = (page, current_name(), current_role(), *state)
        found = app.page_cache.get(generation, key)
        if found is not None:
            return found
        result = layout(**query)
        app.page_cache.put(generation, key, result, len(to_json_plotly(result)))
        return result

    return cached
