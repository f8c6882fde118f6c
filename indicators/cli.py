"""Command line: ``python -m indicators validate|import|history|rollback|template|export-data|users``.

Exit codes: 0 done, 1 the input was refused (the problems are listed), 2 a usage error.
Bad input never ends in a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from indicators import cli_rounds, settings
from indicators.application import Application
from indicators.catalogue import using
from indicators.data_export import write_data
from indicators.default_year import default_year
from indicators.ingest import import_workbook, reader_context, validate_workbook
from indicators.labels import t
from indicators.local_time import format_date, format_time
from indicators.narrative import year_draft
from indicators.problems import errors, format_problems, questions
from indicators.region_names import REGION_KINDS
from indicators.regions import RegionError
from indicators.store import StoreError
from indicators.template import write_template
from indicators.translation import city_label
from indicators.users import ROLES, UserError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with the usage line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m indicators", description="工会指标看板 — data store tools")
    parser.add_argument("--db", help="store: SQLite file or PostgreSQL URL (default: $INDICATORS_DB)")
    parser.add_argument("--lang", choices=["zh", "en"], help="language of messages (default: $INDICATORS_LANG or zh)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("validate", help="check a file (.xlsx, .xls, .ods, .csv) without importing it")
    p.add_argument("file", type=Path)
    p.add_argument("--explain", action="store_true", help="print how every sheet was read, cell by cell")
    p.add_argument("--region", default=None, help="the region the whole file is for (when the file does not say)")
    p = sub.add_parser("import", help="check a file and publish it as a new revision")
    p.add_argument("file", type=Path)
    p.add_argument("--user", default=None, help="who is importing (default: the login name)")
    p.add_argument("--replace", action="store_true",
                   help="replace all current data (default: merge, keeping values the file does not mention)")
    p.add_argument("--explain", action="store_true", help="print how every sheet was read, cell by cell")
    p.add_argument("--region", default=None, help="the region the whole file is for (when the file does not say)")
    p.add_argument("--confirm-report-changes", action="store_true",
                   help="allow changing figures whose source is the work report")
    sub.add_parser("history", help="list revisions, newest last")
    p = sub.add_parser("rollback", help="make an earlier revision current again")
    p.add_argument("revision", type=int)
    p.add_argument("--user", default=None)
    p = sub.add_parser("template", help="write the upload template")
    p.add_argument("out", type=Path)
    p.add_argument("--filled", action="store_true", help="pre-fill with the current data")
    p = sub.add_parser("export-data", help="write the current data as .csv or .xlsx")
    p.add_argument("out", type=Path)
    p = sub.add_parser("draft", help="print the year's paragraphs drafted from the current data, for a report")
    p.add_argument("--year", type=int, default=None, help="the year (default: the latest)")
    p.add_argument("--region", default="", help="a region (default: the whole city)")
    p = sub.add_parser("users", help="manage who may sign in: add, list, remove")
    users_sub = p.add_subparsers(dest="users_command", required=True, parser_class=_Parser)
    q = users_sub.add_parser("add", help="add a user")
    q.add_argument("name")
    q.add_argument("--role", choices=ROLES, default="viewer")
    q.add_argument("--region", action="append", default=[],
                   help="a region the user reports for (repeatable): makes an editor a district editor")
    q.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from standard input (so it never shows in the process list)")
    users_sub.add_parser("list", help="list users, their roles and regions")
    q = users_sub.add_parser("tie", help="tie a user to exactly these regions (none: untie)")
    q.add_argument("name")
    q.add_argument("region", nargs="*")
    q = users_sub.add_parser("remove", help="remove a user")
    q.add_argument("name")
    q = users_sub.add_parser("passwd", help="give a user a new password (ends every session of the user)")
    q.add_argument("name")
    q.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from standard input")
    p = sub.add_parser("regions", help="the region list: list, add, rename, alias")
    regions_sub = p.add_subparsers(dest="regions_command", required=True, parser_class=_Parser)
    regions_sub.add_parser("list", help="list regions with their aliases")
    q = regions_sub.add_parser("add", help="add a region (a district, county, county-level city or industry union)")
    q.add_argument("name")
    q.add_argument("--kind", choices=list(REGION_KINDS), default=None)
    q.add_argument("--alias", action="append", default=[], help="another name files use for it (repeatable)")
    q.add_argument("--en", default="", help="its English name")
    q = regions_sub.add_parser("rename", help="rename a region (the old name stays as an alias)")
    q.add_argument("old")
    q.add_argument("new")
    q = regions_sub.add_parser("alias", help="add another name for a region")
    q.add_argument("name")
    q.add_argument("alias")
    cli_rounds.add_parsers(sub)
    p = sub.add_parser("render-service", help="run the host's one chart renderer (Chromium) on a Unix socket")
    p.add_argument("--socket", default=None, help="socket path (default $INDICATORS_RENDER_SOCKET)")
    return parser


def _draft(args: argparse.Namespace, app: Application, lang: str) -> int:
    """Print the drafted paragraphs of a year (the latest by default), for the city or a region."""
    store = app.store
    index = app.data_index()
    revision_id = index.revision_id
    year = args.year if args.year is not None else default_year(index, args.region or "")
    if year not in index.years or (args.region and args.region not in index.regions):
        print(t("draft_nothing", lang, year=year, region=args.region or t("city_total", lang)), file=sys.stderr)
        return EXIT_USAGE
    revision = store.revision(revision_id) if revision_id is not None else None
    city = city_label(app.settings.city, lang, app.settings.city_en)
    draft = year_draft(index, year, args.region, lang, revision, app.settings.year_basis, city)
    print(f"{draft.title}\n\n{draft.text}")
    return EXIT_OK


def _open(args: argparse.Namespace) -> Application:
    """The application object, built once per command, as the server builds it."""
    return Application({"db": args.db, "lang": args.lang})


def _read_file(path: Path, lang: str) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"无法读取文件 {path}：{reason}" if lang == "zh" else f"Cannot read {path}: {reason}", file=sys.stderr)
        return None


def _known_regions(app: Application, names: list[str]) -> list[str]:
    """The registry's names for ``names``; a name not on the list refuses the command."""
    directory = app.regions().directory()
    out = []
    for name in names:
        match = directory.match(name)
        if match.kind != "region":
            raise UserError(f"“{name}”不在地区列表中 (not on the region list): {'、'.join(directory.names)}")
        out.append(match.region)
    return out


