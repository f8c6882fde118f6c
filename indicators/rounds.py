"""Collection rounds in the store: a round, the indicators and regions it collects, each region's
submission (its file, its values, its warnings with their explanations), and every state change.

A region's state in a round is *not started* (no submission), *submitted*, *returned* (with the
reviewer's comment) or *approved*. Each change takes the round's row lock first (``SELECT … FOR
UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) and checks the round is still open and
the submission's state allows it, inside the transaction: two reviewers, or a late district and
a closing reviewer, queue rather than race. Who may ask is checked by the use cases
(``indicators.round_cases``), not here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.engine import Engine

from indicators.database import writing
from indicators.rounds_tables import (
    explanations_table,
    round_indicators,
    round_regions,
    rounds_table,
    submission_events,
    submission_values,
    submission_warnings,
    submissions_table,
)

STATES = ("not_started", "submitted", "returned", "approved")

class RoundError(Exception):
    """A round action refused: ``code`` names why (for the message table), ``params`` fill it in."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    year: int
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    state: str
    created_at: dt.datetime
    created_by: str
    closed_at: dt.datetime | None
    closed_by: str
    revision_id: int | None
    indicators: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # "" is the city's own report

    @property
    def is_open(self) -> bool:
        return self.state == "open"


@dataclass(frozen=True)
class ValueWarning:
    """A value that breaks a warning rule, and (once submitted) its explanation."""

    rule: str
    code: str
    year: int
    region: str
    group: str
    value: float
    params: dict = field(default_factory=dict, compare=False, hash=False)
    explanation: str = ""
    where: str = ""  # the file's cell, when known

    @property
    def key(self) -> str:
        """Stable within a submission: what the explanation form and the stored row are matched by."""
        other = self.params.get("other", "")
        return f"{self.rule}|{self.code}|{self.year}|{self.region}|{self.group}|{other}"


@dataclass(frozen=True)
class Submission:
    id: int
    round_id: int
    region: str
    state: str
    filename: str
    sha256: str
    submitted_by: str
    submitted_at: dt.datetime
    reviewed_by: str
    reviewed_at: dt.datetime | None
    comment: str


VALUE_FIELDS = ["code", "year", "region", "group", "value", "qualifier", "note", "source"]


