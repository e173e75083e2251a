"""Lesson 4, content plans: weekly, monthly and seasonal plans around campaign dates, and a planner that
exports a calendar file."""
from __future__ import annotations

import pandas as pd

from ...i18n import _
from ...widgets import Matching, MultipleChoice, NumberAnswer, Ordering, SingleChoice, TrueFalse
from ..tools import ContentPlanner
from ..ui import show_chart
from ..registry import chart, exercise, tool
from . import charts, tables
from ._keys import hints, texts

P = "w2.planning"


@exercise
def plan_levels() -> Matching:
    left = ("reply", "tuesday_video", "report_month", "womens_day")
    right = ("daily", "weekly", "monthly", "seasonal")
    return Matching("w2_l4_levels", _(f"{P}.levels.prompt"), texts(f"{P}.levels.left", left),
                    texts(f"{P}.levels.right", right), answer=dict(zip(left, right)), why=texts(f"{P}.levels.why", left),
                    clues=texts(f"{P}.levels.clue", left))


@exercise
def ramadan_plan() -> MultipleChoice:
    ids = ("later", "date_moves", "tone", "same_date", "pause_all")
    return MultipleChoice("w2_l4_ramadan", _(f"{P}.ramadan.prompt"), texts(f"{P}.ramadan.opt", ids),
                          answer=["later", "date_moves", "tone"], why=texts(f"{P}.ramadan.why", ids))


LAUNCH_STEPS = ("embargo", "partners", "teaser", "launch", "follow_up")


@exercise
def report_launch_order() -> Ordering:
    return Ordering("w2_l4_launch", _(f"{P}.launch.prompt"), texts(f"{P}.launch.step", LAUNCH_STEPS),
                    answer=list(LAUNCH_STEPS), why=_(f"{P}.launch.why"), hints=hints(f"{P}.launch.hint", 1))


@chart
def campaign_days_chart() -> None:
    show_chart(*charts.campaign_days_figure())


@exercise
def campaign_peaks() -> SingleChoice:
    """What the two peaks of the campaign chart suggest for next year's plan."""
    ids = ("dates", "weekends", "paid", "random")
    return SingleChoice("w2_l4_peaks", _(f"{P}.peaks.prompt"), texts(f"{P}.peaks.opt", ids),
                        answer="dates", why=texts(f"{P}.peaks.why", ids), hints=hints(f"{P}.peaks.hint", 1))


def busiest_week_posts() -> int:
    """Posts published (organic rows) in the campaign's busiest week, weeks starting Monday 2 March."""
    frame = tables.campaign()
    organic = frame[frame["delivery"] == "organic"]
    week = (organic["date"] - pd.Timestamp("2026-03-02")).dt.days // 7
    return int(week.value_counts().max())


@exercise
def posts_in_busiest_week() -> NumberAnswer:
    return NumberAnswer("w2_l4_busiest", _(f"{P}.busiest.prompt"), answer=busiest_week_posts(), tolerance=0,
                        unit=_(f"{P}.busiest.unit"), why=_(f"{P}.busiest.why"), hints=hints(f"{P}.busiest.hint", 1))


@tool
def content_planner() -> ContentPlanner:
    return ContentPlanner()


@exercise
def calendar_file() -> TrueFalse:
    return TrueFalse("w2_l4_ics", _(f"{P}.ics.statement"), answer=False, why=_(f"{P}.ics.why"),
                     nudge=_(f"{P}.ics.nudge"))
