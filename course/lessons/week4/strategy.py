"""Lesson 5, the campaign strategy: the seven steps, measurable objectives, audience, channels and content."""
from __future__ import annotations

from ...i18n import _
from ...toolkit.objectives import check_objective
from ...widgets import ChartExplorer, Matching, MultipleChoice, Ordering, Rule, SingleChoice, TextAnswer
from ..registry import chart, exercise, tool
from ..tools import ObjectiveChecker
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.strategy"

STEPS = ("objectives", "audience", "channels", "content", "dissemination", "monitoring", "adapting")


@exercise
def seven_steps() -> Ordering:
    return Ordering("w4_l5_seven_steps", _(f"{P}.steps.prompt"), texts(f"{P}.steps.step", STEPS),
                    answer=list(STEPS), why=_(f"{P}.steps.why"), hints=hints(f"{P}.steps.hint", 2))


@tool
def objective_checker() -> ObjectiveChecker:
    return ObjectiveChecker()


@exercise
def measurable_objective() -> SingleChoice:
    ids = ("awareness", "followers", "smart", "petition_no_date")
    return SingleChoice("w4_l5_objective", _(f"{P}.objective.prompt"), texts(f"{P}.objective.opt", ids),
                        answer="smart", why=texts(f"{P}.objective.why", ids))


@exercise
def write_objective() -> TextAnswer:
    """An objective for the learner's own campaign: an action, a number, a deadline (English or Arabic)."""
    return TextAnswer(
        "w4_l5_write_objective", _(f"{P}.write.prompt"),
        rules=[Rule(lambda t: check_objective(t).specific, _(f"{P}.write.rule_specific")),
               Rule(lambda t: check_objective(t).measurable, _(f"{P}.write.rule_measurable")),
               Rule(lambda t: check_objective(t).dated, _(f"{P}.write.rule_dated"))],
        example=_(f"{P}.write.example"), placeholder=_(f"{P}.write.placeholder"), multiline=True,
        why=_(f"{P}.write.why"), hints=hints(f"{P}.write.hint", 2))


@exercise
def audience_details() -> MultipleChoice:
    ids = ("age", "place", "habits", "language", "everyone", "followers_only")
    return MultipleChoice("w4_l5_audience", _(f"{P}.audience.prompt"), texts(f"{P}.audience.opt", ids),
                          answer=["age", "place", "habits", "language"], why=texts(f"{P}.audience.why", ids))


@chart
def channels_chart() -> None:
    show_chart(*charts.channels_figure(analysis.weeks()))


@exercise
def channel_explorer() -> ChartExplorer:
    """Which channel brought the most sign-ups in all? (Volume, not efficiency.)"""
    return ChartExplorer(
        "w4_l5_channels", _(f"{P}.explorer.prompt"), analysis.weeks(), x="channel_label",
        x_label=_(f"{P}.explorer.x"), metrics={"signups": _(f"{P}.explorer.signups"),
                                               "reach": _(f"{P}.explorer.reach"),
                                               "link_clicks": _(f"{P}.explorer.clicks")},
        filter_by="week_label", filter_label=_(f"{P}.explorer.filter"), how="sum",
        options={c: _(f"w4.data.channel.{c}") for c in analysis.CHANNELS}, answer="facebook",
        why=texts(f"{P}.explorer.why", analysis.CHANNELS), hints=hints(f"{P}.explorer.hint", 1))


CHANNEL_ROLES = ("blog", "facebook", "instagram", "newsletter")


@exercise
def channel_roles() -> Matching:
    right = ("evidence", "local_reach", "young_images", "convert")
    return Matching("w4_l5_channel_roles", _(f"{P}.roles.prompt"), texts(f"{P}.roles.left", CHANNEL_ROLES),
                    texts(f"{P}.roles.right", right), answer=dict(zip(CHANNEL_ROLES, right)),
                    why=texts(f"{P}.roles.why", CHANNEL_ROLES), clues=texts(f"{P}.roles.clue", CHANNEL_ROLES))
