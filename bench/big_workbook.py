"""A large long-format workbook for the benchmarks: valid data, one row per value."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from indicators.catalogue import CATALOGUE

HEADERS = ["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"]


YEARS = range(1992, 2027)  # none after the current statistics year + 1: the reader refuses those


def bench_regions(rows: int) -> list[str]:
    """The regions the workbook of ``rows`` rows names: as many as it takes to fill it."""
    return [f"第{i:03d}区" for i in range(rows // (len(CATALOGUE) * len(YEARS)) + 1)]


def prepare_store(store, rows: int = 100_000) -> None:  # type: ignore[no-untyped-def]
    """A store as users have it (the built-in data), with the workbook's regions on the region list
    (as an admin would add them before the districts send their tables)."""
    from indicators.ingest import registry, seed_if_empty

    seed_if_empty(store)
    regions = registry(store)
    known = set(regions.directory().names)
    for name in bench_regions(rows):
        if name not in known:
            regions.add(name, user="bench")


def write_long_workbook(path: Path, rows: int = 100_000) -> int:
    """Write ``rows`` valid observations (all indicators x regions x years); return the count."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, HEADERS)
    years = YEARS
    regions = bench_regions(rows)
    n = 0
    for region_index, region in enumerate(regions):
        for ind in CATALOGUE:
            for step, year in enumerate(years):
                if n >= rows:
                    break
                if ind.kind == "rate":
                    value = round(40 + (step * 1.5 + region_index % 7) % 60, 1)
                else:
                    value = float(10 + region_index % 13 + step * 3)
                n += 1
                ws.write_row(n, 0, [ind.code, year, region, "", value, "", "", "示例"])
    wb.close()
    return n