class RoundStore:
    """Rounds and submissions in the store's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine  # migration 0007 made the tables

    # --- reading ---------------------------------------------------------------------------------

    def rounds(self) -> list[Round]:
        with self.engine.connect() as conn:
            ids = conn.execute(select(rounds_table.c.id).order_by(rounds_table.c.id.desc())).scalars().all()
            return [self._round(conn, i) for i in ids]  # type: ignore[misc]

    def get(self, round_id: int) -> Round | None:
        with self.engine.connect() as conn:
            return self._round(conn, round_id)

    def by_revision(self) -> dict[int, Round]:
        """The rounds whose closing published a revision, by that revision."""
        return {r.revision_id: r for r in self.rounds() if r.revision_id is not None}

    def _round(self, conn: Connection, round_id: int) -> Round | None:
        row = conn.execute(select(rounds_table).where(rounds_table.c.id == round_id)).mappings().first()
        if row is None:
            return None
        codes = conn.execute(select(round_indicators.c.code).where(round_indicators.c.round_id == round_id)
                             .order_by(round_indicators.c.position)).scalars().all()
        regions = conn.execute(select(round_regions.c.region).where(round_regions.c.round_id == round_id)
                               .order_by(round_regions.c.position)).scalars().all()
        return Round(**{**row, "created_at": _utc(row["created_at"]), "closed_at": _utc(row["closed_at"])},
                     indicators=tuple(codes), regions=tuple(regions))

    def submissions(self, round_id: int) -> dict[str, Submission]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(*[c for c in submissions_table.c if c.name != "content"])
                                .where(submissions_table.c.round_id == round_id)).mappings().all()
        return {row["region"]: Submission(**{**row, "submitted_at": _utc(row["submitted_at"]),
                                             "reviewed_at": _utc(row["reviewed_at"])}) for row in rows}

    def submission(self, round_id: int, region: str) -> Submission | None:
        return self.submissions(round_id).get(region)

    def submission_file(self, submission_id: int) -> tuple[str, bytes] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions_table.c.filename, submissions_table.c.content)
                               .where(submissions_table.c.id == submission_id)).first()
        return (row.filename, row.content) if row else None

    def values(self, submission_ids: list[int]) -> pd.DataFrame:
        """The values of submissions, one row each, in the store's observation columns."""
        if not submission_ids:
            return pd.DataFrame(columns=VALUE_FIELDS)
        with self.engine.connect() as conn:
            rows = conn.execute(select(submission_values).where(
                submission_values.c.submission_id.in_(submission_ids))).mappings().all()
        frame = pd.DataFrame([{**{k: row[k] for k in VALUE_FIELDS if k != "group"}, "group": row["grp"]}
                              for row in rows], columns=VALUE_FIELDS)
        return frame.astype({"year": "int64", "value": "float64"}) if not frame.empty else frame

    def warnings(self, submission_ids: list[int]) -> dict[int, list[ValueWarning]]:
        if not submission_ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(submission_warnings).where(
                submission_warnings.c.submission_id.in_(submission_ids)).order_by(submission_warnings.c.id)).mappings()
            out: dict[int, list[ValueWarning]] = {}
            for row in rows:
                out.setdefault(row["submission_id"], []).append(ValueWarning(
                    row["rule"], row["code"], row["year"], row["region"], row["grp"], row["value"],
                    json.loads(row["params"]), row["explanation"]))
        return out

    def events(self, round_id: int, region: str | None = None) -> list[dict]:
        query = select(submission_events).where(submission_events.c.round_id == round_id)
        if region is not None:
            query = query.where(submission_events.c.region == region)
        with self.engine.connect() as conn:
            return [{**row, "at": _utc(row["at"])} for row in conn.execute(query.order_by(submission_events.c.id))
                    .mappings()]

    def explanations(self) -> pd.DataFrame:
        """Every published explanation: code, year, region, group, value, rule, params, text, round, revision."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(explanations_table, rounds_table.c.name.label("round"))
                                .join(rounds_table, rounds_table.c.id == explanations_table.c.round_id)
                                .order_by(explanations_table.c.id)).mappings().all()
        columns = ["code", "year", "region", "group", "value", "rule", "params", "text", "user", "round", "revision_id"]
        return pd.DataFrame([{**{k: row[k] for k in columns if k not in ("group", "params")}, "group": row["grp"],
                              "params": json.loads(row["params"])} for row in rows], columns=columns)

    # --- changing -----------------------------------------------------------------------------------

    def _lock_open(self, conn: Connection, round_id: int) -> None:
        """Lock the round's row until the transaction ends; refuse unless it is open."""
        state = conn.execute(select(rounds_table.c.state).where(rounds_table.c.id == round_id)
                             .with_for_update()).scalar()
        if state is None:
            raise RoundError("no_round", round=round_id)
        if state != "open":
            raise RoundError("round_closed")

    def open(self, name: str, year: int, period: tuple[dt.date, dt.date], deadline: dt.date, codes: list[str],
             regions: list[str], user: str) -> Round:
        now = dt.datetime.now(dt.UTC)
        with writing(self.engine) as conn:
            if conn.execute(select(rounds_table.c.id).where(rounds_table.c.name == name)).first() is not None:
                raise RoundError("name_taken", name=name)
            round_id = conn.execute(insert(rounds_table).values(
                name=name, year=year, period_start=period[0], period_end=period[1], deadline=deadline, state="open",
                created_at=now, created_by=user, closed_at=None, closed_by="", revision_id=None)).inserted_primary_key[0]
            for position, code in enumerate(dict.fromkeys(codes)):
                conn.execute(insert(round_indicators).values(round_id=round_id, code=code, position=position))
            for position, region in enumerate(dict.fromkeys(regions)):
                conn.execute(insert(round_regions).values(round_id=round_id, region=region, position=position))
            self._event(conn, round_id, "", user, "opened", "")
        found = self.get(round_id)
        assert found is not None
        return found

    def save_submission(self, round_id: int, region: str, filename: str, content: bytes, sha256: str,
                        values: pd.DataFrame, warnings: list[ValueWarning], user: str) -> Submission:
        """Store (or replace) a region's submission, unless the round closed or it was approved."""
        now = dt.datetime.now(dt.UTC)
        with writing(self.engine) as conn:
            self._lock_open(conn, round_id)
            existing = conn.execute(select(submissions_table.c.id, submissions_table.c.state).where(
                submissions_table.c.round_id == round_id, submissions_table.c.region == region)).first()
            if existing is not None and existing.state == "approved":
                raise RoundError("already_approved", region=region)
            row = {"state": "submitted", "filename": filename[:255], "content": content, "sha256": sha256,
                   "submitted_by": user, "submitted_at": now, "reviewed_by": "", "reviewed_at": None}
            if existing is None:
                submission_id = conn.execute(insert(submissions_table).values(
                    round_id=round_id, region=region, comment="", **row)).inserted_primary_key[0]
            else:
                submission_id = existing.id
                conn.execute(update(submissions_table).where(submissions_table.c.id == submission_id).values(**row))
                conn.execute(delete(submission_values).where(submission_values.c.submission_id == submission_id))
                conn.execute(delete(submission_warnings).where(submission_warnings.c.submission_id == submission_id))
            for rec in values[VALUE_FIELDS].to_dict("records"):
                conn.execute(insert(submission_values).values(
                    submission_id=submission_id, code=rec["code"], year=int(rec["year"]), region=rec["region"],
                    grp=rec["group"], value=float(rec["value"]), qualifier=str(rec["qualifier"] or ""),
                    note=str(rec["note"] or ""), source=str(rec["source"] or "")))
            for warning in warnings:
                conn.execute(insert(submission_warnings).values(
                    submission_id=submission_id, code=warning.code, year=warning.year, region=warning.region,
                    grp=warning.group, rule=warning.rule, params=json.dumps(warning.params, ensure_ascii=False),
                    value=warning.value, explanation=warning.explanation))
            self._event(conn, round_id, region, user, "submitted", "")
        found = self.submission(round_id, region)
        assert found is not None
        return found

    def review(self, round_id: int, region: str, action: str, comment: str, user: str) -> Submission:
        """Approve a submitted table, or return a submitted (or approved) one with a comment."""
        with writing(self.engine) as conn:
            self._lock_open(conn, round_id)
            state = conn.execute(select(submissions_table.c.state).where(
                submissions_table.c.round_id == round_id, submissions_table.c.region == region)).scalar()
            allowed = {"approved": ("submitted",), "returned": ("submitted", "approved")}[action]
            if state not in allowed:
                raise RoundError("cannot_review", region=region, state=state or "not_started")
            conn.execute(update(submissions_table).where(
                submissions_table.c.round_id == round_id, submissions_table.c.region == region).values(
                state=action, reviewed_by=user, reviewed_at=dt.datetime.now(dt.UTC), comment=comment))
            self._event(conn, round_id, region, user, action, comment)
        found = self.submission(round_id, region)
        assert found is not None
        return found

    def close_in(self, conn: Connection, round_id: int, revision_id: int, fingerprint: tuple, user: str,
                 explanations: list[tuple[ValueWarning, str]]) -> None:
        """Inside the publishing transaction: mark the round closed with the revision it published, and
        publish its explanations. Refused (so the publish rolls back) if the round changed meanwhile."""
        self._lock_open(conn, round_id)
        if self._fingerprint(conn, round_id) != fingerprint:
            raise RoundError("changed_while_closing")
        now = dt.datetime.now(dt.UTC)
        conn.execute(update(rounds_table).where(rounds_table.c.id == round_id).values(
            state="closed", closed_at=now, closed_by=user, revision_id=revision_id))
        for warning, author in explanations:
            conn.execute(insert(explanations_table).values(
                round_id=round_id, revision_id=revision_id, code=warning.code, year=warning.year,
                region=warning.region, grp=warning.group, value=warning.value, rule=warning.rule,
                params=json.dumps(warning.params, ensure_ascii=False), text=warning.explanation,
                user=author, at=now))
        self._event(conn, round_id, "", user, "closed", "")

    def fingerprint(self, round_id: int) -> tuple:
        """What the round's approved submissions are now: closing checks nothing moved meanwhile."""
        with self.engine.connect() as conn:
            return self._fingerprint(conn, round_id)

    @staticmethod
    def _fingerprint(conn: Connection, round_id: int) -> tuple:
        rows = conn.execute(select(submissions_table.c.region, submissions_table.c.state,
                                   submissions_table.c.sha256).where(submissions_table.c.round_id == round_id)
                            .order_by(submissions_table.c.region)).all()
        return tuple((r.region, r.state, r.sha256) for r in rows)

    @staticmethod
    def _event(conn: Connection, round_id: int, region: str, user: str, action: str, comment: str) -> None:
        conn.execute(insert(submission_events).values(round_id=round_id, region=region, at=dt.datetime.now(dt.UTC),
                                                      user=user or "system", action=action, comment=comment))
