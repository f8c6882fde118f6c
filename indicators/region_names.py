"""Recognising a region in what people write: 填报单位 lines, titles, region columns.

The federation's regions (districts, counties, county-level cities, industry unions) are a list
kept in the store (``indicators.regions``); this module holds the pure part: how a piece of text
is matched against that list. ``甘州区``, ``甘州区总工会``, ``甘州区总工会（盖章）``,
``张掖市甘州区总工会`` all name 甘州区; ``xx市总工会`` and ``xx市总工会组织部`` name the city
itself; ``合计``/``全市`` are the city total and ``城区小计`` a subtotal, never a region. A name
that is none of these is *unknown*: the reader asks about it instead of inventing a region.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

MatchKind = Literal["city", "region", "subtotal", "unknown", "empty"]

REGION_KINDS: dict[str, dict[str, str]] = {
    "district": {"zh": "区", "en": "district"},
    "county": {"zh": "县", "en": "county"},
    "county_city": {"zh": "县级市", "en": "county-level city"},
    "industry": {"zh": "产业（行业）工会", "en": "industry union"},
    "other": {"zh": "其他", "en": "other"},
}

CITY_TOTAL_WORDS = frozenset({
    "全市", "合计", "总计", "全市合计", "全市总计", "市合计", "市总计", "总数", "全市总数", "city", "total",
    "citytotal", "wholecity", "all", "grandtotal",
})
_SUBTOTAL = re.compile(r"(小计|subtotal)$|^(城区|县区|市区|市直|农村|城镇|县|区)(合计|总计)$", re.IGNORECASE)
_SEAL = re.compile(r"[（(]\s*(盖章|公章|章|印章|签章)\s*[)）]|盖章$")
# The federation's own name and its departments: 总工会, 总工会组织部, 总工会办公室 ...
_FEDERATION = re.compile(r"^(?P<base>.*?)(总工会|工会联合会|工会委员会|工会工作委员会|工委|工会)"
                         r"(?P<dept>[\u4e00-\u9fff]{1,8}(部|处|室|科|中心))?$")
_HIGHER_PLACE = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{2,8}?[省市州盟])(?P<rest>[\u4e00-\u9fff]{2,})$")
_PLACE_SUFFIX = re.compile(r"[\u4e00-\u9fff]{1,10}(区|县|市|旗|自治县|自治旗|林区|特区|新区|开发区|街道|镇|乡|省|自治区|州|盟)$")
# Short names of provinces, as national statistics exports write them (北京, 内蒙古 ...): only to
# recognise a column of region names, never to store a region.
PROVINCES = frozenset(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 "
    "重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 台湾 香港 澳门 全国".split())
# Words ending like a place that name none: 各县区, 全地区, 城区, 开发园区 ...
_NOT_A_PLACE = re.compile(r"^[各全分本该]|(县区|地区|城区|市区|社区|辖区|园区|景区|片区|小区|街区|政区)$")
_MARKS = re.compile(r"[\u2460-\u2473\u2474-\u249b\u24ea\u2776-\u277f\u3251-\u325f\u00b9\u00b2\u00b3"
                    r"\u2070-\u2079*※†‡]+")


def fold_name(text: object) -> str:
    """A name folded for comparison: footnote marks dropped, width and case folded, spaces removed."""
    if text is None:
        return ""
    raw = _MARKS.sub("", str(text))
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).lower()


@dataclass(frozen=True)
class RegionEntry:
    """One region of the registry, as the reader needs it."""

    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    name_en: str = ""


@dataclass(frozen=True)
class RegionMatch:
    """What a piece of text names. ``region`` is the registry's name ("" for the city)."""

    kind: MatchKind
    region: str = ""
    how: str = ""  # exact | alias | suffix | prefix | city | total | subtotal
    text: str = ""  # the cleaned text that was looked up
    suggestion: str = ""  # for an unknown name: the closest registry name, if any


