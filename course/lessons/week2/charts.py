"""Charts of week 2's datasets that explain themselves: a title, axis titles with units, a takeaway.

Each ``*_figure`` function returns ``(figure, takeaway)``; the takeaway is written from the numbers
(:mod:`.tables`), so it stays true to the data. The lesson modules show them with
:func:`course.lessons.ui.show_chart`.
"""
from __future__ import annotations

import plotly.graph_objects as go

from ...i18n import _
from ...widgets.chart_explorer import right_to_left
from ..ui import phone_layout
from . import tables

GREY, BLUE, ORANGE = "#9e9e9e", "#1f77b4", "#d95f02"


def _legend_below(fig: go.Figure) -> go.Figure:
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25, "x": 0})
    fig.update_layout(margin={"b": 95})
    return fig


def access_figure() -> tuple[go.Figure, str]:
    """People per access level, stacked: still on the team, or gone."""
    table = tables.access_counts()
    labels = [_(f"w2.access.{a}") for a in table.index]
    fig = go.Figure([
        go.Bar(name=_("w2.chart.access.on_team"), x=labels, y=table["on_team"], marker_color=BLUE,
               hovertemplate="%{x}: %{y}<extra></extra>"),
        go.Bar(name=_("w2.chart.access.left"), x=labels, y=table["left"], marker_color=ORANGE,
               hovertemplate="%{x}: %{y}<extra></extra>")])
    fig.update_layout(barmode="stack")
    phone_layout(fig, _("w2.chart.access.title"), _("w2.chart.access.x"), _("w2.chart.access.y"))
    _legend_below(fig)
    takeaway = _("w2.chart.access.takeaway", full=int(table.loc["full"].sum()),
                 full_left=int(table.loc["full", "left"]), left=tables.left_with_access())
    return right_to_left(fig), takeaway


def group_figure() -> tuple[go.Figure, str]:
    """Reported posts and declined requests per week, with the day membership questions started."""
    weeks = tables.group_weeks()
    x = [d.strftime("%d/%m") for d in weeks.index]
    fig = go.Figure([
        go.Scatter(name=_("w2.chart.group.reported"), x=x, y=weeks["reported_posts"], mode="lines+markers",
                   line={"color": ORANGE}, hovertemplate="%{x}: %{y}<extra></extra>"),
        go.Scatter(name=_("w2.chart.group.declined"), x=x, y=weeks["declined"], mode="lines+markers",
                   line={"color": BLUE, "dash": "dot"}, hovertemplate="%{x}: %{y}<extra></extra>")])
    start = x[list(weeks.index).index(tables.QUESTIONS_FROM)]
    fig.add_vline(x=start, line_dash="dash", line_color=GREY)
    fig.add_annotation(x=start, y=1.02, yref="paper", text=_("w2.chart.group.marker"), showarrow=False,
                       xanchor="left", font={"size": 11})
    phone_layout(fig, _("w2.chart.group.title"), _("w2.chart.group.x"), _("w2.chart.group.y"))
    _legend_below(fig)
    table = tables.group_before_after()
    takeaway = _("w2.chart.group.takeaway", before=f"{table.loc['before', 'reported_posts']:.0f}",
                 after=f"{table.loc['after', 'reported_posts']:.0f}",
                 declined_before=f"{table.loc['before', 'declined']:.0f}",
                 declined_after=f"{table.loc['after', 'declined']:.0f}",
                 cpp_before=f"{table.loc['before', 'comments_per_post']:.1f}",
                 cpp_after=f"{table.loc['after', 'comments_per_post']:.1f}")
    return right_to_left(fig), takeaway


def comments_figure() -> tuple[go.Figure, str]:
    """Comments per kind, split into answered and not answered."""
    table = tables.comments_by_category()
    labels = [_(f"w2.data.category.{c}") for c in table.index]
    fig = go.Figure([
        go.Bar(name=_("w2.chart.comments.replied"), x=labels, y=table["replied"], marker_color=BLUE,
               hovertemplate="%{x}: %{y}<extra></extra>"),
        go.Bar(name=_("w2.chart.comments.unanswered"), x=labels, y=table["unanswered"], marker_color=GREY,
               hovertemplate="%{x}: %{y}<extra></extra>")])
    fig.update_layout(barmode="stack")
    phone_layout(fig, _("w2.chart.comments.title"), _("w2.chart.comments.x"), _("w2.chart.comments.y"))
    _legend_below(fig)
    takeaway = _("w2.chart.comments.takeaway", total=int(table["comments"].sum()),
                 questions=int(table.loc["question", "comments"]), q_replied=int(table.loc["question", "replied"]),
                 criticism=int(table.loc["criticism", "comments"]),
                 c_unanswered=int(table.loc["criticism", "unanswered"]),
                 hidden=int(table.loc["abuse", "comments"] + table.loc["spam", "comments"]))
    return right_to_left(fig), takeaway


