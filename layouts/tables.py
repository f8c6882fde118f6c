"""The table under each chart: exactly the numbers the chart draws."""

from __future__ import annotations

import pandas as pd
from dash import dash_table, html

from indicators.cell_values import QUALIFIER_LABELS
from indicators.formatting import value_with_unit
from indicators.indicator_view import Summary
from layouts.i18n import t


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[dict]) -> dash_table.DataTable:
    return dash_table.DataTable(
        id=table_id, columns=[{"name": name, "id": key} for key, name in columns], data=rows,
        style_cell={"fontFamily": "inherit", "textAlign": "left", "padding": "4px 8px", "whiteSpace": "normal"},
        style_header={"fontWeight": "bold", "backgroundColor": "#eef3f8"},
        cell_selectable=True, sort_action="native", page_action="none",
    )


def main_table(summary: Summary, lang: str, table_id: str) -> dash_table.DataTable:
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
