"""Where each number shown came from: its own source, never the current revision's file.

Every stored value knows its origin: the source its file gave it (a work report passage,
``报告·第8段``, for the report's figures; ``示例`` for illustrative ones; whatever an office typed),
and the revision that wrote it (``valid_from`` of its versioned row, see ``indicators/store.py``),
hence that revision's file and, for a round's closing, the collection round. A 2008 report figure
published in revision 1 stays revision 1's after any number of later uploads that leave it as it
is, so it keeps citing its passage while a 2009 figure cites the round that brought it.

``load_provenance`` reads those origins once per revision (the application caches them with the
revision's index); ``citation`` turns the observations a paragraph, card, footer, table or export
shows into one merged line: "来源：工作报告第8段；甘州区上报（第2轮，修订12）".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Table, select

from indicators.database import read_frame
from indicators.labels import t
from indicators.revision_delta import DTYPES, KEY, OBS_FIELDS, TARGET_FIELDS
from indicators.rounds_tables import rounds_table
from indicators.store_tables import observations, revisions, targets
from indicators.translation import region_label, source_label

_REPORT = re.compile(r"^\s*报告\s*[·・.、]?\s*第\s*(?P<first>\d+)\s*(?:[–\-—~至]\s*(?P<last>\d+)\s*)?段\s*$")
_ILLUSTRATIVE = re.compile(r"^\s*(示例|illustrative)", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    """The revision that wrote a value: its file, and the collection round whose closing it was."""

    revision_id: int
    filename: str
    round_id: int | None = None
    round_name: str = ""
    first: bool = False  # the store's first revision (the built-in report figures, on a new store)


@dataclass(frozen=True)
class Shown:
    """One number on screen: its key, the source stored with it, and whether it is a target."""

    code: str
    year: int
    region: str
    group: str
    source: str
    target: bool = False


class Provenance:
    """Which revision wrote each value of one revision, and what each of those revisions was.

    Read on first use (``loader``), not when the revision's index is built: a publish hands the new
    revision's frames over without reading its rows back, and a request that cites nothing stays as
    fast as before."""

    def __init__(self, rows: pd.DataFrame | None = None, origins: dict[int, Origin] | None = None,
                 loader: Callable[[], tuple[pd.DataFrame, dict[int, Origin]]] | None = None) -> None:
        self._origins = origins or {}
        self._rows = rows
        self._loader = loader
        self._loading = threading.Lock()
        self._positions: dict[tuple[str, bool], np.ndarray] = {}
        self._by_code: dict[tuple[str, bool], dict[tuple[int, str, str], int]] = {}
        if loader is None:
            self._index()

    def _index(self) -> None:
        if self._rows is not None and len(self._rows):
            self._positions = self._rows.groupby(["code", "target"], sort=False).indices

    def _load(self) -> None:
        if self._loader is None:
            return
        with self._loading:  # one read per revision: threads asking meanwhile wait and take it
            if self._loader is not None:
                self._rows, self._origins = self._loader()
                self._index()
                self._loader = None

    def revision_of(self, shown: Shown) -> int | None:
        """The id of the revision that wrote the value ``shown``, if this revision holds it."""
        self._load()
        wanted = (shown.code, shown.target)
        found = self._by_code.get(wanted)
        if found is None:
            positions = self._positions.get(wanted)
            found = {}
            if positions is not None and self._rows is not None:
                part = self._rows.iloc[positions]
                found = dict(zip(zip(part["year"].astype(int), part["region"], part["group"], strict=True),
                                 part["revision"].astype(int), strict=True))
            self._by_code[wanted] = found
        return found.get((int(shown.year), shown.region, shown.group))

    def origin(self, shown: Shown) -> Origin | None:
        revision_id = self.revision_of(shown)
        return None if revision_id is None else self.origin_by_id(revision_id)

    def revision_ids(self, frame: pd.DataFrame, target: bool = False) -> pd.Series:
        """The writing revision of each row of ``frame`` (code, year, region, group), ``<NA>`` if unknown."""
        self._load()
        if self._rows is None or frame.empty:
            return pd.Series(pd.NA, index=frame.index, dtype="Int64")
        mine = self._rows[self._rows["target"] == target][[*KEY, "revision"]]
        keys = frame[KEY].astype({"code": str, "year": "int64", "region": str, "group": str})
        merged = keys.merge(mine, on=KEY, how="left")
        return pd.Series(merged["revision"].astype("Int64").to_numpy(), index=frame.index)

    def origin_by_id(self, revision_id: int) -> Origin | None:
        self._load()
        return self._origins.get(revision_id)


def _rows_valid_in(conn: Connection, table: Table, fields: list[str], revision_id: int) -> pd.DataFrame:
    columns = [table.c[f if f != "group" else "grp"].label(f) for f in fields]
    query = (select(*columns, table.c.valid_from.label("revision"))
             .where(table.c.valid_to > revision_id, table.c.valid_from <= revision_id))
    return read_frame(conn, query, {**{f: DTYPES[f] for f in fields}, "revision": "int64"})


def _trace_rewritten(conn: Connection, table: Table, fields: list[str], frame: pd.DataFrame,
                     parents: dict[int, int | None]) -> pd.DataFrame:
    """Give rows written again by a publish after a rollback (same value as in its parent) the
    revision that first wrote them, not the publish that copied them (``Store._write_delta``)."""
    ids = sorted(parents)
    rewriting = {rev: parent for rev, parent in parents.items()
                 if parent is not None and parent != max((i for i in ids if i < rev), default=None)}
    for _ in range(len(rewriting) + 1):
        todo = [rev for rev in rewriting if (frame["revision"] == rev).any()]
        if not todo:
            break
        changed = False
        for rev in todo:
            mask = frame["revision"] == rev
            parent_rows = _rows_valid_in(conn, table, fields, rewriting[rev])
            joined = frame[mask].reset_index().merge(parent_rows, on=fields, how="left", suffixes=("", "_parent"))
            joined = joined.dropna(subset=["revision_parent"]).drop_duplicates("index")
            if len(joined):
                frame.loc[joined["index"].to_numpy(), "revision"] = joined["revision_parent"].astype("int64").to_numpy()
                changed = True
        if not changed:
            break
    return frame


def load_provenance(engine: Engine, revision_id: int | None) -> Provenance:
    """The origin of every value (observation and target) of ``revision_id``, read on first use."""
    if revision_id is None:
        return Provenance()
    return Provenance(loader=lambda: _read_provenance(engine, revision_id))


def _read_provenance(engine: Engine, revision_id: int) -> tuple[pd.DataFrame, dict[int, Origin]]:
    """One query per table, and the revisions' files and rounds."""
    with engine.connect() as conn:
        revs = conn.execute(select(revisions.c.id, revisions.c.filename, revisions.c.parent_id)).all()
        rounds = {row.revision_id: (row.id, row.name) for row in conn.execute(
            select(rounds_table.c.id, rounds_table.c.name, rounds_table.c.revision_id)
            .where(rounds_table.c.revision_id.is_not(None))).all()}
        parents = {row.id: row.parent_id for row in revs}
        frames = []
        for table, fields, is_target in ((observations, OBS_FIELDS, False), (targets, TARGET_FIELDS, True)):
            frame = _rows_valid_in(conn, table, fields, revision_id)
            frame = _trace_rewritten(conn, table, fields, frame, parents)
            frames.append(frame[[*KEY, "revision"]].assign(target=is_target))
    origins = {row.id: Origin(row.id, row.filename, *rounds.get(row.id, (None, "")), first=row.parent_id is None
                              and row.id == min(parents)) for row in revs}
    return pd.concat(frames, ignore_index=True), origins