def _users(args: argparse.Namespace, app: Application, zh: bool) -> int:
    users = app.users
    try:
        if args.users_command == "add":
            regions = _known_regions(app, args.region)
            password = sys.stdin.readline().rstrip("\r\n")
            user = users.add(args.name, password, args.role)
            if regions:
                users.tie(user.name, regions)
            print(f"已添加用户 {user.name}（{user.role}）" if zh else f"Added {user.name} ({user.role})")
        elif args.users_command == "tie":
            users.tie(args.name, _known_regions(app, args.region))
            print(f"{args.name}：{'、'.join(args.region) or '—'}")
        elif args.users_command == "remove":
            users.remove(args.name)
            print(f"已删除用户 {args.name}" if zh else f"Removed {args.name}")
        elif args.users_command == "passwd":
            users.set_password(args.name, sys.stdin.readline().rstrip("\r\n"))
            print(f"已为 {args.name} 设置新密码，其所有会话已结束" if zh else
                  f"New password set for {args.name}; all of their sessions ended")
        else:
            ties = users.ties()
            for user in users.list():
                print(f"{user.name:<20} {user.role:<8} {format_date(user.created_at, 'zh' if zh else 'en', app.zone)}  {'、'.join(ties.get(user.name, ()))}")
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def _regions(args: argparse.Namespace, app: Application, zh: bool) -> int:
    regions = app.regions()
    user = getpass.getuser()
    try:
        if args.regions_command == "add":
            entry = regions.add(args.name, args.kind, args.alias, args.en, user)
            print(f"已添加地区 {entry.name}（别名：{'、'.join(entry.aliases)}）" if zh
                  else f"Added the region {entry.name} (aliases: {', '.join(entry.aliases)})")
        elif args.regions_command == "rename":
            regions.rename(args.old, args.new, user)
            print(f"已将地区 {args.old} 改名为 {args.new}（旧名保留为别名）" if zh
                  else f"Renamed {args.old} to {args.new} (the old name stays as an alias)")
        elif args.regions_command == "alias":
            regions.add_alias(args.name, args.alias, user)
            print(f"已为 {args.name} 添加别名 {args.alias}" if zh else f"Added the alias {args.alias} to {args.name}")
        else:
            for entry in regions.entries():
                kind = REGION_KINDS.get(entry.kind, REGION_KINDS["other"])["zh" if zh else "en"]
                print(f"{entry.name:<12} {kind:<10} {entry.name_en:<24} {'、'.join(entry.aliases)}")
    except RegionError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def _region_option(app: Application, value: str | None, zh: bool) -> str | None:
    """``--region`` as the registry names it ("" for the city); exits with a usage error if unknown."""
    if value is None:
        return None
    match = app.regions().directory().match(value)
    if match.kind == "city":
        return ""
    if match.kind == "region":
        return match.region
    names = "、".join(app.regions().directory().names)
    raise StoreError(f"--region {value}：不在地区列表中（{names}）。管理员可用 regions add 添加。" if zh else
                     f"--region {value}: not on the region list ({names}). An admin can add it with `regions add`.")


