"""Render each export format of one indicator in both languages into docs/exports/.

    python docs/export_samples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from indicators.chart_export import export_chart, parse_export_request  # noqa: E402
from indicators.indicator_view import DataIndex  # noqa: E402
from indicators.ingest import BUILTIN_WORKBOOK  # noqa: E402
from indicators.workbook import read_workbook  # noqa: E402

CODE = "union_formation_rate"


def main() -> None:
    parsed = read_workbook(BUILTIN_WORKBOOK.read_bytes())
    index = DataIndex(1, parsed.observations, parsed.targets)
    out = HERE / "exports"
    out.mkdir(exist_ok=True)
    for lang in ("zh", "en"):
        for fmt in ("png", "svg", "pdf"):
            request = parse_export_request(CODE, fmt, {"lang": lang}, index)
            data, _, _ = export_chart(request, index, None, "xx市")
            path = out / f"{CODE}-{lang}.{fmt}"
            path.write_bytes(data)
            print("wrote", path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
