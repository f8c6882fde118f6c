"""The catalogue's use cases, each checking who asks: add an indicator, add or retire a check rule.

Only an admin changes the catalogue. Every field is checked by ``catalogue_edit`` (the same rules as a
workbook's 指标目录 sheet); a refusal lists every wrong field, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from indicators.catalogue import Indicator
from indicators.catalogue_edit import (
    CheckRule,
    FieldProblem,
    indicator_problems,
    make_indicator,
    normalise_fields,
    rule_problems,
)
from indicators.problems import MESSAGES
from indicators.users import role_allows

if TYPE_CHECKING:
    from indicators.application import Application


class CatalogueError(Exception):
    """A catalogue change refused: ``code`` is ``not_allowed`` or ``invalid`` (then ``problems`` say why)."""

    def __init__(self, code: str, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.problems = problems or []

    def messages(self, lang: str = "zh") -> list[str]:
        return [field_problem_text(p, lang) for p in self.problems]


def field_problem_text(problem: FieldProblem, lang: str = "zh") -> str:
    zh, en = MESSAGES[problem.rule]
    return (en if lang == "en" else zh).format(**problem.message_params())


def add_indicator(app: Application, raw: Mapping[str, object], user: str | None, role: str | None) -> Indicator:
    """Add an indicator to the store's catalogue (admins only); every process sees it on its next request."""
    if not role_allows(role, "admin"):
        raise CatalogueError("not_allowed")
    fields = normalise_fields(raw)
    problems = indicator_problems(fields, app.catalogue())
    if problems:
        raise CatalogueError("invalid", problems)
    indicator = make_indicator(fields)
    app.catalogue_store.add([indicator], user or "")
    return indicator


def add_rule(app: Application, left: str, op: str, right_code: str, right_value: object, user: str | None,
             role: str | None) -> CheckRule:
    """Add a check rule (admins only): ``left op right_code`` or ``left op right_value``."""
    if not role_allows(role, "admin"):
        raise CatalogueError("not_allowed")
    number: float | None = None
    if not right_code and right_value not in (None, ""):
        try:
            number = float(str(right_value).replace(",", ""))
        except ValueError:
            number = None
    problems = rule_problems(str(left or ""), str(op or ""), str(right_code or ""), number, app.catalogue())
    if problems:
        raise CatalogueError("invalid", problems)
    rule_id = app.catalogue_store.add_rule(str(left), str(op), str(right_code or ""), number, user or "")
    return CheckRule(rule_id, str(left), str(op), str(right_code or ""), number)


def remove_rule(app: Application, rule_id: int, user: str | None, role: str | None) -> bool:
    if not role_allows(role, "admin"):
        raise CatalogueError("not_allowed")
    return app.catalogue_store.remove_rule(int(rule_id), user or "")


def rule_text(rule: CheckRule, lang: str, names: Mapping[str, Indicator]) -> str:
    """``工会会员数 ≤ 职工人数`` / ``Union members ≤ Workers``."""
    def name(code: str) -> str:
        return names[code].name(lang) if code in names else code

    right = name(rule.right_code) if rule.right_code else f"{rule.right_value:g}"
    return f"{name(rule.left)} {'≤' if rule.op == '<=' else '≥'} {right}"
