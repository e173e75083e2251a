"""Lesson 1, writing for X: weighted length, long posts, threads, replies and quotes, hashtags and trends,
Lists, Community Notes, accessible posts, and which formats the campaign's audience saw most."""
from __future__ import annotations

from ...i18n import _
from ...widgets import ChartExplorer, Matching, MultipleChoice, NumberAnswer, SingleChoice, TrueFalse
from ..tools import HashtagChecker, PostChecker, ThreadSplitter
from ..ui import show_chart
from . import charts, numbers
from ..registry import chart, exercise, tool
from ._keys import hints, texts

P = "w3.writing"

#: The post of the length exercise: Arabic letters and spaces, a link, two emoji.
LETTERS, LINK_CHARS, EMOJI = 230, 64, 2


def length_answer() -> int:
    """Letters and spaces count 1 each, the link 23 whatever its length, each emoji 2, plus the two spaces."""
    return LETTERS + 1 + 23 + 1 + 2 * EMOJI


@exercise
def weighted_length() -> NumberAnswer:
    """230 Arabic letters and spaces, a space, a 64-character link, a space, two emoji."""
    return NumberAnswer("w3_l1_length", _(f"{P}.length.prompt", letters=LETTERS, link=LINK_CHARS, emoji=EMOJI),
                        answer=length_answer(), tolerance=0, why=_(f"{P}.length.why"),
                        hints=hints(f"{P}.length.hint", 2))


@exercise
def presentation_forms() -> TrueFalse:
    """Arabic presentation forms (old PDFs) weigh 2 each on X, basic Arabic letters 1."""
    return TrueFalse("w3_l1_forms", _(f"{P}.forms.statement"), answer=False, why=_(f"{P}.forms.why"),
                     nudge=_(f"{P}.forms.nudge"),
                     hints=hints(f"{P}.forms.hint", 1))


@exercise
def long_post_in_timeline() -> SingleChoice:
    """A subscriber's 1,200-character post: the timeline shows about the first 280 and 'Show more'."""
    ids = ("all", "show_more", "cut", "subscribers")
    return SingleChoice("w3_l1_long", _(f"{P}.long.prompt"), texts(f"{P}.long.opt", ids),
                        answer="show_more", why=texts(f"{P}.long.why", ids))


@exercise
def reply_quote_repost() -> Matching:
    left = ("thread", "reply", "quote", "repost")
    right = ("story", "answer", "comment", "pass_on")
    return Matching("w3_l1_formats", _(f"{P}.formats.prompt"), texts(f"{P}.formats.left", left),
                    texts(f"{P}.formats.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.formats.why", left), clues=texts(f"{P}.formats.clue", left))


@tool
def thread_splitter() -> ThreadSplitter:
    return ThreadSplitter()


@tool
def x_post_checker() -> PostChecker:
    return PostChecker()


@tool
def x_hashtag_checker() -> HashtagChecker:
    return HashtagChecker()


@exercise
def join_a_trend() -> MultipleChoice:
    ids = ("read", "grief", "fit", "spam", "followers", "all_tags")
    return MultipleChoice("w3_l1_trend", _(f"{P}.trend.prompt"), texts(f"{P}.trend.opt", ids),
                          answer=["read", "grief", "fit", "spam"], why=texts(f"{P}.trend.why", ids))


@exercise
def private_list() -> SingleChoice:
    ids = ("private", "public", "follow", "search")
    return SingleChoice("w3_l1_list", _(f"{P}.list.prompt"), texts(f"{P}.list.opt", ids),
                        answer="private", why=texts(f"{P}.list.why", ids), hints=hints(f"{P}.list.hint", 1))


@exercise
def community_notes() -> TrueFalse:
    """A note shows when people who usually disagree rate it helpful, not on a plain majority."""
    return TrueFalse("w3_l1_notes", _(f"{P}.notes.statement"), answer=False, why=_(f"{P}.notes.why"),
                     nudge=_(f"{P}.notes.nudge"))


@exercise
def accessible_post() -> MultipleChoice:
    ids = ("alt", "camel", "emoji_end", "captions", "fancy_font", "text_image")
    return MultipleChoice("w3_l1_access", _(f"{P}.access.prompt"), texts(f"{P}.access.opt", ids),
                          answer=["alt", "camel", "emoji_end", "captions"], why=texts(f"{P}.access.why", ids))


@chart
def format_chart() -> None:
    show_chart(*charts.format_figure(numbers.x_posts()))


@exercise
def format_explorer() -> ChartExplorer:
    """Which format brought the most profile visits per post? (Threads; replies were shown least.)"""
    ids = ("post", "thread", "quote", "reply")
    frame = numbers.x_posts()
    visits = frame.groupby("format")["profile_visits"].mean()
    why = {i: _(f"{P}.explorer.why.{i}", visits=f"{visits[i]:.0f}") for i in ids}
    return ChartExplorer(
        "w3_l1_explorer", _(f"{P}.explorer.prompt"), frame, x="format_name",
        x_label=_("w3.chart.formats.x"),
        metrics={"impressions": _("w3.chart.impressions_axis"), "profile_visits": _(f"{P}.explorer.visits"),
                 "engagement_rate": _("w1.chart.rate_axis")},
        filter_by="language_name", filter_label=_(f"{P}.explorer.filter"), how="mean",
        options={i: _(f"w3.data.format.{i}") for i in ids}, answer="thread", why=why)
