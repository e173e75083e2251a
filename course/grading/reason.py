"""Why a submission was not graded, said once and shown in two places.

A :class:`Reason` is an i18n key with its values. In the mentor's report and
the ledger it reads in English (``str(reason)``), with any technical detail
(a parser's message) appended; on the learner's page it reads in the
learner's language (``reason.localized()``), without the detail, which is
of no use to a learner and is not translated.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import i18n


@dataclass(frozen=True)
class Reason:
    key: str
    values: dict = field(default_factory=dict)
    detail: str = ""

    def localized(self) -> str:
        """The reason in the current language (names and numbers isolated inside right-to-left text)."""
        values = self.values
        if i18n.direction() == "rtl":
            values = {k: f"\u2068{v}\u2069" for k, v in values.items()}
        return i18n._(self.key, **values)

    def __str__(self) -> str:
        with i18n.language("en"):
            text = self.localized()
        return f"{text} ({self.detail})" if self.detail else text

    def __contains__(self, text: str) -> bool:   # `"... MB limit" in reason`, as for a plain sentence
        return text in str(self)


def reason(key: str, detail: str = "", **values) -> Reason:
    """The reason ``refused.<key>`` with its values."""
    return Reason(f"refused.{key}", values, detail)
