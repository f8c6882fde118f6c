"""Plotly figures of the pages (and, later, of the exports): one function per chart.

Plotly reads a few HTML tags in any text of a figure (``<a href>``, ``<b>``, ``<br>``, ``<span style>``),
so every text that people typed (names, units, regions, groups) goes through ``figure_text`` here; the
functions take plain text and escape it themselves, and callers never escape it before.

Colours are the Okabe–Ito palette, which stays distinct for colour-blind readers; the CJK font
is named explicitly so Chinese never falls back to boxes when a figure is rendered elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from indicators.cell_values import QUALIFIER_LABELS
from indicators.exports_safe import figure_text
from indicators.formatting import value_with_unit
from indicators.indicator_view import Summary, is_illustrative
from indicators.labels import t
from indicators.translation import group_label, region_label

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#6B6B6B")


def _layout(fig: go.Figure, title: str = "", height: int = 380) -> go.Figure:
    """Lay out a chart; ``title`` is plain text (an indicator's name as an admin typed it), escaped here."""
    fig.update_layout(
        title={"text": figure_text(title), "x": 0.01, "xanchor": "left", "font": {"size": 16}} if title else None,
        font={"family": FONT_FAMILY, "size": 13, "color": "#222"},
        height=height, margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 50},
        plot_bgcolor="white", paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    fig.update_xaxes(showgrid=False, linecolor="#999", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False, rangemode="tozero")
    return fig


def main_chart(summary: Summary, lang: str = "zh", title: str = "") -> go.Figure:
    """Years against the target: actual values (reported solid, illustrative hollow; bounds as ▲),
    the path to the target, the target itself, and where the current growth would lead."""
    ind = summary.indicator
    fig = go.Figure()
    points = summary.points
    if points:
        fig.add_trace(go.Scatter(x=[p.year for p in points], y=[p.value for p in points], mode="lines",
                                 line={"color": BLUE, "width": 2}, hoverinfo="skip", showlegend=False))
        for illustrative, name, fill in ((False, t("reported", lang), BLUE),
                                         (True, t("illustrative_points", lang), "white")):
            chosen = [p for p in points if p.illustrative == illustrative]
            if not chosen:
                continue
            fig.add_trace(go.Scatter(
                x=[p.year for p in chosen], y=[p.value for p in chosen], mode="markers+text", name=name,
                marker={"size": 11, "color": fill, "line": {"color": BLUE, "width": 2},
                        "symbol": ["triangle-up" if p.qualifier == ">=" else "circle" for p in chosen]},
                text=[QUALIFIER_LABELS.get(p.qualifier, {}).get(lang, "") if p.qualifier else "" for p in chosen],
                textposition="top center",
                customdata=[figure_text(value_with_unit(p.value, ind, lang, p.qualifier)) for p in chosen],
                hovertemplate="%{x}: %{customdata}<extra>" + name + "</extra>",
            ))
    if summary.trajectory:
        fig.add_trace(go.Scatter(x=[y for y, _ in summary.trajectory], y=[v for _, v in summary.trajectory],
                                 mode="lines", name=t("trajectory", lang),
                                 line={"color": GREEN, "width": 2, "dash": "dot"}))
    if summary.projection:
        fig.add_trace(go.Scatter(x=[y for y, _ in summary.projection], y=[v for _, v in summary.projection],
                                 mode="lines", name=t("projection", lang),
                                 line={"color": ORANGE, "width": 2, "dash": "dash"}))
    if summary.target:
        tgt = summary.target
        fig.add_trace(go.Scatter(
            x=[tgt.year], y=[tgt.value], mode="markers+text", name=t("target_point", lang),
            marker={"size": 16, "symbol": "star", "color": VERMILLION},
            text=[figure_text(value_with_unit(tgt.value, ind, lang, tgt.qualifier))], textposition="top left",
            hovertemplate="%{x}: %{text}<extra>" + t("target_point", lang) + "</extra>",
        ))
    fig.update_xaxes(dtick=1, tickformat="d")
    fig.update_yaxes(range=[0, 105] if ind.is_rate else None)
    _unit_label(fig, ind.unit(lang), lang)
    _layout(fig, title)
    if any(p.illustrative for p in points):  # even a lone trace of hollow points gets its legend entry
        fig.update_layout(showlegend=True)
    return fig


def _unit_label(fig: go.Figure, unit: str, lang: str) -> None:
    """The unit written level above the value axis (单位：个): a rotated 个 reads as an arrow. It
    starts at the plot's left edge, so a long unit ("Unit: 10k yuan") is never cut by the margin."""
    fig.add_annotation(text=f"{t('unit', lang)}{'：' if lang == 'zh' else ': '}{figure_text(unit)}", xref="paper", yref="paper",
                       x=0, y=1.0, xanchor="left", yanchor="bottom", yshift=4, showarrow=False,
                       font={"size": 12, "color": "#555"})


def add_footer(fig: go.Figure, text: str, width: int, height: int, top: int = 70, bottom: int = 130) -> dict:
    """Size a figure for export and write ``text`` along its bottom edge, clear of axis and legend."""
    plot_height = height - top - bottom
    fig.update_layout(width=width, height=height, margin={"t": top, "b": bottom, "l": 70, "r": 30},
                      legend={"y": -50 / plot_height, "yanchor": "top"})
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=-(bottom - 14) / plot_height,
                       xanchor="left", yanchor="bottom", align="left", showarrow=False,
                       font={"size": 11, "color": "#555"})
    return fig.to_plotly_json()


