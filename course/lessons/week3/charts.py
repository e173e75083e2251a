"""Week 3's charts that explain themselves: a title, axis titles with units, a takeaway written from the numbers.

Each ``*_figure`` function returns ``(figure, takeaway)``; the lesson modules
display them with :func:`course.lessons.ui.show_chart`. Labels come from the
catalogue, so a chart reads in the learner's language (and right to left in
Arabic); the data stay as they are.
"""
from __future__ import annotations

import plotly.graph_objects as go

from ...i18n import _
from ...widgets.chart_explorer import right_to_left
from ..ui import phone_layout
from . import numbers

#: Colours that stay apart for colour-blind readers (Okabe-Ito).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def _one(value: float) -> str:
    return f"{value:.1f}"


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def _legend_below(fig: go.Figure) -> go.Figure:
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25, "x": 0, "title": {"text": ""}})
    fig.update_layout(margin={"b": 110}, height=fig.layout.height + 50)
    return fig


def format_figure(frame) -> tuple[go.Figure, str]:
    """Average impressions per post by format (post, thread, quote, reply)."""
    table = numbers.by_format(frame)
    fig = go.Figure(go.Bar(
        x=[_(f"w3.data.format.{f}") for f in table.index], y=table["impressions"].round(0),
        text=[_whole(v) for v in table["impressions"]], textposition="outside", cliponaxis=False,
        customdata=table["posts"], marker_color=COLOURS[0],
        hovertemplate=_("w3.chart.impressions_hover") + "<br>" + _("w1.chart.posts_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.formats.title"), _("w3.chart.formats.x"), _("w3.chart.impressions_axis"))
    takeaway = _("w3.chart.formats.takeaway", thread=_whole(table.loc["thread", "impressions"]),
                 post=_whole(table.loc["post", "impressions"]), reply=_whole(table.loc["reply", "impressions"]))
    return right_to_left(fig), takeaway


def two_rates_figure(frame) -> tuple[go.Figure, str]:
    """The course's engagement rate beside X's own wider one, by what the post carries."""
    table = numbers.by_media(frame)
    labels = [_(f"w3.data.media.{m}") for m in table.index]
    fig = go.Figure()
    for column, name, colour in (("rate", _("w3.chart.rates.ours"), COLOURS[0]),
                                 ("x_rate", _("w3.chart.rates.theirs"), COLOURS[1])):
        fig.add_trace(go.Bar(x=labels, y=table[column].round(2), name=name, marker_color=colour,
                             text=[_one(v) for v in table[column]], textposition="outside", cliponaxis=False,
                             customdata=table["posts"],
                             hovertemplate="%{fullData.name}<br>" + _("w3.chart.rate_hover") + "<br>"
                             + _("w1.chart.posts_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.rates.title"), _("w3.chart.rates.x"), _("w1.chart.rate_axis"))
    fig.update_layout(barmode="group")
    _legend_below(fig)
    takeaway = _("w3.chart.rates.takeaway", ours=_one(table.loc["link", "rate"]),
                 theirs=_one(table.loc["link", "x_rate"]), video=_one(table.loc["video", "rate"]))
    return right_to_left(fig), takeaway


def retention_figure() -> tuple[go.Figure, str]:
    """Average audience retention curve of each kind of video."""
    table = numbers.retention_by_kind()
    fig = go.Figure()
    for kind, colour in zip(table.columns, COLOURS):
        fig.add_trace(go.Scatter(x=table.index, y=table[kind].round(1), mode="lines+markers",
                                 name=_(f"w3.data.kind.{kind}"), line={"color": colour}, marker={"size": 4},
                                 hovertemplate="%{fullData.name}<br>" + _("w3.chart.retention_hover")
                                 + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.retention.title"), _("w3.chart.retention.x"), _("w3.chart.retention.y"))
    fig.update_yaxes(range=[0, 105])
    _legend_below(fig)
    takeaway = _("w3.chart.retention.takeaway", event=_one(table.loc[5, "event"]),
                 short=_one(table.loc[5, "short"]), event_end=_one(table.loc[100, "event"]))
    return right_to_left(fig), takeaway


def traffic_figure() -> tuple[go.Figure, str]:
    """Where each kind of video's views came from: shares of views by traffic source, stacked to 100 %."""
    table = numbers.traffic_by_kind()
    labels = [_(f"w3.data.kind.{k}") for k in table.index]
    fig = go.Figure()
    for source, colour in zip(table.columns, COLOURS):
        fig.add_trace(go.Bar(x=labels, y=table[source].round(1), name=_(f"w3.data.source.{source}"),
                             marker_color=colour,
                             hovertemplate="%{fullData.name}<br>" + _("w3.chart.share_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.traffic.title"), _("w3.chart.traffic.x"), _("w3.chart.traffic.y"), height=420)
    fig.update_layout(barmode="stack")
    _legend_below(fig)
    takeaway = _("w3.chart.traffic.takeaway", shorts=_one(table.loc["short", "shorts_feed"]),
                 search=_one(table.loc["explainer", "search"]),
                 external=_one(table.loc["testimonial", "external"]))
    return right_to_left(fig), takeaway


def watched_figure() -> tuple[go.Figure, str]:
    """Average percentage viewed by kind of long video (Shorts left out: a minute is easy to finish)."""
    table = numbers.watched_by_kind()
    fig = go.Figure(go.Bar(
        x=[_(f"w3.data.kind.{k}") for k in table.index], y=table["watched"].round(1),
        text=[_one(v) for v in table["watched"]], textposition="outside", cliponaxis=False,
        customdata=table[["videos", "minutes"]].round(1).values, marker_color=COLOURS[2],
        hovertemplate=_("w3.chart.watched_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.watched.title"), _("w3.chart.watched.x"), _("w3.chart.watched.y"))
    fig.update_yaxes(range=[0, 100])
    takeaway = _("w3.chart.watched.takeaway", testimonial=_one(table.loc["testimonial", "watched"]),
                 explainer=_one(table.loc["explainer", "watched"]),
                 testimonial_views=_whole(table.loc["testimonial", "views"]),
                 explainer_views=_whole(table.loc["explainer", "views"]))
    return right_to_left(fig), takeaway


def replies_figure(frame) -> tuple[go.Figure, str]:
    """Replies per 1,000 impressions, week by week: the rumour shows in the replies first."""
    table = numbers.replies_by_week(frame)
    fig = go.Figure(go.Scatter(
        x=list(table.index), y=table["per_1000"].round(2), mode="lines+markers", marker_color=COLOURS[5],
        customdata=table["replies"], hovertemplate=_("w3.chart.replies_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.replies.title"), _("w3.chart.replies.x"), _("w3.chart.replies.y"))
    fig.update_xaxes(type="category", tickangle=-60)
    usual = table.drop(index=numbers.RUMOUR_WEEK)["per_1000"].median()
    takeaway = _("w3.chart.replies.takeaway", week=numbers.RUMOUR_WEEK,
                 rumour=_one(table.loc[numbers.RUMOUR_WEEK, "per_1000"]), usual=_one(usual))
    return right_to_left(fig), takeaway


def partners_figure() -> tuple[go.Figure, str]:
    """The biggest candidate accounts, by engaged people of the campaign's audience per post."""
    table = numbers.biggest_accounts()
    fig = go.Figure(go.Bar(
        x=list(table["handle"]), y=table["engaged"].round(0), text=[_whole(v) for v in table["engaged"]],
        textposition="outside", cliponaxis=False, marker_color=COLOURS[0],
        customdata=table[["followers", "engagement_rate", "audience_fit"]].values,
        hovertemplate=_("w3.chart.partners_hover") + "<extra></extra>"))
    phone_layout(fig, _("w3.chart.partners.title"), _("w3.chart.partners.x"), _("w3.chart.partners.y"), height=420)
    fig.update_xaxes(tickangle=-60)
    biggest, best = table.iloc[0], table.loc[table["engaged"].idxmax()]
    takeaway = _("w3.chart.partners.takeaway", biggest=biggest["handle"], big_followers=_whole(biggest["followers"]),
                 big_engaged=_whole(biggest["engaged"]), best=best["handle"], best_engaged=_whole(best["engaged"]),
                 best_fit=int(best["audience_fit"]))
    return right_to_left(fig), takeaway
