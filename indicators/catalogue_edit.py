"""Checking a new indicator before it joins the catalogue: one set of rules for the browser's form,
the command line and a workbook's 指标目录 sheet.

A new indicator is given as fields (code, names, units, kind, direction, category, definitions,
and for a rate its numerator and denominator); ``indicator_problems`` lists every field that is
wrong, each as a rule and its parameters (the words are made where they are shown), and
``make_indicator`` builds the ``Indicator`` once there are none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from indicators.catalogue import CATEGORIES, KINDS, Catalogue, Indicator, normalise_label

DIRECTIONS = ("increase", "decrease")
FIELDS = ("code", "name_zh", "name_en", "unit_zh", "unit_en", "kind", "direction", "category", "definition_zh",
          "definition_en", "groups", "aliases", "numerator", "denominator", "part_of")
REQUIRED = ("code", "name_zh", "name_en", "unit_zh", "unit_en", "kind", "category")
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "code": ("指标代码", "code"), "name_zh": ("指标名称", "Chinese name"), "name_en": ("英文名称", "English name"),
    "unit_zh": ("单位", "unit (Chinese)"), "unit_en": ("英文单位", "unit (English)"), "kind": ("类型", "kind"),
    "direction": ("方向", "direction"), "category": ("类别", "category"),
    "definition_zh": ("定义", "definition (Chinese)"), "definition_en": ("英文定义", "definition (English)"),
    "groups": ("分组", "groups"), "aliases": ("别名", "aliases"), "numerator": ("分子指标", "numerator"),
    "denominator": ("分母指标", "denominator"), "part_of": ("所属指标", "part of"),
    "rule_left": ("规则的指标", "the rule's indicator"), "rule_op": ("比较方式", "comparison"),
    "rule_right": ("比较对象", "compared with"),
}
KIND_WORDS: dict[str, str] = {"时点数": "stock", "比率": "rate", "累计数": "cumulative", "年度数": "annual"}
DIRECTION_WORDS: dict[str, str] = {"越高越好": "increase", "越低越好": "decrease", "higherisbetter": "increase",
                                   "lowerisbetter": "decrease", "上升": "increase", "下降": "decrease"}
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHORT, LONG = 100, 2000  # longest name or unit, longest definition


@dataclass(frozen=True)
class FieldProblem:
    """One wrong field: ``rule`` names what is wrong, ``params`` fill its message."""

    field: str
    rule: str
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def message_params(self) -> dict[str, object]:
        zh, en = FIELD_NAMES[self.field]
        return {"field_zh": zh, "field_en": en, **self.params}


def _word(value: object, words: Mapping[str, str], allowed: tuple[str, ...]) -> str:
    text = normalise_label(value or "")
    if text in allowed:
        return text
    return words.get(text, text)


def _category(value: object) -> str:
    text = normalise_label(value or "")
    for key, names in CATEGORIES.items():
        if text in (key, normalise_label(names["zh"]), normalise_label(names["en"])):
            return key
    return text


def _items(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = re.split(r"[、,，;；]", str(value or ""))
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def normalise_fields(raw: Mapping[str, object]) -> dict[str, object]:
    """The fields as typed (labels such as 时点数 or 组织建设 accepted), trimmed, in their stored form."""
    out: dict[str, object] = {}
    for name in FIELDS:
        value = raw.get(name)
        if name in ("groups", "aliases"):
            out[name] = _items(value)
        elif name == "kind":
            out[name] = _word(value, KIND_WORDS, KINDS)
        elif name == "direction":
            out[name] = _word(value, DIRECTION_WORDS, DIRECTIONS) or "increase"
        elif name == "category":
            out[name] = _category(value)
        elif name in ("code", "numerator", "denominator", "part_of"):
            out[name] = str(value or "").strip().lower()
        else:
            out[name] = " ".join(str(value or "").split()) if not name.startswith("definition") \
                else str(value or "").strip()
    if out["kind"] == "rate" and not out["unit_zh"] and not out["unit_en"]:
        out["unit_zh"] = out["unit_en"] = "%"
    return out


def indicator_problems(fields: Mapping[str, object], catalogue: Catalogue) -> list[FieldProblem]:
    """Everything wrong with a new indicator's (normalised) fields, against ``catalogue``."""
    problems: list[FieldProblem] = []
    for name in REQUIRED:
        if not fields.get(name):
            problems.append(FieldProblem(name, "catalogue_missing"))
    code = str(fields.get("code") or "")
    if code and not _CODE.match(code):
        problems.append(FieldProblem("code", "catalogue_bad_code", {"found": code[:70]}))
    elif code in catalogue.by_code:
        problems.append(FieldProblem("code", "catalogue_code_taken", {"found": code}))
    for name, choices in (("kind", KINDS), ("direction", DIRECTIONS), ("category", tuple(CATEGORIES))):
        value = str(fields.get(name) or "")
        if value and value not in choices:
            problems.append(FieldProblem(name, "catalogue_bad_choice", {"found": value[:40],
                                                                          "choices": " / ".join(choices)}))
    for name in FIELDS:
        value = fields.get(name)
        texts = value if isinstance(value, tuple) else (str(value or ""),)
        limit = LONG if name.startswith("definition") else SHORT
        if any(len(text) > limit for text in texts):
            problems.append(FieldProblem(name, "catalogue_too_long", {"limit": limit}))
        elif any(_CONTROL.search(text) for text in texts):
            problems.append(FieldProblem(name, "catalogue_bad_text"))
    for name in ("name_zh", "name_en", "aliases"):
        value = fields.get(name)
        for label in (value if isinstance(value, tuple) else (str(value or ""),)):
            found = catalogue.lookup.match(label) if label else None
            if found is not None:
                problems.append(FieldProblem(name, "catalogue_name_taken", {"found": label,
                                                                            "other": found[0].code}))
    for name in ("numerator", "denominator", "part_of"):
        reference = str(fields.get(name) or "")
        if reference and (reference not in catalogue.by_code or reference == code):
            problems.append(FieldProblem(name, "catalogue_unknown_reference", {"found": reference[:70]}))
    if (fields.get("numerator") or fields.get("denominator")) and fields.get("kind") != "rate":
        problems.append(FieldProblem("numerator", "catalogue_parts_of_rate"))
    if bool(fields.get("numerator")) != bool(fields.get("denominator")):
        problems.append(FieldProblem("denominator" if fields.get("numerator") else "numerator", "catalogue_missing"))
    return problems


