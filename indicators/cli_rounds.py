"""Command line for collection rounds and the catalogue, as the browser does them, for cron jobs and tests:

``rounds list|open|status|templates|submit|approve|return|close`` and ``catalogue list|add|history``.

``--user NAME`` acts as that user, with their role and their regions, under exactly the checks the
browser applies (so a district editor's file for another region is refused here too). Without it the
command runs as the local operator (the login name) with the reviewer's or, for the catalogue, the
admin's rights, as ``rollback`` and ``regions`` do: whoever can run it can reach the database anyway.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from indicators.catalogue import CATEGORIES, KINDS
from indicators.catalogue_cases import CatalogueError, add_indicator
from indicators.formatting import value_with_unit
from indicators.labels import t
from indicators.local_time import format_date, format_time
from indicators.problems import errors, format_problems
from indicators.round_cases import city_items, coverage_text, refusal
from indicators.round_warnings import warning_message
from indicators.rounds import RoundError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def add_parsers(sub) -> None:  # type: ignore[no-untyped-def]
    p = sub.add_parser("rounds", help="collection rounds: list, open, status, templates, submit, approve, return, close")
    rounds = p.add_subparsers(dest="rounds_command", required=True, parser_class=type(p))
    q = rounds.add_parser("list", help="every round, newest first")
    q = rounds.add_parser("open", help="open a round")
    q.add_argument("name", help="its name, e.g. 2009年度")
    q.add_argument("--year", type=int, required=True, help="the statistics year it collects")
    q.add_argument("--deadline", required=True, help="YYYY-MM-DD")
    q.add_argument("--indicator", action="append", default=[], help="a code it collects (repeatable; default: all)")
    q.add_argument("--region", action="append", default=[], help="a unit that reports (repeatable; default: all)")
    q.add_argument("--city", action="store_true", help="the city federation reports its own table too")
    q.add_argument("--user", default=None)
    q = rounds.add_parser("status", help="the board: every unit's state, warnings, explanations, the city figures")
    q.add_argument("round", type=int)
    q.add_argument("--user", default=None)
    q = rounds.add_parser("templates", help="write every unit's template (or one) into a folder")
    q.add_argument("round", type=int)
    q.add_argument("out", type=Path, help="a folder")
    q.add_argument("--region", default=None, help="only this unit's template (全市 for the city's own)")
    q.add_argument("--user", default=None)
    q = rounds.add_parser("submit", help="check a unit's table and submit it")
    q.add_argument("round", type=int)
    q.add_argument("file", type=Path)
    q.add_argument("--region", required=True, help="the unit the table is for (全市 for the city's own)")
    q.add_argument("--explain", action="append", default=[], metavar="CODE=TEXT",
                   help="the reason for the warnings of one indicator (repeatable)")
    q.add_argument("--user", default=None)
    for name, needs_comment in (("approve", False), ("return", True)):
        q = rounds.add_parser(name, help=f"{name} a unit's submitted table")
        q.add_argument("round", type=int)
        q.add_argument("region")
        q.add_argument("--comment", default="", required=needs_comment)
        q.add_argument("--user", default=None)
    q = rounds.add_parser("close", help="publish the approved tables and the city figures; close the round")
    q.add_argument("round", type=int)
    q.add_argument("--partial-sum", action="store_true",
                   help="publish the city's sums of only some regions (as lower bounds marked 部分汇总) and city "
                        "figures that jump on the year before; without it they are left as they were")
    q.add_argument("--user", default=None)

    p = sub.add_parser("catalogue", help="the indicator catalogue: list, add, history")
    catalogue = p.add_subparsers(dest="catalogue_command", required=True, parser_class=type(p))
    catalogue.add_parser("list", help="every indicator, in order")
    catalogue.add_parser("history", help="every change to the catalogue")
    q = catalogue.add_parser("add", help="add an indicator")
    q.add_argument("code")
    q.add_argument("--name-zh", required=True)
    q.add_argument("--name-en", required=True)
    q.add_argument("--unit-zh", default="")
    q.add_argument("--unit-en", default="")
    q.add_argument("--kind", choices=KINDS, required=True)
    q.add_argument("--direction", choices=["increase", "decrease"], default="increase")
    q.add_argument("--category", choices=list(CATEGORIES), required=True)
    q.add_argument("--definition-zh", default="")
    q.add_argument("--definition-en", default="")
    q.add_argument("--numerator", default="")
    q.add_argument("--denominator", default="")
    q.add_argument("--part-of", default="")
    q.add_argument("--user", default=None)


def _acting(app, name: str | None, default_role: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(user, role): the named user's own role, or the local operator's."""
    if name is None:
        return getpass.getuser(), default_role
    user = app.users.get(name)
    if user is None:
        raise RoundError("not_allowed")
    return user.name, user.role


