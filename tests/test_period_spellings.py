"""Year columns in every spelling offices type, generated: each column is read as exactly its year.

The header is built from spellings chosen at random per column (2011, 2011年, 2011年度, 11年, 二〇一一年,
2011年末 …) and the truth is the year each column was built for: the values must be stored under those
years, each column's own text shown beside its year in the reading, and a column the reader cannot
place must never be dropped without a word.
"""

from __future__ import annotations

import random

import pytest

from indicators.workbook.periods import parse_period
from indicators.workbook.reader import read_workbook
from tables import sheet
from workbooks import save

_CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))


def spellings(year: int) -> list[object]:
    yy = year % 100
    cn = "".join(_CN[d] for d in str(year))
    return [year, f"{year}", f"{year}年", f"{year}年度", f"{yy:02d}年", f"{yy:02d}年度", f"{cn}年",
            f"{cn}年度", f"{year} 年", f"{year}年末", f"{yy:02d}年末", "".join(chr(ord(d) + 0xFEE0) for d in str(year)) + "年"]


@pytest.mark.parametrize("year", [1995, 2000, 2003, 2009, 2011, 2019, 2025])
def test_every_spelling_names_its_year(year):
    for text in spellings(year):
        period = parse_period(text)
        assert period is not None and period.year == year, (text, period)


@pytest.mark.parametrize("text", ["11", "112年", "工作10年", "10年以上", "50年代", "2011年第一季度"])
def test_what_is_not_a_year_column_is_not_read_as_one(text):
    period = parse_period(text)
    assert period is None or period.kind == "subannual"


def _table(rng: random.Random) -> tuple[bytes, dict]:
    years = sorted(rng.sample(range(2003, 2012), rng.randint(2, 4)))
    header = [rng.choice(spellings(y)) for y in years]
    wb, ws = sheet()
    if rng.random() < 0.5:
        ws.append(["工会组织基本情况"])
    ws.append(["指标", *header])
    truth = {}
    for label, code in [("基层工会组织数", "grassroots_unions"), ("工会会员数（万人）", "union_members")]:
        values = [rng.randint(100, 900) if code == "grassroots_unions" else round(rng.uniform(1, 9), 2)
                  for _ in years]
        ws.append([label, *values])
        truth.update({(code, y): float(v) for y, v in zip(years, values, strict=True)})
    return save(wb), truth


@pytest.mark.parametrize("seed", range(40))
def test_a_generated_header_of_mixed_spellings_is_read_to_its_truth(seed):
    data, truth = _table(random.Random(seed))
    parsed = read_workbook(data)
    errors = [(p.rule, p.cell, p.value) for p in parsed.problems if p.severity in ("error", "question")]
    assert not errors
    got = {(row.code, int(row.year)): float(row.value) for row in parsed.observations.itertuples()}
    assert got == truth
