"""Whose figures a sheet holds: the 填报单位 line, the title, the sheet name, or an answer.

A form's header line often holds several fields in one cell (``填报单位：甘州区总工会（盖章）
填报人：张三 电话：…``); a paper form adds （盖章）; the name may be written in full (张掖市甘州区
总工会). The evidence is weighed, not picked: a 填报单位 line or a sheet named after a region is
taken (and said), a region named only in the title is asked about, and two that disagree are
asked about too. An unknown name is never stored as a new region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indicators.problems import Problem
from indicators.region_names import RegionDirectory, RegionMatch, fold_name
from indicators.workbook.container import column_letter
from indicators.workbook.form_lines import LABEL, SOURCE_LABELS, fields_in
from indicators.workbook.grid import SheetGrid, shown

FORM_LABELS = {"表号", "formid"}  # a form's own number (a round's template carries its round's)
_REPORTING = {"填报单位", "报送单位", "单位名称", "填表单位", "reportingunit"}
_MEASURE = {"计量单位", "单位", "unit"}
# Another geography than the city and its regions: the country, a province, "each province".
_NATIONAL = re.compile(r"国家统计局|中华全国总工会|全国|中国|中华人民共和国|分省|各省|各地区|national|china", re.IGNORECASE)
_PROVINCE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:省|自治区)|(?:^|[：:（(\s])省(?:统计局|总工会|政府|级|直)")


@dataclass(frozen=True)
class Line:
    """One labelled field of a line above or below a table: 填报单位, 单位, 指标 …"""

    label: str
    value: str
    cell: str
    shown: str


@dataclass
class SheetLines:
    title: tuple[str, str] | None = None  # (cell, text)
    fields: list[Line] = field(default_factory=list)

    def get(self, labels: set[str]) -> list[Line]:
        return [line for line in self.fields if line.label in labels]


def read_lines(grid: SheetGrid, above: list[int], below: list[int] = ()) -> SheetLines:  # type: ignore[assignment]
    """The labelled fields in the rows above and below the table, and the title (above only)."""
    lines = SheetLines()
    for r in [*above, *below]:
        cells = [(c, grid.seen(r, c)) for c in range(grid.width)]
        cells = [(c, v) for c, v in cells if isinstance(v, str) and v.strip()]
        labelled = False
        for i, (c, text) in enumerate(cells):
            found = fields_in(text)
            if not found:
                continue
            labelled = True
            for j, (label, value) in enumerate(found):
                if not value and j == len(found) - 1 and i + 1 < len(cells) and not LABEL.search(cells[i + 1][1]):
                    value = cells[i + 1][1].strip()  # 填报单位： | 甘州区总工会 in the next cell
                lines.fields.append(Line(label, value, f"{column_letter(c)}{r + 1}", shown(text)))
        if not labelled and lines.title is None and len(cells) == 1 and r in above:
            c, text = cells[0]
            lines.title = (f"{column_letter(c)}{r + 1}", text.strip())
    return lines


@dataclass
class RegionDecision:
    """The sheet's region ("" the city), where it came from, or the question to ask instead."""

    region: str | None
    source: str  # answer | option | reporting | sheet | title | none
    cell: str = ""
    shown: str = ""
    question: Problem | None = None


def _question(rule: str, sheet: str, cell: str, found: str, suggestion: str = "", **params: object) -> Problem:
    return Problem(rule, sheet, cell, found, severity="question",
                   params={"id": f"region@{sheet}", "suggestion": suggestion, **params})


