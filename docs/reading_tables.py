"""Write docs/reading-tables.md: each layout the reader knows, a small picture of the sheet, and how it
is read, taken from the reader itself (so the page cannot drift from what the code does).

    python docs/reading_tables.py        # needs Debian's chromium (for the pictures)

The tables are the tests' own (tests/tables.py); each picture is the sheet drawn as a spreadsheet
(column letters, row numbers, merged cells, hidden rows and columns marked) by Chromium.
"""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import tables  # noqa: E402
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from indicators.problems import format_problems  # noqa: E402
from indicators.workbook import read_workbook  # noqa: E402

OUT = ROOT / "docs" / "reading"
PAGE = ROOT / "docs" / "reading-tables.md"

EXAMPLES = [
    ("wide", "宽表：指标为行、年份为列 · Wide: indicators as rows, years as columns",
     "The table an office keeps: a merged title, a 填报单位 line, a unit column or units in labels, 其中 rows.",
     lambda: (ROOT / "tests" / "fixtures" / "lo_district.xlsx").read_bytes()),
    ("wps-region-column", "无表头的地区列 · A region column without a header (WPS)",
     "序号, the indicator merged down its rows, the districts in a column with no header: read as regions.",
     tables.wps_region_column),
    ("title-only", "只有标题写明地区 · A district named only in the title",
     "Weak evidence: the reader asks whose figures these are instead of storing them as the city's.",
     lambda: tables.district_form(title="甘州区2009年工会组织情况统计表")),
    ("subtotals", "地区为行、小计与合计 · Regions as rows, with 小计 and 合计",
     "One indicator named above the table; 小计 is checked against its parts and not stored; 合计 is the city.",
     tables.subtotals),
    ("hidden", "隐藏的行、列和工作表 · Hidden rows, columns and sheets",
     "What a person cannot see is not data: the draft row, the draft column and the draft sheet are left out.",
     tables.hidden_parts),
    ("yearbook", "统计年鉴的写法 · Yearbook conventions",
     "A 代码 column, section headings, indented rows, # sub-rows, ①/* marks, …/— for no data, units in labels.",
     tables.yearbook_conventions),
    ("years-as-rows", "年份为行 · Years as rows",
     "Years down the side and indicators across (with a unit line under each): read transposed.",
     tables.years_as_rows),
    ("periods", "期别 · Periods within a year",
     "2007年末 and 2008年上半年 are the years 2007 and 2008, with the period kept in each value's note.",
     tables.periods),
    ("long-units", "长表的单位列 · A long sheet with a unit column",
     "118600 人 becomes 11.86 万人; 5230000 元 becomes 523 万元; a unit with no way to the indicator's is an error.",
     tables.long_with_units),
]

STYLE = """
body { margin: 0; font: 13px "Noto Sans CJK SC", sans-serif; background: #fff; }
table { border-collapse: collapse; margin: 6px; }
td, th { border: 1px solid #c8c8c8; padding: 2px 6px; white-space: pre; max-width: 260px; overflow: hidden; }
th { background: #f0f0f0; color: #555; font-weight: normal; text-align: center; }
td.num { text-align: right; }
tr.hidden td, td.hidden { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #fafafa 4px, #fafafa 8px);
  color: #999; text-decoration: line-through; }
.tag { color: #b00; font-size: 11px; }
"""


