"""Every label of the pages, in Chinese (the default) and English."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("工会指标看板", "Union Indicator Dashboard"),
    "subtitle": ("{city}总工会 · 工作报告指标", "{city} Federation of Trade Unions · work report indicators"),
    "switch_language": ("English", "中文"),
    "overview": ("总览", "Overview"),
    "method": ("进展评估方法", "How progress is assessed"),
    "year": ("年份", "Year"),
    "region": ("地区", "Region"),
    "city_total": ("全市", "City total"),
    "latest": ("最新值", "Latest"),
    "change_previous": ("比上年", "On previous year"),
    "change_term": ("五年变化", "Over five years"),
    "target": ("目标", "Target"),
    "no_target": ("未设目标", "No target"),
    "status": ("进展", "Status"),
    "no_data": ("暂无数据", "No data"),
    "reported": ("报告数据", "Reported"),
    "illustrative": ("示例数据", "Illustrative"),
    "illustrative_note": ("标“示例”的数值为示意数据，并非报告数字。",
                          "Values marked “illustrative” are examples, not figures of the report."),
    "bound_note": ("“以上”表示下限，“近”表示约数。", "≥ marks a lower bound, ≈ an approximation."),
    "actual": ("实际值", "Actual"),
    "projection": ("按当前增速预测", "At current growth"),
    "trajectory": ("目标路径", "Path to target"),
    "target_point": ("目标值", "Target"),
    "by_region": ("分地区", "By region"),
    "by_group": ("分组", "By group"),
    "table": ("图表数据", "Numbers in the charts"),
    "definition": ("定义", "Definition"),
    "unit": ("单位", "Unit"),
    "kind": ("类型", "Kind"),
    "direction": ("方向", "Direction"),
    "increase": ("越高越好", "Higher is better"),
    "decrease": ("越低越好", "Lower is better"),
    "passage": ("报告原文", "Report passage"),
    "fragment": ("第{fragment}段", "fragment {fragment}"),
    "revision": ("数据来源", "Data"),
    "revision_text": ("第 {id} 号修订版 · {file} · {time}", "revision {id} · {file} · {time}"),
    "note": ("说明", "Note"),
    "value": ("数值", "Value"),
    "source": ("来源", "Source"),
    "series": ("系列", "Series"),
    "group": ("分组", "Group"),
    "rank": ("排名", "Rank"),
    "not_found": ("没有这个指标：{code}", "No such indicator: {code}"),
    "back_overview": ("返回总览", "Back to the overview"),
    "kind_stock": ("时点数", "Stock at a date"),
    "kind_rate": ("比率", "Rate"),
    "kind_cumulative": ("累计数（自2004年起）", "Running total (since 2004)"),
    "kind_annual": ("年度数", "Yearly flow"),
    "skip": ("跳到正文", "Skip to content"),
    "growth": ("年均增速", "Annual growth"),
    "required": ("所需增速", "Growth needed"),
}


def t(key: str, lang: str = "zh", **params: object) -> str:
    """The label ``key`` in ``lang``, with ``params`` filled in."""
    zh, en = LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
