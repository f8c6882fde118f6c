"""Messages of the catalogue's and the collection rounds' checks, in Chinese and English.

Kept beside ``problems.py`` (already long) and merged into its tables, so every problem still
speaks through one table: ``Problem.message`` and ``ReadNote.text`` find these rules there.
"""

from __future__ import annotations

COLLECT_MESSAGES: dict[str, tuple[str, str]] = {
    # A new indicator (the browser's form, the command line, a 指标目录 sheet).
    "catalogue_missing": ("“{field_zh}”不能为空。", "The {field_en} is missing."),
    "catalogue_bad_code": ("指标代码“{found}”不可用：应以小写英文字母开头，只含小写字母、数字和下划线，2–64 个字符。",
                           "The code “{found}” cannot be used: it starts with a lower-case letter and holds only "
                           "lower-case letters, digits and underscores, 2–64 characters."),
    "catalogue_code_taken": ("指标代码“{found}”已在指标目录中。", "The code “{found}” is in the catalogue already."),
    "catalogue_bad_choice": ("“{field_zh}”应为 {choices} 之一，而不是“{found}”。",
                             "The {field_en} must be one of {choices}, not “{found}”."),
    "catalogue_too_long": ("“{field_zh}”最多 {limit} 个字。", "The {field_en} has at most {limit} characters."),
    "catalogue_bad_text": ("“{field_zh}”含有控制字符。", "The {field_en} holds control characters."),
    "catalogue_name_taken": ("“{found}”已是指标 {other} 的名称或别名。",
                             "“{found}” already names the indicator {other}."),
    "catalogue_unknown_reference": ("“{field_zh}”中的“{found}”不是目录中的另一个指标。",
                                    "The {field_en} “{found}” is not another indicator of the catalogue."),
    "catalogue_parts_of_rate": ("只有比率类指标才有分子和分母指标。",
                                "Only a rate has numerator and denominator indicators."),
    "catalogue_duplicate_row": ("指标代码“{found}”在本表中出现了两次。", "The code “{found}” appears twice in this sheet."),
    "catalogue_needs_admin": ("文件的指标目录中有新指标（{codes}），只有管理员可以添加。",
                              "The file's catalogue sheet adds indicators ({codes}); only an admin may add them."),
}

COLLECT_READING: dict[str, tuple[str, str]] = {
    "layout_catalogue": ("指标目录：{n} 个新指标", "indicator catalogue: {n} new indicator(s)"),
    "catalogue_new": ("“{shown}” → 新指标 {code}", "“{shown}” → new indicator {code}"),
    "catalogue_known": ("{n} 个指标已在目录中，未改动", "{n} indicator(s) already in the catalogue, left as they are"),
    "catalogue_no_header": ("没有找到“指标代码”和“指标名称”表头，未读取", "no header with a code and a name column, not read"),
}
