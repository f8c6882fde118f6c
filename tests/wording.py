"""Words that must not show: Chinese the product wrote on an English page (every visible string of a
layout or a figure), and the machine-garbled words of the source report (NOTES.md) anywhere."""

from __future__ import annotations

from indicators.translation import has_cjk

# The garbled words of the report (NOTES.md) that are never legitimate in the product's own text.
# 开展 and 标准 are garbled only in some uses; the phrases below are the garbled ones.
GARBLED = ["效劳", "根底", "广阔职工", "荣耀传统", "创立", "平安检查", "回忆", "坚决不移", "催促", "原那么",
           "差距和缺乏", "集中表达", "到达", "发奋有为", "新建工程", "止今年上半年", "和.谐", "科学开展观",
           "会员开展", "开展农民工", "局部", "标准", "奉献", "止今年"]

# Properties a reader never sees: ids, links, values behind labels, stored data, styling.
HIDDEN = {"id", "href", "value", "className", "data", "src", "type", "style", "lang", "role", "config", "name"}


def visible_strings(node, path: str = "") -> list[tuple[str, str]]:
    """(where, text) of every string a reader could see in a Dash layout, a figure or plain data."""
    if hasattr(node, "to_plotly_json"):
        node = node.to_plotly_json()
    out: list[tuple[str, str]] = []
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        if "props" in node and "type" in node and "namespace" in node:  # a Dash component
            props = node["props"]
            if props.get("lang") == "zh" and path:  # marked as Chinese on purpose (the language switch)
                return []
            label = f"{path}/{node['type']}#{props.get('id', '')}"
            for key, value in props.items():
                if key == "options":  # a dropdown: its labels show, its values do not
                    for option in value or []:
                        out += visible_strings(option.get("label", "") if isinstance(option, dict) else option,
                                               f"{label}.options")
                elif key not in HIDDEN:
                    out += visible_strings(value, f"{label}.{key}")
            return out
        for key, value in node.items():  # plain data, such as a figure: all of it can show
            out += visible_strings(value, f"{path}.{key}")
        return out
    if isinstance(node, list | tuple):
        for i, value in enumerate(node):
            out += visible_strings(value, f"{path}[{i}]")
    return out


def chinese_in(node) -> list[tuple[str, str]]:
    """The visible strings of ``node`` that hold Chinese characters."""
    return [(where, text) for where, text in visible_strings(node) if has_cjk(text)]
