"""Lesson 5, boosting and ads: objective, budget, audience, social-issue ads and their disclaimer, the Ad
Library, paid against organic results."""
from __future__ import annotations

import pandas as pd

from ...i18n import _
from ...widgets import ChartExplorer, Matching, MultipleChoice, NumberAnswer, SingleChoice
from ..ui import show_chart
from ..registry import chart, data, exercise
from . import charts, tables
from ._keys import hints, texts

P = "w2.ads"


@exercise
def ad_objectives() -> Matching:
    left = ("know", "read", "sign_up", "talk")
    right = ("awareness", "traffic", "leads", "engagement")
    return Matching("w2_l5_objectives", _(f"{P}.objectives.prompt"), texts(f"{P}.objectives.left", left),
                    texts(f"{P}.objectives.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.objectives.why", left), clues=texts(f"{P}.objectives.clue", left))


@exercise
def small_budget_audience() -> SingleChoice:
    ids = ("targeted", "country", "lookalike_world", "no_end")
    return SingleChoice("w2_l5_budget", _(f"{P}.budget.prompt"), texts(f"{P}.budget.opt", ids),
                        answer="targeted", why=texts(f"{P}.budget.why", ids))


@exercise
def social_issue_ads() -> MultipleChoice:
    ids = ("authorise", "disclaimer", "library", "country", "small_exempt", "boost_exempt")
    return MultipleChoice("w2_l5_social_issue", _(f"{P}.social.prompt"), texts(f"{P}.social.opt", ids),
                          answer=["authorise", "disclaimer", "library", "country"], why=texts(f"{P}.social.why", ids))


@exercise
def ad_library_uses() -> MultipleChoice:
    ids = ("running", "who_paid", "ideas", "who_clicked", "private")
    return MultipleChoice("w2_l5_library", _(f"{P}.library.prompt"), texts(f"{P}.library.opt", ids),
                          answer=["running", "who_paid", "ideas"], why=texts(f"{P}.library.why", ids))


@exercise
def engagement_rate_without_clicks() -> NumberAnswer:
    """(reactions + comments + shares) / reach x 100, link clicks left out."""
    return NumberAnswer("w2_l5_rate", _(f"{P}.rate.prompt"), answer=4.0, tolerance=0.05, unit="%",
                        why=_(f"{P}.rate.why"), hints=hints(f"{P}.rate.hint", 2))


@exercise
def click_through_rate() -> NumberAnswer:
    return NumberAnswer("w2_l5_ctr", _(f"{P}.ctr.prompt"), answer=2.5, tolerance=0.05, unit="%",
                        why=_(f"{P}.ctr.why"), hints=hints(f"{P}.ctr.hint", 1))


@chart
def paid_and_organic_chart() -> None:
    show_chart(*charts.reach_by_week_figure())


@data
def campaign_rows() -> pd.DataFrame:
    """Every row of the campaign (paid and organic) with its rates and labels (also the week's assessment's chart)."""
    return tables.campaign()


@exercise
def paid_vs_organic_explorer() -> ChartExplorer:
    """Paid rows reach more people each, but a smaller share of them engage."""
    ids = ("more_reach_less_rate", "more_both", "less_both", "same_rate")
    return ChartExplorer(
        "w2_l5_paid_organic", _(f"{P}.explorer.prompt"), tables.campaign(), x="delivery_label",
        x_label=_(f"{P}.explorer.x"), metrics={"reach": _(f"{P}.explorer.reach"),
                                               "engagement_rate": _(f"{P}.explorer.rate")},
        how="mean", filter_by="format_label", filter_label=_(f"{P}.explorer.filter"),
        options=texts(f"{P}.explorer.opt", ids), answer="more_reach_less_rate", why=texts(f"{P}.explorer.why", ids),
        hints=hints(f"{P}.explorer.hint", 1))


@exercise
def cost_per_link_click() -> NumberAnswer:
    """What each link click from the paid link boosts cost, from the data."""
    return NumberAnswer("w2_l5_cpc", _(f"{P}.cpc.prompt"), answer=round(tables.cost_per_click(), 2), tolerance=0.01,
                        unit=_(f"{P}.cpc.unit"), why=_(f"{P}.cpc.why"), hints=hints(f"{P}.cpc.hint", 2))
