"""An audit of who has access to a Facebook Page: what to fix, most urgent first.

Access names follow today's Page access: Facebook access with ``full`` or ``partial`` control, ``task``
access for named jobs, ``community`` manager access for live chats. A list written with the classic
roles of older guides (Admin, Editor, Moderator, Advertiser, Analyst) is read too, and each such name is
pointed out with today's equivalent. The audit returns codes with values; the lesson tool
(:mod:`course.lessons.tools.page_access_auditor`) writes them as sentences in the learner's language.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

ACCESS_LEVELS = ("full", "partial", "task", "community")
#: How much each level can do: the higher, the more urgent its problems.
POWER = {"full": 3, "partial": 2, "task": 1, "community": 1}
#: Words a learner may type for an access level (lowercase), today's and the classic role names.
ACCESS_WORDS = {
    "full": "full", "full control": "full", "admin": "full", "تحكم كامل": "full", "مسؤول": "full",
    "partial": "partial", "partial control": "partial", "editor": "partial", "تحكم جزئي": "partial", "محرر": "partial",
    "task": "task", "task access": "task", "moderator": "task", "advertiser": "task", "analyst": "task",
    "مهام": "task", "مشرف": "task", "معلن": "task", "محلل": "task",
    "community": "community", "community manager": "community", "مدير مجتمع": "community",
}
CLASSIC = {"admin": "full", "editor": "partial", "moderator": "task", "advertiser": "task", "analyst": "task",
           "مسؤول": "full", "محرر": "partial", "مشرف": "task", "معلن": "task", "محلل": "task"}
#: Arabic written the way the lessons teach it is read too: «التحكم الكامل», «الوصول إلى المهام», «مدير المجتمع».
_ARABIC_MARKS = re.compile("[\u064B-\u0652\u0640]")      # short vowels, shadda, sukun, tatweel


def access_key(word: str) -> str:
    """``word`` as the access lists compare it: lowercase, single spaces, and Arabic without short vowels,
    with one alef, without the article «ال» and without «الوصول إلى» (access to)."""
    word = re.sub(r"\s+", " ", _ARABIC_MARKS.sub("", word.strip().lower()))
    word = re.sub("[أإآ]", "ا", word)
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in word.split(" ")]
    if words[:2] == ["وصول", "الى"]:
        words = words[2:]
    return " ".join(words)


ACCESS_KEYS = {access_key(word): level for word, level in ACCESS_WORDS.items()}
CLASSIC_KEYS = {access_key(word) for word in CLASSIC}
YES = {"yes", "y", "true", "on", "1", "نعم", "أجل"}
NO = {"no", "n", "false", "off", "0", "لا"}
#: Two people with full control: one lost account never locks the organisation out, and few can delete the Page.
FULL_CONTROL_WANTED = 2
#: Someone on the team who has not used their access for this many days probably does not need it.
IDLE_DAYS = 90


@dataclass(frozen=True)
class Member:
    """One person (or business) with access to the Page."""

    person: str
    access: str
    on_team: bool = True
    two_step: bool = True
    last_active: date | None = None
    typed_as: str = ""          # the word the learner typed for the access, if it was a classic role


@dataclass(frozen=True)
class Issue:
    """Something to fix: ``code``, who it is about (empty for the whole list), ``urgency`` (1 most urgent)
    and the values its sentence needs."""

    code: str
    person: str = ""
    urgency: int = 2
    values: dict = field(default_factory=dict)


def audit(members: Iterable[Member], today: date | None = None, *, full_wanted: int = FULL_CONTROL_WANTED,
          idle_days: int = IDLE_DAYS) -> list[Issue]:
    """Every problem of the list, most urgent first (then in list order).

    Codes: ``left`` (someone who left still has access; urgency 1 with full or partial control),
    ``no_two_step`` (urgency 1 with full or partial control, else 2), ``too_many_full``,
    ``one_full`` (a single person can lock everyone out), ``no_full``, ``idle`` (on the team but unused
    for ``idle_days``), ``classic_name`` (a role name of older guides: today's name given).
    """
    members = list(members)
    issues: list[Issue] = []
    for m in members:
        if m.access not in ACCESS_LEVELS:
            raise ValueError(f"unknown access {m.access!r}: one of {ACCESS_LEVELS}")
        strong = POWER[m.access] >= 2
        if not m.on_team:
            issues.append(Issue("left", m.person, 1 if strong else 2, {"access": m.access}))
            continue   # removing them solves the rest
        if not m.two_step:
            issues.append(Issue("no_two_step", m.person, 1 if strong else 2, {"access": m.access}))
        if today and m.last_active and (today - m.last_active).days >= idle_days:
            issues.append(Issue("idle", m.person, 3, {"days": (today - m.last_active).days}))
        if m.typed_as:
            issues.append(Issue("classic_name", m.person, 3, {"old": m.typed_as, "access": m.access}))
    full = [m for m in members if m.access == "full" and m.on_team]
    if len(full) > full_wanted:
        issues.append(Issue("too_many_full", "", 1, {"count": len(full), "wanted": full_wanted}))
    elif len(full) == 1:
        issues.append(Issue("one_full", full[0].person, 1, {"count": 1}))
    elif not full:
        issues.append(Issue("no_full", "", 1, {"count": 0}))
    order = {id(i): n for n, i in enumerate(issues)}
    return sorted(issues, key=lambda i: (i.urgency, order[id(i)]))


def _flag(word: str) -> bool | None:
    word = word.strip().lower()
    return True if word in YES else False if word in NO else None


def parse_access_list(text: str) -> tuple[list[Member], list[int]]:
    """Read a list typed one person a line: ``name, access, on the team (yes/no), two-step (yes/no)``.
    Commas or ``|`` separate the parts (an Arabic comma too); the last two default to yes. Returns the
    members and the numbers of the lines that could not be read."""
    members, bad = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in re.split(r"[,|،]", line)]
        if len(parts) < 2 or not parts[0]:
            bad.append(number)
            continue
        word = access_key(parts[1])
        access = ACCESS_KEYS.get(word)
        flags = [_flag(p) for p in parts[2:4]]
        if access is None or any(f is None for f in flags) or len(parts) > 4:
            bad.append(number)
            continue
        flags += [True] * (2 - len(flags))
        members.append(Member(parts[0], access, flags[0], flags[1], typed_as=parts[1] if word in CLASSIC_KEYS else ""))
    return members, bad
