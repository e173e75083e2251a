"""A small two-factor authentication (TOTP) demo, plus the kinds of second
factor the course compares.

Codes are the 6-digit, 30-second codes that authenticator apps show. The
secrets made here are for practice only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Union

import pyotp
from pyotp.utils import strings_equal

Moment = Union[datetime, int, float, None]

#: Accept the code from one 30-second step before or after, for clock drift.
VALID_WINDOW = 1

MESSAGES = {
    "recovery_codes": "Recovery codes",
    "recovery_codes_how": "A printed or saved list of one-time codes, each usable once if you lose your phone or key.",
    "recovery_codes_note": "Keep them offline, like a spare house key. Anyone who is tricked into typing one on a fake page gives it away.",
    "sms": "Codes by text message (SMS)",
    "sms_how": "The service sends a code to your phone number by SMS.",
    "sms_note": "Better than nothing, but the number can be taken over (SIM swap) and the code can be typed into a fake page.",
    "push": "Push notification",
    "push_how": "An app on your phone asks you to approve each sign-in.",
    "push_note": "Easy to use, but attackers send many requests hoping you tap Approve; and approving a fake page's sign-in still lets them in.",
    "otp_app": "Authenticator app codes",
    "otp_app_how": "An app such as an authenticator shows a new 6-digit code every 30 seconds, made from a secret shared once.",
    "otp_app_note": "Works without a phone signal and cannot be taken by SIM swap, but a fake page can still ask for the current code.",
    "security_key": "Security key or passkey",
    "security_key_how": "A small USB/NFC key or a passkey on your phone proves who you are with cryptography tied to the real site's address.",
    "security_key_note": "Phishing-resistant: it will not answer a fake site, because the fake site's address is different.",
}

_KINDS = (
    ("recovery_codes", False),
    ("sms", False),
    ("push", False),
    ("otp_app", False),
    ("security_key", True),
)


def second_factor_kinds() -> list[dict[str, object]]:
    """One row per kind of second factor: name, how it works, notes, phishing resistance."""
    return [
        {
            "kind": key,
            "name": MESSAGES[key],
            "how_it_works": MESSAGES[f"{key}_how"],
            "notes": MESSAGES[f"{key}_note"],
            "phishing_resistant": resistant,
        }
        for key, resistant in _KINDS
    ]


def new_demo_secret() -> str:
    """A fresh random secret in the base32 form authenticator apps accept."""
    return pyotp.random_base32()


def _seconds(at: Moment) -> float:
    """Unix time in seconds for ``at`` (now when None)."""
    if at is None:
        return datetime.now().timestamp()
    if isinstance(at, datetime):
        return at.timestamp()
    return float(at)


def current_code(secret: str, at: Moment = None) -> str:
    """The 6-digit code for ``secret`` at time ``at`` (now by default)."""
    return pyotp.TOTP(secret).at(int(_seconds(at)))


def verify(secret: str, code: str, at: Moment = None) -> bool:
    """Is ``code`` right for ``secret`` at ``at``, allowing one step of clock drift?

    Spaces in the typed code are ignored; anything else that is not six
    digits is simply wrong.
    """
    typed = "".join(str(code).split())
    if len(typed) != 6 or not typed.isascii() or not typed.isdigit():
        return False
    totp = pyotp.TOTP(secret)
    now = _seconds(at)
    matched = False
    for step in range(-VALID_WINDOW, VALID_WINDOW + 1):
        moment = now + step * totp.interval
        if moment >= 0 and strings_equal(typed, totp.at(int(moment))):
            matched = True
    return matched


def demo_uri(secret: str, account: str = "learner@example.org", issuer: str = "Advocacy Course Demo") -> str:
    """The otpauth:// address an authenticator app scans from a QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)
