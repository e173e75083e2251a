"""Lesson 1, your organisation's presence on Facebook: profile, Page or group; audiences; a privacy self-audit."""
from __future__ import annotations

from ...i18n import _
from ...widgets import AuditItem, Checklist, Matching, SingleChoice, TrueFalse
from ..registry import exercise
from ._keys import hints, texts

P = "w1.presence"


@exercise
def where_to_plan() -> SingleChoice:
    """Volunteers plan an activity together: Page, group or profile?"""
    ids = ("page", "group", "profile")
    return SingleChoice("w1_l1_where", _(f"{P}.where.prompt"), texts(f"{P}.where.opt", ids),
                        answer="group", why=texts(f"{P}.where.why", ids), hints=hints(f"{P}.where.hint", 1))


@exercise
def match_needs() -> Matching:
    """Four needs, four Facebook tools."""
    left = ("news", "plan", "personal", "meeting")
    right = ("page", "group", "profile", "event")
    return Matching("w1_l1_needs", _(f"{P}.needs.prompt"), texts(f"{P}.needs.left", left),
                    texts(f"{P}.needs.right", right),
                    answer={"news": "page", "plan": "group", "personal": "profile", "meeting": "event"},
                    why=texts(f"{P}.needs.why", left), clues=texts(f"{P}.needs.clue", left))


@exercise
def choose_audience() -> SingleChoice:
    """A sensitive photo: which audience?"""
    ids = ("public", "friends", "specific")
    return SingleChoice("w1_l1_audience", _(f"{P}.audience.prompt"), texts(f"{P}.audience.opt", ids),
                        answer="specific", why=texts(f"{P}.audience.why", ids))


@exercise
def hidden_friends_list() -> TrueFalse:
    """Does 'Only me' on the friends list hide every friendship?"""
    return TrueFalse("w1_l1_friends_list", _(f"{P}.friends_list.statement"), answer=False,
                     why=_(f"{P}.friends_list.why"),
                     nudge=_(f"{P}.friends_list.nudge"), hints=hints(f"{P}.friends_list.hint", 1))


AUDIT_ITEMS = (("twofa", 3), ("lookup", 3), ("future_posts", 2), ("friends", 2), ("tag_review", 2),
               ("location", 2), ("apps", 2), ("past_posts", 1), ("search_engines", 1), ("view_as", 1))


@exercise
def privacy_audit() -> Checklist:
    """A self-audit of the settings that matter most for activists, most important first."""
    items = [AuditItem(item, _(f"{P}.audit.{item}"), weight, _(f"{P}.audit.{item}_advice"))
             for item, weight in AUDIT_ITEMS]
    return Checklist("w1_l1_privacy_audit", _(f"{P}.audit.prompt"), items)
