"""Split lowercase English words that were glued together ("humanrights").

Word frequencies come from zxcvbn's English lists plus a short list shipped
beside this file. A split is called *reliable* only when it is clearly more
likely than every other way of cutting the same letters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

_EXTRA_WORDS = Path(__file__).with_name("hashtag_words.txt")
_EXTRA_RANK = 3000
_ONE_LETTER = frozenset({"a", "i"})
_TWO_LETTERS = frozenset(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split()
)
#: Added to every word's cost, so fewer, longer words are preferred.
WORD_PENALTY = 2.0
#: How much cheaper (in natural-log units) the best split must be than the next.
RELIABLE_MARGIN = 3.0
_LONGEST_WORD = 24


@dataclass(frozen=True)
class Split:
    """Words found in glued text, and whether the split is trustworthy."""

    words: tuple[str, ...]
    reliable: bool


def _allowed(word: str) -> bool:
    if not (word.isascii() and word.isalpha()):
        return False
    if len(word) == 1:
        return word in _ONE_LETTER
    if len(word) == 2:
        return word in _TWO_LETTERS
    return True


@lru_cache(maxsize=1)
def _word_costs() -> dict[str, float]:
    """Cost of each known word: rarer words cost more. Built once, from fixed lists."""
    ranks: dict[str, int] = {}
    for name in ("english_wikipedia", "us_tv_and_film"):
        for rank, word in enumerate(FREQUENCY_LISTS[name], start=1):
            if _allowed(word) and rank < ranks.get(word, math.inf):
                ranks[word] = rank
    for line in _EXTRA_WORDS.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#") and _allowed(word):
            ranks.setdefault(word, _EXTRA_RANK)
    return {word: math.log(rank + 1) + WORD_PENALTY for word, rank in ranks.items()}


def is_word(text: str) -> bool:
    """Is ``text`` (lowercase) a known English word?"""
    return text in _word_costs()


def split_glued(text: str) -> Split | None:
    """Cut lowercase ASCII letters into known words, or None if impossible."""
    if not text or not (text.isascii() and text.isalpha() and text.islower()):
        return None
    costs = _word_costs()
    n = len(text)
    # best[i]: up to two cheapest (cost, words) ways to cut text[:i]
    best: list[list[tuple[float, tuple[str, ...]]]] = [[] for _ in range(n + 1)]
    best[0] = [(0.0, ())]
    for end in range(1, n + 1):
        candidates = []
        for start in range(max(0, end - _LONGEST_WORD), end):
            cost = costs.get(text[start:end])
            if cost is None:
                continue
            for previous, words in best[start]:
                candidates.append((previous + cost, words + (text[start:end],)))
        candidates.sort()
        best[end] = candidates[:2]
    if not best[n]:
        return None
    cost, words = best[n][0]
    if len(best[n]) == 1:
        return Split(words, True)
    return Split(words, best[n][1][0] - cost >= RELIABLE_MARGIN)
