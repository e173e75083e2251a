"""Lesson 4, tips and tricks: when to post, scheduling across time zones, running a page as a team."""
from __future__ import annotations

import pandas as pd

from ...i18n import _
from ...widgets import ChartExplorer, Matching, MultipleChoice, NumberAnswer, Ordering, TrueFalse
from ..ui import show_chart
from . import charts, insights
from ..registry import chart, data, exercise
from ._keys import hints, texts

P = "w1.timing"


@chart
def best_time_heatmap() -> None:
    show_chart(*charts.heatmap_figure(insights.posts()))


@exercise
def weekday_explorer() -> ChartExplorer:
    """How far apart are the best and the worst day? (Small: do not over-read a chart.)"""
    ids = ("small", "large", "double")
    return ChartExplorer(
        "w1_l4_weekdays", _(f"{P}.weekdays.prompt"), insights.posts(), x="day", x_label=_(f"{P}.weekdays.x"),
        metrics={"engagement_rate": _("w1.chart.rate_axis")}, filter_by="time_label",
        filter_label=_(f"{P}.weekdays.filter"), how="mean",
        options=texts(f"{P}.weekdays.opt", ids), answer="small", why=texts(f"{P}.weekdays.why", ids))


@data
def posts_by_time() -> pd.DataFrame:
    """The page's unboosted posts, for a chart by part of the day (used by the week's assessment)."""
    frame = insights.posts()
    order = {name: i for i, (_lo, _hi, name) in enumerate(insights.TIMES_OF_DAY)}
    return frame.assign(_o=frame["time_of_day"].map(order)).sort_values(["_o", "hour"]).drop(columns="_o")


@exercise
def schedule_across_time_zones() -> NumberAnswer:
    """Beirut in winter is one hour ahead of Tunis."""
    return NumberAnswer("w1_l4_time_zone", _(f"{P}.zone.prompt"), answer=20, tolerance=0, unit=_(f"{P}.zone.unit"),
                        why=_(f"{P}.zone.why"), hints=hints(f"{P}.zone.hint", 2))


@exercise
def pause_in_a_crisis() -> TrueFalse:
    return TrueFalse("w1_l4_pause", _(f"{P}.pause.statement"), answer=False, why=_(f"{P}.pause.why"),
                     nudge=_(f"{P}.pause.nudge"))


@exercise
def team_practices() -> MultipleChoice:
    ids = ("own_account", "least_access", "remove", "inbox", "shared_login", "all_full")
    return MultipleChoice("w1_l4_team", _(f"{P}.team.prompt"), texts(f"{P}.team.opt", ids),
                          answer=["own_account", "least_access", "remove", "inbox"], why=texts(f"{P}.team.why", ids))


POST_STEPS = ("draft", "check", "review", "schedule", "watch")


@exercise
def post_workflow() -> Ordering:
    """From an idea to a published post, with a second pair of eyes."""
    return Ordering("w1_l4_workflow", _(f"{P}.workflow.prompt"), texts(f"{P}.workflow.step", POST_STEPS),
                    answer=list(POST_STEPS), why=_(f"{P}.workflow.why"), hints=hints(f"{P}.workflow.hint", 1))


@exercise
def handy_tricks() -> Matching:
    left = ("pin", "alt", "saved", "planner")
    right = ("top", "describe", "answer", "check")
    return Matching("w1_l4_tricks", _(f"{P}.tricks.prompt"), texts(f"{P}.tricks.left", left),
                    texts(f"{P}.tricks.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.tricks.why", left), clues=texts(f"{P}.tricks.clue", left))
