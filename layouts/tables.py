"""The table under each chart: exactly the numbers the chart draws."""

from __future__ import annotations

import json
import zlib

import dash_ag_grid as dag
import pandas as pd
from dash import html

from indicators.cell_values import QUALIFIER_LABELS
from indicators.formatting import value_with_unit
from indicators.indicator_view import Summary
from layouts.i18n import t


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[dict]) -> html.Div:
    # The grid's own id changes with its rows, so a new view (back button, another year) mounts a
    # fresh grid instead of patching one that may still be initialising; the container keeps a
    # stable id for tests and links.
    version = zlib.crc32(json.dumps([columns, rows], ensure_ascii=False, default=str).encode())
    return html.Div(id=table_id, children=dag.AgGrid(
        id=f"{table_id}-{version:08x}", rowData=rows,
        columnDefs=[{"field": key, "headerName": name, "flex": 2 if key == "note" else 1} for key, name in columns],
        defaultColDef={"sortable": True, "resizable": True, "wrapText": True, "autoHeight": True},
        dashGridOptions={"domLayout": "autoHeight", "ensureDomOrder": True, "suppressCellFocus": False},
        className="ag-theme-alpine", style={"width": "100%"},
    ))


def main_table(summary: Summary, lang: str, table_id: str) -> html.Div:
    """Actual values, target, trajectory and projection: every point of the main chart."""
    ind = summary.indicator
    rows = [{"series": t("illustrative" if p.illustrative else "reported", lang), "year": p.year,
             "value": value_with_unit(p.value, ind, lang, p.qualifier),
             "qualifier": QUALIFIER_LABELS.get(p.qualifier, {}).get(lang, ""), "source": p.source, "note": p.note}
            for p in summary.points]
    if summary.target:
        tgt = summary.target
        rows.append({"series": t("target_point", lang), "year": tgt.year,
                     "value": value_with_unit(tgt.value, ind, lang, tgt.qualifier), "qualifier": "",
                     "source": tgt.source, "note": tgt.note})
    for key, path in (("trajectory", summary.trajectory), ("projection", summary.projection)):
        rows += [{"series": t(key, lang), "year": y, "value": value_with_unit(v, ind, lang), "qualifier": "",
                  "source": "", "note": ""} for y, v in path]
    columns = [("series", t("series", lang)), ("year", t("year", lang)), ("value", t("value", lang)),
               ("source", t("source", lang)), ("note", t("note", lang))]
    return _table(table_id, columns, rows)


def breakdown_table(frame: pd.DataFrame, summary: Summary, lang: str, key: str, table_id: str) -> html.Div:
    """A region or group breakdown as a table (``key`` is ``region`` or ``group``)."""
    ind = summary.indicator
    rows = [{"rank": i + 1, key: str(r[key]), "year": int(r["year"]), "value": value_with_unit(r["value"], ind, lang),
             "source": str(r["source"])} for i, (_, r) in enumerate(frame.iterrows())]
    columns = [("rank", t("rank", lang)), (key, t(key, lang)), ("year", t("year", lang)),
               ("value", t("value", lang)), ("source", t("source", lang))]
    return _table(table_id, columns, rows)