def _print_reading(parsed, lang: str, explain: bool) -> None:  # type: ignore[no-untyped-def]
    text = parsed.reading.text(lang) if explain else "\n".join(
        [n.text(lang) for n in parsed.reading.notes] + [parsed.reading.summary(lang)])
    if text.strip():
        print(text)


def _refusal(problems: list, zh: bool, imported: bool) -> str:
    """``共 4 个错误，文件不能导入。`` with the questions counted beside the errors when there are any."""
    n_errors, n_questions = len(errors(problems)), len(questions(problems))
    if zh:
        counted = f"{n_errors} 个错误" + (f"、{n_questions} 个问题待回答" if n_questions else "")
        return f"共 {counted}，" + ("文件未导入，数据保持不变。" if imported else "文件不能导入。")
    counted = f"{n_errors} error(s)" + (f" and {n_questions} question(s) to answer" if n_questions else "")
    return f"{counted}: " + ("nothing was imported, the data is unchanged." if imported else
                             "the file cannot be imported.")


def _print_questions_hint(problems: list, zh: bool) -> None:
    if questions(problems):
        print("如整个文件都是某一地区的数据，请加 --region 地区名；如地区不在列表中，请管理员先用 "
              "regions add 添加。" if zh else
              "If the whole file is one region's, add --region NAME; if the region is not on the list, "
              "an admin adds it first with `regions add`.")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = args.lang or settings.resolve().lang
    if args.command == "render-service":  # no store: it only renders what the other processes send
        path = args.socket or settings.get("render_socket")
        if not path:
            print("请用 --socket 或 INDICATORS_RENDER_SOCKET 指定套接字路径" if lang != "en"
                  else "Name the socket with --socket or INDICATORS_RENDER_SOCKET", file=sys.stderr)
            return EXIT_USAGE
        from indicators.render_service import serve

        serve(path)
        return EXIT_OK
    try:
        return _run(args, lang)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        where = args.db or settings.resolve().db
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        print(f"无法打开数据库 {where}：{reason}" if lang != "en" else f"Cannot open the store {where}: {reason}",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        target = exc.filename or ""
        reason = exc.strerror or str(exc)
        print(f"无法写入 {target}：{reason}" if lang != "en" else f"Cannot write {target}: {reason}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace, lang: str) -> int:
    if args.command in ("validate", "import"):
        args.data = _read_file(args.file, lang)  # before the store opens: a missing file is a usage error
        if args.data is None:
            return EXIT_USAGE
    app = _open(args)
    with using(app.catalogue()):  # the store's catalogue, with what admins added
        return _command(args, app, lang)


def _command(args: argparse.Namespace, app: Application, lang: str) -> int:
    zh = lang != "en"
    if args.command in ("validate", "import"):
        data = args.data
        store = app.store
        context = reader_context(store, app.settings, region=_region_option(app, args.region, zh))
        if args.command == "validate":
            parsed = validate_workbook(data, store, app.settings, context=context)
            problems = parsed.problems
            _print_reading(parsed, lang, args.explain)
            if problems:
                print(format_problems(problems, lang))
            if errors(problems) or questions(problems):
                _print_questions_hint(problems, zh)
                print(_refusal(problems, zh, imported=False))
                return EXIT_REFUSED
            n = len(parsed.observations) + len(parsed.targets)
            print(f"检查通过：{n} 个数值可以导入。" if zh else f"OK: {n} values can be imported.")
            return EXIT_OK
        user = args.user or getpass.getuser()
        result = import_workbook(store, data, args.file.name, user, mode="replace" if args.replace else "merge",
                                 overrides=app.settings, context=context, confirm_report_changes=args.confirm_report_changes)
        _print_reading(result.parsed, lang, args.explain)
        if result.identical_to is not None:
            print(f"文件与当前的第 {result.identical_to} 号修订版完全相同，没有建立新修订版。" if zh else
                  f"The file is identical to the current revision {result.identical_to}: no new revision was made.")
            return EXIT_OK
        shown = result.parsed.problems + [p for p in result.problems if p not in result.parsed.problems]
        if shown:
            print(format_problems(shown, lang))
        if not result.ok:
            _print_questions_hint(result.problems, zh)
            print(_refusal(result.problems, zh, imported=True))
            return EXIT_REFUSED
        rev = result.revision
        print(f"已发布第 {rev.id} 号修订版：文件中 {rev.n_in_file} 个数值，新增 {rev.n_added}，修改 {rev.n_changed}，"
              f"现有观测值共 {rev.n_observations} 个。" if zh else
              f"Published revision {rev.id}: {rev.n_in_file} values in the file, {rev.n_added} added, "
              f"{rev.n_changed} changed, {rev.n_observations} observations in all.")
        return EXIT_OK
    store = app.store
    if args.command == "history":
        current = store.current_revision_id()
        for rev in store.revisions():
            mark = "*" if rev.id == current else " "
            print(f"{mark}{rev.id:>4}  {format_time(rev.created_at, lang, app.zone):<17} {rev.user:<12} {rev.filename:<30} "
                  f"{rev.n_observations:>7}  {rev.sha256[:12]}")
        print("（* 为当前修订版）" if zh else "(* marks the current revision)")
        return EXIT_OK
    if args.command == "rollback":
        rev = store.rollback(args.revision, args.user or getpass.getuser())
        print(f"已回滚：第 {rev.id} 号修订版（{rev.filename}）重新成为当前数据。" if zh
              else f"Rolled back: revision {rev.id} ({rev.filename}) is current again.")
        return EXIT_OK
    if args.command == "template":
        if args.out.suffix.lower() != ".xlsx":
            print("模板文件名应以 .xlsx 结尾。" if zh else "The template's file name must end in .xlsx.", file=sys.stderr)
            return EXIT_USAGE
        obs = tgt = None
        if args.filled:
            _, obs, tgt = store.data()
        write_template(args.out, lang, obs, tgt)
        print(f"已写出模板：{args.out}" if zh else f"Template written: {args.out}")
        return EXIT_OK
    if args.command == "users":
        return _users(args, app, zh)
    if args.command in ("rounds", "catalogue"):
        return cli_rounds.run(args, app, lang)
    if args.command == "regions":
        return _regions(args, app, zh)
    if args.command == "draft":
        return _draft(args, app, lang)
    if args.command == "export-data":
        if args.out.suffix.lower() not in (".csv", ".xlsx"):
            print("导出文件名应以 .csv 或 .xlsx 结尾。" if zh else "The output must end in .csv or .xlsx.", file=sys.stderr)
            return EXIT_USAGE
        index = app.data_index()
        revision_id, obs = index.revision_id, index.observations
        write_data(args.out, obs, revision_id, lang, app.settings.year_basis, index.explanation_texts(),
                   index.provenance)
        print(f"已导出 {len(obs)} 个观测值：{args.out}" if zh else f"Exported {len(obs)} observations: {args.out}")
        return EXIT_OK
    return EXIT_USAGE
