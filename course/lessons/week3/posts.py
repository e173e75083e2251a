"""Lesson 1, short posts and short videos: how X counts a post's length."""
from __future__ import annotations

from ...i18n import _
from ...widgets import SingleChoice
from ..registry import exercise

P = "w3.posts"


@exercise
def link_length_on_x() -> SingleChoice:
    """250 characters and a 120-character link: X counts every link as 23."""
    ids = ("no", "yes", "never")
    return SingleChoice("w3_l1_link", _(f"{P}.link.prompt"), {i: _(f"{P}.link.opt.{i}") for i in ids},
                        answer="yes", why={i: _(f"{P}.link.why.{i}") for i in ids})
