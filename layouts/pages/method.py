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
from layouts.state import cached_page, current_data, page_state, page_title

dash.register_page(__name__, path="/method", title=page_title("method"))

TEXT = {
    "zh": """
进展评估采用 Open SDG 与加拿大统计局公布的方法。

**增速**：以基期（目标的基期年份；没有时取最早的数据年份）到最新年份的**年均复合增长率**（CAGR）计算：
CAGR = (最新值 ÷ 基期值)^(1 ÷ 年数) − 1。基期值为 0 时改用线性增速。

**有目标时**，计算实际增速与实现目标所需增速之比 R（所需增速 = 从基期值到目标值、到目标年份所需的 CAGR；
指标“越低越好”时两者同为负数，比值同样适用）：

- 最新值已达到目标：**{achieved}**；若基期尚未达到、在目标年份之前达到：**{met_early}**
- R ≥ {on_track_ratio}：**{on_track}**
- {acc_ratio} ≤ R < {on_track_ratio}：**{needs_acceleration}**
- 0 ≤ R < {acc_ratio}：**{limited}**
- R < 0：**{moving_away}**

**没有目标时**，只看增速（“越低越好”的指标取相反数）：每年 ≥ {substantial}：**{on_track}**；
{moderate}–{substantial}：**{needs_acceleration}**；0–{moderate}：**{limited}**；< 0：**{moving_away}**。

少于两个数据点：**{not_enough_data}**。比率类指标（%）及其目标、预测均不超过 100。

图中“按当前增速预测”把同一增速延伸到目标年份；“目标路径”是从基期值到目标值的匀速路径。

### 累计数与期间目标

累计数（如自 2004 年起累计的市总工会帮扶资金）只会增加，它本身的增速只说明“还在累加”，
不能说明工作是否跟上。因此累计数不看累计值的增速，而看：

- **没有目标时，看每年新增量**（相邻两年累计数之差，跨年时按年平均），用第一个与最后一个完整年度的
  新增量计算年均增长率，再按上面“没有目标时”的界值判断。数据说明写明“截至某年上半年”等不足一年的年份，
  其新增量列出但不参与比较。
- **有期间目标时，看匀速路径**：从基期（累计起点之前一年，累计数为 0）到目标年份匀速推进，
  每年“应达到”的累计数连成目标路径；R = 实际累计增加 ÷ 应达到的累计增加，按上面 R 的界值判断。
- 累计数达到期间目标：在目标年份（或之后）达到为 **{met}**，在目标年份之前达到为 **{met_early}**。

**算例一（看新增量）**：某项累计数 2004—2006 年为 100、220、364，每年新增 120、144，
新增量年均增长 144 ÷ 120 − 1 = 20%，**{on_track}**。若第三年累计为 310（新增 90），
累计数虽仍在增加，新增量却下降 25%，为 **{moving_away}**。

**算例二（期间目标）**：第一次代表大会提出 2004—2008 年下岗失业人员职业培训 750 人。匀速路径为
2004 年 150、2005 年 300、2006 年 450、2007 年 600、2008 年 750 人。若 2006 年底累计 420 人，
R = 420 ÷ 450 = 0.93，为 **{needs_acceleration}**；若 2007 年累计已达 752 人，为 **{met_early}**；
2008 年才达到 750 人，为 **{met}**。

按累计数的平均年新增量延伸，得到图中的“按当前增速预测”。标“示例”的数值是示意数据，只用于演示：图中画为空心点或斜线条；
由示例数值算出的变化和进展注明“示例基数”（起点是示例数值）或“示例数值”（终点是示例数值），要点段落不写这样的变化。
""",
    "en": """
Progress is assessed with the method that Open SDG and Statistics Canada publish.

**Growth** is the **compound annual growth rate** (CAGR) from the base year (the target's base
year, or else the earliest year with data) to the latest year:
CAGR = (latest ÷ base)^(1 ÷ years) − 1. Where the base is 0, linear growth is used instead.

**With a target**, R is the ratio of the actual growth to the growth needed to reach the target
by its year (the CAGR from the base value to the target; for "lower is better" indicators both
are negative and the ratio still applies):

- the latest value meets the target: **{achieved}**; reached before the target year from a base below it:
  **{met_early}**
- R ≥ {on_track_ratio}: **{on_track}**
- {acc_ratio} ≤ R < {on_track_ratio}: **{needs_acceleration}**
- 0 ≤ R < {acc_ratio}: **{limited}**
- R < 0: **{moving_away}**

**Without a target**, the growth rate alone decides (its sign reversed where lower is better):
at least {substantial} a year: **{on_track}**; {moderate}–{substantial}: **{needs_acceleration}**;
0–{moderate}: **{limited}**; below 0: **{moving_away}**.

Fewer than two points: **{not_enough_data}**. Rates (%), their targets and projections never pass 100.

In the charts, "at current growth" extends the same growth to the target year, and "path to
target" is the constant-growth path from the base value to the target.

### Running totals and period targets

A running total (such as the city federation's hardship aid, added up since 2004) only ever
rises: its own growth says only that it keeps adding up, not whether the work keeps pace. So a
running total is judged instead on:

- **its yearly additions, without a target**: the difference between one year's running total
  and the year before (spread evenly over skipped years). Their annual growth, from the first to
  the last whole year, is judged by the thresholds for indicators without a target. A year whose
  note dates it before the year's end ("as of mid-2008") is listed but not compared.
- **the straight path, with a target for a period**: from the base year (the year before the
  count starts, when the running total is 0) to the target year at an even pace; each year's
  point on that path is where the total should stand. R = the actual rise ÷ the rise the path
  expects by the latest year, judged by the thresholds for R above.
- a running total that reaches its period target: **{met}** in the target year (or later),
  **{met_early}** before it.

**Example 1 (yearly additions)**: a running total of 100, 220 and 364 in 2004–2006 adds 120
and then 144; the additions grow by 144 ÷ 120 − 1 = 20 %: **{on_track}**. Had the third year
stood at 310 (adding 90), the total would still rise but its additions would fall by 25 %:
**{moving_away}**.

**Example 2 (period target)**: the first congress set a target of training 750 laid-off workers
over 2004–2008. The straight path is 150 in 2004, 300 in 2005, 450 in 2006, 600 in 2007 and 750
in 2008. With 420 trained by the end of 2006, R = 420 ÷ 450 = 0.93: **{needs_acceleration}**; with
752 already in 2007: **{met_early}**; reaching 750 only in 2008: **{met}**.

For running totals, "at current growth" extends the average yearly addition so far. Values
marked illustrative are examples only: charts draw them as hollow points or hatched bars; a change
or status computed from one says "illustrative base" (it starts from one) or "illustrative value"
(it ends at one), and the drafted paragraphs leave such a change out.
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
