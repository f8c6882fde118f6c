"""Explanations of figures: the written reasons districts sent with values that broke a warning rule in a
collection round, published with the round. They are shown wherever the value is: beside the district's
figure on the indicator page, in a column of the data download, and as a note in the briefings.

An explanation belongs to the value it explained: it shows in a revision at or after the one its round
published, and only while that revision still holds the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.labels import t
from indicators.translation import group_label, region_label


@dataclass(frozen=True)
class Explanation:
    code: str
    year: int
    region: str
    group: str
    value: float
    text: str
    round: str
    rule: str

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.code, self.year, self.region, self.group)


def explanation_line(explanation: Explanation, lang: str = "zh") -> str:
    """``甘州区 2009：两家企业合并（2009年度）`` — the text as the district wrote it."""
    where = region_label(explanation.region, lang)
    if explanation.group:
        where += f" · {group_label(explanation.group, lang)}"
    return t("explanation_item", lang, region=where, year=explanation.year, text=explanation.text,
             round=explanation.round)


def briefing_note(explanations: list[Explanation], lang: str = "zh") -> str:
    """One note for a briefing's indicator: every explanation of its figures, or ""."""
    if not explanations:
        return ""
    items = ("；" if lang != "en" else "; ").join(explanation_line(e, lang) for e in explanations)
    return t("briefing_explanations", lang, items=items)
