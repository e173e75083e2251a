"""A single observation made by a toolkit check, as a key plus a sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed.

    ``key`` is stable and meant for code (tests, widgets, grading);
    ``text`` is the plain-English sentence shown to a learner.
    """

    key: str
    text: str

    def __str__(self) -> str:
        return self.text


def make(messages: dict[str, str], key: str, **values: object) -> Finding:
    """Build a Finding from a message table, filling in ``{placeholders}``."""
    return Finding(key, messages[key].format(**values))