@dataclass(frozen=True)
class RegionDirectory:
    """The registry as a look-up table: small, picklable, sent along to the parsing child."""

    city: str = "xx市"
    regions: tuple[RegionEntry, ...] = ()
    _lookup: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        lookup: dict[str, tuple[str, str]] = {}
        for entry in self.regions:
            lookup[fold_name(entry.name)] = (entry.name, "exact")
        for entry in self.regions:
            for alias in entry.aliases:
                lookup.setdefault(fold_name(alias), (entry.name, "alias"))
        object.__setattr__(self, "_lookup", lookup)

    @property
    def names(self) -> list[str]:
        return [entry.name for entry in self.regions]

    def entry(self, name: str) -> RegionEntry | None:
        return next((e for e in self.regions if e.name == name), None)

    def _city_keys(self) -> set[str]:
        city = fold_name(self.city)
        return {city, city.removesuffix("市")} - {""}

    def _lookup_name(self, key: str) -> tuple[str, str] | None:
        return self._lookup.get(key)

    def match(self, text: object) -> RegionMatch:
        """What ``text`` names: the city, a registry region, a subtotal, or an unknown name."""
        key = fold_name(text)
        key = _SEAL.sub("", key).strip(":：")
        if not key:
            return RegionMatch("empty")
        if key in CITY_TOTAL_WORDS:
            return RegionMatch("city", "", "total", key)
        if _SUBTOTAL.search(key):
            return RegionMatch("subtotal", "", "subtotal", key)
        found = self._lookup_name(key)
        if found:
            return RegionMatch("region", found[0], found[1], key)
        if key in self._city_keys():
            return RegionMatch("city", "", "city", key)
        base = key
        federation = _FEDERATION.match(key)
        if federation:
            base = federation.group("base")
            if base in self._city_keys() or base in ("", "市", "全市"):
                return RegionMatch("city", "", "city", key)
            found = self._lookup_name(base)
            if found:
                return RegionMatch("region", found[0], "suffix", base)
        prefix = _HIGHER_PLACE.match(base)
        if prefix:
            found = self._lookup_name(prefix.group("rest"))
            if found:
                return RegionMatch("region", found[0], "prefix", base)
            federation = _FEDERATION.match(prefix.group("rest"))
            if federation and federation.group("base") in self._city_keys():
                return RegionMatch("city", "", "city", base)
        return RegionMatch("unknown", "", "", base, self.closest(base))

    def closest(self, text: str) -> str:
        """The registry name closest to ``text`` (a shared two-character stem), or ""."""
        best, score = "", 0
        for entry in self.regions:
            name = fold_name(entry.name)
            common = len(set(_bigrams(name)) & set(_bigrams(text)))
            if common > score:
                best, score = entry.name, common
        return best

    def find_in(self, text: object) -> list[RegionMatch]:
        """Every region, the city, or an unknown district named inside a longer text (a title)."""
        folded = fold_name(text)
        if not folded:
            return []
        hits: list[RegionMatch] = []
        for key, (name, _) in sorted(self._lookup.items(), key=lambda kv: -len(kv[0])):
            if len(key) >= 2 and key in folded and all(key not in hit.text for hit in hits):
                hits.append(RegionMatch("region", name, "title", key))
        for key in sorted(self._city_keys(), key=len, reverse=True):
            at = folded.find(key)
            if len(key) >= 2 and at >= 0:
                # "xx市甘州区": the city's name before a district's is not a second region
                if not any(key in hit.text for hit in hits):
                    hits.append(RegionMatch("city", "", "title", key))
                break
        if not any(hit.kind == "region" for hit in hits):
            for place in re.findall(r"[\u4e00-\u9fff]{2,6}?(?:区|县|旗)(?![\u4e00-\u9fff]*(?:区|县))", folded):
                place = _HIGHER_PLACE.match(place).group("rest") if _HIGHER_PLACE.match(place) else place
                if place not in self._city_keys() and not _NOT_A_PLACE.search(place):
                    hits.append(RegionMatch("unknown", "", "title", place, self.closest(place)))
        return hits


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)]


def looks_like_region(text: object, directory: RegionDirectory) -> bool:
    """Whether a cell reads as a place or a total (to recognise a region column with no header)."""
    key = fold_name(text)
    if not key or len(key) > 20:
        return False
    kind = directory.match(key).kind
    if kind in ("city", "region", "subtotal"):
        return True
    return key in PROVINCES or bool(_PLACE_SUFFIX.fullmatch(key))


def default_aliases(name: str, city: str) -> tuple[str, ...]:
    """The names a region commonly goes by: 甘州区总工会, xx市甘州区, xx市甘州区总工会."""
    if name.endswith("工会"):  # an industry union is called by its own name
        return (f"{city}{name}",)
    return (f"{name}总工会", f"{city}{name}", f"{city}{name}总工会")


# The regions of the built-in data (illustrative districts of the report's city): a new store's
# registry starts with them, and the reader uses them when it is given no registry.
BUILTIN_REGIONS: tuple[tuple[str, str], ...] = (
    ("甘州区", "Ganzhou District"), ("城东区", "Chengdong District"), ("城西区", "Chengxi District"),
    ("北山县", "Beishan County"), ("南河县", "Nanhe County"), ("西湖县", "Xihu County"),
)
BUILTIN_DIRECTORY = RegionDirectory("xx市", tuple(
    RegionEntry(name, "district" if name.endswith("区") else "county", default_aliases(name, "xx市"), name_en)
    for name, name_en in BUILTIN_REGIONS))
