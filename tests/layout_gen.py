"""A generator of office tables, composed from the parts statistics offices use, with the truth known.

Each layout is drawn from a seeded random source: a title or none, a form line (填报单位, a date, the
person who filled it in), a unit line, one or two header rows (a kind row of 实际/规划目标/本年新增 above
the years), every spelling of a year, label and code columns, the figures in their spellings (full
width, thousands separators, dashes for none, rates as fractions formatted as %), hidden rows, a
section heading whose rows belong to a part, footnotes and source lines, whose figures they are (the
city, a district by its form line, its sheet name or its title, regions as rows with a 合计, another
geography by its source line), an example sheet beside the table, and the file kind (.xlsx written by
openpyxl or by XlsxWriter, .csv in UTF-8 or GB18030).

The truth comes only from how the layout was built: what each value is (indicator, year, region) and
which cells must be left out with a reason (a hidden row, a section's row, a column that is not the
stock). ``check`` states the property the reader must hold for every layout: read to exactly its
truth, or refused/asked naming a cell — and in either case nothing read that is not in the truth.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field

import openpyxl
from openpyxl.utils import get_column_letter

from indicators.workbook.context import ReadContext
from indicators.workbook.reader import default_context, read_workbook

# (label, code, unit, kind): stock and rate indicators of the catalogue (running totals have rules
# of their own between years, which a random draw would break on purpose too often to be useful).
INDICATORS = [
    ("基层工会组织数", "grassroots_unions", "个", "count"),
    ("工会会员数", "union_members", "万人", "amount"),
    ("工会组建率", "union_formation_rate", "%", "rate"),
    ("职工入会率", "membership_rate", "%", "rate"),
    ("女职工特殊权益保护专项集体合同", "women_special_contracts", "个", "count"),
    ("集体合同(工资集体协议)签订率", "collective_contract_coverage", "%", "rate"),
]
DISTRICTS = ["甘州区", "城东区", "城西区", "北山县", "南河县"]
_CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))
_FW = dict(zip("0123456789.,", "０１２３４５６７８９．，", strict=True))


def year_spellings(year: int) -> list[object]:
    """How offices head a year's column."""
    return [year, str(year), f"{year}年", f"{year}年度", f"{year}年末", f"{year % 100:02d}年",
            "".join(_CN[d] for d in str(year)) + "年", "".join(_FW[d] for d in str(year)) + "年"]


@dataclass
class Grid:
    """A sheet as cells, before it is written in a file kind."""

    name: str = "表1"
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)

    def append(self, row: list[object]) -> int:
        self.rows.append(list(row))
        return len(self.rows)


@dataclass
class Layout:
    """One generated file and what it holds, known by construction."""

    data: bytes
    kind: str
    parts: dict[str, str]
    truth: dict[tuple[str, int, str], float]
    targets: dict[tuple[str, int, str], float]
    left_out: list[tuple[str | None, str]]  # (sheet, or None in a text file; cell or row) that must be said to be left out
    must_ask: bool = False  # the figures are not the city's nor a district's: asked or refused


@dataclass
class Outcome:
    category: str  # read | refused | asked
    failure: str | None = None


def _value_cell(rng: random.Random, value: float, kind: str, csv_out: bool) -> tuple[object, str | None]:
    """A figure as typed: a number, a number as text (full width, with separators), or a fraction as %."""
    if kind == "rate" and not csv_out and rng.random() < 0.3:
        return round(value / 100, 4), "0.0%"
    roll = rng.random()
    text = f"{value:g}" if kind != "count" else str(int(value))
    if roll < 0.55:
        return (int(value) if kind == "count" else value), None
    if roll < 0.7:
        return text, None
    if roll < 0.8 and kind == "count" and value >= 1000:
        return f"{int(value):,}", None
    if roll < 0.9:
        return "".join(_FW.get(ch, ch) for ch in text), None
    return f" {text} ", None


def _figure(rng: random.Random, kind: str) -> float:
    if kind == "count":
        return float(rng.randint(20, 3000))
    if kind == "amount":
        return round(rng.uniform(0.5, 30), 2)
    return round(rng.uniform(40, 99.5), 1)


