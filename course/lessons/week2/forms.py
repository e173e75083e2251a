"""Lesson 6, online forms: Facebook lead forms against Google Forms, collecting only what you need,
consent, who sees the answers."""
from __future__ import annotations

from ...i18n import _
from ...widgets import AuditItem, Checklist, MultipleChoice, SingleChoice, TrueFalse
from ..ui import show_chart
from ..registry import chart, exercise
from . import charts
from ._keys import hints, texts

P = "w2.forms"


@exercise
def which_form() -> SingleChoice:
    ids = ("google", "lead", "comments", "messages")
    return SingleChoice("w2_l6_which", _(f"{P}.which.prompt"), texts(f"{P}.which.opt", ids),
                        answer="google", why=texts(f"{P}.which.why", ids), hints=hints(f"{P}.which.hint", 1))


@exercise
def only_what_you_need() -> MultipleChoice:
    ids = ("name", "contact", "city", "id_number", "religion", "politics")
    return MultipleChoice("w2_l6_fields", _(f"{P}.fields.prompt"), texts(f"{P}.fields.opt", ids),
                          answer=["name", "contact", "city"], why=texts(f"{P}.fields.why", ids))


@exercise
def consent_wording() -> SingleChoice:
    ids = ("clear", "pre_ticked", "legal", "none")
    return SingleChoice("w2_l6_consent", _(f"{P}.consent.prompt"), texts(f"{P}.consent.opt", ids),
                        answer="clear", why=texts(f"{P}.consent.why", ids))


@exercise
def editors_see_answers() -> TrueFalse:
    return TrueFalse("w2_l6_editors", _(f"{P}.editors.statement"), answer=True, why=_(f"{P}.editors.why"),
                     nudge=_(f"{P}.editors.nudge"))


@chart
def signups_chart() -> None:
    show_chart(*charts.signups_figure())


@exercise
def signups_reading() -> SingleChoice:
    ids = ("more_but_fewer_came", "lead_better", "web_better", "same")
    return SingleChoice("w2_l6_signups", _(f"{P}.signups.prompt"), texts(f"{P}.signups.opt", ids),
                        answer="more_but_fewer_came", why=texts(f"{P}.signups.why", ids),
                        hints=hints(f"{P}.signups.hint", 1))


FORM_ITEMS = (("purpose", 3), ("minimum", 3), ("consent", 3), ("access", 2), ("delete", 2), ("contact", 1))


@exercise
def form_audit() -> Checklist:
    items = [AuditItem(item, _(f"{P}.audit.{item}"), weight, _(f"{P}.audit.{item}_advice"))
             for item, weight in FORM_ITEMS]
    return Checklist("w2_l6_audit", _(f"{P}.audit.prompt"), items)
