"""Exporting observations as CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX.

Text that could run as a formula is neutralised in both; no XLSX cell is ever a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from indicators.catalogue import BY_CODE, CATEGORIES
from indicators.cell_values import QUALIFIER_LABELS
from indicators.citations import Provenance, row_sources
from indicators.exports_safe import safe_cell
from indicators.stat_year import year_label
from indicators.translation import group_label, note_label, region_label, source_label

COLUMNS = {
    "zh": ["指标代码", "指标名称", "类别", "年份", "统计期间", "地区", "分组", "数值", "单位", "限定", "说明", "来源", "修订版",
           "说明理由", "出处"],
    "en": ["code", "indicator", "category", "year", "period", "region", "group", "value", "unit", "qualifier", "note",
           "source", "revision", "explanation", "cited as"],
}


def _translated(column: pd.Series, label: Callable[[str, str], str], lang: str) -> pd.Series:
    """A text column in ``lang``, each distinct value translated once (100,000 rows, few values)."""
    text = column.astype(str)
    return text.map({value: label(value, lang) for value in text.unique()})


def export_frame(observations: pd.DataFrame, revision_id: int | None, lang: str = "zh",
                 year_basis: str = "union", explanations: dict[tuple, str] | None = None,
                 provenance: Provenance | None = None) -> pd.DataFrame:
    """One row per observation, with names and units in the reader's language, and the period
    each year stands for (``2009年度（2008.10.1–2009.9.30）`` for union statistics years).
    ``explanations`` ((code, year, region, group) -> text) fill their column: the reason a district
    sent with a figure that broke a rule in a collection round. With ``provenance``, each row names
    the revision that wrote it and, in the last column, its own sources (the report's passage, the
    file or round), never the current revision's file for an older value."""
    obs = observations
    explanations = explanations or {}
    cited, written_by = row_sources(obs, provenance, lang)
    revision = written_by.astype(object).where(written_by.notna(), revision_id if revision_id is not None else "")
    keys = zip(obs["code"].astype(str), obs["year"].astype(int), obs["region"].astype(str), obs["group"].astype(str),
               strict=True)
    indicator = obs["code"].map(lambda c: BY_CODE[c])
    frame = pd.DataFrame({
        "code": obs["code"].astype(str),
        "name": indicator.map(lambda i: i.name(lang)),
        "category": indicator.map(lambda i: CATEGORIES[i.category][lang]),
        "year": obs["year"].astype(int),
        "period": obs["year"].astype(int).map(lambda y: year_label(y, year_basis, lang, long=True)),
        "region": _translated(obs["region"], region_label, lang),
        "group": _translated(obs["group"], group_label, lang),
        "value": obs["value"].astype(float),
        "unit": indicator.map(lambda i: i.unit(lang)),
        "qualifier": obs["qualifier"].astype(str).map(lambda q: QUALIFIER_LABELS.get(q, {}).get(lang, q)),
        "note": _translated(obs["note"], note_label, lang),
        "source": _translated(obs["source"], source_label, lang),
        "revision": revision.to_numpy(),
        "explanation": [explanations.get(key, "") for key in keys] if explanations else "",
        "cited": cited,
    })
    frame.columns = COLUMNS[lang]
    order = {c: i for i, c in enumerate(BY_CODE)}
    frame = frame.assign(_o=obs["code"].map(order).to_numpy())
    frame = frame.sort_values(["_o", COLUMNS[lang][5], COLUMNS[lang][6], COLUMNS[lang][3]]).drop(columns="_o")
    return frame.reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    safe = frame.apply(lambda col: col if pd.api.types.is_numeric_dtype(col) else col.map(safe_cell))
    # Every text field quoted and rows ended by CRLF: a line break inside a value stays inside its cell.
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "数据") -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(ws, value=safe_cell(value))
                cell.data_type = "s"  # text, never a formula
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_data(path: Path, observations: pd.DataFrame, revision_id: int | None, lang: str = "zh",
               year_basis: str = "union", explanations: dict[tuple, str] | None = None,
               provenance: Provenance | None = None) -> None:
    """Write the observations to ``path``; the suffix (.csv or .xlsx) picks the format."""
    frame = export_frame(observations, revision_id, lang, year_basis, explanations, provenance)
    data = csv_bytes(frame) if path.suffix.lower() == ".csv" else xlsx_bytes(frame, "数据" if lang == "zh" else "data")
    path.write_bytes(data)
