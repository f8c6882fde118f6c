"""Paragraphs drafted from the data, as a work report writes them, in Chinese and in English.

"截至2009年9月底，全市基层工会组织数达到2310个，比上年增加125个，增长5.7%。" Staff write such
sentences by hand every year from the numbers the dashboard holds; these functions write them
from the current revision: the level reached (bounds as 以上, approximations as 近, 万/亿 units),
the change on the year and over the congress's term (增加/减少, 增长/下降 %, 个百分点 for rates),
the share of a target and whether it was met or met early. Only reported values are stated:
an illustrative value is never written as a fact, and a change is stated only between reported
values. Every paragraph ends by citing the sources of the numbers it states (``indicators/citations.py``):
each number its own (the report's passage, the file, round and revision that brought it), never
the current revision's file for an older value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from indicators.catalogue import CATALOGUE, CATEGORIES, Indicator
from indicators.citations import Shown, citation_note, series_shown, target_shown
from indicators.default_year import reported_year
from indicators.formatting import is_rate, points_amount, prose_amount, prose_percent, prose_value
from indicators.illustrative import rests_on_illustrative
from indicators.indicator_view import DataIndex, Point, Summary, summarise
from indicators.labels import t
from indicators.progress import first_year_met, target_met
from indicators.stat_year import as_of_phrase, year_end_phrase, year_label
from indicators.store import Revision
from indicators.translation import group_label, partial_sum_of, region_label


@dataclass(frozen=True)
class Sentence:
    """One indicator's sentence: when it stands (said once for a run of sentences) and what."""

    as_of: str
    clauses: tuple[str, ...]
    aside: str = ""  # why it speaks of an earlier year than the one asked for, closing the sentence
    shown: tuple[Shown, ...] = ()  # the numbers it states, which its paragraph cites

    def render(self, lang: str, with_as_of: bool = True) -> str:
        if lang == "en":
            first = f"{self.clauses[0]} {self.as_of}" if with_as_of and self.as_of else self.clauses[0]
            return ", ".join((first, *self.clauses[1:])) + self.aside + "."
        body = "，".join(self.clauses) + self.aside + "。"
        return f"{self.as_of}，{body}" if with_as_of and self.as_of else body


@dataclass(frozen=True)
class Draft:
    """A titled run of paragraphs, ready to copy into a report."""

    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def sources_note(index: DataIndex, sentences: list[Sentence], lang: str = "zh") -> str:
    """Where the numbers stated come from, closing each paragraph: （来源：工作报告第8段；…）."""
    return citation_note([item for sentence in sentences for item in sentence.shown], index.provenance, lang)


def _join(body: str, note: str, lang: str) -> str:
    return f"{body}{' ' if lang == 'en' and note else ''}{note}"


def _reported(point: Point | None) -> Point | None:
    return point if point is not None and not point.illustrative else None


def _as_of(point: Point, indicator: Indicator, basis: str, lang: str) -> str:
    """When the value stands: the note's own words (截至2008年上半年), else the year's end or the year."""
    own = as_of_phrase(point.note, lang)
    if own:
        return own
    if indicator.kind == "annual":
        return t("in_year", lang, year=year_label(point.year, basis, lang))
    return year_end_phrase(point.year, basis, lang)


def _where(indicator: Indicator, region: str, lang: str) -> str:
    if region:
        return t("where_region", lang, region=region_label(region, lang))
    # 全市基层工会组织数, but not 全市市总工会帮扶资金
    return "" if lang != "en" and indicator.name_zh.startswith(("市", "全")) else t("where_city", lang)


def _level(point: Point, indicator: Indicator, region: str, lang: str) -> str:
    partial = None if region else partial_sum_of(point.note)
    if partial is not None:  # a round's sum of only some regions: theirs, never the city's level
        return t("level_partial", lang, name=indicator.name(lang), approved=partial.approved,
                 expected=partial.expected, value=prose_value(point.value, indicator, lang, point.qualifier),
                 regions=t("list_separator", lang).join(region_label(r, lang) for r in partial.regions) or "—")
    key = {"cumulative": "level_cumulative", "annual": "level_annual"}.get(indicator.kind, "level")
    return t(key, lang, where=_where(indicator, region, lang), name=indicator.name(lang),
             value=prose_value(point.value, indicator, lang, point.qualifier))


