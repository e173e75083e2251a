"""Charts of the page dataset that explain themselves: a title, axis titles with units, a takeaway.

Each ``*_figure`` function returns ``(figure, takeaway)``; the takeaway is
written from the numbers, so it stays true to the data. The lesson functions
(:mod:`.tagging`, :mod:`.timing`) display them with :func:`course.lessons.ui.show_chart`.
"""
from __future__ import annotations

import plotly.graph_objects as go

from ...i18n import _
from ...widgets.chart_explorer import right_to_left
from ..ui import phone_layout
from . import insights


def _pct(value: float) -> str:
    return f"{value:.1f}"


def _rate_bars(table, labels: list[str], chart: str) -> go.Figure:
    """Bars of the average engagement rate per group (``table``: rate and posts), labelled and titled."""
    fig = go.Figure(go.Bar(
        x=labels, y=table["rate"].round(2), text=[_pct(v) for v in table["rate"]], textposition="outside",
        customdata=table["posts"], cliponaxis=False,
        hovertemplate=_("w1.chart.rate_hover") + "<br>" + _("w1.chart.posts_hover") + "<extra></extra>"))
    phone_layout(fig, _(f"w1.chart.{chart}.title"), _(f"w1.chart.{chart}.x"), _("w1.chart.rate_axis"))
    return right_to_left(fig)


def hashtag_count_figure(frame) -> tuple[go.Figure, str]:
    """Average engagement rate by number of hashtags."""
    table = insights.by_hashtag_group(frame)
    fig = _rate_bars(table, [_(f"w1.data.hashtags.{g}") for g in table.index], "hashtags")
    takeaway = _("w1.chart.hashtags.takeaway", few=_pct(table.loc["few", "rate"]),
                 none=_pct(table.loc["none", "rate"]), many=_pct(table.loc["many", "rate"]),
                 many_posts=int(table.loc["many", "posts"]))
    return fig, takeaway


def post_type_figure(frame) -> tuple[go.Figure, str]:
    """Average engagement rate by post type, best first."""
    table = insights.by_post_type(frame)
    fig = _rate_bars(table, [_(f"w1.data.type.{t}") for t in table.index], "types")
    best, worst = table.index[0], table.index[-1]
    takeaway = _("w1.chart.types.takeaway", best=_(f"w1.data.type.{best}"), best_rate=_pct(table.loc[best, "rate"]),
                 worst=_(f"w1.data.type.{worst}"), worst_rate=_pct(table.loc[worst, "rate"]))
    return fig, takeaway


def top_hashtags_rows(frame) -> tuple[list[tuple[str, int, str]], str]:
    """Rows (hashtag, posts, average rate) of the most used hashtags, and a takeaway."""
    table = insights.top_hashtags(frame)
    rows = [(tag, int(row.posts), _pct(row.rate)) for tag, row in table.iterrows()]
    takeaway = _("w1.chart.top_tags.takeaway", count=len(rows), low=_pct(table["rate"].min()),
                 high=_pct(table["rate"].max()))
    return rows, takeaway


def heatmap_figure(frame) -> tuple[go.Figure, str]:
    """Average engagement rate by day of the week (columns) and two-hour block (rows): tall rather
    than wide, so it fits a phone held upright; squares with too few posts are blank."""
    rate, count = insights.heatmap_table(frame)
    days = [_(f"w1.data.day_short.{d}") for d in rate.index]
    hours = [f"{h:02d}–{h + 1:02d}" for h in rate.columns]
    fig = go.Figure(go.Heatmap(
        z=rate.T.round(1).values, x=days, y=hours, customdata=count.T.values, colorscale="Viridis",
        texttemplate="%{z:.1f}", textfont={"size": 10}, hoverongaps=False, xgap=1, ygap=1,
        colorbar={"title": {"text": _("w1.chart.rate_axis"), "side": "top"}, "orientation": "h",
                  "y": -0.05, "yanchor": "top", "thickness": 10, "len": 0.9},
        hovertemplate=_("w1.chart.square_hover") + "<br>" + _("w1.chart.posts_hover") + "<extra></extra>"))
    phone_layout(fig, _("w1.chart.heatmap.title"), _("w1.chart.heatmap.x"), _("w1.chart.heatmap.y"), height=470)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", title_standoff=4)
    fig.update_layout(margin={"b": 80, "t": fig.layout.margin.t + 45}, height=fig.layout.height + 45,
                      title={"y": 0.98, "yanchor": "top"})
    right_to_left(fig)   # days read from the right; hours still run from the top down
    parts = insights.by_time_of_day(frame)
    days_rate = insights.by_weekday(frame)
    takeaway = _("w1.chart.heatmap.takeaway", evening=_pct(parts["evening"]), morning=_pct(parts["morning"]),
                 spread=_pct(days_rate.max() - days_rate.min()), minimum=insights.MIN_POSTS_PER_SQUARE)
    return fig, takeaway