def generate(seed: int, *, allow_csv: bool = True) -> Layout:
    """The layout drawn by ``seed``."""
    rng = random.Random(seed)
    parts: dict[str, str] = {}
    fmt = rng.choice(["openpyxl"] * 5 + ["xlsxwriter"] * 2 + (["csv-utf8", "csv-gb18030"] if allow_csv else []))
    csv_out = fmt.startswith("csv")
    parts["file"] = fmt
    family = rng.choices(["wide", "long", "regions-across"], weights=[8, 1, 1])[0]
    if family == "long":
        return _long(rng, fmt, parts)
    if family == "regions-across":
        return _regions_across(rng, fmt, parts)
    whose = rng.choice(["city", "city", "city-form", "district-form", "district-title", "regions-rows",
                        "foreign-source", *([] if csv_out else ["district-sheet"])])
    parts["whose"] = whose
    district = rng.choice(DISTRICTS)
    region = district if whose.startswith("district") else ""
    g = Grid(name=district if whose == "district-sheet" else rng.choice(["表1", "Sheet1", "基层组织"]))
    truth: dict[tuple[str, int, str], float] = {}
    targets: dict[tuple[str, int, str], float] = {}
    left_out: list[tuple[str, str]] = []

    # Title, form line, unit line.
    title = None
    if whose == "district-title":
        title = f"{district}总工会{rng.choice(['2009年', ''])}基层工会基本情况表"
    elif rng.random() < 0.6:
        title = rng.choice(["基层工会基本情况统计表", "2009年度工会组织情况", "xx市总工会统计年报表（一）"])
    if title:
        r = g.append([title])
        if not csv_out and rng.random() < 0.5:
            g.merges.append((r, 1, r, 4))
    parts["title"] = "yes" if title else "no"
    form = None
    if whose == "district-form":
        form = f"填报单位：{rng.choice([district + '总工会', district + '总工会（盖章）', district])}"
    elif whose == "city-form":
        form = f"填报单位：{rng.choice(['xx市总工会', '市总工会'])}"
    if form:
        date = rng.choice(["", "\u3000\u30002010年1月15日", "  2010年1月", "  填报日期：2010-01-15"])
        g.append([form + date])
        parts["form"] = "with date" if date else "plain"
    if rng.random() < 0.3:
        g.append(["单位：个、万人、%"])
        parts["unit line"] = "yes"

    # Columns: the label column (序号, 单位, 代码 beside it) and the years (a kind row above them).
    years = sorted(rng.sample(range(2004, 2011), rng.randint(1, 3)))
    kind_row = rng.choice(["none", "none", "actual+target", "actual+not-stock"])
    if csv_out or whose == "regions-rows":
        kind_row = "none"
    parts["kind row"] = kind_row
    lead = rng.choice([["指标"], ["指标名称"], ["序号", "指标"], ["指标", "单位"], ["指标名称", "计量单位"],
                       ["指标", "指标代码"], ["项目"]])
    if whose == "regions-rows":
        lead = ["地区"]
    parts["lead"] = "|".join(lead)
    spell = rng.randrange(len(year_spellings(2000)))
    headers = [year_spellings(y)[spell] if rng.random() < 0.8 else rng.choice(year_spellings(y)) for y in years]
    extra: list[tuple[str, object]] = []  # (kind, header) after the years
    if kind_row == "actual+target":
        extra = [("target", "2013年")]
    elif kind_row == "actual+not-stock":
        extra = [("not-stock", f"{years[-1]}年")]
    parts["years"] = f"{len(years)} as {type(headers[0]).__name__}"

    indicators = rng.sample(INDICATORS, rng.randint(1, 4))
    if whose == "regions-rows":
        indicators = indicators[:1]
    ncols = len(lead) + len(years) + len(extra)
    if whose == "regions-rows":
        name, _, unit, _ = indicators[0]
        g.append([f"指标：{name}（{unit}）"])
    if kind_row != "none":
        kinds = rng.choice([("实际完成", "规划目标"), ("实际", "目标"), ("完成情况", "计划")]) if kind_row == "actual+target" \
            else rng.choice([("年末数", "本年新增"), ("实际", "比上年增减"), ("完成情况", "同比增长%")])
        top = [*lead, kinds[0], *([None] * (len(years) - 1)), kinds[1]]
        r1 = g.append(top)
        r2 = g.append([None] * len(lead) + headers + [h for _, h in extra])
        for c in range(1, len(lead) + 1):
            g.merges.append((r1, c, r2, c))
        if len(years) > 1:
            g.merges.append((r1, len(lead) + 1, r1, len(lead) + len(years)))
        header_row = r2
    else:
        header_row = g.append([*lead, *headers])
    unit_col = next((i for i, h in enumerate(lead) if h in ("单位", "计量单位")), None)
    code_col = next((i for i, h in enumerate(lead) if h == "指标代码"), None)
    label_col = next(i for i, h in enumerate(lead) if h not in ("序号", "单位", "计量单位", "指标代码"))

    def value_row(label: object, kind: str, code: str, unit: str, row_region: str, number: int,
                  record: bool) -> tuple[int, bool]:
        row: list[object] = [None] * ncols
        row[label_col] = label
        if "序号" in lead:
            row[lead.index("序号")] = number
        if unit_col is not None:
            row[unit_col] = unit
        if code_col is not None:
            row[code_col] = code
        formats = {}
        written = False
        for i, (y, _) in enumerate(zip(years, headers, strict=True)):
            c = len(lead) + i
            if rng.random() < 0.1:
                row[c] = rng.choice([None, "—", "-", ""])
                continue
            value = _figure(rng, kind)
            written = True
            row[c], form_ = _value_cell(rng, value, kind, csv_out)
            if form_:
                formats[c] = form_
            if record:
                truth[(code, y, row_region)] = value
        for j, (what, _) in enumerate(extra):
            c = len(lead) + len(years) + j
            value = _figure(rng, kind)
            row[c] = int(value) if kind == "count" else value
            if record and what == "target":
                targets[(code, 2013, row_region)] = value
        r = g.append(row)
        for c, form_ in formats.items():
            g.formats[(r, c + 1)] = form_
        if record and extra and extra[0][0] == "not-stock":
            left_out.append((g.name, f"{get_column_letter(len(lead) + len(years) + 1)}{header_row}"))
        return r, written

    def label_for(name: str, unit: str) -> str:
        if unit_col is not None or rng.random() < 0.6:
            return name
        return f"{name}（{unit}）" if rng.random() < 0.5 else f"{name}({unit})"

    if whose == "regions-rows":
        name, code, unit, kind = indicators[0]
        chosen = rng.sample(DISTRICTS, rng.randint(1, 4))
        for n, d in enumerate(chosen, start=1):
            value_row(d, kind, code, unit, d, n, True)
        parts["regions"] = str(len(chosen))
        if rng.random() < 0.5 and kind != "rate":  # a rate's total is not the sum of the districts'
            total: list[object] = [None] * ncols
            total[0] = rng.choice(["合计", "全市", "总计"])
            for i, y in enumerate(years):
                got = [truth.get((code, y, d)) for d in chosen]
                if all(v is not None for v in got):
                    s = round(sum(got), 4)
                    total[len(lead) + i] = int(s) if kind == "count" else s
                    truth[(code, y, "")] = s
            g.append(total)
            parts["total row"] = str(total[0])
    else:
        for n, (name, code, unit, kind) in enumerate(indicators, start=1):
            value_row(label_for(name, unit), kind, code, unit, region, n, True)
        if rng.random() < 0.25 and not csv_out:
            name, code, unit, kind = rng.choice(INDICATORS)
            r, written = value_row(label_for(name, unit), kind, code, unit, region, 9, False)
            g.hidden_rows.add(r)
            if written:
                left_out.append((g.name, str(r)))
            parts["hidden row"] = "yes"
        if rng.random() < 0.25:
            g.append([rng.choice(["三、非公有制企业工会", "其中：非公有制企业", "（二）农村"])])
            name, code, unit, kind = rng.choice([i for i in INDICATORS if i[3] == "rate"])
            r, written = value_row(label_for(name, unit), kind, code, unit, region, 10, False)
            if written:
                left_out.append((g.name, f"{get_column_letter(label_col + 1)}{r}"))
            parts["section"] = "yes"
        if rng.random() < 0.15 and kind_row == "none":  # a second table stacked below, with its own years
            g.append([])
            if rng.random() < 0.5:
                g.append([rng.choice(["表2 历年情况", "二、往年数据"])])
            years = sorted(rng.sample([y for y in range(2001, 2011) if y not in years], rng.randint(1, 2)))
            headers = [year_spellings(y)[spell] for y in years]
            ncols = len(lead) + len(years)
            header_row = g.append([*lead, *headers])
            for n, (name, code, unit, kind) in enumerate(rng.sample(INDICATORS, rng.randint(1, 3)), start=1):
                value_row(label_for(name, unit), kind, code, unit, region, n, True)
            parts["blocks"] = "stacked"

    foot = rng.choice([None, "注：本表数据为快报数。", "数据来源：市总工会统计处", "填表人：张三　　审核人：李四",
                       "单位负责人：王五　填表人：赵六　联系电话：0936-1234567"])
    if whose == "foreign-source":
        foot = rng.choice(["数据来源：国家统计局", "数据来源：全国总工会统计年报（全国）", "资料来源：省统计局"])
    if foot:
        if rng.random() < 0.5:
            g.append([])
        g.append([foot])
        parts["footer"] = foot[:4]
    return _write(g, rng, fmt, parts, truth, targets, left_out, whose == "foreign-source", csv_out)


