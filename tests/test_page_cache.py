"""The page cache is keyed on the state a page shows and budgeted in bytes (issue 18, item 13).

Anyone could fill it before: it was keyed on any query string, 256 entries per page. Pages are asked
for here as the browser asks, through Dash's page router callback of a real app on a real SQLite file.
"""

from __future__ import annotations

import json
import random
import string

import pytest

from app import create_app
from indicators.ingest import import_workbook
from indicators.page_cache import PageCache
from workbooks import long_workbook

ROUTER = ".._pages_content.children..._pages_store.data.."


def ask(client, path: str, search: str = "") -> None:  # type: ignore[no-untyped-def]
    body = {"output": ROUTER,
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.search"], "state": []}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.data[:300]


@pytest.fixture
def dashboard(tmp_path):
    def make(**settings):  # type: ignore[no-untyped-def]
        app = create_app({"db": str(tmp_path / "s.db"), **settings})
        app.server.test_client().get("/")  # Dash gathers the pages' callbacks on its first request
        return app, app.server.test_client(), app.server.config["APPLICATION"]
    return make


def junk(rng: random.Random) -> str:
    word = "".join(rng.choices(string.ascii_letters + string.digits + "甘州区", k=rng.randint(1, 12)))
    choice = rng.randrange(6)
    if choice == 0:
        return f"?{word}={word}"  # a parameter no page reads
    if choice == 1:
        return f"?year={word}"
    if choice == 2:
        return f"?year={rng.randint(-10**6, 10**6)}"
    if choice == 3:
        return f"?region={word}"
    if choice == 4:
        return f"?lang={word}"
    return f"?lang=en&year=2008&{word}={rng.random()}"  # a known view with a parameter no page reads


def test_a_thousand_requests_with_junk_parameters_leave_the_cache_as_it_was(dashboard):
    _, client, application = dashboard()
    views = [(path, search) for path in ("/", "/indicator/union_members", "/method") for search in ("", "?lang=en&year=2008")]
    for path, search in views:
        ask(client, path, search)
    entries, size = len(application.page_cache), application.page_cache.bytes
    assert entries == len(views) and size > 0
    rng = random.Random(18)
    for _ in range(1000):
        path = rng.choice(["/", "/indicator/union_members", "/method", f"/indicator/{rng.random()}"])
        ask(client, path, junk(rng))
    assert (len(application.page_cache), application.page_cache.bytes) == (entries, size)
    # A new current revision is a new generation: the old pages go at once.
    published = import_workbook(application.store, long_workbook([["grassroots_unions", 2009, "", "", 2390, "", "", ""]]),
                                "new.xlsx", "test")
    assert published.ok
    ask(client, "/")
    assert len(application.page_cache) == 1


def test_the_byte_budget_is_honoured(dashboard):
    _, client, application = dashboard(page_cache_mb=1)
    budget = 1024 * 1024
    asked = 0
    for lang in ("zh", "en"):
        for year in (2004, 2005, 2006, 2007, 2008):
            for path in ("/", "/indicator/union_members", "/indicator/grassroots_unions"):
                ask(client, path, f"?lang={lang}&year={year}")
                asked += 1
                assert application.page_cache.bytes <= budget
    assert 0 < len(application.page_cache) < asked  # older pages made room for newer ones


def test_an_entry_over_the_budget_is_not_kept_and_the_oldest_go_first():
    cache = PageCache(100)
    cache.put(("rev", 1), "a", "A", 40)
    cache.put(("rev", 1), "b", "B", 40)
    assert cache.get(("rev", 1), "a") == "A"  # now the newest
    cache.put(("rev", 1), "c", "C", 40)
    assert cache.get(("rev", 1), "b") is None and cache.get(("rev", 1), "a") == "A" and cache.bytes == 80
    cache.put(("rev", 1), "huge", "H", 101)
    assert cache.get(("rev", 1), "huge") is None and cache.bytes == 80
    assert cache.get(("rev", 2), "a") is None and len(cache) == 0  # another revision: everything goes


def test_chart_images_are_kept_within_their_byte_budget(tmp_path):
    from indicators.application import Application

    app = Application({"db": str(tmp_path / "s.db"), "chart_cache_mb": 1})
    made: list[str] = []

    def export(name: str, size: int) -> bytes:
        def build() -> tuple[bytes, str, str]:
            made.append(name)
            return b"x" * size, "image/png", f"{name}.png"
        return app.cached_export(1, ("chart", name), build)[0]

    export("a", 400_000)
    export("a", 400_000)
    assert made == ["a"]  # kept
    export("b", 400_000)
    export("c", 400_000)  # 1.2 MB: the least recently used goes
    export("a", 400_000)
    assert made == ["a", "b", "c", "a"]
    export("huge", 2_000_000)
    export("huge", 2_000_000)
    assert made.count("huge") == 2  # bigger than the whole budget: never kept