def decide_region(sheet: str, lines: SheetLines, directory: RegionDirectory, answers: dict[str, str],
                  default_region: str | None, fallback_region: str | None = None) -> RegionDecision:
    """Weigh what the sheet says about its region; ask when it is weak or contradictory.

    ``fallback_region`` (a round submission's region) is taken when the sheet says nothing, or
    names only that region in its title; never over a 填报单位 line or a sheet name.
    """
    key = f"region@{sheet}"
    if key in answers:
        return RegionDecision(answers[key], "answer")
    if default_region is not None:
        return RegionDecision(default_region, "option")
    strong: list[tuple[RegionMatch, str, str, str]] = []  # (match, source, cell, shown)
    for line in lines.get(_REPORTING):
        if not line.value:
            continue
        match = directory.match(line.value)
        if match.kind == "unknown":
            return RegionDecision(None, "reporting", line.cell, line.shown, _question(
                "ask_region_unknown", sheet, line.cell, line.value, match.suggestion, name=match.text))
        if match.kind in ("city", "region"):
            strong.append((match, "reporting", line.cell, line.shown))
    by_name = directory.match(sheet)
    if by_name.kind == "region" and by_name.how in ("exact", "alias", "suffix"):
        strong.append((by_name, "sheet", "", sheet))
    title_hits = directory.find_in(lines.title[1]) if lines.title else []
    if len({m.region for m, *_ in strong}) > 1:
        first, second = strong[0], strong[1]
        return RegionDecision(None, "conflict", first[2], first[3], _question(
            "ask_region_conflict", sheet, first[2], first[3], first[0].region,
            first=_name(first[0]), second=_name(second[0]), other=second[2] or second[3]))
    if strong:
        chosen, source, cell, text = strong[0]
        disagreeing = [h for h in title_hits if h.kind in ("region", "unknown") and h.region != chosen.region]
        if disagreeing and lines.title:
            return RegionDecision(None, "conflict", cell, text, _question(
                "ask_region_conflict", sheet, cell, text, chosen.region, first=_name(chosen),
                second=disagreeing[0].region or disagreeing[0].text, other=lines.title[0]))
        return RegionDecision(chosen.region, source, cell, text)
    if not strong:
        foreign = _foreign_geography(lines, directory)
        if foreign is not None:
            cell, text = foreign
            return RegionDecision(None, "foreign", cell, text, _question(
                "ask_region_foreign", sheet, cell, text, "", line=text[:60]))
    if lines.title and title_hits:
        cell, text = lines.title
        regions = [h for h in title_hits if h.kind != "city"]
        if not regions:
            return RegionDecision("", "title", cell, text)
        hit = regions[0]
        if fallback_region is not None and len(regions) == 1 and hit.kind == "region" \
                and hit.region == fallback_region:
            return RegionDecision(hit.region, "title", cell, text)
        if len(regions) > 1:
            return RegionDecision(None, "title", cell, text, _question(
                "ask_region_several", sheet, cell, text, "", names="、".join(h.region or h.text for h in regions)))
        if hit.kind == "unknown":
            return RegionDecision(None, "title", cell, text, _question(
                "ask_region_unknown", sheet, cell, text, hit.suggestion, name=hit.text))
        return RegionDecision(None, "title", cell, text, _question(
            "ask_region_title", sheet, cell, text, hit.region, name=hit.region))
    if fallback_region is not None:
        return RegionDecision(fallback_region, "submission")
    return RegionDecision("", "none")


def _foreign_geography(lines: SheetLines, directory: RegionDirectory) -> tuple[str, str] | None:
    """The title or line (数据来源：国家统计局, 地区：全国, 湖北省…) naming another geography than the city."""
    texts = [lines.title] if lines.title else []
    texts += [(line.cell, f"{line.label}：{line.value}") for line in lines.fields
              if line.label in SOURCE_LABELS | {"地区", "数据库"} and line.value]
    for cell, text in texts:
        if _NATIONAL.search(text):
            return cell, text
        if _PROVINCE.search(text) and not directory.find_in(text):
            return cell, text  # a province, and neither the city nor one of its regions beside it
    return None


def _name(match: RegionMatch) -> str:
    return match.region or "全市"


def answer_key_for_name(name: str) -> str:
    """The answer key for an unknown name in a region column (one answer serves every row)."""
    return f"name@{fold_name(name)}"
