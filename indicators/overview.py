"""The overview's numbers: each indicator's latest whole-city value, by section."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import CATEGORIES, indicators_in
from indicators.cell_values import QUALIFIER_LABELS, format_number


def latest_values(observations: pd.DataFrame, lang: str = "zh") -> list[dict]:
    """Sections of the report, each with its indicators' latest city-wide, ungrouped value."""
    city = observations[(observations["region"] == "") & (observations["group"] == "")]
    sections = []
    for category, names in CATEGORIES.items():
        items = []
        for ind in indicators_in(category):
            series = city[city["code"] == ind.code].sort_values("year")
            if series.empty:
                items.append({"code": ind.code, "name": ind.name(lang), "value": "—", "unit": ind.unit(lang),
                              "year": "", "source": ""})
                continue
            last = series.iloc[-1]
            qualifier = QUALIFIER_LABELS.get(last["qualifier"], {}).get(lang, "")
            items.append({"code": ind.code, "name": ind.name(lang),
                          "value": f"{format_number(float(last['value']))}{qualifier}",
                          "unit": ind.unit(lang), "year": int(last["year"]), "source": last["source"]})
        sections.append({"category": category, "title": names[lang], "items": items})
    return sections
