"""The region registry: the federation's districts, counties and industry unions, kept in the store.

A file may only put figures under a region of this list (or the city total). A name that is not
on it is never stored as a new region in silence: the preview asks, the command line refuses
unless told which region is meant. Admins add regions, aliases and English names, and rename a
region (the old name stays as an alias, so older files and revisions still match). Every change
is logged with who made it and when.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, delete, insert, select, update

from indicators.database import metadata, writing
from indicators.region_names import (
    CITY_TOTAL_WORDS,
    REGION_KINDS,
    RegionDirectory,
    RegionEntry,
    default_aliases,
    fold_name,
)
from indicators.store import Store
from indicators.users import user_regions

regions_table = Table(
    "regions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("name_en", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

region_aliases = Table(
    "region_aliases", metadata,
    Column("alias", String(200), primary_key=True),  # folded (fold_name)
    Column("written", String(200), nullable=False),  # as the admin typed it
    Column("region_id", Integer, ForeignKey("regions.id"), nullable=False),
)

region_changes = Table(
    "region_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("detail", Text, nullable=False),
)

_BAD_NAME = re.compile(r"[\x00-\x1f\x7f<>\"'=+@\\]|^[-\s]")
MAX_NAME = 50


class RegionError(ValueError):
    """A registry change that cannot be made; the message is in both languages."""


def kind_of(name: str) -> str:
    """A sensible kind for a name: 区 a district, 县 a county, 市 a county-level city, 工会 an industry union."""
    if name.endswith("工会"):
        return "industry"
    if name.endswith("区"):
        return "district"
    if name.endswith(("县", "旗")):
        return "county"
    if name.endswith("市"):
        return "county_city"
    return "other"


class RegionRegistry:
    """The registry in a store. ``directory()`` is the snapshot the reader matches names against."""

    def __init__(self, store: Store, city: str) -> None:
        self.store = store  # its migrations (0003) made the registry's tables
        self.city = city

    # --- reading -------------------------------------------------------------------------

    def entries(self) -> list[RegionEntry]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(regions_table).order_by(regions_table.c.id)).mappings().all()
            aliases = conn.execute(select(region_aliases)).mappings().all()
        by_id: dict[int, list[str]] = {}
        for alias in aliases:
            by_id.setdefault(alias["region_id"], []).append(alias["written"])
        return [RegionEntry(r["name"], r["kind"], tuple(by_id.get(r["id"], ())), r["name_en"]) for r in rows]

    def directory(self) -> RegionDirectory:
        return RegionDirectory(self.city, tuple(self.entries()))

    def changes(self) -> list[dict]:
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(region_changes).order_by(region_changes.c.id)).mappings()]

    # --- changing ------------------------------------------------------------------------

    def _check_name(self, name: str, directory: RegionDirectory, allow: str = "") -> str:
        name = name.strip()
        if not name:
            raise RegionError("地区名称不能为空。 (A region needs a name.)")
        if len(name) > MAX_NAME or _BAD_NAME.search(name):
            raise RegionError(f"地区名称“{name[:MAX_NAME]}”不可用：最多 {MAX_NAME} 个字，不含控制字符或 < > = + @ 等符号。"
                              f" (The region name is too long or holds characters such as < > = + @.)")
        key = fold_name(name)
        if key in CITY_TOTAL_WORDS or key in {fold_name(self.city), fold_name(self.city).removesuffix("市")}:
            raise RegionError(f"“{name}”指全市，不是一个地区。 (“{name}” means the whole city, not a region.)")
        match = directory.match(name)
        if match.kind == "region" and match.how in ("exact", "alias") and match.region != allow:
            raise RegionError(f"“{name}”已是地区“{match.region}”的名称或别名。"
                              f" (“{name}” already names the region “{match.region}”.)")
        if match.kind == "subtotal":
            raise RegionError(f"“{name}”是小计，不是地区。 (“{name}” is a subtotal, not a region.)")
        return name

    def _log(self, conn, user: str, action: str, detail: str) -> None:  # type: ignore[no-untyped-def]
        conn.execute(insert(region_changes).values(at=dt.datetime.now(dt.UTC), user=user or "system",
                                                   action=action, detail=detail))

    def _id(self, conn, name: str) -> int:  # type: ignore[no-untyped-def]
        found = conn.execute(select(regions_table.c.id).where(regions_table.c.name == name)).scalar()
        if found is None:
            raise RegionError(f"没有地区“{name}”。 (There is no region “{name}”.)")
        return found

    def add(self, name: str, kind: str | None = None, aliases: Iterable[str] = (), name_en: str = "",
            user: str = "") -> RegionEntry:
        """Add a region with its usual aliases (甘州区总工会, xx市甘州区 …) and any given."""
        directory = self.directory()
        name = self._check_name(name, directory)
        kind = kind or kind_of(name)
        if kind not in REGION_KINDS:
            raise RegionError(f"未知的地区类型“{kind}”。 (Unknown kind “{kind}”: {', '.join(REGION_KINDS)}.)")
        extra = [self._check_name(a, directory) for a in aliases]
        with writing(self.store.engine) as conn:
            region_id = conn.execute(insert(regions_table).values(
                name=name, kind=kind, name_en=name_en.strip()[:200],
                created_at=dt.datetime.now(dt.UTC))).inserted_primary_key[0]
            seen = {fold_name(name)}
            for alias in [*default_aliases(name, self.city), *extra]:
                key = fold_name(alias)
                if key in seen or directory.match(alias).kind == "region":
                    continue
                seen.add(key)
                conn.execute(insert(region_aliases).values(alias=key, written=alias, region_id=region_id))
            self._log(conn, user, "add", name)
        return next(e for e in self.entries() if e.name == name)

    def add_alias(self, name: str, alias: str, user: str = "") -> None:
        directory = self.directory()
        alias = self._check_name(alias, directory)
        with writing(self.store.engine) as conn:
            region_id = self._id(conn, name)
            conn.execute(insert(region_aliases).values(alias=fold_name(alias), written=alias, region_id=region_id))
            self._log(conn, user, "alias", f"{name} ← {alias}")

    def rename(self, old: str, new: str, user: str = "") -> None:
        """Rename a region; the old name stays as an alias so older files still match it.

        District editors are tied to a region by its name, so their ties move to the new name in the
        same transaction: a rename never cuts them off, and no moment sees the region without them."""
        directory = self.directory()
        new = self._check_name(new, directory, allow=old)
        with writing(self.store.engine) as conn:
            region_id = self._id(conn, old)
            conn.execute(update(regions_table).where(regions_table.c.id == region_id).values(name=new))
            conn.execute(update(user_regions).where(user_regions.c.region == old).values(region=new))
            conn.execute(delete(region_aliases).where(region_aliases.c.alias == fold_name(new)))
            if fold_name(old) != fold_name(new):
                conn.execute(insert(region_aliases).values(alias=fold_name(old), written=old, region_id=region_id))
            self._log(conn, user, "rename", f"{old} → {new}")

    def set_english(self, name: str, name_en: str, user: str = "") -> None:
        with writing(self.store.engine) as conn:
            region_id = self._id(conn, name)
            conn.execute(update(regions_table).where(regions_table.c.id == region_id).values(
                name_en=name_en.strip()[:200]))
            self._log(conn, user, "english", f"{name}: {name_en.strip()[:200]}")

    def seed(self, names: Iterable[str]) -> list[str]:
        """On first start, the regions the built-in data already has; returns those added."""
        if self.entries():
            return []
        added = []
        for name in sorted({n for n in names if n}):
            self.add(name, user="system")
            added.append(name)
        return added
