"""Lesson 5, basic digital security: passwords, two-step login, phishing, hacked accounts, devices, threat model."""
from __future__ import annotations

import ipywidgets as w

from ...i18n import _
from ...widgets import AuditItem, Checklist, Matching, MultipleChoice, Ordering, TrueFalse
from ..tools import LinkChecker, PasswordMeter, PhishingMessage, ThreatModel, TotpDemo
from ..registry import exercise, tool
from ._keys import hints, texts

P = "w1.security"


# -- passwords -----------------------------------------------------------------------------------
@tool
def password_meter() -> PasswordMeter:
    return PasswordMeter()


@exercise
def password_rules() -> MultipleChoice:
    """Which rules follow NIST SP 800-63B revision 4?"""
    ids = ("long", "blocklist", "on_leak", "paste", "symbols", "rotate", "questions")
    return MultipleChoice("w1_l5_nist", _(f"{P}.nist.prompt"), texts(f"{P}.nist.opt", ids),
                          answer=["long", "blocklist", "on_leak", "paste"], why=texts(f"{P}.nist.why", ids))


# -- two-step login ------------------------------------------------------------------------------
@tool
def totp_demo() -> TotpDemo:
    return TotpDemo()


@exercise
def factor_weaknesses() -> Matching:
    left = ("sms", "push", "app", "key")
    right = ("sim_swap", "fatigue", "relay", "bound")
    return Matching("w1_l5_factors", _(f"{P}.factors.prompt"), texts(f"{P}.factors.left", left),
                    texts(f"{P}.factors.right", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.factors.why", left), clues=texts(f"{P}.factors.clue", left))


# -- phishing ------------------------------------------------------------------------------------
#: Realistic messages: (id, link, site the message claims to come from). Links are invented.
MESSAGES = (
    ("page_appeal", "https://facebook.com.page-review.help/appeal", "facebook.com"),
    ("google_alert", "https://accounts.google.com.security-check.info/signin", "google.com"),
    ("vote", "https://www.faceb00k-contest.com/vote?id=2291", "facebook.com"),
    ("parcel", "https://bit.ly/3pkgHeld", None),
    ("login_alert", "https://www.facebook.com/login/device-based/", "facebook.com"),
)


def phishing_messages() -> list[PhishingMessage]:
    """The messages, each with a button that inspects its link."""
    return [PhishingMessage(_(f"{P}.message.{m}.sender"), _(f"{P}.message.{m}.text"), url, expected)
            for m, url, expected in MESSAGES]


@tool
def phishing_examples() -> w.VBox:
    return w.VBox(phishing_messages(), layout=w.Layout(width="auto", max_width="100%"))


@tool
def link_checker() -> LinkChecker:
    return LinkChecker()


#: Links for the "which go to Facebook" exercise (short enough to fit a phone); the tests check them
#: with the link inspector.
FACEBOOK_LINKS = {
    "mobile": "https://m.facebook.com/settings",
    "subdomain": "https://facebook.com.secure-login.co",
    "zeros": "https://www.faceb00k-help.com",
    "business": "https://business.facebook.com/latest",
    "cyrillic": "https://www.xn--fcebook-2fg.com",
    "at": "https://facebook.com@185.22.14.7/",
}


@exercise
def real_facebook_links() -> MultipleChoice:
    return MultipleChoice("w1_l5_links", _(f"{P}.links.prompt"), FACEBOOK_LINKS,
                          answer=["mobile", "business"], why=texts(f"{P}.links.why", FACEBOOK_LINKS),
                          hints=hints(f"{P}.links.hint", 1))


# -- a hacked account ----------------------------------------------------------------------------
HACKED_STEPS = ("recover", "password", "check", "warn", "record")


@exercise
def hacked_steps() -> Ordering:
    return Ordering("w1_l5_hacked", _(f"{P}.hacked.prompt"), texts(f"{P}.hacked.step", HACKED_STEPS),
                    answer=list(HACKED_STEPS), why=_(f"{P}.hacked.why"), hints=hints(f"{P}.hacked.hint", 1))


# -- devices -------------------------------------------------------------------------------------
DEVICE_ITEMS = (("updates", 3), ("lock", 3), ("encryption", 2), ("backup", 2), ("stores", 2),
                ("firewall", 1), ("find", 1))


@exercise
def device_audit() -> Checklist:
    items = [AuditItem(item, _(f"{P}.devices.{item}"), weight, _(f"{P}.devices.{item}_advice"))
             for item, weight in DEVICE_ITEMS]
    return Checklist("w1_l5_devices", _(f"{P}.devices.prompt"), items)


@exercise
def fingerprint_at_checkpoint() -> TrueFalse:
    return TrueFalse("w1_l5_fingerprint", _(f"{P}.fingerprint.statement"), answer=False,
                     why=_(f"{P}.fingerprint.why"), nudge=_(f"{P}.fingerprint.nudge"))


# -- threat model --------------------------------------------------------------------------------
@exercise
def threat_model_matching() -> Matching:
    left = ("protect", "from_whom", "how_bad", "what_to_do")
    right = ("list", "official", "likely", "encrypt")
    return Matching("w1_l5_threat", _(f"{P}.threat.prompt"), texts("tool.threat", left),
                    texts(f"{P}.threat.answer", right), answer=dict(zip(left, right)),
                    why=texts(f"{P}.threat.why", left), clues=texts(f"{P}.threat.clue", left))


@tool
def threat_model() -> ThreatModel:
    return ThreatModel()
