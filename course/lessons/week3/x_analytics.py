"""Lesson 2, analytics on X: impressions, engagements and profile visits; the course's engagement rate
(engagements / impressions) against X's own wider figure."""
from __future__ import annotations

from ...i18n import _
from ...widgets import MultipleChoice, NumberAnswer, Ordering, SingleChoice, TrueFalse
from ..ui import show_chart
from . import charts, numbers
from ..registry import chart, data, exercise
from ._keys import hints, texts

P = "w3.analytics"

#: The post of the rate exercise: likes, replies, reposts, quotes, link clicks, profile visits, impressions.
POST = {"likes": 52, "replies": 9, "reposts": 14, "quotes": 5, "clicks": 60, "visits": 20, "impressions": 4000}


@exercise
def what_counts() -> MultipleChoice:
    ids = ("likes", "replies", "reposts", "quotes", "clicks", "visits", "impressions")
    return MultipleChoice("w3_l2_counts", _(f"{P}.counts.prompt"), texts(f"{P}.counts.opt", ids),
                          answer=["likes", "replies", "reposts", "quotes"], why=texts(f"{P}.counts.why", ids))


@exercise
def x_engagement_rate() -> NumberAnswer:
    """(52 + 9 + 14 + 5) / 4,000 x 100 = 2 %; link clicks and profile visits stay out."""
    answer = numbers.engagement_rate_on_x(POST["likes"], POST["replies"], POST["reposts"], POST["quotes"],
                                          POST["impressions"])
    shown = {k: f"{v:,}" for k, v in POST.items()}   # 4,000 as the explanation writes it
    return NumberAnswer("w3_l2_rate", _(f"{P}.rate.prompt", **shown), answer=answer, tolerance=0.05, unit="%",
                        why=_(f"{P}.rate.why"), hints=hints(f"{P}.rate.hint", 2))


@exercise
def impressions_are_not_people() -> TrueFalse:
    return TrueFalse("w3_l2_impressions", _(f"{P}.impressions.statement"), answer=False,
                     why=_(f"{P}.impressions.why"), nudge=_(f"{P}.impressions.nudge"))


@chart
def two_rates_chart() -> None:
    show_chart(*charts.two_rates_figure(numbers.x_posts()))


@exercise
def link_posts_two_rates() -> SingleChoice:
    """Why link posts are last by the course's rate and first by X's."""
    ids = ("clicks", "better", "mistake", "impressions")
    return SingleChoice("w3_l2_links", _(f"{P}.links.prompt"), texts(f"{P}.links.opt", ids),
                        answer="clicks", why=texts(f"{P}.links.why", ids), hints=hints(f"{P}.links.hint", 1))


REPORT_STEPS = ("export", "rates", "compare", "findings", "change")


@exercise
def monthly_report() -> Ordering:
    return Ordering("w3_l2_report", _(f"{P}.report.prompt"), texts(f"{P}.report.step", REPORT_STEPS),
                    answer=list(REPORT_STEPS), why=_(f"{P}.report.why"), hints=hints(f"{P}.report.hint", 1))


@data
def x_posts_for_assessment():
    """The campaign's posts with both engagement rates and labels (the week's assessment charts them by media)."""
    frame = numbers.x_posts()
    return frame.assign(_o=frame["media"].map(numbers.MEDIA.index)).sort_values(["_o", "post_id"]).drop(columns="_o")
