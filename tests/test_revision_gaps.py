"""Revision numbers that failed publishes used up are explained in the history, never left to puzzle over:
"修订3–5未发布（发布失败或中断）" between two good revisions (PostgreSQL's sequence skips; SQLite reuses)."""

from __future__ import annotations

import pytest

from indicators.ingest import publish_parsed
from indicators.labels import t
from indicators.revision_gaps import revision_gaps
from indicators.workbook import read_workbook
from workbooks import long_workbook


def _file(value: float) -> tuple[bytes, object]:
    data = long_workbook([["grassroots_unions", 2009, "", "", value, "", "", ""]])
    return data, read_workbook(data)


class _Interrupted(Exception):
    pass


def _texts(component) -> list[str]:  # type: ignore[no-untyped-def]
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    children = children if isinstance(children, list) else [children] if children is not None else []
    return [text for child in children for text in _texts(child)]


def test_the_gaps_are_the_missing_runs():
    assert revision_gaps([1, 2, 6, 7, 9]) == [(3, 5), (8, 8)]
    assert revision_gaps([1, 2, 3]) == []
    assert revision_gaps([]) == []


def test_failed_publishes_between_two_good_ones_are_stated_in_the_history(backend_url):
    from app import create_app

    dash_app = create_app({"db": backend_url})
    app = dash_app.server.config["APPLICATION"]
    data, parsed = _file(2390)
    first = publish_parsed(app.store, parsed, data, "a.xlsx", "ed").revision

    def interrupt(conn, revision_id: int) -> None:  # type: ignore[no-untyped-def]
        raise _Interrupted(revision_id)  # the publish fails after its number was drawn, as a crash would

    for value in (2391, 2392, 2393):
        data, parsed = _file(value)
        with pytest.raises(_Interrupted):
            publish_parsed(app.store, parsed, data, "bad.xlsx", "ed", also=interrupt)
    data, parsed = _file(2394)
    second = publish_parsed(app.store, parsed, data, "b.xlsx", "ed").revision
    ids = [r.id for r in app.store.revisions()]
    from layouts.pages.history import revision_rows

    for lang in ("zh", "en"):
        with dash_app.server.test_request_context("/history"):
            table, _ = revision_rows(lang)
        shown = " ".join(_texts(table))
        for gap_first, gap_last in revision_gaps(ids):
            assert t("revision_gap" if gap_first != gap_last else "revision_gap_one", lang, first=gap_first,
                     last=gap_last) in shown
        if second.id > first.id + 1:  # numbers were skipped (PostgreSQL): the history says which
            assert (first.id + 1, second.id - 1) in revision_gaps(ids)
            assert ("未发布（发布失败或中断）" if lang == "zh" else "were not published") in shown
        else:  # numbering did not skip (SQLite reuses an unused number): nothing to explain
            assert "未发布" not in shown and "not published" not in shown
