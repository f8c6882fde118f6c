"""The table under each chart: exactly the numbers the chart draws."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from indicators.cell_values import QUALIFIER_LABELS
from indicators.citations import frame_shown, series_shown, sources_text, target_shown
from indicators.formatting import value_with_unit
from indicators.indicator_view import Summary
from indicators.labels import t
from indicators.translation import group_label, note_label, region_label


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[dict]) -> html.Table:
    # A plain HTML table: read out properly by screen readers, copied into Excel as it is, and
    # printed; and no grid script (1.3 MB) to load before the first chart can be drawn.
    head = html.Thead(html.Tr([html.Th(name, scope="col") for _, name in columns]))
    body = html.Tbody([html.Tr([html.Td(str(row.get(key, ""))) for key, _ in columns]) for row in rows])
    return html.Table([head, body], id=table_id, className="data-table")


def main_table(summary: Summary, lang: str, table_id: str) -> html.Table:
    """Actual values, target, trajectory and projection: every point of the main chart."""
    ind, provenance = summary.indicator, summary.provenance
    where = (ind.code, summary.region, summary.group)
    rows = [{"series": t("illustrative" if p.illustrative else "reported", lang), "year": p.year,
             "value": value_with_unit(p.value, ind, lang, p.qualifier),
             "qualifier": QUALIFIER_LABELS.get(p.qualifier, {}).get(lang, ""),
             "source": sources_text(series_shown(*where, [p]), provenance, lang), "note": note_label(p.note, lang)}
            for p in summary.points]
    if summary.target:
        tgt = summary.target
        rows.append({"series": t("target_point", lang), "year": tgt.year,
                     "value": value_with_unit(tgt.value, ind, lang, tgt.qualifier), "qualifier": "",
                     "source": sources_text(target_shown(*where, tgt, provenance), provenance, lang),
                     "note": note_label(tgt.note, lang)})
    for key, path in (("trajectory", summary.trajectory), ("projection", summary.projection)):
        rows += [{"series": t(key, lang), "year": y, "value": value_with_unit(v, ind, lang), "qualifier": "",
                  "source": "", "note": ""} for y, v in path]
    columns = [("series", t("series", lang)), ("year", t("year", lang)), ("value", t("value", lang)),
               ("source", t("source", lang)), ("note", t("note", lang))]
    return _table(table_id, columns, rows)


def breakdown_table(frame: pd.DataFrame, summary: Summary, lang: str, key: str, table_id: str,
                    explained: dict[str, str] | None = None, missing: Sequence[str] = ()) -> html.Table:
    """A region or group breakdown as a table (``key`` is ``region`` or ``group``); ``explained`` gives the
    explanation a district sent with a row's figure, shown in a column of its own; ``missing`` are the
    regions the chart shows as 无数据, listed last the same way."""
    ind = summary.indicator
    name = region_label if key == "region" else group_label
    explained = explained or {}
    cited = [sources_text([shown], summary.provenance, lang) for shown in frame_shown(frame)]
    rows = [{"rank": i + 1, key: name(str(r[key]), lang), "year": int(r["year"]),
             "value": value_with_unit(r["value"], ind, lang), "source": cited[i],
             "explanation": explained.get(str(r[key]), "")}
            for i, (_, r) in enumerate(frame.iterrows())]
    year = int(frame["year"].iloc[0]) if not frame.empty else ""
    rows += [{"rank": "", key: name(region, lang), "year": year, "value": t("missing_region", lang), "source": "",
              "explanation": ""} for region in missing]
    columns = [("rank", t("rank", lang)), (key, t(key, lang)), ("year", t("year", lang)),
               ("value", t("value", lang)), ("source", t("source", lang))]
    if any(row["explanation"] for row in rows):
        columns.append(("explanation", t("explanation", lang)))
    return _table(table_id, columns, rows)