def change_clause(now: Point, before: Point, indicator: Indicator, base: str, lang: str) -> str | None:
    """增加/减少 (增长/下降 %) or 提高/下降 个百分点 from ``before`` to ``now``; ``None`` when the
    bounds leave the change unknown (an earlier value given only as "at least")."""
    if before.qualifier in (">=", "<=") or now.qualifier == "<=":
        return None
    change = now.value - before.value
    hedge = {">=": "at_least", "~": "about"}.get(now.qualifier) or ("about" if before.qualifier == "~" else "")
    if hedge == "at_least" and change < 0:
        return None  # "at least 90" after 92 says nothing about the direction
    hedge_text = t(f"hedge_{hedge}", lang) if hedge else ""
    if abs(change) < 1e-9:
        return None if hedge else t("change_same", lang, base=base)
    direction = "up" if change > 0 else "down"
    if is_rate(indicator):
        return t(f"points_{direction}", lang, base=base, q=hedge_text, change=points_amount(change))
    amount = prose_amount(abs(change), indicator, lang)
    if hedge or before.value == 0:
        return t(f"change_{direction}_plain", lang, base=base, q=hedge_text, change=amount)
    return t(f"change_{direction}", lang, base=base, change=amount, pct=prose_percent(change / before.value, lang))


def _met_early_in(summary: Summary, goal: float) -> int | None:
    """The year a target was met before its year, shown by reported values alone: a reported value
    below it first (or a running total counted from 0 after the base year), then one meeting it."""
    target, direction = summary.target, summary.indicator.direction
    reported = [(p.year, p.value) for p in summary.points if not p.illustrative]
    base = target.baseline_year
    after = [(y, v) for y, v in reported if base is None or y > base]
    met = first_year_met(after, goal, direction)
    if met is None or met >= target.year:
        return None
    from_zero = summary.indicator.kind == "cumulative" and base is not None and all(y != base for y, _ in reported)
    below_before = any(y < met and not target_met(v, goal, direction) for y, v in reported)
    return met if from_zero or below_before else None


def target_clause(summary: Summary, now: Point, lang: str) -> str | None:
    """The target: met (in its year or early, judged on reported values only), reached, or how
    far: its share for counts, the points still missing for rates."""
    target, ind = summary.target, summary.indicator
    if target is None:
        return None
    basis = summary.year_basis
    goal = prose_value(target.value, ind, lang, target.qualifier)
    year = year_label(target.year, basis, lang)
    if target_met(now.value, target.value, ind.direction):
        met = _met_early_in(summary, target.value)
        if met is not None:
            return t("target_met_early", lang, year=year, target=goal, met=year_label(met, basis, lang))
        key = "target_met" if ind.kind == "cumulative" else "target_reached"
        return t(key, lang, year=year, target=goal)
    if is_rate(ind):
        return t("target_gap_points", lang, year=year, target=goal, gap=points_amount(target.value - now.value))
    if target.value:
        return t("target_share", lang, year=year, target=goal, share=prose_percent(now.value / target.value, lang))
    return None


def _group_points(index: DataIndex, summary: Summary, now: Point) -> list[tuple[str, Point]]:
    """The reported groups of the same year, in the catalogue's order."""
    ind = summary.indicator
    found = []
    for group in ind.groups:
        point = next((p for p in index.points(ind.code, summary.region, group) if p.year == now.year), None)
        if point is not None and not point.illustrative:
            found.append((group, point))
    return found


def _groups_clause(index: DataIndex, summary: Summary, now: Point, lang: str) -> str | None:
    """其中全国2名、省部级19名…: the reported groups of the same year."""
    ind = summary.indicator
    parts = [t("group_part", lang, group=group_label(group, lang), value=prose_value(point.value, ind, lang,
                                                                                      point.qualifier))
             for group, point in _group_points(index, summary, now)]
    return t("groups", lang, parts=t("list_separator", lang).join(parts)) if parts else None


def indicator_sentence(index: DataIndex, summary: Summary, lang: str = "zh") -> Sentence | None:
    """The sentence of one series for the summary's year, or ``None`` if that year's value is
    missing or illustrative (never stated as a fact)."""
    now = _reported(summary.latest)
    if now is None:
        return None
    ind, basis = summary.indicator, summary.year_basis
    clauses = [_level(now, ind, summary.region, lang)]
    stated = [now]  # the points its clauses state, in the series' region and group
    if not summary.region and partial_sum_of(now.note) is not None:
        # Some regions' sum against the whole city's figures (the year before, the term, the target) says
        # nothing about the city; its groups are partial sums too.
        return Sentence(_as_of(now, ind, basis, lang), tuple(clauses),
                        shown=tuple(series_shown(ind.code, summary.region, summary.group, stated)))
    grouped: list[tuple[str, Point]] = []
    groups = _groups_clause(index, summary, now, lang) if ind.groups and not summary.group else None
    if groups:
        clauses.append(groups)
        grouped = _group_points(index, summary, now)
    previous = None if rests_on_illustrative(now, summary.previous) else summary.previous
    if previous is not None:
        if ind.kind == "cumulative":
            flow = change_clause(now, previous, ind, t("base_previous", lang), lang)
            if flow and now.value >= previous.value:
                clauses.append(t("added_in_year", lang, year=year_label(now.year, basis, lang),
                                 change=prose_amount(now.value - previous.value, ind, lang)))
                stated.append(previous)
        else:
            clause = change_clause(now, previous, ind, t("base_previous", lang), lang)
            clauses += [clause] if clause else []
            stated += [previous] if clause else []
    term = None if rests_on_illustrative(now, summary.term_base) else summary.term_base
    if term is not None and ind.kind != "cumulative":
        clause = change_clause(now, term, ind, t("base_term", lang, year=year_label(term.year, basis, lang)), lang)
        clauses += [clause] if clause else []
        stated += [term] if clause else []
    target = target_clause(summary, now, lang)
    if target:
        clauses.append(target)
    shown = [*series_shown(ind.code, summary.region, summary.group, stated),
             *(item for group, point in grouped for item in series_shown(ind.code, summary.region, group, [point])),
             *(target_shown(ind.code, summary.region, summary.group, summary.target, index.provenance)
               if target else [])]
    return Sentence(_as_of(now, ind, basis, lang), tuple(clauses), shown=tuple(shown))


