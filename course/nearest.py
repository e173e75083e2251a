"""The nearest known names to a mistyped one, for "did you mean …?" in error messages."""
from __future__ import annotations

import difflib
from typing import Iterable


def nearest(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` names of ``known`` close to ``typed``: names it starts (``week2`` →
    ``week2_groups_pages``) first, then the closest spellings (``learner6`` → ``learner06``).
    Case is ignored; the names are returned as known."""
    by_lower: dict[str, str] = {}
    for name in known:
        by_lower.setdefault(name.lower(), name)
    word = typed.strip().lower()
    if not word:
        return []
    found = [by_lower[k] for k in sorted(by_lower) if k.startswith(word) and k != word]
    found += [by_lower[k] for k in difflib.get_close_matches(word, list(by_lower), n=limit + len(found), cutoff=0.6)
              if by_lower[k] not in found]
    return found[:limit]


def did_you_mean(typed: str, known: Iterable[str], limit: int = 3) -> str:
    """``"; did you mean a or b?"`` (empty when nothing is near)."""
    close = nearest(typed, known, limit)
    return f"; did you mean {' or '.join(close)}?" if close else ""
