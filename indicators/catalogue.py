"""The indicator catalogue: what each code means, its unit, kind and which way is better.

Codes and Chinese names are the workbook contract (sheets in the field name indicators by
either); aliases are accepted beside them so that older sheets keep working.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["stock", "rate", "cumulative", "annual"]
Direction = Literal["increase", "decrease"]

KINDS: tuple[str, ...] = ("stock", "rate", "cumulative", "annual")

CATEGORIES: dict[str, dict[str, str]] = {
    "organisation": {"zh": "组织建设", "en": "Organisation"},
    "rights": {"zh": "维权", "en": "Rights"},
    "aid": {"zh": "帮扶", "en": "Aid"},
    "skills": {"zh": "职工素质", "en": "Workers' skills and recognition"},
    "capacity": {"zh": "自身建设", "en": "Federation capacity"},
}


@dataclass(frozen=True)
class Indicator:
    """One indicator of the report, as the dashboard and the workbooks know it."""

    code: str
    name_zh: str
    name_en: str
    category: str
    unit_zh: str
    unit_en: str
    kind: Kind
    direction: Direction
    definition_zh: str
    definition_en: str
    fragment: str
    passage: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    group_label_zh: str = ""
    group_label_en: str = ""
    note_zh: str = ""
    note_en: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_zh

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_zh

    def definition(self, lang: str) -> str:
        return self.definition_en if lang == "en" else self.definition_zh

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"


def _load() -> tuple[Indicator, ...]:
    from indicators.catalogue_entries import ENTRIES

    return tuple(ENTRIES)


CATALOGUE: tuple[Indicator, ...] = _load()
BY_CODE: dict[str, Indicator] = {ind.code: ind for ind in CATALOGUE}


def normalise_label(text: str) -> str:
    """Fold a label typed by a person to a lookup key: width, case, quotes, spaces, brackets."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    text = re.sub(r"[\s“”\"'‘’「」『』《》]", "", text)
    return text.replace("（", "(").replace("）", ")")


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for ind in CATALOGUE:
        for label in (ind.code, ind.name_zh, ind.name_en, *ind.aliases):
            key = normalise_label(label)
            existing = lookup.get(key)
            if existing is not None and existing != ind.code:
                raise ValueError(f"label {label!r} names both {existing} and {ind.code}")
            lookup[key] = ind.code
    return lookup


_LOOKUP = _build_lookup()
_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\s*[(（\[【](?P<unit>[^()（）\[\]【】]{1,12})[)）\]】]\s*$")


def find_indicator(label: object) -> Indicator | None:
    """The indicator a sheet names by code, Chinese name, English name or alias, if any.

    A unit written inside the label, as in ``基层工会组织数(个)``, is accepted too.
    """
    if label is None:
        return None
    text = str(label).strip()
    if not text:
        return None
    code = _LOOKUP.get(normalise_label(text))
    if code is None:
        match = _UNIT_SUFFIX.match(text)
        if match:
            code = _LOOKUP.get(normalise_label(match.group("label")))
    return BY_CODE.get(code) if code else None


def indicators_in(category: str) -> list[Indicator]:
    """The catalogue's indicators of one category, in catalogue order."""
    return [ind for ind in CATALOGUE if ind.category == category]
