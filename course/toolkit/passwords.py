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

from .findings import Finding, Messages, Phrase, make

#: Minimum length when the password is the only thing protecting the account.
MIN_LENGTH_ALONE = 15
#: Minimum length when two-factor authentication is switched on.
MIN_LENGTH_WITH_MFA = 8
#: zxcvbn only looks at this many characters (it is slow on very long input).
ESTIMATE_PREFIX = 100

#: English sentences by key (the catalogue ``course/i18n/<lang>/toolkit.toml``, keys ``toolkit.passwords.*``, has every language).
MESSAGES = Messages("toolkit.passwords")

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


def duration_phrase(seconds: float) -> Phrase:
    """A rough duration as words to write in any language ('3 hours' or 'centuries' in English)."""
    if seconds < 1:
        return Phrase(MESSAGES.key("less_than_second"))
    if seconds >= _CENTURY:
        return Phrase(MESSAGES.key("centuries"))
    name, size = _UNITS[0]
    for unit_name, unit_size in _UNITS:
        if seconds >= unit_size:
            name, size = unit_name, unit_size
    return Phrase(f"{MESSAGES.area}.duration.{name}", count=round(seconds / size))


def describe_duration(seconds: float) -> str:
    """A rough duration in English words, e.g. '3 hours' or 'centuries'."""
    return duration_phrase(seconds).render("en")


def nist_tips() -> list[str]:
    """The NIST advice the course teaches, one sentence each, in the current language."""
    return [MESSAGES.text(key) for key in NIST_TIPS]


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
    offline_words = duration_phrase(float(times["offline_slow_hashing_1e4_per_second"]))
    offline = offline_words.render("en")
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
        issues.append(make(MESSAGES, "weak_estimate", label=Phrase(MESSAGES.key(f"score_{score}")),
                           offline=offline_words))

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
