"""Labels of the data downloads' refusals, in Chinese and English; merged into ``labels.LABELS``."""

from __future__ import annotations

EXPORT_LABELS: dict[str, tuple[str, str]] = {
    "download_no_year": ("下载参数 year：没有 {year} 年的数据", "download parameter year: no data for {year}"),
    "download_busy": ("下载文件（{name}）仍在生成，请稍后再试", "the download ({name}) is still being built; try again "
                      "in a moment"),
}