def make_indicator(fields: Mapping[str, object]) -> Indicator:
    """The indicator the (checked, normalised) fields describe."""
    return Indicator(
        code=str(fields["code"]), name_zh=str(fields["name_zh"]), name_en=str(fields["name_en"]),
        category=str(fields["category"]), unit_zh=str(fields["unit_zh"]), unit_en=str(fields["unit_en"]),
        kind=str(fields["kind"]),  # type: ignore[arg-type]
        direction=str(fields.get("direction") or "increase"),  # type: ignore[arg-type]
        definition_zh=str(fields.get("definition_zh") or ""), definition_en=str(fields.get("definition_en") or ""),
        fragment="", passage="", aliases=tuple(fields.get("aliases") or ()),  # type: ignore[arg-type]
        groups=tuple(fields.get("groups") or ()),  # type: ignore[arg-type]
        numerator=str(fields.get("numerator") or ""), denominator=str(fields.get("denominator") or ""),
        part_of=str(fields.get("part_of") or ""))


RULE_OPERATORS = ("<=", ">=")


@dataclass(frozen=True)
class CheckRule:
    """A rule an admin added: ``left`` (a code) ``op`` ``right`` (a code, or a number when ``right_code``
    is empty), for the same year and region. A value breaking it is a warning in a collection round."""

    id: int
    left: str
    op: str
    right_code: str = ""
    right_value: float | None = None

    def holds(self, left: float, right: float) -> bool:
        return left <= right + 1e-9 if self.op == "<=" else left >= right - 1e-9


def rule_problems(left: str, op: str, right_code: str, right_value: float | None,
                  catalogue: Catalogue) -> list[FieldProblem]:
    """What is wrong with a new rule: unknown indicators, an unknown operator, no right-hand side."""
    problems = []
    if left not in catalogue.by_code:
        problems.append(FieldProblem("rule_left", "catalogue_unknown_reference", {"found": str(left)[:70]}))
    if op not in RULE_OPERATORS:
        problems.append(FieldProblem("rule_op", "catalogue_bad_choice", {"found": str(op)[:10],
                                                                         "choices": " / ".join(RULE_OPERATORS)}))
    if right_code:
        if right_code not in catalogue.by_code or right_code == left:
            problems.append(FieldProblem("rule_right", "catalogue_unknown_reference",
                                         {"found": str(right_code)[:70]}))
    elif right_value is None or right_value != right_value or abs(right_value) > 1e15:
        problems.append(FieldProblem("rule_right", "catalogue_missing"))
    return problems