def _unit(value: str | None) -> str | None:
    if value is None:
        return None
    return "" if value.strip() in ("全市", "city", "") else value.strip()


def run(args: argparse.Namespace, app, lang: str) -> int:  # type: ignore[no-untyped-def]
    try:
        if args.command == "catalogue":
            return _catalogue(args, app, lang)
        return _rounds(args, app, lang)
    except RoundError as exc:
        print(refusal(exc, lang), file=sys.stderr)
        return EXIT_USAGE if exc.code == "no_round" else EXIT_REFUSED
    except CatalogueError as exc:
        print("\n".join(exc.messages(lang)) or t("catalogue_admin_only", lang), file=sys.stderr)
        return EXIT_REFUSED


def _rounds(args: argparse.Namespace, app, lang: str) -> int:  # type: ignore[no-untyped-def]
    command = args.rounds_command
    if command == "list":
        for round_ in app.rounds.rounds():
            state = t(f"round_state_{round_.state}", lang)
            print(f"{round_.id:>4}  {round_.name:<16} {round_.year}  {format_date(round_.deadline, lang):<12} {state}")
        return EXIT_OK
    user, role = _acting(app, args.user, "reviewer")
    if command == "open":
        regions = args.region or app.regions().directory().names
        regions = [_unit(r) for r in regions] + ([""] if args.city else [])
        codes = args.indicator or [ind.code for ind in app.catalogue()]
        round_ = app.rounds.open(args.name, args.year, args.deadline, codes, regions, user, role)
        print(t("round_opened", lang, name=round_.name) + f" (id {round_.id})")
        return EXIT_OK
    if command == "status":
        return _status(app.rounds.board(args.round, user, role), app, lang)
    if command == "templates":
        round_ = app.rounds.get(args.round)
        args.out.mkdir(parents=True, exist_ok=True)
        units = [_unit(args.region)] if args.region is not None else list(app.rounds.may_submit_for(user, role, round_))
        for unit in units:
            name, data = app.rounds.template(round_.id, unit, user, role, lang)
            (args.out / name).write_bytes(data)
            print(args.out / name)
        return EXIT_OK
    if command == "submit":
        return _submit(args, app, user, role, lang)
    if command in ("approve", "return"):
        action = "approved" if command == "approve" else "returned"
        app.rounds.review(args.round, _unit(args.region), action, args.comment, user, role)
        print(t("reviewed_approved" if command == "approve" else "reviewed_returned", lang))
        return EXIT_OK
    closed = app.rounds.close(args.round, user, role, confirm_partial=args.partial_sum)
    print(t("round_closed_done", lang, id=closed.revision.id))
    print(closed.coverage_text(lang))
    catalogue = app.catalogue()
    for warning in closed.city_warnings:
        print(f"  ! {warning_message(warning, catalogue, lang)}")
    for line in closed.city_lines(catalogue, lang):
        print(line)
    return EXIT_OK


