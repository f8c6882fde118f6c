"""Problems found in a workbook: data, not prints, each naming the sheet, the cell and the value.

Every problem carries a rule id and its parameters; the text is made in the reader's language
when it is shown, so one validation run serves Chinese and English readers alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from indicators.problems_collect import COLLECT_MESSAGES, COLLECT_READING

Severity = Literal["error", "warning", "question"]

# Rule id -> (Chinese, English). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # What the store's columns hold (indicators/store_limits.py): refused in the check, on both engines.
    "too_long": (
        "{sheet}!{cell} 这个数值所在行的{field_zh}有 {length} 个字符，超过数据库可保存的 {limit} 个字符，请缩短。",
        "The {field_en} on the row of the value {sheet}!{cell} has {length} characters, more than the {limit} "
        "the store can keep; shorten it.",
    ),
    "nul_character": (
        "{sheet}!{cell} 这个数值所在行的{field_zh}含有空字符（NUL，显示为 ␀），数据库不能保存，请删除。",
        "The {field_en} on the row of the value {sheet}!{cell} holds a NUL character (shown as ␀), which the "
        "store cannot keep; remove it.",
    ),
    "filename_too_long": (
        "{field_zh}有 {length} 个字符，超过数据库可保存的 {limit} 个字符，请改短文件名后再上传。",
        "The {field_en} has {length} characters, more than the {limit} the store can keep; rename the file "
        "and upload it again.",
    ),
    "filename_nul": (
        "{field_zh}含有空字符（NUL，显示为 ␀），数据库不能保存，请改名后再上传。",
        "The {field_en} holds a NUL character (shown as ␀), which the store cannot keep; rename the file "
        "and upload it again.",
    ),
    # The container (its outline before any parser runs, its parts beside the bounded parse).
    "file_empty": ("文件是空的（0 字节）。", "The file is empty (0 bytes)."),
    "file_too_large": (
        "文件大小 {size} 超过上限 {limit}。",
        "The file is {size}, over the limit of {limit}.",
    ),
    "not_xlsx": (
        "这不是可以读取的表格文件。请上传 Excel 工作簿（.xlsx 或 .xls）、OpenDocument 表格（.ods）或 CSV 文件。",
        "This is not a spreadsheet that can be read. Upload an Excel workbook (.xlsx or .xls), an "
        "OpenDocument spreadsheet (.ods) or a CSV file.",
    ),
    "html_table": (
        "这是一个网页（HTML），只是文件名像表格。请在 Excel 或 WPS 中打开，再“另存为 Excel 工作簿(*.xlsx)”后上传。",
        "This is a web page (HTML) with a spreadsheet's name. Open it in Excel or WPS and save it as "
        "“Excel Workbook (*.xlsx)”, then upload that.",
    ),
    "encrypted": (
        "文件设有打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿）后再上传。",
        "The file is protected by a password (encrypted) and cannot be read. Remove the password in Excel "
        "or WPS (File → Info → Protect Workbook) and try again.",
    ),
    "zip_duplicate": (
        "工作簿内部的部件 {entry} 出现了两次，无法确定应读哪一个，已拒绝。请在 Excel 中重新保存该文件。",
        "The workbook holds the part {entry} twice, so which one counts cannot be told; refused. Save "
        "the file again in Excel.",
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
    "too_many_sheets": (
        "工作簿有 {count} 个工作表，超过上限 {limit}。请只保留需要上传的工作表。",
        "The workbook has {count} sheets, over the limit of {limit}. Keep only the sheets to upload.",
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
        "没有找到数据表：文件里的表（工作表、行号与首行内容：{seen}）没有年份列，也没有“指标、年份、数值”表头。"
        "需要一个含“指标、年份、数值”表头的长表，或以年份为列的宽表。",
        "No data sheet found: the file's tables (sheet, row and its first cells: {seen}) have no year columns "
        "and no indicator, year and value header. A long sheet with indicator, year and value columns, or a wide "
        "table with years as columns, is expected.",
    ),
    "regions_across": (
        "工作表“{sheet}”{cell} 起的表头是地区（{names}），不是年份：看板读取以年份为列的表。请每个地区一张工作表"
        "（以地区命名，表头为“指标 | 2009年”），或改为长表：指标、年份、地区、数值。",
        "The header of sheet “{sheet}” from {cell} names regions ({names}), not years: the dashboard reads tables "
        "with years across. Put each region's figures on a sheet of its own named after it (指标 | 2009年), or use "
        "a long table: indicator, year, region, value.",
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
    "did_you_mean": (
        "“{value}”不是看板指标，是否应为“{suggestion}”（{code}）？请改正后再上传。",
        "“{value}” is not a dashboard indicator: did you mean “{suggestion}” ({code})? Correct it and try again.",
    ),
    "no_catalogue_indicator": (
        "文件中没有看板指标：找到的 {n} 项（{found}）都不在指标目录中。请使用指标目录中的代码或名称，"
        "或请管理员在指标目录中添加该指标。",
        "The file holds no dashboard indicator: the {n} it has ({found}) are not in the indicator list. "
        "Use codes or names from the list, or ask an admin to add the indicator.",
    ),
    "no_values": (
        "文件中的看板指标（{indicators}）没有可读取的数值：单元格为空或为“…”“—”“***”等无数据符号。",
        "The file's dashboard indicators ({indicators}) hold no values: the cells are empty or hold "
        "no-data marks such as “…”, “—” or “***”.",
    ),
    "nothing_to_import": (
        "文件中没有可导入的数值：表头下面还没有填写数据。",
        "The file holds no values to import: nothing is filled in under the headers.",
    ),
    "no_label_column": (
        "工作表的年份在第一列就开始，没有写明每行数据是哪个指标，无法读取。请在年份左边加一列指标名称。",
        "The sheet's years start in its first column with no column naming what each row is; it cannot "
        "be read. Add a column of indicator names left of the years.",
    ),
    "period_conflict": (
        "这一列与 {other} 都属于 {year} 年：每年只能有一列数值。请删去其中一列。",
        "This column and {other} both belong to {year}: one column a year. Remove one of them.",
    ),
    "periods_subannual": (
        "{cells} 是季度或月度数据（如“{value}”，共 {n} 列）：看板每年一个数值，不能导入。请改为年度数值"
        "（如“2019年”或“2019年末”）。",
        "{cells} hold quarterly or monthly data (such as “{value}”, {n} columns): the dashboard keeps one "
        "value a year, so they cannot be imported. Give yearly values (such as “2019” or “2019年末”).",
    ),
    "periods_subannual_cell": (
        "“{value}”是季度或月度：看板每年一个数值。请填写年份，如 2019。",
        "“{value}” is a quarter or a month: the dashboard keeps one value a year. Give the year, such as 2019.",
    ),
    "unrecognised_column": (
        "列 {cell} 中的名称（{value}）在同一指标下重复出现，像是地区或分组，但不在地区列表中，无法判断其含义。"
        "请把该列表头写为“地区”或“分组”，或请管理员在“地区”中添加这些地区，或删去该列。",
        "Column {cell} holds names ({value}) that repeat under each indicator, like regions or groups, but "
        "they are not on the region list, so what they mean cannot be told. Head the column “地区” (region) "
        "or “分组” (group), ask an admin to add them as regions, or remove the column.",
    ),
    "row_without_label": (
        "这一行有数值，但没有指标名称，未读取。",
        "This row has values but no indicator name; it was left out.",
    ),
    "formula_without_value": (
        "单元格是公式，但文件没有保存计算结果（常见于程序生成的文件）。请在 Excel 或 WPS 中打开并保存该文件，"
        "使其保存结果，然后再上传。",
        "The cell holds a formula whose result was never saved (as in files written by a program). Open "
        "and save the file in Excel or WPS so that it stores the result, then upload it again.",
    ),
    "ambiguous_fraction": (
        "比率“{value}”小于 1：如果是 {percent}，请把单元格设为百分比格式或直接填写百分数；如果确实不到 1%，"
        "请写成“{value}%”。",
        "The rate “{value}” is below 1: if it means {percent}, format the cell as a percentage or type the "
        "percentage; if it really is under 1%, write “{value}%”.",
    ),
    "subtotal_mismatch": (
        "小计 {value} 与其上 {n} 个地区之和 {sum} 不符（小计不单独存储）。",
        "The subtotal {value} differs from the sum of the {n} regions above it, {sum} (subtotals are not stored).",
    ),
    "total_mismatch": (
        "合计 {value} 与 {n} 个地区之和 {sum} 不符，请核对。",
        "The total {value} differs from the sum of the {n} regions, {sum}; please check.",
    ),
    "too_many_unknown_regions": (
        "文件中有 {n} 个地区不在地区列表中（如 {names}），无法逐一确认，文件未导入。请检查地区列，"
        "或请管理员先在“地区”中添加这些地区。",
        "The file names {n} regions that are not on the region list (such as {names}): too many to ask "
        "about one by one, so it was not imported. Check the region column, or ask an admin to add them first.",
    ),
    "formula_external": (
        "单元格含有调用外部资源的公式（{value}）：按其保存的结果读取；原文件下载时会提示。",
        "The cell holds a formula that calls outside resources ({value}): read as its saved result; "
        "downloads of the original file carry a warning.",
    ),
    "more_problems": (
        "同类问题（{rule}）另有 {n} 处，未逐一列出；完整清单见标注工作簿。",
        "{n} more problems of the same kind ({rule}) are not listed one by one; the marked workbook has them all.",
    ),
    # Questions: the reader cannot tell, so it asks instead of guessing.
    "ask_region_title": (
        "只有标题写明了地区“{name}”（没有填报单位）：这张表是{name}的数据吗？请选择地区。",
        "Only the title names a region, “{name}” (there is no reporting-unit line): are these {name}'s "
        "figures? Choose the region.",
    ),
    "ask_region_conflict": (
        "表中写明的地区不一致：“{first}”与 {other} 处的“{second}”。请选择这张表是哪个地区的数据。",
        "The sheet names two regions: “{first}”, and “{second}” at {other}. Choose whose figures these are.",
    ),
    "ask_region_several": (
        "标题中有多个地区（{names}），但表中没有地区列：请选择这张表是哪个地区的数据。",
        "The title names several regions ({names}) but the sheet has no region column: choose whose "
        "figures these are.",
    ),
    "ask_region_unknown": (
        "“{name}”不在地区列表中：请选择对应的已有地区，或请管理员先添加该地区。",
        "“{name}” is not on the region list: choose the region it means, or ask an admin to add it first.",
    ),
    "column_not_stock": (
        "{cell} 列的表头是“{path}”：“{element}”（{where}）不是年末总数（新增、增减或增长），该列未读取。",
        "Column {cell} is headed “{path}”: “{element}” ({where}) is not the year's total (an addition, a "
        "change or a growth rate), so the column is not read.",
    ),
    "column_path_unknown": (
        "{cell} 列的表头是“{path}”：看板不理解“{element}”（{where}），该列未读取。如果这是实际值，请把它改成"
        "“实际”；目标值请写“目标”。",
        "Column {cell} is headed “{path}”: the dashboard does not understand “{element}” ({where}), so the "
        "column is not read. If these are actual values, head it “实际”; targets, “目标”.",
    ),
    "row_in_section": (
        "“{value}”在 {where} 的“{section}”下：这是该部分的数字，不是全市或本单位的总数，未读取。如果它就是总数，"
        "请删去或改写这一标题行。",
        "“{value}” is under “{section}” ({where}): these are that part's figures, not the whole's, so they are "
        "not read. If they are the total, remove or reword that heading row.",
    ),
    "header_sub_columns": (
        "第 {row} 行在年份下面又分了列（{words}）：看板不能确定每个年份读哪一列。请每个年份只留一列年末数"
        "（新增、增减放到另一张表），地区分列的请改成一列“地区”、每个地区一行。",
        "Row {row} splits each year into sub-columns ({words}): the dashboard cannot tell which to read. Keep "
        "one column a year holding the year's total (put additions and changes in another table); for "
        "regions, use one 地区 column with a row per region.",
    ),
    "ask_region_foreign": (
        "“{line}”：这张表看来是全国、外省或其他地区的数字，不是本市或所辖地区的。请选择它属于哪个地区；"
        "如果不是本市的数据，请不要上传。",
        "“{line}”: this table looks like the country's, a province's or another place's figures, not the "
        "city's or one of its regions'. Choose whose figures these are; if they are not the city's, do not "
        "upload them.",
    ),
    "ask_region_name": (
        "地区“{name}”不在地区列表中：请选择对应的已有地区，或请管理员先添加该地区。",
        "The region “{name}” is not on the region list: choose the region it means, or ask an admin to add it.",
    ),
    "report_figure_change": (
        "将修改报告中的数字：{indicator} {where} 由 {old} 改为 {new}。如确需修改，请勾选“确认修改报告数字”"
        "（命令行加 --confirm-report-changes）。",
        "This changes a figure of the work report: {indicator} {where} from {old} to {new}. If that is "
        "intended, tick “confirm changes to the report's figures” (on the command line, add "
        "--confirm-report-changes).",
    ),
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
    "year_in_future": (
        "单元格 {cell} 的年份 {value} 晚于当前统计年度 {current} 的下一年（{latest}），疑为输入错误（如 2009 误为 2099），"
        "未导入。请改正年份；若是目标值，请填在目标表中。",
        "The year {value} in cell {cell} is after {latest}, the year after the current statistics year {current}: "
        "most likely a typo (such as 2099 for 2009); not imported. Correct the year; a target belongs in the "
        "targets sheet.",
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
        # The problem's own sheet, cell and value fill their placeholders, so a rule may name its
        # cell without each raise site repeating it in params (params win where both are given).
        return template.format_map({"sheet": self.sheet, "cell": self.cell, "value": self.value, **self.params})

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


def questions(problems: list[Problem]) -> list[Problem]:
    """The questions the reader asks (a region it cannot tell); they hold a file back like errors."""
    return [p for p in problems if p.severity == "question"]


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that refuse a file (warnings are shown but do not refuse)."""
    return [p for p in problems if p.severity == "error"]


