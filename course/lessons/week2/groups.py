"""Lesson 2, working in Facebook groups: kinds and privacy, membership questions, rules, admin tools."""
from __future__ import annotations

from ...i18n import _
from ...widgets import Matching, MultipleChoice, SingleChoice, TextAnswer, TrueFalse
from ..ui import show_chart
from ..registry import chart, exercise
from . import charts
from ._keys import hints, texts

P = "w2.groups"


@exercise
def group_privacy() -> SingleChoice:
    """A support group for young women who faced harassment: private, and hidden from search."""
    ids = ("public", "private_visible", "private_hidden", "page")
    return SingleChoice("w2_l2_privacy", _(f"{P}.privacy.prompt"), texts(f"{P}.privacy.opt", ids),
                        answer="private_hidden", why=texts(f"{P}.privacy.why", ids), hints=hints(f"{P}.privacy.hint", 1))


@exercise
def screenshots_travel() -> TrueFalse:
    return TrueFalse("w2_l2_screenshots", _(f"{P}.screenshots.statement"), answer=False,
                     why=_(f"{P}.screenshots.why"), nudge=_(f"{P}.screenshots.nudge"))


@exercise
def good_membership_questions() -> MultipleChoice:
    ids = ("why_join", "rules", "where", "id_number", "religion", "password")
    return MultipleChoice("w2_l2_questions", _(f"{P}.questions.prompt"), texts(f"{P}.questions.opt", ids),
                          answer=["why_join", "rules", "where"], why=texts(f"{P}.questions.why", ids))


@exercise
def group_admin_tools() -> Matching:
    left = ("questions", "rules", "approval", "featured")
    right = ("screen", "standard", "review", "first")
    return Matching("w2_l2_tools", _(f"{P}.tools.prompt"), texts(f"{P}.tools.left", left),
                    texts(f"{P}.tools.right", right), answer=dict(zip(left, right)), why=texts(f"{P}.tools.why", left),
                    clues=texts(f"{P}.tools.clue", left))


@exercise
def write_a_group_rule() -> TextAnswer:
    """One rule about other people's personal information, stated as what not to do, with the consequence."""
    return TextAnswer(
        "w2_l2_rule", _(f"{P}.rule.prompt"),
        rules=[(r"(phone|number|address|photo|picture|personal|private|هاتف|رقم|عنوان|صور|شخصي|خاص)",
                _(f"{P}.rule.about")),
               (r"(\bno\b|\bnot\b|n't|never|don.?t|do not|without|\bلا\b|ممنوع|يمنع|يُمنع|دون|بدون|أبدا|ابدا|"
                r"يحظر|يُحظر|محظور|غير مسموح)", _(f"{P}.rule.forbid")),
               (r"(remov|delet|ban|block|warn|admin|يحذف|يُحذف|حذف|حظر|تحذير|إزالة|يزيل|سيزيل|نزيل|سنزيل|يُزال|"
                r"يطرد|سيطرد|طرد|المشرف|مشرف|المسؤول|مسؤول)", _(f"{P}.rule.consequence"))],
        example=_(f"{P}.rule.example"), why=_(f"{P}.rule.why"), hints=hints(f"{P}.rule.hint", 2), multiline=True)


@chart
def group_activity_chart() -> None:
    show_chart(*charts.group_figure())


@exercise
def membership_questions_effect() -> SingleChoice:
    """What the chart shows after membership questions were switched on."""
    ids = ("fewer_reports", "fewer_requests", "fewer_members", "nothing")
    return SingleChoice("w2_l2_effect", _(f"{P}.effect.prompt"), texts(f"{P}.effect.opt", ids),
                        answer="fewer_reports", why=texts(f"{P}.effect.why", ids), hints=hints(f"{P}.effect.hint", 1))
