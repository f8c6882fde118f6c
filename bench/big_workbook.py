"""A large long-format workbook for the benchmarks: valid data, one row per value."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from indicators.catalogue import CATALOGUE

HEADERS = ["指标代码", "年份", "地区", "分组", "数值", "限定", "说明", "来源"]


def write_long_workbook(path: Path, rows: int = 100_000) -> int:
    """Write ``rows`` valid observations (all indicators x regions x years); return the count."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, HEADERS)
    years = range(1995, 2030)
    per_region = len(CATALOGUE) * len(years)
    regions = [f"第{i:03d}区" for i in range(rows // per_region + 1)]
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
