"""How much of an answer is right: pure functions shared by practice feedback and grading.

Each function returns a share between 0 and 1. The widgets use them to give
instant feedback in lessons, and :func:`course.answer_key.score_answer`
multiplies them by a question's points, so a lesson and an assessment never
disagree about partial credit. Nothing here knows any answer key.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence


def share_choices(picked: Iterable[str], right: Iterable[str]) -> float:
    """Choose all that apply: (right picks - wrong picks) / number of right options, never below 0."""
    picked, right = {str(p) for p in picked}, {str(r) for r in right}
    if not right:
        return 1.0 if not picked else 0.0
    return max((len(picked & right) - len(picked - right)) / len(right), 0.0)


def share_order(given: Sequence[str], right: Sequence[str]) -> float:
    """Ordering: the share of steps that stand in their right place."""
    if not right:
        return 0.0
    given = list(given)
    placed = sum(1 for i, item in enumerate(right) if i < len(given) and given[i] == item)
    return placed / len(right)


def misplaced(given: Sequence[str], right: Sequence[str]) -> dict[str, int]:
    """Ordering: each step out of place -> -1 if it belongs earlier, +1 if later."""
    where = {item: i for i, item in enumerate(right)}
    return {item: (1 if where[item] > i else -1)
            for i, item in enumerate(given) if item in where and where[item] != i}


def share_pairs(given: Mapping[str, str], right: Mapping[str, str]) -> float:
    """Matching: the share of pairs matched right."""
    if not right:
        return 0.0
    return sum(1 for left, target in right.items() if given.get(left) == target) / len(right)


def share_weighted(picked: Iterable[str], weights: Mapping[str, float]) -> float:
    """Weighted checklist: weights of the ticked items over all positive weights, within 0..1.

    A negative weight is an item that should *not* be ticked; ticking it costs points.
    """
    total = sum(w for w in weights.values() if w > 0)
    if total <= 0:
        return 0.0
    got = sum(weights.get(str(item), 0.0) for item in set(map(str, picked)))
    return min(max(got / total, 0.0), 1.0)


def share_met(results: Sequence[bool]) -> float:
    """Rules: the share of rules an answer meets."""
    return sum(1 for r in results if r) / len(results) if results else 0.0


def within(value: float, target: float, tolerance: float = 0.0) -> bool:
    """A number counts as right when it is at most ``tolerance`` away from ``target``."""
    if not (math.isfinite(value) and math.isfinite(target)):
        return False
    return abs(value - target) <= abs(tolerance) + 1e-9 * max(1.0, abs(target))


__all__ = ["share_choices", "share_order", "misplaced", "share_pairs", "share_weighted",
           "share_met", "within"]
