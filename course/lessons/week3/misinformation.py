"""Lesson 5, countering misinformation: verify before sharing (SIFT, lateral reading, reverse image search),
triage a rumour by reach and harm, and correct it without repeating it (the truth sandwich)."""
from __future__ import annotations

from ...i18n import _
from ...widgets import Matching, Ordering, SingleChoice, TrueFalse
from ..ui import show_chart
from . import charts, numbers
from ..tools import RumourTriage
from ..registry import chart, exercise, tool
from ._keys import hints, texts

P = "w3.misinfo"

SIFT = ("stop", "investigate", "find", "trace")


@exercise
def sift_order() -> Ordering:
    return Ordering("w3_l5_sift", _(f"{P}.sift.prompt"), texts(f"{P}.sift.step", SIFT), answer=list(SIFT),
                    why=_(f"{P}.sift.why"), hints=hints(f"{P}.sift.hint", 1))


@exercise
def lateral_reading() -> SingleChoice:
    ids = ("about", "lateral", "design", "followers")
    return SingleChoice("w3_l5_lateral", _(f"{P}.lateral.prompt"), texts(f"{P}.lateral.opt", ids),
                        answer="lateral", why=texts(f"{P}.lateral.why", ids))


@exercise
def old_photo() -> SingleChoice:
    """A reverse image search finds the 'flood today' photo in a 2019 article from another country."""
    ids = ("recycled", "real", "edited", "unknown")
    return SingleChoice("w3_l5_photo", _(f"{P}.photo.prompt"), texts(f"{P}.photo.opt", ids),
                        answer="recycled", why=texts(f"{P}.photo.why", ids), hints=hints(f"{P}.photo.hint", 1))


@chart
def replies_chart() -> None:
    show_chart(*charts.replies_figure(numbers.x_posts()))


@exercise
def rumour_signal() -> SingleChoice:
    ids = ("questions", "success", "counting", "followers")
    return SingleChoice("w3_l5_signal", _(f"{P}.signal.prompt", week=numbers.RUMOUR_WEEK),
                        texts(f"{P}.signal.opt", ids), answer="questions", why=texts(f"{P}.signal.why", ids),
                        hints=hints(f"{P}.signal.hint", 1))


@tool
def rumour_triage() -> RumourTriage:
    return RumourTriage()


@exercise
def triage_matching() -> Matching:
    left = ("low_low", "low_high", "high_low", "high_high")
    right = ("watch", "direct", "short", "full")
    return Matching("w3_l5_triage", _(f"{P}.triage.prompt"), texts(f"{P}.triage.left", left),
                    texts(f"{P}.triage.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.triage.why", left), clues=texts(f"{P}.triage.clue", left))


SANDWICH = ("fact", "warn", "why", "fact_again")


@exercise
def truth_sandwich_order() -> Ordering:
    return Ordering("w3_l5_sandwich", _(f"{P}.sandwich.prompt"), texts(f"{P}.sandwich.step", SANDWICH),
                    answer=list(SANDWICH), why=_(f"{P}.sandwich.why"), hints=hints(f"{P}.sandwich.hint", 1))


@exercise
def quote_the_rumour() -> TrueFalse:
    return TrueFalse("w3_l5_quote", _(f"{P}.quote.statement"), answer=False, why=_(f"{P}.quote.why"),
                     nudge=_(f"{P}.quote.nudge"))
