"""The collection rounds' use cases, each checking who asks, on the server, whatever a page showed:
open a round, hand out templates, check and submit a region's table, return or approve it, draw
the board, and close the round (sum up and publish one revision).

Who may do what: a *reviewer* (or an admin) opens, reviews and closes rounds and may act for any
unit; an editor tied to regions (a district editor) submits only for those regions; an editor tied
to none (the city's own clerk) submits only the city federation's own table (the round's "" unit).
Viewers do nothing here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from indicators.ingest import ImportResult, publish_parsed
from indicators.jobs import UnreadableJob
from indicators.labels import t
from indicators.local_time import is_late
from indicators.round_check import RoundCheck
from indicators.round_sum import CityFigures, Coverage, city_figures
from indicators.round_templates import file_name, region_template, template_name, templates_zip
from indicators.rounds import VALUE_FIELDS, Round, RoundError, RoundStore, Submission, ValueWarning
from indicators.stat_year import year_span
from indicators.template import build_workbook, workbook_bytes
from indicators.users import role_allows
from indicators.workbook import ParsedWorkbook
from indicators.workbook.reader import OBSERVATION_COLUMNS, TARGET_COLUMNS

if TYPE_CHECKING:
    from indicators.application import Application
    from indicators.catalogue import Catalogue

MAX_EXPLANATION = 2000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class BoardRow:
    region: str
    state: str  # not_started | submitted | returned | approved
    submission: Submission | None
    warnings: list[ValueWarning]
    late: bool
    editors: tuple[str, ...]
    mine: bool  # the asking user may submit for it


@dataclass
class Board:
    round: Round
    rows: list[BoardRow]
    counts: dict[str, int]
    city: CityFigures
    may_review: bool
    mine: tuple[str, ...] = field(default_factory=tuple)
    city_hidden: bool = False  # the sums hold other units' unpublished figures: reviewers' only

    @property
    def progress(self) -> float:
        return self.counts["approved"] / max(1, len(self.rows))


@dataclass(frozen=True)
class ValueRow:
    code: str
    group: str
    value: float
    last: float | None
    last_year: int | None

    @property
    def difference(self) -> float | None:
        """This year's value less last year's, in the indicator's unit (points for a rate)."""
        return None if self.last is None else self.value - self.last

    @property
    def change(self) -> float | None:
        """The relative change on last year (0.05 for 5 %); ``None`` without a non-zero base."""
        if self.last in (None, 0):
            return None
        return (self.value - self.last) / abs(self.last)  # type: ignore[operator]


@dataclass
class RoundClosed:
    """A closed round: the revision it published, which regions its sums cover, and the city figures it
    left unpublished (partial sums or jumps not confirmed) with the city figures' warnings."""

    result: ImportResult
    coverage: Coverage
    withheld: pd.DataFrame
    partial: pd.DataFrame  # partial sums published on the closer's confirmation
    city_warnings: list[ValueWarning]

    @property
    def revision(self):  # type: ignore[no-untyped-def]
        return self.result.revision

    def coverage_text(self, lang: str = "zh") -> str:
        """本轮覆盖6个地区中的2个: how many of the regions the city's figure adds up are approved."""
        return coverage_text(self.coverage, lang)

    def city_lines(self, catalogue: Catalogue, lang: str = "zh") -> list[str]:
        """What the close did with the city figures that needed confirming: left as they were (naming
        them), or published as partial sums; empty when nothing needed it."""
        lines = []
        if len(self.withheld):
            lines.append(t("city_withheld", lang, items=city_items(self.withheld, catalogue, lang)))
        if len(self.partial):
            lines.append(t("city_partial_published", lang, items=city_items(self.partial, catalogue, lang)))
        return lines


def city_items(frame: pd.DataFrame, catalogue: Catalogue, lang: str = "zh") -> str:
    """City rows in words: 基层工会组织数 1,080个以上; …"""
    from indicators.formatting import value_with_unit
    from indicators.translation import group_label

    out = []
    for rec in frame.to_dict("records"):
        indicator = catalogue.get(rec["code"])
        group = f" · {group_label(rec['group'], lang)}" if rec["group"] else ""
        value = value_with_unit(rec["value"], indicator, lang, rec["qualifier"]) if indicator else str(rec["value"])
        out.append(f"{indicator.name(lang) if indicator else rec['code']}{group} {value}")
    return ("；" if lang != "en" else "; ").join(out)


