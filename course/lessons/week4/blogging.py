"""Lesson 1, blogging basics: a headline that says what the reader gets."""
from __future__ import annotations

from ...i18n import _
from ...widgets import SingleChoice
from ..registry import exercise

P = "w4.blog"


@exercise
def clearest_headline() -> SingleChoice:
    """Which headline tells the reader what they will get?"""
    ids = ("vague", "clear", "caps")
    return SingleChoice("w4_l1_headline", _(f"{P}.headline.prompt"), {i: _(f"{P}.headline.opt.{i}") for i in ids},
                        answer="clear", why={i: _(f"{P}.headline.why.{i}") for i in ids})