def _fragments(passages: list[tuple[int, int | None]], lang: str) -> str:
    ordered = sorted(dict.fromkeys(passages), key=lambda p: (p[0], p[1] or 0))
    text = t("cite_list_separator", lang).join(f"{a}–{b}" if b else str(a) for a, b in ordered)
    many = len(ordered) > 1 or any(b for _, b in ordered)
    return t("cite_report_many" if many else "cite_report", lang, fragments=text)


def cited_parts(shown: Iterable[Shown], provenance: Provenance | None, lang: str = "zh") -> list[str]:
    """The distinct sources of the numbers ``shown``, merged: the report's passages in one part, each
    round's regions in one part, each other file in one, what offices typed as typed, then 示例."""
    return _merged(((item, provenance.origin(item) if provenance is not None else None) for item in shown), lang)


def _merged(pairs: Iterable[tuple[Shown, Origin | None]], lang: str) -> list[str]:
    passages: list[tuple[int, int | None]] = []
    typed: dict[str, None] = {}
    rounds: dict[tuple[int, int], dict[str, None]] = {}
    files: dict[int, str] = {}
    illustrative = False
    for item, origin in pairs:
        source = str(item.source or "").strip()
        match = _REPORT.match(source)
        if match:
            passages.append((int(match["first"]), int(match["last"]) if match["last"] else None))
            if origin is None or origin.first:
                continue
            # A later file stated it (a report figure changed, its source kept): cite that file too.
            source = ""
        if _ILLUSTRATIVE.match(source):
            illustrative = True
            continue
        if source and not (origin is not None and origin.round_id is not None and source == origin.round_name):
            typed[source_label(source, lang)] = None
        if origin is None:
            continue
        if origin.round_id is not None:
            rounds.setdefault((origin.round_id, origin.revision_id), {})[item.region] = None
        else:
            files[origin.revision_id] = origin.filename
    parts = [_fragments(passages, lang)] if passages else []
    parts += list(typed)
    for (round_id, revision_id), regions in sorted(rounds.items()):
        districts = [r for r in regions if r]
        if districts:
            names = t("cite_list_separator", lang).join(region_label(r, lang) for r in districts)
            parts.append(t("cite_round_regions", lang, regions=names, round=round_id, id=revision_id))
        if "" in regions:
            parts.append(t("cite_round_city", lang, round=round_id, id=revision_id))
    parts += [t("cite_file", lang, file=name, id=rev) for rev, name in sorted(files.items())]
    if illustrative:
        parts.append(t("cite_illustrative", lang))
    return parts


