"""A password strength meter that never keeps, prints or sends what is typed.

The password box is an :class:`ipywidgets.Password` (the characters are
hidden on screen). Each change is passed straight to
:func:`course.toolkit.passwords.assess_password`; only the assessment (a
score, a length, a time to guess, the rules broken) is shown, and the tool
holds no copy of the text: nothing is logged, written to a file or sent
anywhere. The Clear button empties the box. Learners are asked to try
passwords *like* theirs, never a real one.
"""
from __future__ import annotations

import html
import re

import ipywidgets as w

from ...i18n import _, current_language
from ...toolkit import passwords
from ...toolkit.passwords import MIN_LENGTH_ALONE, MIN_LENGTH_WITH_MFA, PasswordAssessment, assess_password
from ...widgets.base import button
from .base import Tool, block, items, live_region, status

#: Words an attacker tries first for a social media account; a password containing them is flagged.
SERVICE_WORDS = ("facebook", "instagram", "whatsapp", "gmail", "google")
_BAR_STYLES = ("danger", "danger", "warning", "success", "success")


_UNITS = ("second", "minute", "hour", "day", "month", "year")


def plural_form(n: int, language: str) -> str:
    """The plural category of ``n`` (CLDR rules for the course's languages: en and ar)."""
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if language != "ar":
        return "other"
    return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"


def duration_words(text: str) -> str:
    """A toolkit duration ("3 hours") in the current language, with the right plural form."""
    if text == passwords.MESSAGES["less_than_second"]:
        return _("tool.password.time.less_than_second")
    if text == passwords.MESSAGES["centuries"]:
        return _("tool.password.time.centuries")
    for unit in _UNITS:
        for form in ("one", "other"):
            pattern = re.escape(passwords.MESSAGES[f"{unit}_{form}"]).replace(re.escape("{n}"), r"(\d+)")
            found = re.fullmatch(pattern, text)
            if found:
                n = int(found.group(1))
                return _(f"tool.password.time.{unit}.{plural_form(n, current_language())}", n=n)
    return text


def issue_lines(result: PasswordAssessment) -> list[str]:
    """The rules a password breaks, in the current language."""
    lines = []
    for key in result.issue_keys:
        lines.append(_(f"tool.password.issue.{key}", length=result.length, alone=MIN_LENGTH_ALONE,
                       with_mfa=MIN_LENGTH_WITH_MFA, label=_(f"tool.password.score.{result.score}"),
                       time=duration_words(result.crack_time_offline)))
    return lines


def assessment_html(result: PasswordAssessment) -> str:
    """What the meter shows: words for the score, the length, the time to guess, the issues."""
    label = _(f"tool.password.score.{result.score}")
    head = html.escape(_("tool.password.summary", label=label, length=result.length,
                         time=duration_words(result.crack_time_offline)))
    if result.ok:
        return f"✔ {head}<br>{html.escape(_('tool.password.all_good'))}"
    return f"⚠ {head}" + items(issue_lines(result))


class PasswordMeter(Tool):
    """``PasswordMeter()``: type a password like yours and see how strong it is."""

    def __init__(self):
        super().__init__()
        self.password = w.Password(value="", placeholder=_("tool.password.placeholder"),
                                   description=_("tool.password.label"), continuous_update=True,
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="100%", max_width="30em"))
        self.password.add_class("course-match")
        self.mfa = w.Checkbox(value=False, description=_("tool.password.mfa"), indent=False,
                              layout=w.Layout(width="auto", max_width="100%"))
        self.meter = w.IntProgress(value=0, min=0, max=4, description=_("tool.password.meter"),
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="100%", max_width="24em"))
        self.clear_button = button(_("tool.password.clear"), icon="eraser")
        self.clear_button.on_click(lambda _b: self.clear())
        self.result = live_region()
        for control in (self.password, self.mfa):
            control.observe(lambda _c: self.update(), names="value")
        warning = w.HTML(block("⚠ " + html.escape(_("tool.password.warning"))))
        self._lay_out(_("tool.password.title"),
                      [warning, self.password, self.mfa, self.meter, self.clear_button, self.result])
        self.update()

    def update(self) -> PasswordAssessment | None:
        """Assess what is in the box now; returns the assessment (it holds no password)."""
        if not self.password.value:
            self.meter.value, self.meter.bar_style = 0, ""
            self.result.value = status(html.escape(_("tool.password.nothing_yet")))
            return None
        result = assess_password(self.password.value, SERVICE_WORDS, has_mfa=self.mfa.value)
        self.meter.value = result.score
        self.meter.bar_style = _BAR_STYLES[result.score]
        self.result.value = status(assessment_html(result))
        return result

    def clear(self) -> None:
        """Empty the password box."""
        self.password.value = ""

    def __repr__(self) -> str:
        return f"PasswordMeter({_('tool.password.title')!r})"
