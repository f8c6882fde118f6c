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
    # A table sent to a round: what it may hold.
    "round_wrong_region": ("这是“{found}”的数据；本次只能报送“{expected}”的数据，文件未被接受。",
                           "These are the figures of {found}; this table may hold only those of {expected}. The file "
                           "was not accepted."),
    "round_wrong_year": ("年份为 {found}；本轮（{round}）只收集 {year} 年度的数据。",
                         "The year is {found}; this round ({round}) collects {year} only."),
    "round_not_in_form": ("“{found}”不是本轮要填报的指标。", "“{found}” is not an indicator this round collects."),
    "round_wrong_form": ("这是填报轮次“{other}”的表（表号 {found}），不是本轮（{round}）的表。",
                         "This is the form of the round “{other}” ({found}), not of this round ({round})."),
    "round_no_targets": ("填报表只报送数值，不含目标。", "A round's table sends values only, not targets."),
    "round_no_catalogue": ("填报表不能添加指标（{codes}）；请管理员在指标目录中添加。",
                           "A round's table cannot add indicators ({codes}); an admin adds them to the catalogue."),
    # Warnings of a round's submission: may be sent with a written explanation.
    "warn_jump": ("{indicator}（{where}）为 {value}，比上年（{previous}）变化 {change}，超过 {jump}。",
                  "{indicator} ({where}) is {value}, {change} on the year before ({previous}): more than {jump}."),
    "warn_group_above_total": ("{indicator}（{where}）的分组“{group}”为 {value}，大于合计 {other}。",
                               "{indicator} ({where}): the group “{group}” is {value}, more than the total, {other}."),
    "warn_part_above_whole": ("{indicator}（{where}）为 {value}，大于其所属的{other}。",
                              "{indicator} ({where}) is {value}, more than {other}, which it is part of."),
    "warn_rule": ("{indicator}（{where}）为 {value}，不符合管理员设定的规则：应 {op} {other}。",
                  "{indicator} ({where}) is {value}; a rule an admin set says it should be {op} {other}."),
    "warn_city_differs": ("{indicator}（{where}）：全市上报 {value}，已审核地区之和为 {other}。",
                          "{indicator} ({where}): the city reports {value}; the approved regions sum to {other}."),
}

COLLECT_READING: dict[str, tuple[str, str]] = {
    "layout_catalogue": ("指标目录：{n} 个新指标", "indicator catalogue: {n} new indicator(s)"),
    "catalogue_new": ("“{shown}” → 新指标 {code}", "“{shown}” → new indicator {code}"),
    "catalogue_known": ("{n} 个指标已在目录中，未改动", "{n} indicator(s) already in the catalogue, left as they are"),
    "region_from_submission": ("地区：{region}（本次填报的地区；文件中没有写明）",
                               "region: {region} (the region this submission is for; the file does not say)"),
    "line_form": ("表号：{value}", "form: {value}"),
    "catalogue_no_header": ("没有找到“指标代码”和“指标名称”表头，未读取", "no header with a code and a name column, not read"),
}