def _submit(args: argparse.Namespace, app, user: str, role: str, lang: str) -> int:  # type: ignore[no-untyped-def]
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"{args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    check = app.rounds.check_now(args.round, _unit(args.region), data, args.file.name, user, role)
    if not check.ok:
        print(format_problems(check.parsed.problems, lang))
        print(t("round_err_has_errors", lang), file=sys.stderr)
        return EXIT_REFUSED
    reasons = dict(item.split("=", 1) for item in args.explain if "=" in item)
    explanations = {w.key: reasons.get(w.code, "") for w in check.warnings}
    catalogue = app.catalogue()
    for warning in check.warnings:
        reason = reasons.get(warning.code, "")
        print(f"[{t('board_warnings', lang)}] {warning_message(warning, catalogue, lang)}"
              + (f" → {reason}" if reason else f"  (--explain {warning.code}=…)"))
    if errors(check.parsed.problems):
        return EXIT_REFUSED
    submission = app.rounds.submit_check(check, explanations, user, role)
    print(t("submitted_done", lang) + f" ({submission.region or t('city_total', lang)})")
    return EXIT_OK


def _status(board, app, lang: str) -> int:  # type: ignore[no-untyped-def]
    catalogue = app.catalogue()
    round_ = board.round
    print(f"{round_.name} · {t('round_state_' + round_.state, lang)}")
    print(t("progress_text", lang, total=len(board.rows), **board.counts))
    for row in board.rows:
        sub = row.submission
        who = f"{sub.submitted_by} {format_time(sub.submitted_at, lang, app.zone)}" if sub else ""
        unit = row.region or t("round_city_own", lang)
        print(f"  {unit:<12} {t('state_' + row.state, lang):<12} {who}" + (f"  [{t('late', lang)}]" if row.late else ""))
        if sub and sub.comment:
            print(f"      {t('review_comment', lang)}: {sub.comment}")
        for warning in row.warnings:
            print(f"      ! {warning_message(warning, catalogue, lang)} → {warning.explanation}")
    print(t("city_figures", lang) + ":")
    if board.city_hidden:
        print(f"  {t('city_figures_reviewers_only', lang)}")
    for rec in board.city.observations.to_dict("records"):
        indicator = catalogue.get(rec["code"])
        group = f" · {rec['group']}" if rec["group"] else ""
        print(f"  {indicator.name(lang) if indicator else rec['code']}{group}: "
              f"{value_with_unit(rec['value'], indicator, lang) if indicator else rec['value']}")
    if len(board.city.pending):
        print(t("city_pending", lang, items=city_items(board.city.pending, catalogue, lang)))
    if board.city.coverage is not None:
        print(coverage_text(board.city.coverage, lang))
    for difference in [*board.city.differences, *board.city.warnings]:
        print(f"  ! {warning_message(difference, catalogue, lang)}")
    return EXIT_OK


def _catalogue(args: argparse.Namespace, app, lang: str) -> int:  # type: ignore[no-untyped-def]
    command = args.catalogue_command
    if command == "list":
        for ind in app.catalogue():
            print(f"{ind.code:<34} {ind.name(lang):<24} {ind.unit(lang):<10} {ind.kind}")
        return EXIT_OK
    if command == "history":
        for change in app.catalogue_store.changes():
            print(f"{change['id']:>4}  {format_time(change['at'], lang, app.zone):<17} {change['user']:<12} {change['action']:<12} "
                  f"{change['code']}")
        return EXIT_OK
    user, role = _acting(app, args.user, "admin")
    fields = {name: getattr(args, name) for name in ("code", "name_zh", "name_en", "unit_zh", "unit_en", "kind",
                                                     "direction", "category", "definition_zh", "definition_en",
                                                     "numerator", "denominator", "part_of")}
    indicator = add_indicator(app, fields, user, role)
    print(t("catalogue_added", lang, name=indicator.name(lang), code=indicator.code))
    return EXIT_OK