def _long(rng: random.Random, fmt: str, parts: dict) -> Layout:
    """One value per row: 指标 | 年份 | 地区 | 数值 in some order, a region merged down its rows or left empty."""
    csv_out = fmt.startswith("csv")
    parts["whose"] = "long"
    order = rng.sample(["指标", "年份", "地区", "数值"], 4)
    names = {"指标": rng.choice(["指标", "指标名称"]), "年份": rng.choice(["年份", "年度"]),
             "地区": rng.choice(["地区", "单位", "县区"]), "数值": rng.choice(["数值", "值", "数据"])}
    if names["地区"] == "单位" and rng.random() < 0.5:
        names["地区"] = "地区"  # 单位 also means a unit of measure: both spellings are drawn
    g = Grid(name=rng.choice(["数据", "Sheet1"]))
    if rng.random() < 0.4:
        g.append([rng.choice(["各县区工会组织情况", "基层工会统计（长表）"])])
    g.append([names[k] for k in order])
    truth: dict[tuple[str, int, str], float] = {}
    regions = rng.sample(["", *DISTRICTS], rng.randint(1, 3))
    parts["regions"] = f"{len(regions)}{' with the city' if '' in regions else ''}"
    merge = not csv_out and rng.random() < 0.4 and order.index("地区") == 0
    for region in regions:
        first = len(g.rows) + 1
        for name, code, _unit, kind in rng.sample(INDICATORS, rng.randint(1, 3)):
            for year in sorted(rng.sample(range(2004, 2011), rng.randint(1, 2))):
                value = _figure(rng, kind)
                cells = {"指标": name, "年份": rng.choice(year_spellings(year)[:4]), "地区": region or "全市",
                         "数值": int(value) if kind == "count" else value}
                g.append([cells[k] for k in order])
                truth[(code, year, region)] = value
        last = len(g.rows)
        if merge and last > first:
            c = order.index("地区") + 1
            for r in range(first + 1, last + 1):
                g.rows[r - 1][c - 1] = None
            g.merges.append((first, c, last, c))
            parts["merged"] = "region"
    return _write(g, rng, fmt, parts, truth, {}, [], False, csv_out)