def year_sentence(index: DataIndex, code: str, year: int, region: str = "", lang: str = "zh",
                  year_basis: str = "union") -> Sentence | None:
    """The sentence of one indicator for ``year``; without a reported value that year, the sentence
    of its latest reported year before it, saying so (the year people asked for has no figure to
    state, the earlier one does); ``None`` when nothing up to ``year`` was reported."""
    summary = summarise(index, code, year, region, year_basis=year_basis)
    if summary.latest is not None and summary.latest.year == year:
        sentence = indicator_sentence(index, summary, lang)
        if sentence is not None:
            return sentence
    own = reported_year(index, region, [code], group="", until=year)
    if own is None:
        return None
    sentence = indicator_sentence(index, summarise(index, code, own, region, year_basis=year_basis), lang)
    if sentence is None:
        return None
    illustrative = summary.latest is not None and summary.latest.year == year and summary.latest.illustrative
    key = "draft_earlier_illustrative" if illustrative else "draft_earlier_reported"
    return replace(sentence, aside=t(key, lang, year=year_label(year, year_basis, lang),
                                     own=year_label(own, year_basis, lang)))


def _left_out(summary: Summary, year: int | None, lang: str) -> str:
    label = year_label(year, summary.year_basis, lang) if year is not None else ""
    latest = summary.latest
    if latest is not None and latest.year == year and latest.illustrative:
        return t("draft_illustrative", lang, name=summary.indicator.name(lang), year=label)
    return t("draft_no_data", lang, name=summary.indicator.name(lang), year=label)


def indicator_paragraph(index: DataIndex, code: str, year: int | None = None, region: str = "", lang: str = "zh",
                        revision: Revision | None = None, year_basis: str = "union") -> str:
    """The paragraph of one indicator for ``year`` (the latest if ``None``), citing its numbers' sources."""
    summary = summarise(index, code, year, region, year_basis=year_basis)
    wanted = year if year is not None else (summary.latest.year if summary.latest else None)
    sentence = year_sentence(index, code, wanted, region, lang, year_basis) if wanted is not None else None
    text = sentence.render(lang) if sentence else _left_out(summary, wanted, lang)
    return _join(text, sources_note(index, [sentence] if sentence else [], lang), lang)


def section_paragraph(index: DataIndex, category: str, year: int, region: str = "", lang: str = "zh",
                      revision: Revision | None = None, year_basis: str = "union") -> str:
    """One section's paragraph for ``year``: a sentence per indicator with a reported value that year,
    or of its latest reported year before it (saying so); those with none are counted, not stated."""
    indicators = [ind for ind in CATALOGUE if ind.category == category]
    sentences: list[Sentence] = []
    left = 0
    for ind in indicators:
        sentence = year_sentence(index, ind.code, year, region, lang, year_basis)
        if sentence is None:
            left += 1
        else:
            sentences.append(sentence)
    section = CATEGORIES[category][lang]
    label = year_label(year, year_basis, lang)
    if not sentences:
        body = t("section_nothing", lang, section=section, year=label)
    else:
        said, rendered = None, []
        for sentence in sentences:
            rendered.append(sentence.render(lang, with_as_of=sentence.as_of != said))
            said = sentence.as_of
        body = t("section_lead", lang, section=section) + t("sentence_separator", lang).join(rendered)
        if left:
            key = "section_left_out_one" if left == 1 else "section_left_out"
            body += t("sentence_separator", lang) + t(key, lang, n=left, year=label)
    return _join(body, sources_note(index, sentences, lang), lang)


def year_draft(index: DataIndex, year: int, region: str = "", lang: str = "zh", revision: Revision | None = None,
               year_basis: str = "union", city: str = "") -> Draft:
    """The whole year: a title and one paragraph per section of the report."""
    where = region_label(region, lang) if region else city
    title = t("draft_title", lang, where=where, year=year_label(year, year_basis, lang, long=True))
    paragraphs = tuple(section_paragraph(index, category, year, region, lang, revision, year_basis)
                       for category in CATEGORIES)
    return Draft(title, paragraphs)

