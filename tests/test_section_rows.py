"""Section headings qualify the rows under them, generated: a part's figures are never the whole's.

A table holds the whole's rows and a section of rows under a heading naming a part (三、非公有制企业工会,
（二）农村, 城镇, 女职工, 按行业分 …), above or below the whole's, with rows the whole has and rows it lacks.
Truth by construction: exactly the whole's values are read, and each row under the part's heading is left
out with a warning naming its cell and the heading.
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

PARTS = ["三、非公有制企业工会", "（二）农村", "城镇", "女职工", "按行业分", "二、乡镇（街道）工会", "其中：国有企业",
         "外资企业工会情况"]
WHOLES = ["一、基本情况", "工会组织情况", None]


def _table(part: str, whole: str | None, part_first: bool) -> tuple[bytes, dict, list[int]]:
    wb, ws = sheet()
    ws.append(["指标", "2008年", "2009年"])
    whole_rows = ([[whole, None, None]] if whole else []) + [["基层工会组织数", 300, 320], ["工会组建率（%）", 90, 92]]
    part_rows = [[part, None, None], ["工会组建率（%）", 70, 75], ["工会会员数（万人）", 1.1, 1.2]]
    rows = part_rows + whole_rows if part_first else whole_rows + part_rows
    for row in rows:
        ws.append(row)
    start = 2 + rows.index(part_rows[0])
    truth = {("grassroots_unions", 2008): 300.0, ("grassroots_unions", 2009): 320.0,
             ("union_formation_rate", 2008): 90.0, ("union_formation_rate", 2009): 92.0}
    return save(wb), truth, [start + 1, start + 2]


# A part first and no heading for the whole is not generated: the whole's rows would then sit under
# the part's heading, and be the part's.
CASES = [c for c in itertools.product(PARTS, WHOLES, (True, False)) if not (c[2] and c[1] is None)]


@pytest.mark.parametrize("part,whole,part_first", CASES)
def test_rows_under_a_parts_heading_are_left_out_and_said(part, whole, part_first):
    data, truth, part_rows = _table(part, whole, part_first)
    parsed = read_workbook(data)
    got = {(row.code, int(row.year)): float(row.value) for row in parsed.observations.itertuples()}
    assert got == truth
    said = [p for p in parsed.problems if p.rule == "row_in_section"]
    assert [p.cell for p in said] == [f"A{r}" for r in part_rows]
    section = said[0].params["section"]
    assert section in unicodedata.normalize("NFKC", part) and section in said[0].message("zh") and said[0].message("en")