def _regions_across(rng: random.Random, fmt: str, parts: dict) -> Layout:
    """The commonest 县区 汇总: indicators down, regions across, the year in the title."""
    csv_out = fmt.startswith("csv")
    parts["whose"] = "regions-across"
    year = rng.randint(2004, 2010)
    g = Grid(name=rng.choice(["县区汇总", "Sheet1"]))
    g.append([rng.choice([f"{year}年各县区工会组织情况", f"{year}年度县区汇总表"])])
    chosen = rng.sample(DISTRICTS, rng.randint(2, 5))
    total = rng.random() < 0.4
    g.append([rng.choice(["指标", "项目"]), *chosen, *(["合计"] if total else [])])
    truth: dict[tuple[str, int, str], float] = {}
    for name, code, _unit, kind in rng.sample(INDICATORS, rng.randint(1, 3)):
        values = [_figure(rng, kind) for _ in chosen]
        row: list[object] = [name, *[int(v) if kind == "count" else v for v in values]]
        truth.update({(code, year, d): v for d, v in zip(chosen, values, strict=True)})
        if total:
            row.append(None if kind == "rate" else round(sum(values), 4))
            if kind != "rate":
                truth[(code, year, "")] = round(sum(values), 4)
        g.append(row)
    return _write(g, rng, fmt, parts, truth, {}, [], False, csv_out)


