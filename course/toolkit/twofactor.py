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

from .findings import Messages

Moment = Union[datetime, int, float, None]

#: Accept the code from one 30-second step before or after, for clock drift.
VALID_WINDOW = 1

#: English sentences by key (the catalogue ``course/i18n/<lang>/toolkit.toml``, keys ``toolkit.twofactor.*``, has every language).
MESSAGES = Messages("toolkit.twofactor")

_KINDS = (
    ("recovery_codes", False),
    ("sms", False),
    ("push", False),
    ("otp_app", False),
    ("security_key", True),
)


def second_factor_kinds() -> list[dict[str, object]]:
    """One row per kind of second factor: name, how it works, notes, phishing resistance
    (the words in the current language)."""
    return [
        {
            "kind": key,
            "name": MESSAGES.text(key),
            "how_it_works": MESSAGES.text(f"{key}_how"),
            "notes": MESSAGES.text(f"{key}_note"),
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