def campaign_days_figure() -> tuple[go.Figure, str]:
    """Organic reach of each campaign day, the two peaks labelled."""
    days = tables.organic_by_day()
    x = [d.strftime("%d/%m") for d in days.index]
    top = days.nlargest(2)
    colours = [ORANGE if d in top.index else BLUE for d in days.index]
    fig = go.Figure(go.Bar(x=x, y=days.values, marker_color=colours, hovertemplate="%{x}: %{y}<extra></extra>"))
    phone_layout(fig, _("w2.chart.days.title"), _("w2.chart.days.x"), _("w2.chart.days.y"))
    others = days.drop(top.index)
    takeaway = _("w2.chart.days.takeaway", first=top.index[0].strftime("%d/%m"), first_reach=f"{top.iloc[0]:,}",
                 second=top.index[1].strftime("%d/%m"), second_reach=f"{top.iloc[1]:,}",
                 typical=f"{others.median():,.0f}")
    return right_to_left(fig), takeaway


def reach_by_week_figure() -> tuple[go.Figure, str]:
    """Reach per campaign week, organic and paid stacked."""
    weeks = tables.reach_by_week()
    x = [_("w2.chart.paid.week", n=int(n)) for n in weeks.index]
    fig = go.Figure([
        go.Bar(name=_("w2.data.delivery.organic"), x=x, y=weeks["organic"], marker_color=BLUE,
               hovertemplate="%{x}: %{y:,}<extra></extra>"),
        go.Bar(name=_("w2.data.delivery.paid"), x=x, y=weeks["paid"], marker_color=ORANGE,
               hovertemplate="%{x}: %{y:,}<extra></extra>")])
    fig.update_layout(barmode="stack")
    phone_layout(fig, _("w2.chart.paid.title"), _("w2.chart.paid.x"), _("w2.chart.paid.y"))
    _legend_below(fig)
    table = tables.paid_and_organic()
    share = table.loc["paid", "reach"] / table["reach"].sum() * 100
    takeaway = _("w2.chart.paid.takeaway", spend=f"{table.loc['paid', 'spend']:.0f}", share=f"{share:.0f}",
                 paid_rate=f"{table.loc['paid', 'engagement_rate']:.1f}",
                 organic_rate=f"{table.loc['organic', 'engagement_rate']:.1f}")
    return right_to_left(fig), takeaway


def signups_figure() -> tuple[go.Figure, str]:
    """Sign-ups and people who came, for the form inside Facebook and the form on the website."""
    table = tables.signups_by_destination()
    labels = [_(f"w2.data.destination.{d}") for d in table.index]
    fig = go.Figure([
        go.Bar(name=_("w2.chart.forms.signups"), x=labels, y=table["signups"], marker_color=BLUE,
               hovertemplate="%{x}: %{y}<extra></extra>"),
        go.Bar(name=_("w2.chart.forms.came"), x=labels, y=table["attended"], marker_color=ORANGE,
               hovertemplate="%{x}: %{y}<extra></extra>")])
    fig.update_layout(barmode="group")
    phone_layout(fig, _("w2.chart.forms.title"), _("w2.chart.forms.x"), _("w2.chart.forms.y"))
    _legend_below(fig)
    takeaway = _("w2.chart.forms.takeaway",
                 lead_per=f"{table.loc['lead_form', 'per_thousand']:.0f}",
                 web_per=f"{table.loc['web_form', 'per_thousand']:.0f}",
                 lead_came=f"{table.loc['lead_form', 'came']:.0f}",
                 web_came=f"{table.loc['web_form', 'came']:.0f}")
    return right_to_left(fig), takeaway