def _write(g: Grid, rng: random.Random, fmt: str, parts: dict, truth: dict, targets: dict, left_out: list,
           must_ask: bool, csv_out: bool) -> Layout:
    example = not csv_out and rng.random() < 0.2
    if example:
        parts["example sheet"] = "yes"
    if fmt == "openpyxl":
        data = _openpyxl(g, example)
    elif fmt == "xlsxwriter":
        data = _xlsxwriter(g, example)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        for row in g.rows:
            writer.writerow(["" if v is None else v for v in row])
        data = text.getvalue().encode("utf-8-sig" if fmt == "csv-utf8" else "gb18030")
    kind = "csv" if csv_out else "xlsx"
    if csv_out:  # a text file has no sheet names: its one table is named after the file
        left_out = [(None, cell) for _, cell in left_out]
    return Layout(data, kind, parts, truth, targets, left_out, must_ask)


EXAMPLE = [["填报说明"], ["1. 本表由各县区总工会填报，数据截至每年9月30日。"], ["2. 填报示例："],
           ["指标", "2009年"], ["基层工会组织数", 120], ["工会会员数", 1.5]]


def _openpyxl(g: Grid, example: bool) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = g.name
    for row in g.rows:
        ws.append(row)
    for r0, c0, r1, c1 in g.merges:
        ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    for r in g.hidden_rows:
        ws.row_dimensions[r].hidden = True
    for (r, c), form in g.formats.items():
        ws.cell(r, c).number_format = form
    if example:
        ex = wb.create_sheet(random.Random(len(g.rows)).choice(["填报说明", "填表须知"]))
        for row in EXAMPLE:
            ex.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsxwriter(g: Grid, example: bool) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet(g.name)
    formats = {}
    merged = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in g.merges}
    covered = {(r, c) for r0, c0, r1, c1 in g.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(g.rows, start=1):
        for c, value in enumerate(row, start=1):
            if (r, c) in merged:
                r1, c1 = merged[(r, c)]
                ws.merge_range(r - 1, c - 1, r1 - 1, c1 - 1, value)
                continue
            if (r, c) in covered or value is None:
                continue
            form = g.formats.get((r, c))
            if form and form not in formats:
                formats[form] = wb.add_format({"num_format": form})
            ws.write(r - 1, c - 1, value, formats.get(form)) if form else ws.write(r - 1, c - 1, value)
        if r in g.hidden_rows:
            ws.set_row(r - 1, None, None, {"hidden": True})
    if example:
        ex = wb.add_worksheet("填报说明")
        for r, row in enumerate(EXAMPLE):
            ex.write_row(r, 0, row)
    wb.close()
    return out.getvalue()


def context() -> ReadContext:
    """The reader's context for generated files: the built-in regions, a fixed today."""
    import datetime as dt

    return default_context(None, today=dt.date(2011, 3, 1))


def check(layout: Layout) -> Outcome:
    """The property: read to exactly the truth, or refused/asked naming a cell; never anything else."""
    parsed = read_workbook(layout.data, context=context())
    got = {(r.code, int(r.year), r.region): float(r.value) for r in parsed.observations.itertuples()}
    got_targets = {(r.code, int(r.year), r.region): float(r.value) for r in parsed.targets.itertuples()}
    stops = [p for p in parsed.problems if p.severity in ("error", "question")]
    if any(p.rule.startswith("ask_region") for p in stops):  # the region waits for the answer: compare the rest
        truth: dict[tuple[str, int], list[float]] = {}
        for (c, y, _), v in layout.truth.items():
            truth.setdefault((c, y), []).append(v)
        wrong = {(c, y): v for (c, y, _), v in got.items()
                 if not any(abs(t - v) <= 1e-6 for t in truth.get((c, y), []))}
        if wrong:
            return Outcome("misread", f"read but not so (region asked): {sorted(wrong.items())[:4]}")
        return Outcome("asked")
    wrong = {k: v for k, v in got.items() if k not in layout.truth or abs(layout.truth[k] - v) > 1e-6}
    if wrong:
        return Outcome("misread", f"read but not so: {sorted(wrong.items())[:4]}; stops {_rules(stops)}")
    wrong_t = {k: v for k, v in got_targets.items() if k not in layout.targets or abs(layout.targets[k] - v) > 1e-6}
    if wrong_t:
        return Outcome("misread", f"targets read but not so: {sorted(wrong_t.items())[:4]}")
    if any(p.severity == "error" for p in stops):  # refused: nothing publishes; the reason must name a cell
        if not any(p.cell for p in parsed.problems) and not any(n.cell for s in parsed.reading.sheets for n in s.notes):
            return Outcome("misread", f"refused without naming a cell: {_rules(stops)}")
        return Outcome("refused")
    if stops:
        unnamed = [p for p in stops if not p.cell]
        if unnamed:
            return Outcome("misread", f"asked without naming a cell: {_rules(unnamed)}")
        return Outcome("asked")
    if layout.must_ask:
        return Outcome("misread", f"another geography's figures read without a question: {sorted(got)[:3]}")
    if got.keys() != layout.truth.keys():
        missing = sorted(set(layout.truth) - set(got))[:4]
        return Outcome("misread", f"left out without a stop: {missing}; warnings {_rules(parsed.problems)}")
    if got_targets.keys() != layout.targets.keys():
        return Outcome("misread", f"targets left out: {sorted(set(layout.targets) - set(got_targets))[:4]}")
    said = {(p.sheet, _row(p.cell)) for p in parsed.problems}
    said |= {(s.sheet, _row(n.cell)) for s in parsed.reading.sheets for n in s.notes if n.kind.startswith("left_out")}
    said |= {(s.sheet, n.cell) for s in parsed.reading.sheets for n in s.notes if n.kind.startswith("left_out")}
    said |= {(None, cell) for _, cell in said}
    unsaid = [where for where in layout.left_out if (where[0], _row(where[1])) not in said and where not in said]
    if unsaid:
        return Outcome("misread", f"left out without a word: {unsaid}")
    return Outcome("read")


def _row(cell: str) -> str:
    """The row of a cell (``B8`` → ``8``); a row number stays itself, a column letter becomes ``""``."""
    return "".join(ch for ch in cell or "" if ch.isdigit())


def _rules(problems) -> list[tuple[str, str]]:
    return [(p.rule, p.cell) for p in problems][:5]


def run(seeds: range) -> tuple[dict[str, int], dict[str, dict[str, int]], list[tuple[int, dict, str]]]:
    """Check every seed: counts by outcome, counts by layout part and outcome, and every misread."""
    counts: dict[str, int] = {}
    by_part: dict[str, dict[str, int]] = {}
    misread: list[tuple[int, dict, str]] = []
    for seed in seeds:
        layout = generate(seed)
        outcome = check(layout)
        counts[outcome.category] = counts.get(outcome.category, 0) + 1
        for part, value in layout.parts.items():
            key = f"{part}={value}"
            by_part.setdefault(key, {})
            by_part[key][outcome.category] = by_part[key].get(outcome.category, 0) + 1
        if outcome.category == "misread":
            misread.append((seed, layout.parts, outcome.failure or ""))
    return counts, by_part, misread


if __name__ == "__main__":  # python tests/layout_gen.py 50000 [first seed]: the closing note's long run
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    counts, by_part, misread = run(range(first, first + count))
    print(f"{count} layouts from seed {first}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for key in sorted(by_part):
        print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in sorted(by_part[key].items())))
    for seed, parts, failure in misread[:50]:
        print("MISREAD", seed, parts, failure)
    sys.exit(1 if misread else 0)