def _shown(cell) -> str:  # type: ignore[no-untyped-def]
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and "%" in (cell.number_format or ""):
        return f"{value * 100:g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_html(data: bytes) -> str:
    """The first sheet as a spreadsheet shows it: letters, numbers, merges, hidden rows and columns marked."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    covered, spans = set(), {}
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
        covered.discard((rng.min_row, rng.min_col))
    hidden_cols = {c for c in range(1, ws.max_column + 1) if ws.column_dimensions[get_column_letter(c)].hidden}
    rows = ["<tr><th></th>" + "".join(
        f"<th>{get_column_letter(c)}{' <span class=tag>hidden</span>' if c in hidden_cols else ''}</th>"
        for c in range(1, ws.max_column + 1)) + "</tr>"]
    for r in range(1, ws.max_row + 1):
        hidden = ws.row_dimensions[r].hidden
        cells = []
        for c in range(1, ws.max_column + 1):
            if (r, c) in covered:
                continue
            cell = ws.cell(r, c)
            rowspan, colspan = spans.get((r, c), (1, 1))
            classes = ["num" if isinstance(cell.value, (int, float)) else "", "hidden" if c in hidden_cols else ""]
            cells.append(f'<td class="{" ".join(classes)}" rowspan="{rowspan}" colspan="{colspan}">'
                         f"{html.escape(_shown(cell))}</td>")
        tag = " <span class=tag>hidden</span>" if hidden else ""
        rows.append(f'<tr class="{"hidden" if hidden else ""}"><th>{r}{tag}</th>{"".join(cells)}</tr>')
    sheets = "" if len(wb.worksheets) == 1 else "<p style='margin:6px'>" + " · ".join(
        html.escape(w.title) + (" <span class=tag>hidden</span>" if w.sheet_state != "visible" else "")
        for w in wb.worksheets) + "</p>"
    return f"<!DOCTYPE html><html><head><meta charset=utf-8><style>{STYLE}</style></head><body>{sheets}" \
           f"<table>{''.join(rows)}</table></body></html>"


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    sections = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 900, "height": 300}, device_scale_factor=1)
        for slug, title, what, build in EXAMPLES:
            data = build()
            page.set_content(sheet_html(data))
            page.locator("table").screenshot(path=str(OUT / f"{slug}.png"))
            parsed = read_workbook(data)
            problems = format_problems(parsed.problems, "zh") if parsed.problems else "（无问题 · no problems）"
            sections.append(f"## {title}\n\n{what}\n\n![{slug}](reading/{slug}.png)\n\n"
                            f"How it is read (`validate --explain`):\n\n```text\n{parsed.reading.text('zh')}\n```\n\n"
                            f"In English:\n\n```text\n{parsed.reading.text('en')}\n```\n\n"
                            f"Problems and questions:\n\n```text\n{problems}\n```\n")
        browser.close()
    PAGE.write_text(HEADER + "\n".join(sections), encoding="utf-8")
    print(f"wrote {PAGE} and {len(EXAMPLES)} pictures in {OUT}")


HEADER = """# Reading tables · 如何读取表格

The reader (`indicators/workbook/`, `read_workbook`) takes the tables offices really send — the
template's long sheet, an office's own wide table, a district's form, a yearbook table, a statistics
bureau's export, as .xlsx, .xls, .ods or .csv — and says how it read each sheet: the layout, the
header, each row's indicator and how it was matched, the region and where it came from, each unit
conversion, each year or period column, and every row or column it left out, with the reason and
the cell. Where the evidence is weak it asks (in the upload preview) or refuses (on the command line,
unless `--region` says which region the file is for); it never stores a guess in silence.

This page is written by `python docs/reading_tables.py` from the tests' own tables
(`tests/tables.py`) and the reader's own output. Every layout here is also a test in
`tests/test_reading_tables.py`; the real files in `tests/realworld/` are pinned by
`tests/test_realworld_files.py`.

What is read, in short:

| layout | recognised by | notes |
|---|---|---|
| long (template) | a header naming indicator, year and value columns | region, group, unit, qualifier, note, source columns; `单位` converts |
| wide | a header row of years (`2008`, `2008年`, `2008年上半年`, `2013年目标`) | title, 填报单位/单位 lines, 序号/代码, unit column or units in labels, 其中 and # sub-rows |
| years as rows | years down a column, labels across (one or several header rows) | read transposed; a parent header's unit applies to the columns under it |
| regions as rows | a label column of places (地区, or no header) and one indicator named above | 小计 checked against its parts, 合计 the city |
| quarters, months | `2020年第一季度`, `2019-03` | one message: the dashboard keeps one value a year |

Regions come from the region list (`/regions`, `python -m indicators regions`): 甘州区, 甘州区总工会,
xx市甘州区总工会 and 甘州区总工会（盖章） all name 甘州区; the city federation and its departments
(xx市总工会组织部) mean the city; 合计/全市 are the city total; 城区小计 is a subtotal; any other name is
asked about. In the upload preview the question and the reading look like this (made by
`python docs/upload_screenshots.py`):

| 中文 | English |
|---|---|
| ![the question in the preview](upload-question-zh.png) | ![the question in the preview, English](upload-question-en.png) |

Hidden rows, columns and sheets are left out and listed; a formula without a saved
result is an error naming its cell; ①②③ and * marks are taken off values and labels (never read as
digits) and kept in the note; `…`, `—`, `-`, `***` mean no data.

"""


if __name__ == "__main__":
    main()
