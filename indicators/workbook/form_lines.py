"""The labelled fields of a form's lines: 填报单位：…, 填报人：…, 填报日期：…, 单位：个, 表号：R3.

A line may hold several fields in one cell, and a date is often typed after the unit's name with
no label of its own (``填报单位：北山县总工会　　2011年1月15日``): that date is a 填报日期 field of its
own, never part of the name. A row holding such a field is a form line, never a table's header.
"""

from __future__ import annotations

import re
import unicodedata

LINE_LABELS = ("填报单位", "报送单位", "单位名称", "填表单位", "填报人手机号", "填报人电话", "填报人", "审核人",
               "单位负责人", "统计负责人", "负责人", "手机号", "联系电话", "电话", "填报日期", "报出日期", "日期",
               "计量单位", "单位", "指标", "时间", "数据库", "地区", "频度", "表号", "数据来源", "资料来源",
               "reportingunit", "unit", "formid", "source")
LABEL = re.compile(r"(" + "|".join(sorted(map(re.escape, LINE_LABELS), key=len, reverse=True)) +
                   r")\s*(?:[（(]\s*(?:盖章|公章|章|签章)\s*[)）])?\s*[:：]", re.IGNORECASE)
SOURCE_LABELS = {"数据来源", "资料来源", "source"}
DATE_LABELS = {"填报日期", "报出日期", "日期", "时间"}
# A date typed at the end of another field's value: 2011年1月15日, 2010年1月, 2011-01-15, 2011.1.15.
_TRAILING_DATE = re.compile(r"(?<!\d)(\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
                            r"\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?)\s*$")
_TRIM = " \u3000\t,，;；"


def fields_in(text: str) -> list[tuple[str, str]]:
    """The (label, value) fields one cell's text holds, a trailing unlabelled date split off."""
    text = unicodedata.normalize("NFKC", text)
    matches = list(LABEL.finditer(text))
    out: list[tuple[str, str]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        label = match.group(1).lower() if match.group(1).isascii() else match.group(1)
        value = text[match.end():end].strip(_TRIM)
        date = _TRAILING_DATE.search(value) if label not in DATE_LABELS else None
        if date and value[:date.start()].strip(_TRIM):
            out.append((label, value[:date.start()].strip(_TRIM)))
            out.append(("填报日期", date.group(1)))
        else:
            out.append((label, value))
    return out


def is_form_line(cells: list[object]) -> bool:
    """A row with a labelled form field in any cell (填报单位：…, 填报日期：…): never a header row."""
    return any(isinstance(cell, str) and LABEL.search(unicodedata.normalize("NFKC", cell)) for cell in cells)
