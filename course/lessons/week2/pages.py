"""Lesson 1, running a Page with several people: who gets which access."""
from __future__ import annotations

from ...i18n import _
from ...widgets import SingleChoice
from ..registry import exercise

P = "w2.pages"


@exercise
def page_access_for_a_partner() -> SingleChoice:
    """A journalist partner only reads the statistics: the smallest access that does the job."""
    ids = ("admin", "editor", "analyst")
    return SingleChoice("w2_l1_role", _(f"{P}.role.prompt"), {i: _(f"{P}.role.opt.{i}") for i in ids},
                        answer="analyst", why={i: _(f"{P}.role.why.{i}") for i in ids})
