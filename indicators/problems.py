"""Problems found in a workbook: data, not prints, each naming the sheet, the cell and the value.

Every problem carries a rule id and its parameters; the text is made in the reader's language
when it is shown, so one validation run serves Chinese and English readers alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# Rule id -> (Chinese, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # The container, checked before any parser runs.
    "file_empty": ("文件是空的（0 字节）。", "The file is empty (0 bytes)."),
    "file_too_large": (
        "文件大小 {size} 超过上限 {limit}。",
        "The file is {size}, over the limit of {limit}.",
    ),
    "not_xlsx": (
        "这不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中“另存为 Excel 工作簿(*.xlsx)”后再上传。",
        "This is not an Excel workbook (.xlsx). Save it as “Excel Workbook (*.xlsx)” and try again.",
    ),
    "legacy_xls": (
        "这是旧版 .xls 文件。请在 Excel 或 WPS 中“另存为 Excel 工作簿(*.xlsx)”后再上传。",
        "This is an old .xls file. Save it as “Excel Workbook (*.xlsx)” and try again.",
    ),
    "zip_broken": ("文件已损坏，无法打开：{detail}", "The file is damaged and cannot be opened: {detail}"),
    "zip_too_many_entries": (
        "工作簿内部包含 {count} 个部件，超过上限 {limit}。",
        "The workbook holds {count} parts, over the limit of {limit}.",
    ),
    "zip_entry_too_large": (
        "工作簿部件 {entry} 解压后超过 {limit}，已拒绝（疑似压缩炸弹）。",
        "The workbook part {entry} expands beyond {limit}; refused (a possible zip bomb).",
    ),
    "zip_ratio": (
        "工作簿部件 {entry} 的压缩比 {ratio}:1 异常，已拒绝（疑似压缩炸弹）。",
        "The workbook part {entry} has a compression ratio of {ratio}:1; refused (a possible zip bomb).",
    ),
    "zip_total_too_large": (
        "工作簿解压后总大小超过 {limit}，已拒绝。",
        "The workbook expands beyond {limit} in total; refused.",
    ),
    "zip_bad_name": ("工作簿含有非法部件名 {entry}。", "The workbook has an unsafe part name {entry}."),
    "macro": (
        "工作簿含有宏（{entry}），出于安全考虑不予接受。请另存为不含宏的 .xlsx 文件。",
        "The workbook contains macros ({entry}); refused for safety. Save it as a macro-free .xlsx file.",
    ),
    "external_link": (
        "工作簿含有外部链接（{entry}），不予接受。请在 Excel 中“编辑链接→断开链接”后再上传。",
        "The workbook links to other files ({entry}); refused. Break the links in Excel and try again.",
    ),
    "data_connection": (
        "工作簿含有外部数据连接（{entry}），不予接受。",
        "The workbook holds an external data connection ({entry}); refused.",
    ),
    "xml_entity": (
        "工作簿部件 {entry} 含有 XML 实体声明（DOCTYPE/ENTITY），出于安全考虑不予接受。",
        "The workbook part {entry} declares XML entities (DOCTYPE/ENTITY); refused for safety.",
    ),
    "extent_too_large": (
        "工作表的单元格 {cell} 超出允许范围（最多 {max_rows} 行、{max_cols} 列）。",
        "Cell {cell} lies beyond the allowed extent ({max_rows} rows, {max_cols} columns).",
    ),
    "too_many_rows": (
        "工作表的第 {row} 行超出允许范围（最多 {max_rows} 行）。",
        "Row {row} lies beyond the allowed extent ({max_rows} rows).",
    ),
    "parse_failed": (
        "工作簿无法读取：{detail}",
        "The workbook cannot be read: {detail}",
    ),
    "parse_memory": (
        "读取工作簿超出内存限制，已中止。文件可能已损坏或含有异常内容。",
        "Reading the workbook went over the memory limit and was stopped. The file may be damaged.",
    ),
    "parse_time": (
        "读取工作簿超出时间限制，已中止。文件可能已损坏或含有异常内容。",
        "Reading the workbook went over the time limit and was stopped. The file may be damaged.",
    ),
    # Layout.
    "no_data_sheet": (
        "没有找到数据表。需要一个含“指标、年份、数值”表头的长表，或以年份为列的宽表。",
        "No data sheet found. A long sheet with indicator, year and value columns, or a wide "
        "table with years as columns, is expected.",
    ),
    "sheet_not_understood": (
        "工作表“{sheet}”没有可识别的表头，已忽略。",
        "Sheet “{sheet}” has no header that could be recognised; it was ignored.",
    ),
    "missing_column": (
        "表头缺少“{column}”列。",
        "The header lacks a “{column}” column.",
    ),
    # Cells.
    "unknown_indicator": (
        "未知指标“{value}”：请使用指标目录中的代码或中文名称。",
        "Unknown indicator “{value}”: use a code or Chinese name from the indicator list.",
    ),
    "unknown_group": (
        "指标“{indicator}”没有分组“{value}”（已知分组：{expected}）。",
        "Indicator “{indicator}” has no group “{value}” (known groups: {expected}).",
    ),
    "not_a_number": (
        "“{value}”不是数字：应填写数值，如 2185 或 76%。",
        "“{value}” is not a number: a value such as 2185 or 76% is expected.",
    ),
    "value_missing": ("数值为空。", "The value is empty."),
    "bad_year": (
        "年份“{value}”无法识别：应为 {low}–{high} 之间的年份，如 2009 或 2009年。",
        "Year “{value}” is not understood: a year from {low} to {high}, such as 2009, is expected.",
    ),
    "year_out_of_range": (
        "年份 {value} 超出范围：应在 {low}–{high} 之间。",
        "Year {value} is out of range: {low} to {high} is expected.",
    ),
    "duplicate": (
        "与 {other} 重复：同一指标、年份、地区、分组只能填一个值。",
        "Duplicates {other}: one value per indicator, year, region and group.",
    ),
    "rate_over_100": (
        "比率 {value}% 超过 100%。",
        "The rate {value}% is over 100%.",
    ),
    "negative": (
        "数值 {value} 为负数：该指标不能小于 0。",
        "The value {value} is negative: this indicator cannot be below 0.",
    ),
    "cumulative_decrease": (
        "累计值 {value} 小于 {previous_year} 年的 {previous}：累计数不会下降。",
        "The running total {value} is below {previous} in {previous_year}: a running total "
        "cannot go down.",
    ),
    "cumulative_above_later": (
        "累计值 {value} 大于已有的 {following_year} 年数值 {following}：累计数不会下降。",
        "The running total {value} is above the stored {following} of {following_year}: a running "
        "total cannot go down.",
    ),
    "unit_mismatch": (
        "单位“{value}”与指标单位“{expected}”不符，且无法换算。",
        "The unit “{value}” does not match the indicator's unit “{expected}” and cannot be converted.",
    ),
    "bad_qualifier": (
        "“{value}”不是有效的限定：应为空、“以上”、“以下”或“约”。",
        "“{value}” is not a valid qualifier: empty, “以上” (at least), “以下” (at most) or “约” "
        "(approximately) is expected.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a workbook. ``cell`` is as Excel shows it (``D7``), or empty."""

    rule: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    severity: Severity = "error"
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def where(self) -> str:
        """Sheet and cell as Excel writes a reference, e.g. ``数据!D7``."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES[self.rule]
        template = en if lang == "en" else zh
        return template.format(value=self.value, **{k: v for k, v in self.params.items()})

    def as_dict(self, lang: str = "zh") -> dict[str, str]:
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "where": self.where,
            "value": self.value,
            "message": self.message(lang),
            "rule": self.rule,
        }


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that refuse a file (warnings are shown but do not refuse)."""
    return [p for p in problems if p.severity == "error"]


def format_problems(problems: list[Problem], lang: str = "zh") -> str:
    """Plain-text listing, one problem a line, for the command line."""
    lines = []
    for p in problems:
        tag = ("警告" if lang != "en" else "warning") if p.severity == "warning" else (
            "错误" if lang != "en" else "error"
        )
        where = f"{p.where}: " if p.where else ""
        lines.append(f"[{tag}] {where}{p.message(lang)}")
    return "\n".join(lines)


def human_size(n: int) -> str:
    """Bytes as a person reads them (1.5 MB)."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
