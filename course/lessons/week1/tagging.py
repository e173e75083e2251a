"""Lesson 3, tagging and hashtags: consent, readable and Arabic hashtags, and what the page data says."""
from __future__ import annotations

from ...i18n import _
from ...toolkit.hashtags import check_hashtag, find_hashtags
from ...widgets import ChartExplorer, MultipleChoice, NumberAnswer, Rule, SingleChoice, TextAnswer, TrueFalse
from ..tools import HashtagChecker, PostChecker
from ..ui import show_chart, show_table
from . import charts, insights
from ..registry import chart, exercise, tool
from ._keys import hints, texts

P = "w1.tags"


@exercise
def tag_the_volunteer() -> SingleChoice:
    """A recognisable young volunteer in a protest photo."""
    ids = ("tag", "no_tag", "ask", "comment")
    return SingleChoice("w1_l3_volunteer", _(f"{P}.volunteer.prompt"), texts(f"{P}.volunteer.opt", ids),
                        answer="ask", why=texts(f"{P}.volunteer.why", ids))


@exercise
def before_you_tag() -> MultipleChoice:
    ids = ("ask", "partners", "audience", "sensitive", "many", "celebrities")
    return MultipleChoice("w1_l3_before_tag", _(f"{P}.before.prompt"), texts(f"{P}.before.opt", ids),
                          answer=["ask", "partners", "audience", "sensitive"], why=texts(f"{P}.before.why", ids))


GLUED_TAG = "#protectcivicspace"
READABLE_TAG = "#ProtectCivicSpace"


def _one_whole_tag(text: str) -> bool:
    tag = text.strip()
    return find_hashtags(tag) == [tag]


@exercise
def readable_hashtag() -> TextAnswer:
    """Rewrite a glued lowercase hashtag so screen readers read its words."""
    return TextAnswer(
        "w1_l3_camel", _(f"{P}.camel.prompt", tag=GLUED_TAG),
        rules=[Rule(_one_whole_tag, _(f"{P}.camel.rule_whole")),
               Rule(lambda t: t.strip().lower() == GLUED_TAG, _(f"{P}.camel.rule_same")),
               Rule(lambda t: t.strip() == READABLE_TAG and check_hashtag(t).ok, _(f"{P}.camel.rule_caps"))],
        example=READABLE_TAG, placeholder="#…", why=_(f"{P}.camel.why"), hints=hints(f"{P}.camel.hint", 1))


#: Arabic hashtags to judge: which are linked whole, as people type them?
ARABIC_TAGS = {"space": "#حقوق المرأة", "underscore": "#حقوق_المرأة", "tatweel": "#حقـوق_المرأة",
               "harakat": "#حُقوق_المرأة", "long": "#يوم_المرأة_العالمي"}


@exercise
def arabic_hashtags() -> MultipleChoice:
    return MultipleChoice("w1_l3_arabic", _(f"{P}.arabic.prompt"), ARABIC_TAGS,
                          answer=["underscore", "long"], why=texts(f"{P}.arabic.why", ARABIC_TAGS))


@tool
def hashtag_checker() -> HashtagChecker:
    return HashtagChecker()


@tool
def post_checker() -> PostChecker:
    return PostChecker()


@exercise
def engagement_rate_practice() -> NumberAnswer:
    """Reactions, comments and shares over reach."""
    return NumberAnswer("w1_l3_rate", _(f"{P}.rate.prompt"), answer=insights.engagement_rate(48, 9, 3, 1250),
                        tolerance=0.05, unit="%", why=_(f"{P}.rate.why"), hints=hints(f"{P}.rate.hint", 2))


@chart
def hashtag_count_chart() -> None:
    show_chart(*charts.hashtag_count_figure(insights.posts()))


@chart
def top_hashtags_table() -> None:
    rows, takeaway = charts.top_hashtags_rows(insights.posts())
    show_table([_(f"{P}.table.tag"), _(f"{P}.table.posts"), _(f"{P}.table.rate")], rows,
               caption=_(f"{P}.table.caption"), takeaway=takeaway)


@exercise
def more_hashtags_better() -> TrueFalse:
    return TrueFalse("w1_l3_many_tags", _(f"{P}.many.statement"), answer=False, why=_(f"{P}.many.why"),
                     nudge=_(f"{P}.many.nudge"))


@chart
def post_type_chart() -> None:
    show_chart(*charts.post_type_figure(insights.posts()))


@exercise
def post_type_explorer() -> ChartExplorer:
    """Which post type reaches the most people? (Reach and engagement rate tell different stories.)"""
    ids = ("photo", "video", "live", "link")
    return ChartExplorer(
        "w1_l3_types", _(f"{P}.explorer.prompt"), insights.posts(), x="type", x_label=_(f"{P}.explorer.x"),
        metrics={"reach": _(f"{P}.explorer.reach"), "engagement_rate": _("w1.chart.rate_axis")},
        filter_by="language_name", filter_label=_(f"{P}.explorer.filter"), how="mean",
        options={i: _(f"w1.data.type.{i}") for i in ids}, answer="video", why=texts(f"{P}.explorer.why", ids))