def coverage_text(coverage: Coverage, lang: str = "zh") -> str:
    """The coverage in words, naming the approved regions when they are not all."""
    text = t("round_coverage", lang, expected=len(coverage.expected), approved=len(coverage.approved))
    if coverage.complete:
        return text
    from indicators.translation import region_label

    return text + t("round_coverage_which", lang, regions=("、" if lang != "en" else ", ").join(
        region_label(r, lang) for r in coverage.approved) or "—")


@dataclass
class SubmissionView:
    round: Round
    region: str
    submission: Submission
    values: list[ValueRow]
    warnings: list[ValueWarning]
    events: list[dict]
    may_review: bool


class RoundCases:
    """The use cases; reached as ``application.rounds``."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.store = RoundStore(app.store.engine)

    # --- who may ----------------------------------------------------------------------------------

    def _round(self, round_id: object) -> Round:
        try:
            number = int(str(round_id))
        except ValueError:
            raise RoundError("no_round", round=str(round_id)[:20]) from None
        found = self.store.get(number) if 0 < number < 2**31 else None
        if found is None:
            raise RoundError("no_round", round=number)
        return found

    @staticmethod
    def _reviewer(role: str | None) -> None:
        if not role_allows(role, "reviewer"):
            raise RoundError("not_allowed")

    def may_submit_for(self, user: str | None, role: str | None, round_: Round) -> tuple[str, ...]:
        """The units of ``round_`` this user may submit for."""
        if not user or not role_allows(role, "editor"):
            return ()
        if role_allows(role, "reviewer"):
            return round_.regions
        tied = self.app.users.regions_of(user)
        if tied:
            return tuple(r for r in round_.regions if r in tied)
        return tuple(r for r in round_.regions if r == "")

    def _may_submit(self, user: str | None, role: str | None, round_: Round, region: str) -> None:
        if not round_.is_open:
            raise RoundError("round_closed")
        if region not in round_.regions:
            raise RoundError("region_not_in_round", region=region or "全市")
        if region not in self.may_submit_for(user, role, round_):
            mine = self.app.users.regions_of(user) if user else ()
            raise RoundError("not_your_region", region=region or "全市", mine="、".join(mine) or "—")

    # --- opening ----------------------------------------------------------------------------------

    def open(self, name: str, year: object, deadline: object, codes: list[str], regions: list[str],
             user: str | None, role: str | None) -> Round:
        self._reviewer(role)
        name = " ".join(str(name or "").split())
        if not name or len(name) > 100 or _CONTROL.search(name):
            raise RoundError("bad_name")
        low, high = int(self.app.settings.year_min), int(self.app.settings.year_max)
        year_number = _whole_number(year)
        if year_number is None or not low <= year_number <= high:
            raise RoundError("bad_year", low=low, high=high)
        try:
            due = deadline if isinstance(deadline, dt.date) else dt.date.fromisoformat(str(deadline or "")[:10])
        except ValueError:
            raise RoundError("bad_deadline") from None
        catalogue = self.app.catalogue()
        codes = [str(c) for c in codes or []]
        if not codes:
            raise RoundError("no_indicators")
        unknown = [c for c in codes if c not in catalogue.by_code]
        if unknown:
            raise RoundError("unknown_indicator", code=unknown[0][:64])
        regions = ["" if r in (None, "") else str(r) for r in regions or []]
        if not regions:
            raise RoundError("no_regions")
        known = set(self.app.regions().directory().names) | {""}
        strangers = [r for r in regions if r not in known]
        if strangers:
            raise RoundError("unknown_region", region=strangers[0][:50])
        period = year_span(year_number, self.app.settings.year_basis)
        return self.store.open(name, year_number, period, due, codes, regions, user or "")

    def rounds(self) -> list[Round]:
        return self.store.rounds()

    def get(self, round_id: object) -> Round:
        return self._round(round_id)

    # --- templates --------------------------------------------------------------------------------

    def template(self, round_id: object, region: str, user: str | None, role: str | None,
                 lang: str) -> tuple[str, bytes]:
        """A unit's template (its own editors, or a reviewer)."""
        round_ = self._round(round_id)
        if region not in round_.regions:
            raise RoundError("region_not_in_round", region=region or "全市")
        if region not in self.may_submit_for(user, role, round_):
            raise RoundError("not_your_region", region=region or "全市",
                             mine="、".join(self.app.users.regions_of(user)) or "—")
        _, published, _ = self.app.store.data()
        data = region_template(round_, region, self.app.catalogue(), published, lang, self._city(lang),
                               self.app.settings.year_basis)
        return template_name(round_, region, lang), data

    def templates_zip(self, round_id: object, user: str | None, role: str | None, lang: str) -> tuple[str, bytes]:
        self._reviewer(role)
        round_ = self._round(round_id)
        _, published, _ = self.app.store.data()
        data = templates_zip(round_, self.app.catalogue(), published, lang, self._city(lang),
                             self.app.settings.year_basis)
        return file_name(round_.name, ".zip"), data

    def _city(self, lang: str) -> str:
        from indicators.translation import city_label

        return city_label(self.app.settings.city, lang, self.app.settings.city_en)

    # --- checking and submitting ----------------------------------------------------------------------

    def start_check(self, round_id: object, region: str, data: bytes, filename: str, user: str | None,
                    role: str | None) -> str:
        round_ = self._round(round_id)
        self._may_submit(user, role, round_, region)
        return self.app.jobs.submit("upload", "checks", "check_round_table",
                                    (round_.id, region, data, filename, user or ""), owner=user or "")

    def checked(self, job_id: str | None, user: str | None, role: str | None) -> RoundCheck:
        """A finished check of a round's table, if this user may see it."""
        job = self.app.owned_check(job_id, user, role)
        if job is None or job.status != "done":
            raise RoundError("no_job")
        try:
            check = self.app.check_result(job.id)
        except UnreadableJob:
            raise RoundError("job_unreadable") from None
        if not isinstance(check, RoundCheck):
            raise RoundError("not_a_round_check")
        return check

    def check_now(self, round_id: object, region: str, data: bytes, filename: str, user: str | None,
                  role: str | None) -> RoundCheck:
        """The same check as ``start_check``, run here and now (the command line waits for it anyway)."""
        from indicators.catalogue import using
        from indicators.round_check import check_round_table

        round_ = self._round(round_id)
        self._may_submit(user, role, round_, region)
        names = {r.id: r.name for r in self.store.rounds()}
        with using(self.app.catalogue()):
            return check_round_table(self.app.store, self.app.settings, self.app.catalogue(), round_, region, names,
                                     data, filename, user or "", lambda done, total: None)

    def submit(self, job_id: str | None, explanations: dict[str, str], user: str | None,
               role: str | None) -> Submission:
        """Submit a checked table: every rule is checked again here, and every warning needs its reason."""
        return self.submit_check(self.checked(job_id, user, role), explanations, user, role)

    def submit_check(self, check: RoundCheck, explanations: dict[str, str], user: str | None,
                     role: str | None) -> Submission:
        round_ = self._round(check.round_id)
        self._may_submit(user, role, round_, check.region)
        if not check.ok:
            raise RoundError("has_errors")
        values = check.parsed.observations
        strays = values[values["region"].astype(str) != check.region]
        if len(strays):  # the check refused these already; a forged job would not get past here either
            raise RoundError("not_your_region", region=str(strays["region"].iloc[0]) or "全市", mine=check.region)
        explained = []
        missing = 0
        for warning in check.warnings:
            text = str(explanations.get(warning.key, "") or "").strip()
            if len(text) > MAX_EXPLANATION:
                raise RoundError("explanation_too_long", limit=MAX_EXPLANATION)
            missing += not text
            explained.append(replace(warning, explanation=text))
        if missing:
            raise RoundError("explanation_missing", n=missing)
        frame = values[["code", "year", "region", "group", "value", "qualifier", "note", "source"]].astype(
            {"code": str, "region": str, "group": str, "qualifier": str, "note": str, "source": str})
        return self.store.save_submission(round_.id, check.region, check.filename, check.data,
                                          hashlib.sha256(check.data).hexdigest(), frame, explained, user or "")

    # --- reviewing ------------------------------------------------------------------------------------

    def review(self, round_id: object, region: str, action: str, comment: str, user: str | None,
               role: str | None) -> Submission:
        self._reviewer(role)
        round_ = self._round(round_id)
        if action not in ("approved", "returned"):
            raise RoundError("not_allowed")
        comment = str(comment or "").strip()[:MAX_EXPLANATION]
        if action == "returned" and not comment:
            raise RoundError("comment_needed")
        if not round_.is_open:
            raise RoundError("round_closed")
        return self.store.review(round_.id, region, action, comment, user or "")

    def submission_view(self, round_id: object, region: str, user: str | None, role: str | None) -> SubmissionView:
        """A submission against the year before, its warnings, its history: for its unit's editors and reviewers."""
        round_ = self._round(round_id)
        if not role_allows(role, "reviewer") and region not in self.may_submit_for(user, role, round_):
            raise RoundError("not_your_region", region=region or "全市",
                             mine="、".join(self.app.users.regions_of(user)) or "—")
        submission = self.store.submission(round_.id, region)
        if submission is None:
            raise RoundError("cannot_review", region=region or "全市", state="not_started")
        values = self.store.values([submission.id])
        _, published, _ = self.app.store.data()
        rows = []
        for rec in values.to_dict("records"):
            earlier = published[(published["code"] == rec["code"]) & (published["region"] == rec["region"])
                                & (published["group"] == rec["group"]) & (published["year"] < rec["year"])]
            last = earlier.sort_values("year").iloc[-1] if len(earlier) else None
            rows.append(ValueRow(rec["code"], rec["group"], float(rec["value"]),
                                 float(last["value"]) if last is not None else None,
                                 int(last["year"]) if last is not None else None))
        order = {c: i for i, c in enumerate(round_.indicators)}
        rows.sort(key=lambda r: (order.get(r.code, len(order)), r.group))
        return SubmissionView(round_, region, submission, rows, self.store.warnings([submission.id]).get(
            submission.id, []), self.store.events(round_.id, region), role_allows(role, "reviewer"))

    def submission_file(self, round_id: object, region: str, user: str | None, role: str | None) -> tuple[str, bytes]:
        view = self.submission_view(round_id, region, user, role)
        found = self.store.submission_file(view.submission.id)
        assert found is not None
        return found

    # --- the board and closing ----------------------------------------------------------------------------

    def board(self, round_id: object, user: str | None, role: str | None) -> Board:
        """Every unit with its state, who and when, its warnings; the city figures from the approved ones."""
        if not role_allows(role, "editor"):
            raise RoundError("not_allowed")
        round_ = self._round(round_id)
        submissions = self.store.submissions(round_.id)
        warnings = self.store.warnings([s.id for s in submissions.values()])
        ties = self.app.users.ties()
        mine = self.may_submit_for(user, role, round_)
        rows = []
        for region in round_.regions:
            sub = submissions.get(region)
            late = sub is not None and is_late(sub.submitted_at, round_.deadline, self.app.zone)
            rows.append(BoardRow(region, sub.state if sub else "not_started", sub,
                                 warnings.get(sub.id, []) if sub else [], late,
                                 tuple(u for u, tied in ties.items() if region in tied), region in mine))
        counts = {state: sum(r.state == state for r in rows) for state in
                  ("not_started", "submitted", "returned", "approved")}
        may_review = role_allows(role, "reviewer")
        # The city's sums add up other units' approved, unpublished tables: only a reviewer sees them (a
        # district editor sees their own unit's figures, on their own row and submission, and the coverage).
        city = self._city_figures(round_, submissions) if may_review else \
            CityFigures(pd.DataFrame(columns=VALUE_FIELDS), coverage=self.coverage(round_, submissions))
        return Board(round_, rows, counts, city, may_review, mine, city_hidden=not may_review)

    def coverage(self, round_: Round, submissions: dict[str, Submission]) -> Coverage:
        """The regions a city sum must add up (the city's every region, and any other the round asks) and
        which of them are approved: a round for 2 of the 6 districts covers 2 of 6 even when both are in."""
        districts = [r for r in round_.regions if r != ""]
        expected = tuple(dict.fromkeys([*districts, *self.app.regions().directory().names]))
        approved = tuple(r for r in districts if r in submissions and submissions[r].state == "approved")
        return Coverage(approved, expected)

    def _city_figures(self, round_: Round, submissions: dict[str, Submission]) -> CityFigures:
        approved = {r: s for r, s in submissions.items() if s.state == "approved"}
        regions = self.store.values([s.id for r, s in approved.items() if r != ""])
        own = self.store.values([approved[""].id]) if "" in approved else regions.iloc[0:0]
        _, published, _ = self.app.store.data()
        return city_figures(regions, own, list(round_.indicators), self.app.catalogue(), round_.name,
                            self.coverage(round_, submissions), published)

    def close(self, round_id: object, user: str | None, role: str | None,
              confirm_partial: bool = False) -> RoundClosed:
        """Publish every approved table and the city figures as one revision, and close the round with it.

        A city figure summed from only some regions, or one that jumps on the year before, is published
        only with ``confirm_partial`` (then a partial sum is a lower bound with a 部分汇总 note); otherwise
        the city's figure is left as it was and the result says so."""
        self._reviewer(role)
        round_ = self._round(round_id)
        if not round_.is_open:
            raise RoundError("round_closed")
        fingerprint = self.store.fingerprint(round_.id)
        submissions = self.store.submissions(round_.id)
        approved = {r: s for r, s in submissions.items() if s.state == "approved"}
        if not approved:
            raise RoundError("nothing_approved")
        regions = self.store.values([s.id for r, s in approved.items() if r != ""])
        figures = self._city_figures(round_, submissions)
        city = [figures.observations, figures.pending] if confirm_partial else [figures.observations]
        observations = pd.concat([f for f in (regions, *city) if len(f)], ignore_index=True)
        warnings = self.store.warnings([s.id for s in approved.values()])
        explained = [(warning, sub.submitted_by) for sub in approved.values() for warning in warnings.get(sub.id, [])
                     if warning.explanation]
        parsed = ParsedWorkbook(observations.assign(sheet="", col="", row=0)[OBSERVATION_COLUMNS + ["sheet", "col", "row"]],
                                pd.DataFrame(columns=TARGET_COLUMNS + ["sheet", "col", "row"]))
        content = workbook_bytes(build_workbook(observations, None, "zh"))
        filename = file_name(f"round-{round_.id}-{round_.name}", ".xlsx")
        result = publish_parsed(
            self.app.store, parsed, content, filename, user or "", "merge", comment=round_.name,
            also=lambda conn, revision_id: self.store.close_in(conn, round_.id, revision_id, fingerprint, user or "",
                                                               explained))
        if not result.ok:
            raise RoundError("publish_refused", problems=result.problems[:5])
        self.app.prepare_exports(result.revision.id)  # the new revision's downloads, built once in the background
        pending = figures.pending
        partial = pending[pending["note"].str.startswith("部分汇总")] if len(pending) else pending
        return RoundClosed(result, figures.coverage or self.coverage(round_, submissions),
                           pending.iloc[0:0] if confirm_partial else pending,
                           partial if confirm_partial else pending.iloc[0:0], figures.warnings)


def _whole_number(value: object) -> int | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 1e6 else None


def refusal(error: RoundError, lang: str = "zh") -> str:
    """A refusal in words, in the reader's language (problems it carries included)."""
    params = {key: ("；" if lang != "en" else "; ").join(p.message(lang) for p in value) or "—"
              if isinstance(value, list) else value for key, value in error.params.items()}
    if lang == "en":
        params = {key: ("the whole city" if value == "全市" else value) for key, value in params.items()}
    return t(f"round_err_{error.code}", lang, **params)