def row_sources(frame: pd.DataFrame, provenance: Provenance | None, lang: str = "zh") -> tuple[list[str], pd.Series]:
    """Each observation row's own sources (as ``sources_text``) and writing revision, for a download:
    computed once per distinct (source, region, revision), not per row of 100,000."""
    revision = (provenance.revision_ids(frame) if provenance is not None
                else pd.Series(pd.NA, index=frame.index, dtype="Int64"))
    keys = list(zip(frame["source"].astype(str), frame["region"].astype(str), revision.tolist(), strict=True))
    texts: dict[tuple, str] = {}
    for source, region, rev in dict.fromkeys(keys):
        origin = provenance.origin_by_id(int(rev)) if provenance is not None and not pd.isna(rev) else None
        texts[(source, region, rev)] = t("cite_separator", lang).join(
            _merged([(Shown("", 0, region, "", source), origin)], lang))
    return [texts[key] for key in keys], revision


def sources_text(shown: Iterable[Shown], provenance: Provenance | None, lang: str = "zh") -> str:
    """The merged sources of ``shown`` without a label ("工作报告第8段；data.xlsx（修订3）"), for a table cell."""
    return t("cite_separator", lang).join(cited_parts(shown, provenance, lang))


def citation(shown: Iterable[Shown], provenance: Provenance | None, lang: str = "zh") -> str:
    """"来源：…" for the numbers ``shown``; empty when none of them has a known source."""
    text = sources_text(shown, provenance, lang)
    return t("cite_sources", lang, sources=text) if text else ""


def citation_note(shown: Iterable[Shown], provenance: Provenance | None, lang: str = "zh") -> str:
    """"（来源：…）" closing a drafted paragraph; empty when it states no number with a known source."""
    text = sources_text(shown, provenance, lang)
    return t("cite_note", lang, sources=text) if text else ""


def series_shown(code: str, region: str, group: str, points: Iterable) -> list[Shown]:
    """The points of one series (anything with ``year`` and ``source``) as shown numbers."""
    return [Shown(code, int(p.year), region, group, str(p.source)) for p in points if p is not None]


def target_shown(code: str, region: str, group: str, target, provenance: Provenance | None) -> list[Shown]:  # noqa: ANN001
    """A series' target as a shown number: the region's own row if it has one, else the city's
    (as ``find_target`` chose it)."""
    if target is None:
        return []
    own = Shown(code, int(target.year), region, group, str(target.source), target=True)
    if region and (provenance is None or provenance.revision_of(own) is None):
        return [Shown(code, int(target.year), "", group, str(target.source), target=True)]
    return [own]


def summary_sources(summary, lang: str = "zh", points: Iterable | None = None,  # noqa: ANN001
                    with_target: bool = True) -> str:
    """The merged sources (as ``sources_text``) of a series' numbers as a card or chart shows them:
    ``points`` (by default every point of ``summary``) and its target."""
    code, region, group = summary.indicator.code, summary.region, summary.group
    shown = series_shown(code, region, group, summary.points if points is None else points)
    if with_target:
        shown += target_shown(code, region, group, summary.target, summary.provenance)
    return sources_text(shown, summary.provenance, lang)


def summary_citation(summary, lang: str = "zh", points: Iterable | None = None,  # noqa: ANN001
                     with_target: bool = True) -> str:
    """"来源：…" for a series' numbers (``summary_sources``); empty when none has a known source."""
    text = summary_sources(summary, lang, points, with_target)
    return t("cite_sources", lang, sources=text) if text else ""


def frame_shown(frame: pd.DataFrame) -> list[Shown]:
    """The rows of a breakdown (code, year, region, group, source) as shown numbers."""
    return [Shown(str(r.code), int(r.year), str(r.region), str(r.group), str(r.source))
            for r in frame[[*KEY, "source"]].itertuples(index=False)]
