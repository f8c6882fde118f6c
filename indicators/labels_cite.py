"""Labels of the citations (``indicators/citations.py``), in Chinese and English.

Kept beside ``labels.py`` and merged into its one table, so ``t(key, lang)`` finds them.
"""

from __future__ import annotations

CITE_LABELS: dict[str, tuple[str, str]] = {
    "cite_sources": ("来源：{sources}", "Sources: {sources}"),
    "cite_note": ("（来源：{sources}）", "(Sources: {sources}.)"),
    "cite_separator": ("；", "; "),
    "cite_list_separator": ("、", ", "),
    "cite_report": ("工作报告第{fragments}段", "work report, fragment {fragments}"),
    "cite_report_many": ("工作报告第{fragments}段", "work report, fragments {fragments}"),
    "cite_illustrative": ("示例数据", "illustrative values"),
    "cite_round_regions": ("{regions}上报（第{round}轮，修订{id}）", "reported by {regions} (round {round}, revision {id})"),
    "cite_round_city": ("第{round}轮全市数（修订{id}）", "round {round}, city figures (revision {id})"),
    "cite_file": ("{file}（修订{id}）", "{file} (revision {id})"),
    "cite_revision_line": ("第 {id} 号修订版 · {time}", "revision {id} · {time}"),
    "cited_as": ("出处", "cited as"),
}
