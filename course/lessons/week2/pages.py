"""Lesson 1, running a Page with several people: today's Page access, two-step login, an access audit."""
from __future__ import annotations

from ...i18n import _
from ...widgets import Matching, NumberAnswer, SingleChoice, TrueFalse
from ..tools import PageAccessAuditor
from ..ui import show_chart
from ..registry import chart, exercise, tool
from . import charts, tables
from ._keys import hints, texts

P = "w2.pages"


@exercise
def page_access_for_a_partner() -> SingleChoice:
    """A journalist partner only reads the statistics: the smallest access that does the job."""
    ids = ("full", "partial", "insights")
    return SingleChoice("w2_l1_role", _(f"{P}.role.prompt"), texts(f"{P}.role.opt", ids),
                        answer="insights", why=texts(f"{P}.role.why", ids), hints=hints(f"{P}.role.hint", 1))


@exercise
def match_access_to_jobs() -> Matching:
    """Four jobs on a Page team, four kinds of access."""
    left = ("director", "content", "inbox", "agency")
    right = ("full", "partial", "community_tasks", "ads_tasks")
    return Matching("w2_l1_match", _(f"{P}.match.prompt"), texts(f"{P}.match.left", left),
                    texts(f"{P}.match.right", right), answer=dict(zip(left, right)), why=texts(f"{P}.match.why", left),
                    clues=texts(f"{P}.match.clue", left))


@exercise
def classic_role_names() -> SingleChoice:
    """An older guide says 'make the volunteer a Moderator': today's nearest access."""
    ids = ("partial", "community_tasks", "community_manager", "full")
    return SingleChoice("w2_l1_classic", _(f"{P}.classic.prompt"), texts(f"{P}.classic.opt", ids),
                        answer="community_tasks", why=texts(f"{P}.classic.why", ids),
                        hints=hints(f"{P}.classic.hint", 1))


@exercise
def two_step_for_everyone() -> TrueFalse:
    return TrueFalse("w2_l1_two_step", _(f"{P}.two_step.statement"), answer=False, why=_(f"{P}.two_step.why"),
                     nudge=_(f"{P}.two_step.nudge"))


@chart
def access_chart() -> None:
    show_chart(*charts.access_figure())


@exercise
def people_who_left() -> NumberAnswer:
    """Read from the chart: how many people who left still have access?"""
    return NumberAnswer("w2_l1_left", _(f"{P}.left.prompt"), answer=tables.left_with_access(), tolerance=0,
                        unit=_(f"{P}.left.unit"), why=_(f"{P}.left.why"), hints=hints(f"{P}.left.hint", 2))


@tool
def page_access_auditor() -> PageAccessAuditor:
    return PageAccessAuditor()
