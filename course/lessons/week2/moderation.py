"""Lesson 3, dialogue and moderation: a comment policy, hide, delete and ban, keyword filters, criticism,
response time."""
from __future__ import annotations

from ...i18n import _
from ...widgets import ChartExplorer, Matching, MultipleChoice, NumberAnswer, Ordering, SingleChoice
from ..tools import CommentSorter
from ..ui import show_chart
from ..registry import chart, exercise, tool
from . import charts, tables
from ._keys import hints, texts

P = "w2.moderation"


@exercise
def comment_policy() -> MultipleChoice:
    ids = ("what_removed", "ban", "reply_time", "languages", "all_negative", "secret")
    return MultipleChoice("w2_l3_policy", _(f"{P}.policy.prompt"), texts(f"{P}.policy.opt", ids),
                          answer=["what_removed", "ban", "reply_time", "languages"], why=texts(f"{P}.policy.why", ids))


@exercise
def hide_delete_ban() -> Matching:
    left = ("spam", "insult", "repeat", "criticism")
    right = ("delete", "hide", "ban", "reply")
    return Matching("w2_l3_actions", _(f"{P}.actions.prompt"), texts(f"{P}.actions.left", left),
                    texts(f"{P}.actions.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.actions.why", left),
                    clues=texts(f"{P}.actions.clue", left), hints=hints(f"{P}.actions.hint", 1))


@exercise
def keyword_filter_words() -> MultipleChoice:
    ids = ("scam_domain", "slur", "followers", "minister", "corruption", "report")
    return MultipleChoice("w2_l3_filter", _(f"{P}.filter.prompt"), texts(f"{P}.filter.opt", ids),
                          answer=["scam_domain", "slur", "followers"], why=texts(f"{P}.filter.why", ids))


@tool
def comment_sorter() -> CommentSorter:
    return CommentSorter()


@exercise
def answer_fair_criticism() -> SingleChoice:
    ids = ("thank_fix", "delete", "defend", "ignore")
    return SingleChoice("w2_l3_criticism", _(f"{P}.criticism.prompt"), texts(f"{P}.criticism.opt", ids),
                        answer="thank_fix", why=texts(f"{P}.criticism.why", ids))


ABUSE_STEPS = ("record", "hide", "ban", "report", "debrief")


@exercise
def wave_of_abuse() -> Ordering:
    return Ordering("w2_l3_wave", _(f"{P}.wave.prompt"), texts(f"{P}.wave.step", ABUSE_STEPS),
                    answer=list(ABUSE_STEPS), why=_(f"{P}.wave.why"), hints=hints(f"{P}.wave.hint", 1))


@chart
def comments_chart() -> None:
    show_chart(*charts.comments_figure())


@exercise
def reply_time_explorer() -> ChartExplorer:
    """Which kind of comment waited longest for the Page's reply?"""
    ids = ("question", "support", "criticism")
    return ChartExplorer(
        "w2_l3_reply_time", _(f"{P}.reply_time.prompt"), tables.replied_comments(), x="category_label",
        x_label=_(f"{P}.reply_time.x"), metrics={"reply_hours": _(f"{P}.reply_time.metric")}, how="mean",
        filter_by="language_name", filter_label=_(f"{P}.reply_time.filter"),
        options=texts(f"{P}.reply_time.opt", ids), answer="criticism", why=texts(f"{P}.reply_time.why", ids),
        hints=hints(f"{P}.reply_time.hint", 1))


@exercise
def unanswered_criticism() -> NumberAnswer:
    """From the chart: how many fair criticisms got no answer?"""
    return NumberAnswer("w2_l3_unanswered", _(f"{P}.unanswered.prompt"),
                        answer=int(tables.comments_by_category().loc["criticism", "unanswered"]), tolerance=0,
                        unit=_(f"{P}.unanswered.unit"), why=_(f"{P}.unanswered.why"),
                        hints=hints(f"{P}.unanswered.hint", 1))
