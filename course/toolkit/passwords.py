"""Password strength, explained: zxcvbn's estimate plus the NIST SP 800-63B
(revision 4) rules the course teaches.

The password is only used inside ``assess_password``: it is never stored,
logged, sent anywhere or kept in the result. zxcvbn keeps the words given as
``user_inputs`` in a module-level table; they are removed again after each
call.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from zxcvbn import matching, zxcvbn

from .findings import Finding, make

#: Minimum length when the password is the only thing protecting the account.
MIN_LENGTH_ALONE = 15
#: Minimum length when two-factor authentication is switched on.
MIN_LENGTH_WITH_MFA = 8
#: zxcvbn only looks at this many characters (it is slow on very long input).
ESTIMATE_PREFIX = 100

MESSAGES = {
    "too_short_alone": "This password has {length} characters. When a password is the only protection, it needs at least {minimum}. With two-factor authentication switched on, {mfa_minimum} is enough.",
    "too_short_mfa": "This password has {length} characters. Even with two-factor authentication it needs at least {minimum}.",
    "common": "This password is on lists of common or leaked passwords, which attackers try first. Choose a different one.",
    "single_word": "This password is a single dictionary word or name, which attackers try early. Use several unrelated words.",
    "personal": "This password contains a word about you or this service (such as your name or the site's name), which attackers try early.",
    "repetitive": "This password is only repeated or sequential characters (like aaaa or 1234), which attackers try early.",
    "weak_estimate": "The strength estimate rates it {label}: it might be guessed in {offline} by someone who stole a website's password database.",
    "score_0": "very weak",
    "score_1": "weak",
    "score_2": "fair",
    "score_3": "strong",
    "score_4": "very strong",
    "less_than_second": "less than a second",
    "second_one": "{n} second",
    "second_other": "{n} seconds",
    "minute_one": "{n} minute",
    "minute_other": "{n} minutes",
    "hour_one": "{n} hour",
    "hour_other": "{n} hours",
    "day_one": "{n} day",
    "day_other": "{n} days",
    "month_one": "{n} month",
    "month_other": "{n} months",
    "year_one": "{n} year",
    "year_other": "{n} years",
    "centuries": "centuries",
    "tip_length": "Length matters most: a long passphrase of several random words is strong and easy to remember.",
    "tip_no_rules": "You do not need symbols, digits or capital letters; they add little compared with length.",
    "tip_no_change": "Change a password when it may have leaked, not on a fixed schedule.",
    "tip_manager": "A password manager can create, remember and paste long, different passwords for every account.",
    "tip_mfa": "Switch on two-factor authentication; a security key or passkey protects best against phishing.",
}

NIST_TIPS = ("tip_length", "tip_no_rules", "tip_no_change", "tip_manager", "tip_mfa")

_UNITS = (
    ("second", 1),
    ("minute", 60),
    ("hour", 3600),
    ("day", 86400),
    ("month", 86400 * 31),
    ("year", 86400 * 365),
)
_CENTURY = 86400 * 365 * 100
_LOCK = threading.Lock()


@dataclass(frozen=True)
class PasswordAssessment:
    """What the checks found. It never contains the password itself."""

    length: int
    score: int
    score_label: str
    crack_time_online: str
    crack_time_offline: str
    warning: str
    suggestions: tuple[str, ...]
    is_common: bool
    long_enough_alone: bool
    long_enough_with_mfa: bool
    issues: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.issues

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(issue.key for issue in self.issues)


def describe_duration(seconds: float) -> str:
    """A rough duration in words, e.g. '3 hours' or 'centuries'."""
    if seconds < 1:
        return MESSAGES["less_than_second"]
    if seconds >= _CENTURY:
        return MESSAGES["centuries"]
    name, size = _UNITS[0]
    for unit_name, unit_size in _UNITS:
        if seconds >= unit_size:
            name, size = unit_name, unit_size
    n = round(seconds / size)
    return MESSAGES[f"{name}_{'one' if n == 1 else 'other'}"].format(n=n)


def nist_tips() -> list[str]:
    """The NIST advice the course teaches, one sentence each."""
    return [MESSAGES[key] for key in NIST_TIPS]


def _estimate(text: str, user_inputs: list[str]) -> dict:
    """Run zxcvbn, then drop the user inputs it stored module-wide."""
    if not text:  # zxcvbn cannot score an empty string
        zero = {"online_throttling_100_per_hour": 0, "offline_slow_hashing_1e4_per_second": 0}
        return {"score": 0, "sequence": [], "crack_times_seconds": zero,
                "feedback": {"warning": "", "suggestions": []}}
    with _LOCK:
        try:
            return zxcvbn(text, user_inputs=user_inputs, max_length=ESTIMATE_PREFIX)
        finally:
            matching.RANKED_DICTIONARIES.pop("user_inputs", None)


def assess_password(password: str, user_inputs: Iterable[object] = (), *, has_mfa: bool = False) -> PasswordAssessment:
    """Check a password against zxcvbn and the NIST rules.

    ``user_inputs`` are words an attacker could know (your name, the site's
    name); ``has_mfa`` says whether two-factor authentication is on, which
    lowers the minimum length from 15 to 8.
    """
    normalised = unicodedata.normalize("NFC", password)
    length = len(normalised)  # NIST: every code point counts as one character
    checked = normalised[:ESTIMATE_PREFIX]
    inputs = [str(item) for item in user_inputs if str(item)]
    result = _estimate(checked, inputs)

    score = int(result["score"])
    sequence = result["sequence"]
    whole = len(sequence) == 1 and len(checked) == length and length > 0
    only = sequence[0] if whole else {}
    common = bool(only) and only.get("pattern") == "dictionary" and only.get("dictionary_name") == "passwords"
    common = common or normalised.lower() in matching.RANKED_DICTIONARIES["passwords"]
    single_word = bool(only) and only.get("pattern") == "dictionary" and only.get("dictionary_name") not in ("passwords", "user_inputs")
    personal = any(m.get("dictionary_name") == "user_inputs" for m in sequence)
    repetitive = len(checked) == length > 0 and all(m.get("pattern") in ("repeat", "sequence") for m in sequence)

    times = result["crack_times_seconds"]
    online = describe_duration(float(times["online_throttling_100_per_hour"]))
    offline = describe_duration(float(times["offline_slow_hashing_1e4_per_second"]))
    label = MESSAGES[f"score_{score}"]

    issues: list[Finding] = []
    if length < MIN_LENGTH_WITH_MFA:
        issues.append(make(MESSAGES, "too_short_mfa", length=length, minimum=MIN_LENGTH_WITH_MFA))
    elif length < MIN_LENGTH_ALONE and not has_mfa:
        issues.append(make(MESSAGES, "too_short_alone", length=length, minimum=MIN_LENGTH_ALONE,
                           mfa_minimum=MIN_LENGTH_WITH_MFA))
    if common:
        issues.append(make(MESSAGES, "common"))
    elif single_word:
        issues.append(make(MESSAGES, "single_word"))
    if personal:
        issues.append(make(MESSAGES, "personal"))
    if repetitive:
        issues.append(make(MESSAGES, "repetitive"))
    if score < 3:
        issues.append(make(MESSAGES, "weak_estimate", label=label, offline=offline))

    feedback = result["feedback"]
    return PasswordAssessment(
        length=length,
        score=score,
        score_label=label,
        crack_time_online=online,
        crack_time_offline=offline,
        warning=str(feedback.get("warning") or ""),
        suggestions=tuple(str(s) for s in feedback.get("suggestions", ())),
        is_common=common,
        long_enough_alone=length >= MIN_LENGTH_ALONE,
        long_enough_with_mfa=length >= MIN_LENGTH_WITH_MFA,
        issues=tuple(issues),
    )
