"""Lesson 3, YouTube for an organisation: the channel, title, description, tags, chapters, thumbnails,
captions, Shorts, the altered-content disclosure, and retention and traffic sources in YouTube Analytics."""
from __future__ import annotations

from ...i18n import _
from ...toolkit.youtube import tags_length
from ...widgets import ChartExplorer, MultipleChoice, NumberAnswer, SingleChoice
from ..ui import show_chart
from . import charts, numbers
from ..tools import UploadChecker
from ..registry import chart, data, exercise, tool
from ._keys import hints, texts

P = "w3.youtube"

#: YouTube's limits (YouTube Data API, videos resource).
TITLE_MAX, DESCRIPTION_MAX_BYTES, TAGS_MAX = 100, 5000, 500
#: The tags of the tags exercise, as typed in YouTube Studio.
TAGS = ("youth", "safe streets", "Beirut")


@exercise
def channel_owner() -> SingleChoice:
    ids = ("org_account", "volunteer", "shared_password", "personal_channel")
    return SingleChoice("w3_l3_owner", _(f"{P}.owner.prompt"), texts(f"{P}.owner.opt", ids),
                        answer="org_account", why=texts(f"{P}.owner.why", ids))


#: Chapter lists in a description: which create chapters?
CHAPTER_IDS = ("good", "good_long", "no_zero", "two", "too_short", "order")


def chapter_lists() -> dict[str, str]:
    """The chapter lists, titled in the learner's language (the timestamps are the same in every language)."""
    return texts(f"{P}.chapters.opt", CHAPTER_IDS)


@tool
def upload_checker() -> UploadChecker:
    return UploadChecker()


@exercise
def which_chapters_work() -> MultipleChoice:
    return MultipleChoice("w3_l3_chapters", _(f"{P}.chapters.prompt"), chapter_lists(),
                          answer=["good", "good_long"], why=texts(f"{P}.chapters.why", CHAPTER_IDS),
                          hints=hints(f"{P}.chapters.hint", 1))


@exercise
def arabic_description() -> NumberAnswer:
    """5,000 bytes, and a basic Arabic letter takes 2 bytes in UTF-8: 2,500 letters."""
    return NumberAnswer("w3_l3_bytes", _(f"{P}.bytes.prompt"), answer=DESCRIPTION_MAX_BYTES // 2, tolerance=0,
                        unit=_(f"{P}.bytes.unit"), why=_(f"{P}.bytes.why"), hints=hints(f"{P}.bytes.hint", 2))


@exercise
def tags_count() -> NumberAnswer:
    """youth, "safe streets", Beirut: 5 + 14 + 6 characters and two commas."""
    return NumberAnswer("w3_l3_tags", _(f"{P}.tags.prompt", tags=", ".join(TAGS)), answer=tags_length(list(TAGS)),
                        tolerance=0, unit=_(f"{P}.tags.unit"), why=_(f"{P}.tags.why"),
                        hints=hints(f"{P}.tags.hint", 2))


@exercise
def which_is_a_short() -> SingleChoice:
    """Square or vertical, up to 3 minutes (uploads since 15 October 2024)."""
    ids = ("vertical_150", "horizontal_60", "vertical_240", "square_210")
    return SingleChoice("w3_l3_short", _(f"{P}.short.prompt"), texts(f"{P}.short.opt", ids),
                        answer="vertical_150", why=texts(f"{P}.short.why", ids))


@exercise
def altered_content() -> MultipleChoice:
    ids = ("voice", "flood", "crowd", "cartoon", "filter", "script")
    return MultipleChoice("w3_l3_altered", _(f"{P}.altered.prompt"), texts(f"{P}.altered.opt", ids),
                          answer=["voice", "flood", "crowd"], why=texts(f"{P}.altered.why", ids))


@chart
def retention_chart() -> None:
    show_chart(*charts.retention_figure())


@exercise
def read_retention() -> SingleChoice:
    """Recorded events lose their viewers fastest at the very start."""
    ids = ("start", "middle", "end", "never")
    return SingleChoice("w3_l3_retention", _(f"{P}.retention.prompt"), texts(f"{P}.retention.opt", ids),
                        answer="start", why=texts(f"{P}.retention.why", ids))


@chart
def traffic_chart() -> None:
    show_chart(*charts.traffic_figure())


@exercise
def traffic_explorer() -> ChartExplorer:
    """Which kind of video gets the largest share of its views from links outside YouTube? (Events.)"""
    ids = ("short", "testimonial", "explainer", "event")
    metrics = {f"share_{s}": _("w3.youtube.traffic.metric", source=_(f"w3.data.source.{s}"))
               for s in ("search", "suggested", "external", "shorts_feed")}
    return ChartExplorer(
        "w3_l3_traffic", _(f"{P}.traffic.prompt"), numbers.videos(), x="kind_name",
        x_label=_("w3.chart.traffic.x"), metrics=metrics, how="mean",
        options={i: _(f"w3.data.kind.{i}") for i in ids}, answer="event", why=texts(f"{P}.traffic.why", ids),
        hints=hints(f"{P}.traffic.hint", 1))


@data
def videos_for_assessment():
    """The channel's videos with their share of views by traffic source (the week's assessment charts them)."""
    return numbers.videos()
