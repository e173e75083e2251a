"""Lesson 1, blogging basics: why a blog lasts, hosted or self-hosted, and blogging safely when at risk."""
from __future__ import annotations

from ...i18n import _
from ...widgets import Matching, MultipleChoice, SingleChoice, TrueFalse
from ..registry import chart, exercise
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.blog"


@exercise
def clearest_headline() -> SingleChoice:
    """Which headline tells the reader what they will get?"""
    ids = ("vague", "clear", "caps")
    return SingleChoice("w4_l1_headline", _(f"{P}.headline.prompt"), {i: _(f"{P}.headline.opt.{i}") for i in ids},
                        answer="clear", why={i: _(f"{P}.headline.why.{i}") for i in ids})


@chart
def search_vs_social_chart() -> None:
    show_chart(*charts.search_vs_social_figure(analysis.visits()))


@exercise
def what_search_shows() -> SingleChoice:
    """Reading the chart: search visits grow while social ones fade."""
    ids = ("search_grows", "social_wins", "same", "search_falls")
    return SingleChoice("w4_l1_search_chart", _(f"{P}.search_chart.prompt"), texts(f"{P}.search_chart.opt", ids),
                        answer="search_grows", why=texts(f"{P}.search_chart.why", ids),
                        hints=hints(f"{P}.search_chart.hint", 1))


PLATFORM_NEEDS = ("start_today", "own_rules", "audience_there", "export")
PLATFORM_ANSWERS = ("hosted", "self_hosted", "medium", "both")


@exercise
def match_platforms() -> Matching:
    """Which kind of blog fits which need?"""
    right = ("hosted", "self_hosted", "medium", "both")
    return Matching("w4_l1_platforms", _(f"{P}.platforms.prompt"), texts(f"{P}.platforms.left", PLATFORM_NEEDS),
                    texts(f"{P}.platforms.right", right), answer=dict(zip(PLATFORM_NEEDS, PLATFORM_ANSWERS)),
                    why=texts(f"{P}.platforms.why", PLATFORM_NEEDS),
                    clues=texts(f"{P}.platforms.clue", PLATFORM_NEEDS), hints=hints(f"{P}.platforms.hint", 1))


@exercise
def platform_rules() -> TrueFalse:
    """A free hosted platform can suspend a blog under its own rules."""
    return TrueFalse("w4_l1_platform_rules", _(f"{P}.rules.statement"), answer=True, why=_(f"{P}.rules.why"),
                     nudge=_(f"{P}.rules.nudge"))


@exercise
def safe_blogger_steps() -> MultipleChoice:
    """A blogger who writes about abuses by local officials."""
    ids = ("pseudonym", "separate_email", "strip_metadata", "two_step", "home_wifi", "family_photos")
    return MultipleChoice("w4_l1_safe_blogger", _(f"{P}.safe.prompt"), texts(f"{P}.safe.opt", ids),
                          answer=["pseudonym", "separate_email", "strip_metadata", "two_step"],
                          why=texts(f"{P}.safe.why", ids), hints=hints(f"{P}.safe.hint", 1))


@exercise
def photo_location() -> TrueFalse:
    """Renaming a photo does not remove the place stored inside it."""
    return TrueFalse("w4_l1_photo_location", _(f"{P}.metadata.statement"), answer=False,
                     why=_(f"{P}.metadata.why"), nudge=_(f"{P}.metadata.nudge"))
