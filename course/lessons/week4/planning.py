"""Lesson 6, from plan to practice: a dissemination plan and calendar, indicators, adapting to the data,
and the seven steps walked through for the learner's own strategy (the week's capstone)."""
from __future__ import annotations

import pandas as pd

from ...i18n import _
from ...widgets import AuditItem, ChartExplorer, Checklist, MultipleChoice, NumberAnswer
from ..registry import chart, data, exercise
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.plan"


@exercise
def calendar_parts() -> MultipleChoice:
    ids = ("dates", "owner", "channel", "key_days", "every_hour", "no_gaps")
    return MultipleChoice("w4_l6_calendar", _(f"{P}.calendar.prompt"), texts(f"{P}.calendar.opt", ids),
                          answer=["dates", "owner", "channel", "key_days"], why=texts(f"{P}.calendar.why", ids),
                          hints=hints(f"{P}.calendar.hint", 1))


#: Week 8 on Instagram, for the engagement-rate exercise.
def instagram_week8() -> dict:
    frame = analysis.weeks()
    row = frame[(frame["channel"] == "instagram") & (frame["week"] == 8)].iloc[0]
    return {k: int(row[k]) for k in ("reactions", "comments", "shares", "link_clicks", "reach")}


@exercise
def instagram_rate() -> NumberAnswer:
    """Engagement rate by reach: reactions + comments + shares (not link clicks) over reach."""
    row = instagram_week8()
    rate = analysis.engagement_rate(row["reactions"], row["comments"], row["shares"], row["reach"])
    return NumberAnswer("w4_l6_engagement_rate", _(f"{P}.rate.prompt", **row), answer=round(rate, 2),
                        tolerance=0.05, unit="%", why=_(f"{P}.rate.why", rate=f"{rate:.2f}", **row),
                        hints=hints(f"{P}.rate.hint", 2))


@chart
def progress_chart() -> None:
    show_chart(*charts.progress_figure(analysis.weeks()))


def shortfall_at_half_way() -> int:
    return round(analysis.on_track(4)) - int(analysis.cumulative_signups(analysis.weeks()).loc[4])


@exercise
def behind_at_half_way() -> NumberAnswer:
    """How many sign-ups short of an even pace was the campaign after week 4?"""
    done = int(analysis.cumulative_signups(analysis.weeks()).loc[4])
    return NumberAnswer("w4_l6_behind", _(f"{P}.behind.prompt", target=analysis.TARGET_SIGNUPS),
                        answer=shortfall_at_half_way(), tolerance=0, unit=_(f"{P}.behind.unit"),
                        why=_(f"{P}.behind.why", done=done, pace=round(analysis.on_track(4)),
                              gap=shortfall_at_half_way(), target=analysis.TARGET_SIGNUPS),
                        hints=hints(f"{P}.behind.hint", 2))


@exercise
def x_reach_trend() -> ChartExplorer:
    """Choose X: its weekly reach fell by more than half."""
    ids = ("fell", "steady", "grew", "jump")
    return ChartExplorer(
        "w4_l6_x_trend", _(f"{P}.trend.prompt"), analysis.weeks(), x="week_label", x_label=_(f"{P}.trend.x"),
        metrics={"reach": _(f"{P}.trend.reach"), "signups": _(f"{P}.trend.signups")},
        filter_by="channel_label", filter_label=_(f"{P}.trend.filter"), chart="line", how="sum",
        options=texts(f"{P}.trend.opt", ids), answer="fell", why=texts(f"{P}.trend.why", ids),
        hints=hints(f"{P}.trend.hint", 1))


@exercise
def adapt_the_plan() -> MultipleChoice:
    ids = ("x_to_newsletter", "instagram_link", "more_video", "grow_list", "double_x", "stop_measuring")
    return MultipleChoice("w4_l6_adapt", _(f"{P}.adapt.prompt"), texts(f"{P}.adapt.opt", ids),
                          answer=["x_to_newsletter", "instagram_link", "more_video", "grow_list"],
                          why=texts(f"{P}.adapt.why", ids), hints=hints(f"{P}.adapt.hint", 1))


#: The parts of a strategy a learner checks before writing their own in the assessment; weight = how much it matters.
STRATEGY_ITEMS = (("objective", 3), ("audience", 2), ("channels", 2), ("content", 1), ("calendar", 1),
                  ("indicators", 2), ("review", 1), ("safety", 1))


@exercise
def strategy_checklist() -> Checklist:
    """A self-check of the learner's draft strategy before the capstone."""
    items = [AuditItem(i, _(f"{P}.check.{i}"), weight, _(f"{P}.check.{i}_advice")) for i, weight in STRATEGY_ITEMS]
    return Checklist("w4_l6_strategy_check", _(f"{P}.check.prompt"), items)


@data
def campaign_results() -> pd.DataFrame:
    """The campaign's weekly results with labels, for the week's assessment (a channel's weeks)."""
    return analysis.weeks()
