"""The indicator catalogue: what each code means, its unit, kind and which way is better.

Codes and Chinese names are the workbook contract (sheets in the field name indicators by
either); aliases are accepted beside them so that older sheets keep working.

The catalogue is data: the program ships the report's 37 entries (``BUILTIN``), the store keeps
the catalogue admins extend (``indicators.catalogue_store``), and the application object loads
it, cached by the catalogue's version, which every request checks. Which catalogue is *in
effect* is scoped like Flask's request context, not global: ``using(catalogue)`` sets it for
one request, one background job, one command or one parse (a ``ContextVar``, so two requests in
two threads, or two stores in one test process, never see each other's), and ``CATALOGUE``,
``BY_CODE`` and ``indicators_in`` read the one in effect. Outside any scope it is ``BUILTIN``.
Code that has a catalogue at hand (the reader's ``ReadContext``) passes it explicitly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from functools import cached_property
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
    # For a rate: the indicators it is computed from when both are collected (rate = numerator /
    # denominator × 100), so a round's city figure is computed, never summed.
    numerator: str = ""
    denominator: str = ""
    # The indicator this one is a part of (其中项: 女会员人数 of 工会会员数): a part above its whole
    # is a warning when a round collects both.
    part_of: str = ""
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

    @property
    def is_summed(self) -> bool:
        """Counts and money add up over regions; rates never do."""
        return self.kind != "rate"


def normalise_label(text: str) -> str:
    """Fold a label typed by a person to a lookup key: width, case, quotes, spaces, brackets."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    text = re.sub(r"[\s“”\"'‘’「」『』《》]", "", text)
    return text.replace("（", "(").replace("）", ")")


class Lookup:
    """Finding an indicator by what a sheet calls it, and saying how it was found.

    Built from a list of indicators (today's catalogue; the store's once admins edit it), so the
    reader can take it into its parsing child.
    """

    def __init__(self, indicators: tuple[Indicator, ...] | list[Indicator]) -> None:
        self.by_code: dict[str, Indicator] = {ind.code: ind for ind in indicators}
        self._keys: dict[str, tuple[str, str]] = {}
        for ind in indicators:
            for label, how in ((ind.code, "code"), (ind.name_zh, "name"), (ind.name_en, "name_en"),
                               *((alias, "alias") for alias in ind.aliases)):
                key = normalise_label(label)
                existing = self._keys.get(key)
                if existing is not None and existing[0] != ind.code:
                    raise ValueError(f"label {label!r} names both {existing[0]} and {ind.code}")
                self._keys.setdefault(key, (ind.code, how))

    def match(self, label: object) -> tuple[Indicator, str] | None:
        """(indicator, how) for a label naming one by code, name, English name or alias.

        A unit written inside the label, as in ``基层工会组织数(个)``, is accepted too.
        """
        if label is None:
            return None
        text = str(label).strip()
        if not text:
            return None
        found = self._keys.get(normalise_label(text))
        if found is None:
            match = _UNIT_SUFFIX.match(text)
            if match:
                found = self._keys.get(normalise_label(match.group("label")))
        return (self.by_code[found[0]], found[1]) if found else None

    def closest(self, label: object) -> Indicator | None:
        """The indicator a label most likely misspells: one or two characters off a code or name.

        A word added in front (女会员人数 beside 会员人数) or a different word (职工人数 beside
        会员人数) names another statistic, not a typo, so only substitutions, swaps and, in
        longer names, one missing or extra character past the first are counted.
        """
        text = normalise_label(label)
        if len(text) < 4:
            return None
        best: tuple[int, str] | None = None
        for key, (code, _) in self._keys.items():
            distance = _typo_distance(text, key)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, code)
        return self.by_code[best[1]] if best else None


