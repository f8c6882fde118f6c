"""Recognising what a sheet is: its header row, what each column holds, regions and units.

Headers may be in Chinese or English; the names below are what union offices actually type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indicators.cell_values import normalise_text, parse_year, plain_text
from indicators.safety import column_letter

# Field -> header labels (compared after folding case, width and spaces).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "indicator": ("指标代码", "代码", "指标", "指标名称", "名称", "项目", "指标项目", "code",
                  "indicator", "indicatorcode", "indicatorname", "item"),
    "year": ("年份", "年度", "年", "统计年度", "year"),
    "region": ("地区", "区域", "县区", "县(区)", "地区名称", "region", "district", "area"),
    "group": ("分组", "分类", "类别", "级别", "分项", "group", "breakdown", "level"),
    "value": ("数值", "值", "数据", "实际值", "实绩", "完成值", "数量", "value", "actual"),
    "target": ("目标值", "目标", "目标数", "target", "targetvalue"),
    "target_year": ("目标年份", "目标年", "targetyear"),
    "baseline_year": ("基期年份", "基期", "基准年", "baselineyear", "baseline"),
    "qualifier": ("限定", "数值限定", "限定词", "qualifier", "bound"),
    "note": ("说明", "备注", "注释", "note", "notes", "remark", "remarks"),
    "source": ("来源", "数据来源", "source"),
    "unit": ("单位", "计量单位", "unit", "units"),
}

_FIELD_BY_LABEL: dict[str, str] = {
    re.sub(r"\s+", "", label).lower(): name
    for name, labels in FIELD_LABELS.items()
    for label in labels
}

# Sheets that explain the workbook rather than hold data; read past them silently.
EXPLANATORY_SHEETS = {
    "说明", "填表说明", "使用说明", "指标目录", "指标列表", "指标清单", "地区列表", "列表",
    "instructions", "readme", "indicators", "indicatorlist", "regions", "lists",
}
# The problem list our marked workbook adds ("问题清单", "问题清单 (2)", "Problems"): sent back with it.
PROBLEM_LIST_PREFIXES = ("问题清单", "problems")

CITY_TOTAL_WORDS = {"", "全市", "合计", "总计", "全市合计", "全市总计", "市合计", "city", "total",
                    "citytotal", "wholecity", "all"}

FOOTNOTE = re.compile(r"^(注|附注|说明|备注|填表说明|填报人|审核人|负责人|单位负责人|填报日期|制表|"
                      r"note|notes|source)\s*[:：0-9一-九、.]?", re.IGNORECASE)
SUBROW_PREFIX = re.compile(r"^[\s\u3000]*(其中|含|包括|内)?\s*[:：]?\s*[-—–·•]*\s*")
_TARGET_HEADER = re.compile(r"^(\d{4})\s*年?\s*(目标值?|target)$", re.IGNORECASE)
_REPORTING_UNIT = re.compile(r"(填报单位|报送单位|单位名称|reportingunit)\s*[:：]\s*(\S+)", re.IGNORECASE)
_MEASURE_UNIT = re.compile(r"(?<!填报)(?<!报送)(计量单位|单位|unit)\s*[:：]\s*([^\s,，;；]+)", re.IGNORECASE)

# (unit found, indicator's unit) -> factor to multiply by.
UNIT_FACTORS: dict[tuple[str, str], float] = {
    ("人", "万人"): 1e-4,
    ("万人", "人"): 1e4,
    ("人次", "万人次"): 1e-4,
    ("万人次", "人次"): 1e4,
    ("元", "万元"): 1e-4,
    ("万元", "元"): 1e4,
    ("亿元", "万元"): 1e4,
    ("千元", "万元"): 0.1,
    ("家", "个"): 1.0,
    ("户", "个"): 1.0,
    ("个", "户"): 1.0,
    ("家", "户"): 1.0,
    ("人", "名"): 1.0,
    ("名", "人"): 1.0,
    ("位", "名"): 1.0,
    ("件", "条"): 1.0,
    ("项", "条"): 1.0,
}


def fold(text: object) -> str:
    return re.sub(r"\s+", "", normalise_text(text)).lower()


def field_of(label: object) -> str | None:
    """Which field a header cell names, if any."""
    return _FIELD_BY_LABEL.get(fold(label))


def unit_factor(found: str, expected: str) -> float | None:
    """Factor turning a value in ``found`` units into ``expected`` units; ``None`` if unknown."""
    found, expected = fold(found), fold(expected)
    if not found or found == expected:
        return 1.0
    return UNIT_FACTORS.get((found, expected))


def region_key(value: object, city: str = "") -> str:
    """The stored region: empty for the whole city, else the region's name as written."""
    text = plain_text(value)
    folded = fold(text)
    if folded in CITY_TOTAL_WORDS or (city and folded == fold(city)):
        return ""
    return text