def format_problems(problems: list[Problem], lang: str = "zh") -> str:
    """Plain-text listing, one problem a line, for the command line."""
    lines = []
    for p in problems:
        tag = {"warning": ("警告", "warning"), "question": ("问题", "question")}.get(
            p.severity, ("错误", "error"))[1 if lang == "en" else 0]
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


# How a file was read (``indicators.workbook.reading``): {cell} and {shown} are the cell and what it shows.
READING_MESSAGES: dict[str, tuple[str, str]] = {
    "layout_long": ("长表（每行一个数值），读取 {n} 个数值", "long sheet (one value a row), {n} values read"),
    "layout_targets": ("目标表，读取 {n} 个目标", "targets sheet, {n} targets read"),
    "layout_wide": ("宽表（指标为行、年份为列），读取 {n} 个数值", "wide table (indicators as rows, years as columns), "
                                                        "{n} values read"),
    "layout_transposed": ("年份为行、指标为列（按转置读取），读取 {n} 个数值",
                          "years as rows, indicators as columns (read transposed), {n} values read"),
    "layout_regions": ("地区为行、年份为列（一个指标），读取 {n} 个数值",
                       "regions as rows, years as columns (one indicator), {n} values read"),
    "layout_catalogue": ("指标目录", "indicator list"),
    "layout_skipped": ("说明或清单，未作为数据读取", "instructions or a list, not read as data"),
    "layout_hidden": ("隐藏的工作表，未读取", "hidden sheet, left out"),
    "layout_empty": ("空工作表", "empty sheet"),
    "layout_unread": ("没有可识别的表头，未读取", "no header could be recognised, not read"),
    "file_format": ("文件类型：{format} {detail}", "file type: {format} {detail}"),
    "city_not_stated_some": ("{name}（{years}）：本文件只有{expected}个地区中的{n}个（{regions}）的数值，没有全市数："
                             "全市数不变（上传不把各地区相加为全市数）",
                             "{name} ({years}): the file has figures of {n} of the {expected} regions ({regions}) and "
                             "no city figure: the city's figure is left as it is (an upload does not add regions up into it)"),
    "city_not_stated_all": ("{name}（{years}）：本文件有全部{expected}个地区的数值，但没有全市数：全市数不变（上传不把各地区相加为全市数）",
                            "{name} ({years}): the file has figures of all {expected} regions but no city figure: "
                            "the city's figure is left as it is (an upload does not add regions up into it)"),
    "format_unreadable_text": ("文本编码无法识别（不是 UTF-8 或 GBK）", "the text encoding is neither UTF-8 nor GBK"),
    "format_parts_unread": ("未能读取格式信息（{detail}）：隐藏行列和百分比格式无法判断",
                            "the formatting could not be read ({detail}): hidden rows and percent formats unknown"),
    "header_row": ("表头在第 {cell} 行：{cells}", "header in row {cell}: {cells}"),
    "header_periods": ("年份表头在第 {cell} 行", "the years' header is row {cell}"),
    "years_as_rows": ("年份在 {cell} 列从上到下排列：按转置读取", "years run down column {cell}: read transposed"),
    "title": ("标题“{shown}”", "title “{shown}”"),
    "merged_down": ("{cell}：合并单元格“{shown}”适用于它覆盖的 {n} 行", "{cell}: the merged cell “{shown}” applies to "
                    "each of the {n} rows it covers"),
    "left_out_section": ("{cell}：“{shown}”在“{section}”下，是该部分的数字，未读取",
                         "{cell}: “{shown}” is under “{section}”, that part's figures, not read"),
    "column_left_out_path": ("{cell} 列（“{path}”）：未读取，“{element}”不是实际的年末数",
                             "column {cell} (“{path}”): not read, “{element}” is not the actual total"),
    "sheet_example": ("“{shown}”：填报说明或示例，其中的数字不作为数据读取",
                      "“{shown}”: instructions or a worked example; its figures are not read as data"),
    "line_reporting": ("填报单位：{value}", "reporting unit: {value}"),
    "line_unit": ("计量单位：{value}（用于未注明单位的行，百分比行除外）",
                  "unit: {value} (for rows that give none, except percentage rows)"),
    "line_indicator": ("指标：{value}", "indicator: {value}"),
    "line_other": ("{label}：{value}（说明，未作为数据）", "{label}: {value} (a note, not data)"),
    "column_label": ("{cell} 列：指标名称", "column {cell}: indicator names"),
    "column_region": ("{cell} 列：地区（表头“{shown}”）：{examples}", "column {cell}: regions (header “{shown}”): {examples}"),
    "column_region_values": ("{cell} 列：地区（无表头，按其内容识别）：{examples}",
                             "column {cell}: regions (no header; recognised by what it holds): {examples}"),
    "column_unit": ("{cell} 列：计量单位", "column {cell}: units"),
    "column_group": ("{cell} 列：分组", "column {cell}: groups"),
    "column_note": ("{cell} 列：说明", "column {cell}: notes"),
    "column_source": ("{cell} 列：来源", "column {cell}: sources"),
    "column_qualifier": ("{cell} 列：限定", "column {cell}: qualifiers"),
    "column_seq": ("{cell} 列：序号或代码，未作为数据", "column {cell}: numbering or codes, not data"),
    "column_code": ("{cell} 列：指标代码（填写时按代码识别指标）",
                    "column {cell}: indicator codes (where filled, the code names the indicator)"),
    "column_label_t": ("第 {cell} 行：指标名称（表头）", "row {cell}: indicator names (header)"),
    "column_region_t": ("第 {cell} 行：地区（表头“{shown}”）", "row {cell}: regions (header “{shown}”)"),
    "column_region_values_t": ("第 {cell} 行：地区（按其内容识别）", "row {cell}: regions (recognised by what it holds)"),
    "column_unit_t": ("第 {cell} 行：计量单位", "row {cell}: units"),
    "column_group_t": ("第 {cell} 行：分组", "row {cell}: groups"),
    "column_note_t": ("第 {cell} 行：说明", "row {cell}: notes"),
    "column_source_t": ("第 {cell} 行：来源", "row {cell}: sources"),
    "column_qualifier_t": ("第 {cell} 行：限定", "row {cell}: qualifiers"),
    "column_seq_t": ("第 {cell} 行：序号或代码，未作为数据", "row {cell}: numbering or codes, not data"),
    "column_code_t": ("第 {cell} 行：指标代码（填写时按代码识别指标）",
                      "row {cell}: indicator codes (where filled, the code names the indicator)"),
    "column_year": ("“{shown}” → {year} 年", "“{shown}” → {year}"),
    "column_period": ("“{shown}” → {year} 年（期别“{period}”记入说明）",
                      "“{shown}” → {year} (the period “{period}” kept in the note)"),
    "column_target": ("“{shown}” → {year} 年目标", "“{shown}” → target for {year}"),
    "year_period": ("“{shown}” → {year} 年（期别“{period}”记入说明，{n} 行）",
                    "“{shown}” → {year} (the period “{period}” kept in the note; {n} rows)"),
    "row_indicator": ("“{shown}” → {name}（{code}），按{how}识别", "“{shown}” → {name} ({code}), matched by {how}"),
    "row_group": ("“{shown}” → {name}（{code}）的分组“{group}”", "“{shown}” → group “{group}” of {name} ({code})"),
    "row_section": ("“{shown}”：分节标题，无数值", "“{shown}”: a section heading, no values"),
    "column_unit_is_region": ("{cell}“{shown}”列写的是地区（{examples}），按填报地区读取，不是计量单位",
                              "column {cell} “{shown}” holds regions ({examples}): read as the reporting region, "
                              "not a unit of measure"),
    "table_block": ("第 {cell} 行起是另一张表（表头“{shown}”）：按它自己的表头读取",
                    "from row {cell} another table begins (header “{shown}”): read under its own header"),
    "long_rows": ("第 {cell} 行：{n} 行数据", "rows {cell}: {n} rows of data"),
    "long_indicators": ("{cell} 列的指标：{n} 个，按{how}行识别", "indicators in column {cell}: {n}, matched by {how} rows"),
    "region_column_long": ("{cell} 列的地区：{regions}（{n} 个）", "regions in column {cell}: {regions} ({n})"),
    "region_column_city": ("{cell} 列的地区为空或为合计：全部为全市数", "column {cell} names no region (or a total): "
                                                               "all values are the whole city's"),
    "region_none_long": ("没有地区列：全部为全市数", "no region column: all values are the whole city's"),
    "region_option": ("地区：{region}（命令行 --region 指定）", "region: {region} (given by --region)"),
    "region_from_reporting": ("地区：{region}（来自填报单位“{shown}”）", "region: {region} (from the reporting unit "
                                                                   "“{shown}”)"),
    "region_from_sheet": ("地区：{region}（来自工作表名“{shown}”）", "region: {region} (from the sheet name “{shown}”)"),
    "region_from_title": ("地区：{region}（来自标题“{shown}”）", "region: {region} (from the title “{shown}”)"),
    "region_from_answer": ("地区：{region}（按您的回答）", "region: {region} (as you answered)"),
    "region_from_option": ("地区：{region}（命令行 --region 指定）", "region: {region} (given by --region)"),
    "region_from_none": ("地区：全市（表中没有填报单位、标题或工作表名写明地区）",
                         "region: the whole city (no reporting unit, title or sheet name names a region)"),
    "region_matched": ("“{shown}” → 地区“{region}”", "“{shown}” → region “{region}”"),
    "region_answered": ("“{shown}” → 地区“{region}”（按您的回答）", "“{shown}” → region “{region}” (as you answered)"),
    "region_total_row": ("“{shown}”：合计行，作为全市数", "“{shown}”: a total row, stored as the whole city"),
    "total_checked": ("“{shown}”与 {n} 个地区之和一致", "“{shown}” agrees with the sum of {n} regions"),
    "unit_conversion": ("单位“{shown}” → “{to}”（{factor}）", "unit “{shown}” → “{to}” ({factor})"),
    "unit_conversion_rows": ("单位“{shown}” → “{to}”（{factor}，{code}，{n} 行）",
                             "unit “{shown}” → “{to}” ({factor}, {code}, {n} rows)"),
    "formula_cells": ("{n} 个公式单元格按其保存的结果读取（如 {cell}：{shown}）",
                      "{n} formula cells read as their saved results (such as {cell}: {shown})"),
    "percent_cells": ("{n} 个单元格为百分比格式（如“{shown}”），按百分数读取",
                      "{n} cells formatted as percentages (such as “{shown}”), read as percent"),
    "mark_removed": ("“{shown}”：注释符号“{mark}”已去掉，记入说明", "“{shown}”: the footnote mark “{mark}” taken off and "
                                                          "kept in the note"),
    "left_out_hidden_row": ("第 {cell} 行已隐藏，未读取（“{shown}”）", "row {cell} is hidden, left out (“{shown}”)"),
    "left_out_hidden_rows": ("第 {cell} 行已隐藏，未读取（{n} 行）", "rows {cell} are hidden, left out ({n})"),
    "left_out_hidden_column": ("{cell} 列已隐藏，未读取（“{shown}”）", "column {cell} is hidden, left out (“{shown}”)"),
    "left_out_not_catalogue": ("“{shown}”：不是看板指标，未读取{n_rows}", "“{shown}”: not a dashboard indicator, "
                                                                     "left out{n_rows}"),
    "left_out_not_catalogue_rows": ("“{shown}”：不是看板指标，未读取（{n} 行）",
                                    "“{shown}”: not a dashboard indicator, left out ({n} rows)"),
    "left_out_subrow": ("“{shown}”：“{parent}”的其中项，不是看板指标，未读取{n_rows}",
                        "“{shown}”: part of “{parent}”, not a dashboard indicator, left out{n_rows}"),
    "left_out_blank": ("第 {cell} 行“{shown}”：没有数值", "row {cell} “{shown}”: no values"),
    "left_out_no_label": ("第 {cell} 行：有数值但没有指标名称，未读取", "row {cell}: values without a name, left out"),
    "left_out_no_data_cells": ("“{shown}”表示无数据，未读取（{n} 个单元格）", "“{shown}” means no data, left out "
                                                                       "({n} cell(s))"),
    "left_out_no_data_rows": ("“{shown}”等表示无数据，未读取（{n} 行）", "“{shown}” and the like mean no data, left out "
                                                                "({n} rows)"),
    "left_out_subtotal": ("“{shown}”：小计，不作为地区存储", "“{shown}”: a subtotal, not stored as a region"),
    "left_out_subtotal_rows": ("“{shown}”：小计，不作为地区存储（{n} 行）",
                               "“{shown}”: a subtotal, not stored as a region ({n} rows)"),
    "left_out_no_region": ("第 {cell} 行：地区为空，未读取", "row {cell}: no region, left out"),
    "left_out_footnote": ("第 {cell} 行：注释（“{shown}”），未作为数据", "rows {cell}: notes (“{shown}”), not data"),
    "left_out_subannual": ("{cell}：季度或月度列（{n} 列），未读取", "{cell}: quarterly or monthly columns ({n}), left out"),
    "left_out_regions_table": ("一个指标“{shown}”按 {n} 个地区（{examples}…）、{years} 年排列：不是看板指标，未读取",
                               "one indicator “{shown}” by {n} regions ({examples}…) for {years}: not a dashboard "
                               "indicator, left out"),
    "no_label_column": ("年份从第一列开始，没有指标名称列", "the years start in the first column: no column of names"),
}

MESSAGES.update(COLLECT_MESSAGES)
READING_MESSAGES.update(COLLECT_READING)
