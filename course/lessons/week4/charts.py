"""Charts of the week's datasets that explain themselves: a title, axis titles with units, a takeaway
written from the numbers. Each ``*_figure`` returns ``(figure, takeaway)``."""
from __future__ import annotations

import plotly.graph_objects as go

from ...i18n import _
from ...widgets.chart_explorer import right_to_left
from ..ui import phone_layout
from . import analysis


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _pct(value: float) -> str:
    return f"{value:.1f}"


def _bars(labels, values, chart: str, y_title: str, texts=None) -> go.Figure:
    fig = go.Figure(go.Bar(x=labels, y=[round(v, 2) for v in values], text=texts or [_n(v) for v in values],
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{x}: %{y}<extra></extra>"))
    phone_layout(fig, _(f"w4.chart.{chart}.title"), _(f"w4.chart.{chart}.x"), y_title)
    return right_to_left(fig)


def search_vs_social_figure(frame) -> tuple[go.Figure, str]:
    """Visits per week from search engines, from social media and email, and direct."""
    table = analysis.weekly_by_kind(frame)
    weeks = [_("w4.data.week", n=n) for n in table.index]
    fig = go.Figure([go.Scatter(x=weeks, y=table[k].tolist(), mode="lines+markers", name=_(f"w4.data.kind.{k}"),
                                hovertemplate="%{x}: %{y}<extra>" + _(f"w4.data.kind.{k}") + "</extra>")
                     for k in analysis.KINDS])
    phone_layout(fig, _("w4.chart.kinds.title"), _("w4.chart.kinds.x"), _("w4.chart.kinds.y"))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25})
    fig.update_layout(height=fig.layout.height + 40, margin={"b": 95})
    right_to_left(fig)
    takeaway = _("w4.chart.kinds.takeaway", search_first=int(table["search"].iloc[0]),
                 search_last=int(table["search"].iloc[-1]), social_first=int(table["social"].iloc[0]),
                 social_last=int(table["social"].iloc[-1]))
    return fig, takeaway


def read_to_end_figure(frame) -> tuple[go.Figure, str]:
    """Share of each post's visits that read to the end."""
    read = analysis.read_to_end_by_post(frame)
    fig = _bars([_(f"w4.data.post.{p}") for p in read.index], read.tolist(), "read",
                _("w4.chart.read.y"), [_pct(v) for v in read])
    best, worst = read.index[0], read.index[-1]
    takeaway = _("w4.chart.read.takeaway", best=_(f"w4.data.post.{best}"), best_pct=_pct(read[best]),
                 worst=_(f"w4.data.post.{worst}"), worst_pct=_pct(read[worst]))
    return fig, takeaway


def search_share_figure(frame) -> tuple[go.Figure, str]:
    """Share of each post's visits that came from search engines."""
    share = analysis.search_share_by_post(frame)
    fig = _bars([_(f"w4.data.post.{p}") for p in share.index], share.tolist(), "search",
                _("w4.chart.search.y"), [_pct(v) for v in share])
    best, worst = share.index[0], share.index[-1]
    takeaway = _("w4.chart.search.takeaway", best=_(f"w4.data.post.{best}"), best_pct=_pct(share[best]),
                 worst=_(f"w4.data.post.{worst}"), worst_pct=_pct(share[worst]))
    return fig, takeaway


def sources_figure(frame) -> tuple[go.Figure, str]:
    """Visits per source exactly as recorded: Facebook appears twice."""
    counts = analysis.visits_by_source(frame)
    fig = _bars(list(counts.index), counts.tolist(), "sources", _("w4.chart.sources.y"))
    merged = analysis.by_source(frame)["visits"].sort_values(ascending=False)
    takeaway = _("w4.chart.sources.takeaway", top=counts.index[0], top_n=int(counts.iloc[0]),
                 lower=int(counts["facebook"]), upper=int(counts["Facebook"]), total=int(merged["facebook"]))
    return fig, takeaway


def funnel_figure(frame) -> tuple[go.Figure, str]:
    """From visit to sign-up to donation."""
    steps = analysis.funnel(frame)
    labels = [_(f"w4.data.funnel.{s}") for s in steps.index]
    fig = go.Figure(go.Funnel(y=labels, x=steps.tolist(), textinfo="value+percent initial",
                              hovertemplate="%{y}: %{x}<extra></extra>"))
    phone_layout(fig, _("w4.chart.funnel.title"), _("w4.chart.funnel.x"), "")
    right_to_left(fig)
    fig.update_xaxes(autorange=True)
    takeaway = _("w4.chart.funnel.takeaway", visits=_n(steps["visits"]), signed=int(steps["signed_up"]),
                 signed_pct=_pct(steps["signed_up"] / steps["visits"] * 100), donated=int(steps["donated"]),
                 donated_pct=_pct(steps["donated"] / steps["signed_up"] * 100))
    return fig, takeaway


def channels_figure(frame) -> tuple[go.Figure, str]:
    """Sign-ups per 1,000 people reached, per channel, over the eight weeks."""
    table = analysis.channel_totals(frame)
    fig = _bars([_(f"w4.data.channel.{c}") for c in table.index], table["per_thousand"].tolist(), "channels",
                _("w4.chart.channels.y"), [_pct(v) for v in table["per_thousand"]])
    best = table["per_thousand"].idxmax()
    widest = table["reach"].idxmax()
    takeaway = _("w4.chart.channels.takeaway", best=_(f"w4.data.channel.{best}"),
                 best_value=_pct(table.loc[best, "per_thousand"]), best_reach=_n(table.loc[best, "reach"]),
                 widest=_(f"w4.data.channel.{widest}"), widest_value=_pct(table.loc[widest, "per_thousand"]),
                 widest_reach=_n(table.loc[widest, "reach"]))
    return fig, takeaway


def progress_figure(frame) -> tuple[go.Figure, str]:
    """Sign-ups added up week by week, against an even pace to the objective."""
    done = analysis.cumulative_signups(frame)
    weeks = [_("w4.data.week", n=n) for n in done.index]
    pace = [analysis.on_track(n) for n in done.index]
    fig = go.Figure([
        go.Bar(x=weeks, y=done.tolist(), name=_("w4.chart.progress.done"), text=[_n(v) for v in done],
               textposition="outside", cliponaxis=False, hovertemplate="%{x}: %{y}<extra></extra>"),
        go.Scatter(x=weeks, y=pace, mode="lines+markers", name=_("w4.chart.progress.pace"),
                   line={"dash": "dash"}, hovertemplate="%{x}: %{y:.0f}<extra></extra>")])
    phone_layout(fig, _("w4.chart.progress.title", target=analysis.TARGET_SIGNUPS), _("w4.chart.progress.x"),
                 _("w4.chart.progress.y"))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25})
    fig.update_layout(height=fig.layout.height + 40, margin={"b": 95})
    right_to_left(fig)
    takeaway = _("w4.chart.progress.takeaway", half=int(done.loc[4]), half_pace=round(analysis.on_track(4)),
                 end=int(done.iloc[-1]), target=analysis.TARGET_SIGNUPS)
    return fig, takeaway
