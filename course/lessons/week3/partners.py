"""Lesson 6, influencers and partners: choosing accounts by audience fit and engagement, not follower
count, checking them, and working with them openly."""
from __future__ import annotations

from ...i18n import _
from ...widgets import MultipleChoice, NumberAnswer, SingleChoice, TrueFalse
from ..ui import show_chart
from . import charts, numbers
from ..registry import chart, exercise
from ._keys import hints, texts

P = "w3.partners"

#: The account of the number exercise: followers, engagement rate (%), audience fit (%).
ACCOUNT = {"followers": 40000, "rate": 4, "fit": 50}


@exercise
def engaged_people() -> NumberAnswer:
    """40,000 followers x 4 % x 50 % = 800 engaged people of the campaign's audience per post."""
    answer = numbers.engaged_audience(ACCOUNT["followers"], ACCOUNT["rate"], ACCOUNT["fit"])
    return NumberAnswer("w3_l6_engaged", _(f"{P}.engaged.prompt", **ACCOUNT), answer=answer, tolerance=0,
                        unit=_(f"{P}.engaged.unit"), why=_(f"{P}.engaged.why"), hints=hints(f"{P}.engaged.hint", 2))


@chart
def partners_chart() -> None:
    show_chart(*charts.partners_figure())


def _chart_options() -> dict[str, str]:
    """The handles the question offers: the biggest account, the best, and two others from the chart."""
    table = numbers.biggest_accounts()
    return {f"a{i}": handle for i, handle in enumerate(table["handle"].iloc[[0, 1, 3, 4]], start=1)}


@exercise
def best_partner_in_chart() -> SingleChoice:
    """Of the eight biggest accounts, the one that reaches most engaged people of the audience (not the biggest)."""
    options = _chart_options()
    table = numbers.biggest_accounts().set_index("handle")
    best = max(options, key=lambda i: table.loc[options[i], "engaged"])
    why = {i: _(f"{P}.chart.why.{'best' if i == best else 'other'}", handle=h,
                followers=f"{table.loc[h, 'followers']:,}", rate=table.loc[h, "engagement_rate"],
                fit=table.loc[h, "audience_fit"], engaged=f"{table.loc[h, 'engaged']:,.0f}")
           for i, h in options.items()}
    return SingleChoice("w3_l6_chart", _(f"{P}.chart.prompt"), options, answer=best, why=why,
                        hints=hints(f"{P}.chart.hint", 1))


@exercise
def vet_a_partner() -> MultipleChoice:
    ids = ("insights", "real", "values", "disclose", "followers_only", "blue_check")
    return MultipleChoice("w3_l6_vet", _(f"{P}.vet.prompt"), texts(f"{P}.vet.opt", ids),
                          answer=["insights", "real", "values", "disclose"], why=texts(f"{P}.vet.why", ids))


@exercise
def paid_partnership() -> TrueFalse:
    return TrueFalse("w3_l6_paid", _(f"{P}.paid.statement"), answer=True, why=_(f"{P}.paid.why"),
                     nudge=_(f"{P}.paid.nudge"))
