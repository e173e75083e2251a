"""Lesson 4, measuring a blog: traffic sources, tracking links (UTM) and the funnel from visit to donation."""
from __future__ import annotations

from urllib.parse import urlsplit

from ...i18n import _
from ...toolkit.tracking import read_link
from ...widgets import ChartExplorer, Matching, NumberAnswer, Rule, TextAnswer, TrueFalse
from ..registry import chart, exercise, tool
from ..tools import TrackingLinkBuilder
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.measure"


@chart
def sources_chart() -> None:
    show_chart(*charts.sources_figure(analysis.visits()))


def facebook_visits() -> int:
    """Visits from Facebook, both spellings together."""
    return int(analysis.by_source(analysis.visits()).loc["facebook", "visits"])


@exercise
def facebook_total() -> NumberAnswer:
    """How many visits came from Facebook in all, once both spellings are added up?"""
    return NumberAnswer("w4_l4_facebook_total", _(f"{P}.total.prompt"), answer=facebook_visits(), tolerance=0,
                        unit=_(f"{P}.total.unit"), why=_(f"{P}.total.why", total=facebook_visits()),
                        hints=hints(f"{P}.total.hint", 2))


UTM_NAMES = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


@exercise
def match_utm() -> Matching:
    right = ("facebook", "social", "school_water", "video_testimonial")
    return Matching("w4_l4_utm", _(f"{P}.utm.prompt"), {n: n for n in UTM_NAMES},
                    {r: r for r in right}, answer=dict(zip(UTM_NAMES, right)), why=texts(f"{P}.utm.why", UTM_NAMES),
                    clues=texts(f"{P}.utm.clue", UTM_NAMES),
                    hints=hints(f"{P}.utm.hint", 1))


@tool
def tracking_link_builder() -> TrackingLinkBuilder:
    return TrackingLinkBuilder()


BROKEN_LINK = ("http://bukra-youth.example/blog/five-ways-parents-can-act"
               "?utm_source=Facebook&utm_medium=Social%20Media&utm_campaign=School%20Water")
FIXED_PATH = "/blog/five-ways-parents-can-act"


def _same_page(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.hostname == "bukra-youth.example" and parts.path == FIXED_PATH


@exercise
def fix_tracking_link() -> TextAnswer:
    """Correct a tracking link a volunteer wrote, so analytics counts its visits with the rest."""
    def params(text: str) -> dict:
        return read_link(text).parameters
    return TextAnswer(
        "w4_l4_fix_link", _(f"{P}.fix.prompt", link=BROKEN_LINK),
        rules=[Rule(_same_page, _(f"{P}.fix.rule_page")),
               Rule(lambda t: t.strip().startswith("https://"), _(f"{P}.fix.rule_https")),
               Rule(lambda t: params(t).get("utm_source") == "facebook", _(f"{P}.fix.rule_source")),
               Rule(lambda t: read_link(t).ok, _(f"{P}.fix.rule_clean"))],
        example=("https://bukra-youth.example/blog/five-ways-parents-can-act"
                 "?utm_source=facebook&utm_medium=social&utm_campaign=school_water"),
        placeholder="https://…", why=_(f"{P}.fix.why"), hints=hints(f"{P}.fix.hint", 2))


@chart
def funnel_chart() -> None:
    show_chart(*charts.funnel_figure(analysis.visits()))


def newsletter_rate() -> float:
    return float(analysis.by_source(analysis.visits()).loc["newsletter", "rate"])


@exercise
def signup_rate() -> NumberAnswer:
    """Sign-ups ÷ visits × 100 for the newsletter."""
    table = analysis.by_source(analysis.visits())
    return NumberAnswer("w4_l4_signup_rate", _(f"{P}.rate.prompt", visits=int(table.loc["newsletter", "visits"]),
                                                 signups=int(table.loc["newsletter", "signups"])),
                        answer=round(newsletter_rate(), 1), tolerance=0.1, unit="%",
                        why=_(f"{P}.rate.why", visits=int(table.loc["newsletter", "visits"]),
                              signups=int(table.loc["newsletter", "signups"]), rate=f"{newsletter_rate():.1f}"),
                        hints=hints(f"{P}.rate.hint", 2))


@exercise
def signups_by_source() -> ChartExplorer:
    """Which source brought the most sign-ups? (Only when both spellings of Facebook are added.)"""
    ids = ("facebook", "newsletter", "whatsapp", "google")
    return ChartExplorer(
        "w4_l4_signups_source", _(f"{P}.explorer.prompt"), analysis.visits(), x="source",
        x_label=_(f"{P}.explorer.x"), metrics={"signed_up": _(f"{P}.explorer.signups"),
                                               "visits": _(f"{P}.explorer.visits")},
        filter_by="device_label", filter_label=_(f"{P}.explorer.filter"), how="sum",
        options=texts(f"{P}.explorer.opt", ids), answer="facebook", why=texts(f"{P}.explorer.why", ids),
        hints=hints(f"{P}.explorer.hint", 1))


@exercise
def most_visits_best() -> TrueFalse:
    """The source with many visits is not the one that converts best."""
    return TrueFalse("w4_l4_volume", _(f"{P}.volume.statement"), answer=False, why=_(f"{P}.volume.why"),
                     nudge=_(f"{P}.volume.nudge"))


@exercise
def tag_internal_links() -> TrueFalse:
    """Links between your own pages are never tagged."""
    return TrueFalse("w4_l4_internal_links", _(f"{P}.internal.statement"), answer=False, why=_(f"{P}.internal.why"),
                     nudge=_(f"{P}.internal.nudge"))
