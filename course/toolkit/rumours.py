"""Rumour triage: what to do about a false claim, from how far it has spread and how much harm it can do.

The advice follows common practice in countering misinformation: a rumour
few people have seen is not repeated (a correction would carry it to new
people), only watched; one that has spread is corrected, on the channels
where it spreads, with a *truth sandwich* (the fact, the false claim once,
the fact again; George Lakoff); one that can hurt people is corrected
quickly, wherever it is, and partners are alerted. Before any of it, the
claim is checked with SIFT (Stop; Investigate the source; Find better
coverage; Trace claims to the original context; Mike Caulfield).

Sentences are in the catalogues (``course/i18n/<lang>/tools.toml``, keys
``tool.rumour.*``); this module gives the keys.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("low", "medium", "high")
#: The four SIFT moves, in order.
SIFT = ("stop", "investigate", "find", "trace")

# (reach, harm) -> (what to do in a few words, the steps in order).
_CARDS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("low", "low"): ("watch", ("dont_amplify", "monitor")),
    ("medium", "low"): ("watch", ("dont_amplify", "monitor", "prepare")),
    ("high", "low"): ("correct_calmly", ("truth_sandwich", "stay_calm", "monitor")),
    ("low", "medium"): ("prepare", ("dont_amplify", "prepare", "monitor")),
    ("medium", "medium"): ("correct", ("truth_sandwich", "where_it_spreads", "stay_calm", "monitor")),
    ("high", "medium"): ("correct_now", ("truth_sandwich", "where_it_spreads", "alert_partners", "trusted_voices",
                                         "monitor")),
    ("low", "high"): ("contain", ("truth_sandwich_direct", "alert_partners", "report", "dont_amplify",
                                 "monitor")),
    ("medium", "high"): ("correct_now", ("truth_sandwich", "alert_partners", "report", "trusted_voices",
                                         "monitor")),
    ("high", "high"): ("correct_now", ("truth_sandwich", "alert_partners", "report", "trusted_voices",
                                       "pin_and_repeat", "monitor")),
}


@dataclass(frozen=True)
class TriageCard:
    """What to do about one rumour."""

    reach: str
    harm: str
    action: str                   # catalogue key tool.rumour.action.<action>
    steps: tuple[str, ...]        # catalogue keys tool.rumour.step.<step>, in order

    @property
    def amplifies(self) -> bool:
        """True when the advice is to speak about the rumour in public (a public correction)."""
        return "truth_sandwich" in self.steps

    @property
    def action_key(self) -> str:
        return f"tool.rumour.action.{self.action}"

    @property
    def step_keys(self) -> tuple[str, ...]:
        return tuple(f"tool.rumour.step.{step}" for step in self.steps)


def triage(reach: str, harm: str) -> TriageCard:
    """The card for a rumour whose reach and potential harm are each ``low``, ``medium`` or ``high``."""
    for name, value in (("reach", reach), ("harm", harm)):
        if value not in LEVELS:
            raise ValueError(f"{name} must be one of {', '.join(LEVELS)}, not {value!r}")
    action, steps = _CARDS[(reach, harm)]
    return TriageCard(reach, harm, action, steps)
