"""Names and texts of the data in the reader's language: regions, groups, sources, notes, passages.

Chinese pages show the data as stored. English pages show what the product itself wrote in
English (built-in regions in pinyin, the catalogue's groups, the standard sources and notes, the
report's passages) and anything a user typed as typed: it is their data, and a guess would be
worse than the original. The store will get a region registry; until then the built-in regions'
English names live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.catalogue import Indicator
from indicators.catalogue_english import GROUPS_EN, NOTE_PARTS_EN, PASSAGES_EN
from indicators.labels import t

REGIONS_EN: dict[str, str] = {
    "甘州区": "Ganzhou District",
    "城东区": "Chengdong District",
    "城西区": "Chengxi District",
    "北山县": "Beishan County",
    "南河县": "Nanhe County",
    "西湖县": "Xihu County",
}

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_REPORT_SOURCE = re.compile(r"^\s*报告\s*[·・.、]?\s*第\s*(?P<first>\d+)\s*(?:[–\-—~至]\s*(?P<last>\d+)\s*)?段\s*$")
_NOTE_SEPARATOR = re.compile(r"\s*[；;]\s*")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese character or full-width punctuation."""
    return bool(CJK.search(str(text)))


def region_label(name: str, lang: str = "zh") -> str:
    """A region as the reader says it: ``""`` is the whole city; 甘州区 is Ganzhou District in English;
    a region the table does not know is shown as typed."""
    if not name:
        return t("city_total", lang)
    return REGIONS_EN.get(name, name) if lang == "en" else name


def group_label(group: str, lang: str = "zh") -> str:
    """A catalogue group (全国, 两节慰问, …) in the reader's language; unknown groups as typed."""
    return GROUPS_EN.get(group, group) if lang == "en" else group


def source_label(source: str, lang: str = "zh") -> str:
    """``报告·第8段`` -> ``Work report, fragment 8``; ``示例`` -> ``Illustrative``; other text as typed."""
    text = str(source or "")
    if lang != "en":
        return text
    match = _REPORT_SOURCE.match(text)
    if match:
        if match["last"]:
            return t("source_report_fragments", lang, first=match["first"], last=match["last"])
        return t("source_report_fragment", lang, fragment=match["first"])
    if text.strip() == "示例":
        return t("illustrative", lang)
    return text


def note_label(note: str, lang: str = "zh") -> str:
    """A value's note: in English, a note made of the standard parts is translated part by part;
    a note with any part typed by a user is shown as typed."""
    text = str(note or "")
    if lang != "en" or not text:
        return text
    parts = [part for part in _NOTE_SEPARATOR.split(text.strip().rstrip("；;。")) if part]
    english_parts = [NOTE_PARTS_EN.get(part) or _partial_sum_en(part) for part in parts]
    if not all(english_parts):
        return text
    english = "; ".join(english_parts)  # type: ignore[arg-type]
    return english[:1].upper() + english[1:]


# A round's confirmed partial sum (indicators/round_sum.py, PARTIAL_NOTE), with its counts and regions.
_PARTIAL_SUM = re.compile(r"部分汇总：(\d+)/(\d+)个地区（(.*)），不是全市数")


@dataclass(frozen=True)
class PartialSum:
    """What a stored 部分汇总 note says: how many of how many regions a city figure adds up, and which."""

    approved: int
    expected: int
    regions: tuple[str, ...]


def partial_sum_of(note: str) -> PartialSum | None:
    """The partial sum a value's note declares (a round's confirmed sum of only some regions), if any."""
    for part in _NOTE_SEPARATOR.split(str(note or "").strip().rstrip("；;。")):
        found = _PARTIAL_SUM.fullmatch(part)
        if found is not None:
            return PartialSum(int(found.group(1)), int(found.group(2)),
                              tuple(r for r in found.group(3).split("、") if r and r != "—"))
    return None


def _partial_sum_en(part: str) -> str | None:
    found = _PARTIAL_SUM.fullmatch(part)
    if found is None:
        return None
    regions = ", ".join(region_label(r, "en") for r in found.group(3).split("、"))
    return f"partial sum: {found.group(1)} of {found.group(2)} regions ({regions}), not the city's figure"


def passage(indicator: Indicator, lang: str = "zh") -> str:
    """The report's passage behind an indicator, in Chinese as the report has it or in English."""
    return PASSAGES_EN.get(indicator.code, indicator.passage) if lang == "en" else indicator.passage


def city_label(city: str, lang: str = "zh", city_en: str = "") -> str:
    """The city's name: ``xx市`` is ``xx City`` in English unless ``city_en`` names it; a name
    that cannot be spelled out is kept as set."""
    if lang != "en":
        return city
    if city_en:
        return city_en
    stem = city[:-1] if city.endswith("市") else city
    return f"{stem} City" if stem and not has_cjk(stem) else city