def _bars(fig: go.Figure, frame: pd.DataFrame, labels: list[str], ind, lang: str, color: str,
          horizontal: bool) -> None:
    """One bar trace for the reported values (solid) and one for the illustrative ones (hatched, a
    lighter fill, the same outline), each with its legend entry, so the marking is explained."""
    illustrative = [is_illustrative(s) for s in frame["source"]]
    for marked, name in ((False, t("reported", lang)), (True, t("illustrative_bars", lang))):
        chosen = [i for i, ill in enumerate(illustrative) if ill == marked]
        if not chosen:
            continue
        values = [frame["value"].iloc[i] for i in chosen]
        cats = [labels[i] for i in chosen]
        marker = {"color": color, "line": {"color": color, "width": 1.5}}
        if marked:
            marker = {"color": "white", "line": {"color": color, "width": 1.5},
                      "pattern": {"shape": "/", "fgcolor": color, "bgcolor": "white", "solidity": 0.3}}
        fig.add_trace(go.Bar(
            x=values if horizontal else cats, y=cats if horizontal else values,
            orientation="h" if horizontal else "v", name=name, marker=marker,
            text=[figure_text(value_with_unit(v, ind, lang)) for v in values], textposition="auto",
            hovertemplate=("%{y}" if horizontal else "%{x}") + ": %{text}<extra>" + name + "</extra>",
        ))
    if any(illustrative):
        fig.update_layout(showlegend=True)


def missing_regions(frame: pd.DataFrame, expected: Sequence[str]) -> list[str]:
    """The expected regions (the registry's) that have no value in ``frame``, in registry order."""
    present = set(frame["region"].astype(str)) if not frame.empty else set()
    return [r for r in expected if r not in present]


def region_chart(frame: pd.DataFrame, summary: Summary, lang: str = "zh", title: str = "",
                 expected: Sequence[str] = ()) -> go.Figure:
    """Regions ranked, best on top, with the target as a line where there is one. Illustrative
    values are hatched; every ``expected`` region without a value is listed below as "无数据"."""
    ind = summary.indicator
    frame = frame.iloc[::-1]
    labels = [figure_text(region_label(str(r), lang)) for r in frame["region"]]
    missing = [figure_text(region_label(r, lang)) for r in missing_regions(frame, expected)]
    fig = go.Figure()
    _bars(fig, frame, labels, ind, lang, BLUE, horizontal=True)
    if missing:  # a labelled gap at the bottom, not a region left out
        fig.add_trace(go.Scatter(x=[0] * len(missing), y=missing, mode="text", text=[t("missing_region", lang)] * len(missing),
                                 textposition="middle right", textfont={"color": GREY}, showlegend=False,
                                 hoverinfo="skip"))
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=[*reversed(missing), *labels])
    if summary.target and summary.region == "" and ind.is_rate:
        fig.add_vline(x=summary.target.value, line={"color": VERMILLION, "dash": "dot", "width": 2},
                      annotation_text=t("target_point", lang), annotation_position="top")
    fig.update_xaxes(title={"text": figure_text(ind.unit(lang))})
    return _layout(fig, title, height=max(220, 40 * (len(frame) + len(missing)) + 90))


def group_chart(frame: pd.DataFrame, summary: Summary, lang: str = "zh", title: str = "") -> go.Figure:
    """The indicator's groups side by side (e.g. model workers by level); illustrative ones hatched."""
    ind = summary.indicator
    labels = [figure_text(group_label(str(g), lang)) for g in frame["group"]]
    fig = go.Figure()
    _bars(fig, frame, labels, ind, lang, PURPLE, horizontal=False)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(categoryorder="array", categoryarray=labels)
    _unit_label(fig, ind.unit(lang), lang)
    return _layout(fig, title, height=320)


def sparkline_svg(values: list[float], illustrative: list[bool], width: int = 120, height: int = 32) -> str:
    """A tiny trend line as an SVG data URI: no chart library, so 37 cards stay light."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    xs = [2 + i * (width - 4) / (len(values) - 1) for i in range(len(values))]
    ys = [height - 3 - (v - low) / span * (height - 6) for v in values]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{"white" if ill else BLUE}" stroke="{BLUE}"/>'
        for x, y, ill in zip(xs, ys, illustrative, strict=True))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
           f'<polyline points="{line}" fill="none" stroke="{BLUE}" stroke-width="1.5"/>{dots}</svg>')
    return "data:image/svg+xml;utf8," + quote(svg)