def _typo_distance(text: str, key: str) -> int | None:
    """1 or 2 when ``text`` is a plausible typo of ``key``, else None."""
    if text == key or len(key) < 4:
        return None
    ascii_words = key.isascii() and text.isascii()
    allowed = 2 if len(key) >= (8 if ascii_words else 7) else 1
    if len(text) == len(key):
        diffs = [i for i, (a, b) in enumerate(zip(text, key, strict=True)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and text[diffs[0]] == key[diffs[1]] \
                and text[diffs[1]] == key[diffs[0]]:
            return 1  # two letters swapped
        return len(diffs) if 0 < len(diffs) <= allowed and (ascii_words or diffs[0] > 0) else None
    if abs(len(text) - len(key)) != 1 or min(len(text), len(key)) < (6 if not ascii_words else 5):
        return None
    longer, shorter = (text, key) if len(text) > len(key) else (key, text)
    for i in range(len(longer)):
        if longer[:i] + longer[i + 1:] == shorter:
            return 1 if i > 0 else None
    return None


_UNIT_SUFFIX = re.compile(r"^(?P<label>.+?)\s*[(（\[【](?P<unit>[^()（）\[\]【】]{1,12})[)）\]】]\s*$")


class Catalogue(Sequence[Indicator]):
    """One version of the catalogue: its indicators in order, by code, and the reader's lookup."""

    def __init__(self, indicators: Iterable[Indicator], version: int = 0, rules: tuple = ()) -> None:
        self.indicators: tuple[Indicator, ...] = tuple(indicators)
        self.by_code: dict[str, Indicator] = {ind.code: ind for ind in self.indicators}
        self.version = version
        self.rules = tuple(rules)  # the checks admins added (``catalogue_edit.CheckRule``)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return self.indicators[index]

    def __len__(self) -> int:
        return len(self.indicators)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __contains__(self, item: object) -> bool:
        return item in self.indicators

    @cached_property
    def lookup(self) -> Lookup:
        return Lookup(self.indicators)

    def get(self, code: str) -> Indicator | None:
        return self.by_code.get(code)

    def in_category(self, category: str) -> list[Indicator]:
        return [ind for ind in self.indicators if ind.category == category]

    def with_added(self, indicators: Iterable[Indicator]) -> Catalogue:
        """This catalogue and ``indicators`` after it (a workbook's 指标目录 sheet, before it is stored)."""
        return Catalogue([*self.indicators, *indicators], self.version, self.rules)


def _load() -> Catalogue:
    from indicators.catalogue_entries import ENTRIES

    return Catalogue(ENTRIES)


BUILTIN: Catalogue = _load()  # the report's entries, as the program ships them
LOOKUP = BUILTIN.lookup

_IN_EFFECT: ContextVar[Catalogue] = ContextVar("catalogue", default=BUILTIN)


def active() -> Catalogue:
    """The catalogue in effect here: the request's, the job's or the command's; else the built-in one."""
    return _IN_EFFECT.get()


def activate(catalogue: Catalogue) -> Token[Catalogue]:
    """Put ``catalogue`` in effect until ``deactivate(token)`` (a request's before and teardown hooks)."""
    return _IN_EFFECT.set(catalogue)


def deactivate(token: Token[Catalogue]) -> None:
    _IN_EFFECT.reset(token)


@contextmanager
def using(catalogue: Catalogue) -> Iterator[Catalogue]:
    """``catalogue`` in effect inside the block (a job, a command, a parse)."""
    token = _IN_EFFECT.set(catalogue)
    try:
        yield catalogue
    finally:
        _IN_EFFECT.reset(token)


class _InEffect(Sequence[Indicator]):
    """``CATALOGUE``: the indicators of the catalogue in effect, in order."""

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return active().indicators[index]

    def __len__(self) -> int:
        return len(active().indicators)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(active().indicators)

    def __repr__(self) -> str:
        return f"<catalogue in effect: {len(self)} indicators>"


class _ByCodeInEffect(Mapping[str, Indicator]):
    """``BY_CODE``: the catalogue in effect, by code."""

    def __getitem__(self, code: str) -> Indicator:
        return active().by_code[code]

    def __len__(self) -> int:
        return len(active().by_code)

    def __iter__(self) -> Iterator[str]:
        return iter(active().by_code)

    def __contains__(self, code: object) -> bool:
        return code in active().by_code


CATALOGUE: Sequence[Indicator] = _InEffect()
BY_CODE: Mapping[str, Indicator] = _ByCodeInEffect()


def find_indicator(label: object) -> Indicator | None:
    """The indicator a sheet names by code, Chinese name, English name or alias, if any."""
    found = active().lookup.match(label)
    return found[0] if found else None


def indicators_in(category: str) -> list[Indicator]:
    """The catalogue's indicators of one category, in catalogue order."""
    return active().in_category(category)