def region_from_reporting_unit(unit: str, city: str = "") -> str:
    """``甘州区总工会`` -> ``甘州区``; the city federation itself -> the whole city."""
    name = re.sub(r"(总工会|工会委员会|工会)$", "", normalise_text(unit))
    if not name or (city and fold(name) == fold(city)) or name.endswith("市"):
        return ""
    return name


@dataclass
class LongHeader:
    row: int  # 0-based
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def is_targets(self) -> bool:
        return "target" in self.columns and "value" not in self.columns


@dataclass
class WideHeader:
    row: int
    label_col: int
    year_cols: dict[int, int]  # column -> year
    target_cols: dict[int, int]  # column -> target year
    columns: dict[str, int] = field(default_factory=dict)  # unit, region, group, note, source
    reporting_unit: str = ""
    table_unit: str = ""
    table_unit_cell: str = ""


def find_long_header(rows: list[list], scan: int = 30) -> LongHeader | None:
    """The first row naming an indicator column and a value (or target) column."""
    for r, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        for c, cell in enumerate(row):
            name = field_of(cell)
            if name == "indicator" and "indicator" in columns:
                name = "indicator_alt"
            if name and name not in columns:
                columns[name] = c
        if "indicator" not in columns:
            continue
        if "value" in columns and "year" in columns:
            return LongHeader(r, columns)
        if "target" in columns and ("year" in columns or "target_year" in columns):
            if "target_year" not in columns:
                columns["target_year"] = columns.pop("year")
            return LongHeader(r, columns)
    return None


def _year_header(cell: object, low: int, high: int) -> int | None:
    if isinstance(cell, str) or isinstance(cell, (int, float)):
        year = parse_year(cell)
        if year is not None and low <= year <= high:
            return year
    return None


def find_wide_header(rows: list[list], low: int, high: int, scan: int = 30) -> WideHeader | None:
    """The first row whose cells name years (``2008``, ``2008年``), with a label column left of them."""
    for r, row in enumerate(rows[:scan]):
        year_cols: dict[int, int] = {}
        target_cols: dict[int, int] = {}
        columns: dict[str, int] = {}
        for c, cell in enumerate(row):
            year = _year_header(cell, low, high)
            if year is not None:
                year_cols[c] = year
                continue
            match = _TARGET_HEADER.match(fold(cell))
            if match:
                target_cols[c] = int(match.group(1))
                continue
            name = field_of(cell)
            if name and name not in columns:
                columns[name] = c
        if not year_cols and not target_cols:
            continue
        first_value_col = min([*year_cols, *target_cols])
        label_col = columns.pop("indicator", None)
        if label_col is None:
            label_col = _first_text_column(rows[r + 1:], first_value_col)
        if label_col is None or label_col >= first_value_col:
            continue
        header = WideHeader(r, label_col, year_cols, target_cols, columns)
        _read_lines_above(rows[:r], header)
        return header
    return None


def _first_text_column(rows: list[list], before: int) -> int | None:
    for c in range(before):
        if any(isinstance(row[c], str) and row[c].strip() for row in rows[:50] if c < len(row)):
            return c
    return None


def _read_lines_above(rows: list[list], header: WideHeader) -> None:
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            text = normalise_text(cell)
            if not text:
                continue
            match = _REPORTING_UNIT.search(text)
            if match:
                header.reporting_unit = match.group(2)
            match = _MEASURE_UNIT.search(text)
            if match:
                header.table_unit = match.group(2)
                header.table_unit_cell = f"{column_letter(c)}{r + 1}"
