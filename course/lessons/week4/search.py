"""Lesson 3, being found and using images legally: search basics, addresses, Creative Commons."""
from __future__ import annotations

import re

from ...i18n import _
from ...widgets import Matching, MultipleChoice, Rule, SingleChoice, TextAnswer
from ..registry import chart, exercise
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.search"


@chart
def search_share_chart() -> None:
    show_chart(*charts.search_share_figure(analysis.visits()))


@exercise
def why_survey_is_found() -> SingleChoice:
    """Why does the survey post get the largest share of its visits from search?"""
    ids = ("says_what", "longest", "most_shared", "luck")
    return SingleChoice("w4_l3_search_chart", _(f"{P}.why_found.prompt"), texts(f"{P}.why_found.opt", ids),
                        answer="says_what", why=texts(f"{P}.why_found.why", ids),
                        hints=hints(f"{P}.why_found.hint", 1))


SEARCH_PARTS = ("title", "description", "slug", "alt")


@exercise
def match_search_parts() -> Matching:
    right = ("link_text", "snippet", "address", "image")
    return Matching("w4_l3_search_parts", _(f"{P}.parts.prompt"), texts(f"{P}.parts.left", SEARCH_PARTS),
                    texts(f"{P}.parts.right", right), answer=dict(zip(SEARCH_PARTS, right)),
                    why=texts(f"{P}.parts.why", SEARCH_PARTS), clues=texts(f"{P}.parts.clue", SEARCH_PARTS))


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@exercise
def write_a_slug() -> TextAnswer:
    """Turn a headline into a short, readable web address."""
    return TextAnswer(
        "w4_l3_slug", _(f"{P}.slug.prompt"),
        rules=[Rule(lambda t: bool(SLUG.match(t.strip())), _(f"{P}.slug.rule_form")),
               Rule(lambda t: 2 <= len(t.strip().split("-")) <= 6 and len(t.strip()) <= 50, _(f"{P}.slug.rule_short")),
               Rule(lambda t: "water" in t.strip().split("-"), _(f"{P}.slug.rule_water")),
               Rule(lambda t: any(w in t.strip().split("-") for w in ("school", "schools", "beirut")),
                    _(f"{P}.slug.rule_where"))],
        example="safe-water-schools-beirut", placeholder="e.g. five-ways-parents-can-act", why=_(f"{P}.slug.why"),
        hints=hints(f"{P}.slug.hint", 2))


LICENCES = ("by", "by_sa", "by_nc", "by_nd", "cc0")


@exercise
def match_licences() -> Matching:
    right = ("credit", "share_alike", "no_money", "no_changes", "no_conditions")
    return Matching("w4_l3_licences", _(f"{P}.licences.prompt"), texts(f"{P}.licences.left", LICENCES),
                    texts(f"{P}.licences.right", right), answer=dict(zip(LICENCES, right)),
                    why=texts(f"{P}.licences.why", LICENCES),
                    clues=texts(f"{P}.licences.clue", LICENCES), hints=hints(f"{P}.licences.hint", 1))


@exercise
def photo_from_search() -> SingleChoice:
    """A striking photo found through an image search, with no licence shown."""
    ids = ("use_credit", "ask", "use_small", "use_nonprofit")
    return SingleChoice("w4_l3_photo_search", _(f"{P}.photo.prompt"), texts(f"{P}.photo.opt", ids),
                        answer="ask", why=texts(f"{P}.photo.why", ids))


@exercise
def attribution_parts() -> MultipleChoice:
    """What a credit line for a Creative Commons photo needs."""
    ids = ("title", "author", "source", "licence", "date_taken", "camera")
    return MultipleChoice("w4_l3_attribution", _(f"{P}.credit.prompt"), texts(f"{P}.credit.opt", ids),
                          answer=["title", "author", "source", "licence"], why=texts(f"{P}.credit.why", ids),
                          hints=hints(f"{P}.credit.hint", 1))
