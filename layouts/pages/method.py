"""How progress is assessed (/method): the method, in the reader's language."""

from __future__ import annotations

import dash
from dash import dcc, html

from indicators.labels import t
from indicators.progress import (
    ACCELERATION_RATIO,
    MODERATE_GROWTH,
    ON_TRACK_RATIO,
    STATUS_LABELS,
    SUBSTANTIAL_GROWTH,
)
from layouts.components import header
from layouts.state import cached_page, current_data, page_state

dash.register_page(__name__, path="/method", title="进展评估方法 · 工会指标看板")

TEXT = {
    "zh": """
进展评估采用 Open SDG 与加拿大统计局公布的方法。

**增速**：以基期（目标的基期年份；没有时取最早的数据年份）到最新年份的**年均复合增长率**（CAGR）计算：
CAGR = (最新值 ÷ 基期值)^(1 ÷ 年数) − 1。基期值为 0 时改用线性增速。

**有目标时**，计算实际增速与实现目标所需增速之比 R（所需增速 = 从基期值到目标值、到目标年份所需的 CAGR；
指标“越低越好”时两者同为负数，比值同样适用）：

- 最新值已达到目标：**{achieved}**
- R ≥ {on_track_ratio}：**{on_track}**
- {acc_ratio} ≤ R < {on_track_ratio}：**{needs_acceleration}**
- 0 ≤ R < {acc_ratio}：**{limited}**
- R < 0：**{moving_away}**

**没有目标时**，只看增速（“越低越好”的指标取相反数）：每年 ≥ {substantial}：**{on_track}**；
{moderate}–{substantial}：**{needs_acceleration}**；0–{moderate}：**{limited}**；< 0：**{moving_away}**。

少于两个数据点：**{not_enough_data}**。比率类指标（%）及其目标、预测均不超过 100。

图中“按当前增速预测”把同一增速延伸到目标年份；“目标路径”是从基期值到目标值的匀速路径。
累计数（自 2004 年起的累计）按累计值计算增速。标“示例”的数值是示意数据，只用于演示。
""",
    "en": """
Progress is assessed with the method that Open SDG and Statistics Canada publish.

**Growth** is the **compound annual growth rate** (CAGR) from the base year (the target's base
year, or else the earliest year with data) to the latest year:
CAGR = (latest ÷ base)^(1 ÷ years) − 1. Where the base is 0, linear growth is used instead.

**With a target**, R is the ratio of the actual growth to the growth needed to reach the target
by its year (the CAGR from the base value to the target; for "lower is better" indicators both
are negative and the ratio still applies):

- the latest value meets the target: **{achieved}**
- R ≥ {on_track_ratio}: **{on_track}**
- {acc_ratio} ≤ R < {on_track_ratio}: **{needs_acceleration}**
- 0 ≤ R < {acc_ratio}: **{limited}**
- R < 0: **{moving_away}**

**Without a target**, the growth rate alone decides (its sign reversed where lower is better):
at least {substantial} a year: **{on_track}**; {moderate}–{substantial}: **{needs_acceleration}**;
0–{moderate}: **{limited}**; below 0: **{moving_away}**.

Fewer than two points: **{not_enough_data}**. Rates (%), their targets and projections never pass 100.

In the charts, "at current growth" extends the same growth to the target year, and "path to
target" is the constant-growth path from the base value to the target. Running totals (since
2004) are assessed on the running total. Values marked illustrative are examples only.
""",
}


def method_text(lang: str) -> str:
    labels = {key: value[lang] for key, value in STATUS_LABELS.items()}
    return TEXT[lang].format(on_track_ratio=ON_TRACK_RATIO, acc_ratio=ACCELERATION_RATIO,
                             substantial=f"{SUBSTANTIAL_GROWTH:.1%}", moderate=f"{MODERATE_GROWTH:.1%}", **labels)


@cached_page
def layout(**query: str) -> html.Div:
    state = page_state(query, current_data().years)
    return html.Div(lang=state.lang, children=[
        header(state, "/method"),
        html.Main(id="main", className="prose", children=[
            html.H1(t("method", state.lang)), dcc.Markdown(method_text(state.lang))]),
    ])
