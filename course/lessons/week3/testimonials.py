"""Lesson 4, video testimonials: why one person's story works, informed consent, keeping the people
filmed safe, and how a testimonial is built."""
from __future__ import annotations

from ...i18n import _
from ...widgets import AuditItem, Checklist, Matching, Ordering, SingleChoice
from ..ui import show_chart
from . import charts
from ..registry import chart, exercise
from ._keys import hints, texts

P = "w3.testimonials"


@chart
def watched_chart() -> None:
    show_chart(*charts.watched_figure())


@exercise
def what_the_chart_shows() -> SingleChoice:
    """Testimonials were watched for a larger share of their length; not more views, not every one, not a cause."""
    ids = ("share", "views", "every", "cause")
    return SingleChoice("w3_l4_chart", _(f"{P}.chart.prompt"), texts(f"{P}.chart.opt", ids),
                        answer="share", why=texts(f"{P}.chart.why", ids), hints=hints(f"{P}.chart.hint", 1))


#: Before filming: what to have done, how much it matters.
CONSENT_ITEMS = (("purpose", 3), ("where", 3), ("no_penalty", 3), ("withdraw", 2), ("minor", 3),
                 ("identity", 2), ("record", 2), ("review", 1))


@exercise
def consent_checklist() -> Checklist:
    items = [AuditItem(item, _(f"{P}.consent.{item}"), weight, _(f"{P}.consent.{item}_advice"))
             for item, weight in CONSENT_ITEMS]
    return Checklist("w3_l4_consent", _(f"{P}.consent.prompt"), items)


@exercise
def risks_and_fixes() -> Matching:
    left = ("face", "street", "name", "metadata")
    right = ("behind", "neutral", "first_name", "export")
    return Matching("w3_l4_risks", _(f"{P}.risks.prompt"), texts(f"{P}.risks.left", left),
                    texts(f"{P}.risks.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.risks.why", left), clues=texts(f"{P}.risks.clue", left))


STORY_STEPS = ("moment", "problem", "change", "ask")


@exercise
def story_order() -> Ordering:
    return Ordering("w3_l4_story", _(f"{P}.story.prompt"), texts(f"{P}.story.step", STORY_STEPS),
                    answer=list(STORY_STEPS), why=_(f"{P}.story.why"), hints=hints(f"{P}.story.hint", 1))


@exercise
def withdrawn_consent() -> SingleChoice:
    ids = ("remove", "keep", "blur_later", "ask_why")
    return SingleChoice("w3_l4_withdraw", _(f"{P}.withdraw.prompt"), texts(f"{P}.withdraw.opt", ids),
                        answer="remove", why=texts(f"{P}.withdraw.why", ids))
