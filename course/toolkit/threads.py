"""Threads: split a long text into numbered X posts.

Every post, its number included ("1/4", or "١/٤" for an Arabic text), stays
within X's 280 weighted characters as :func:`course.toolkit.hashtags.post_length`
counts them (a link counts 23 whatever its length). A post is only ever cut
where the text has a space or a line break, so a word, a link or a hashtag
is never split; among the places where a post can end, a paragraph end is
preferred, then a sentence end (. ! ? ؟ …), then a clause end (, ، ; ؛ :).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .hashtags import X_MAX_LENGTH, fits_on_x, post_length

ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
#: Marks that end a sentence, in Latin and Arabic text.
SENTENCE_ENDS = ".!?…؟۔"
#: Marks that end a clause: a second-best place to end a post.
CLAUSE_ENDS = ",;:،؛"
# Closing quotes and brackets that may follow the end of a sentence: "Stop." or (yes!)
_CLOSERS = "\"'”’»)]}›"
# Invisible characters X refuses in a post (a byte-order mark pasted with the text, non-characters): dropped.
_REFUSED = dict.fromkeys(map(ord, "\ufeff\ufffe\uffff"))
# A post ending this far short of the space it has is avoided, even at a sentence end.
_SHORTEST_SHARE = 0.5


@dataclass(frozen=True)
class ThreadPost:
    """One post of a thread: its words, its number and what X counts."""

    number: int
    total: int
    body: str
    text: str
    length: int
    limit: int = X_MAX_LENGTH

    @property
    def fits(self) -> bool:
        """True when X would accept the post as it is (numbering included)."""
        return self.length <= self.limit and fits_on_x(self.text)


@dataclass(frozen=True)
class Thread:
    """The posts a text was split into."""

    posts: tuple[ThreadPost, ...]
    limit: int = X_MAX_LENGTH
    #: Words (or other unbreakable pieces) too long for a post of their own, in order.
    too_long_words: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every post fits."""
        return all(post.fits for post in self.posts)

    def __len__(self) -> int:
        return len(self.posts)

    def __iter__(self):
        return iter(self.posts)

    def __getitem__(self, index: int) -> ThreadPost:
        return self.posts[index]


def is_mostly_arabic(text: str) -> bool:
    """Does ``text`` have more Arabic letters than other letters?"""
    arabic = other = 0
    for char in text:
        if unicodedata.category(char)[0] != "L":
            continue
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\u08a0" <= char <= "\u08ff":
            arabic += 1
        else:
            other += 1
    return arabic > other


def numbering(number: int, total: int, arabic_digits: bool = False) -> str:
    """The mark a numbered post ends with: ``3/7``, or ``٣/٧`` with Arabic-Indic digits."""
    mark = f"{number}/{total}"
    return mark.translate(ARABIC_INDIC_DIGITS) if arabic_digits else mark


@lru_cache(maxsize=4096)
def _weight(piece: str) -> int:
    return post_length(piece)


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` and the space before each (the first word's is empty)."""
    parts = re.split(r"(\s+)", text.strip())
    words = parts[0::2]
    seps = [""] + parts[1::2]
    if words == [""]:
        return [], []
    return words, seps


def _break_score(word: str, sep_after: str) -> int:
    """How good a place the end of ``word`` is to end a post (3 best, 0 only when needed)."""
    if "\n" in sep_after:
        return 3
    end = word.rstrip(_CLOSERS)[-1:] or word[-1:]
    if end and end in SENTENCE_ENDS:
        return 2
    if end and end in CLAUSE_ENDS:
        return 1
    return 0


def _join(words: list[str], seps: list[str], start: int, stop: int) -> str:
    """Words ``start`` to ``stop`` (excluded) with the spaces and line breaks between them."""
    out = [words[start]]
    for i in range(start + 1, stop):
        out.append(seps[i] + words[i])
    return "".join(out)


def _split(words: list[str], seps: list[str], room: int) -> tuple[list[tuple[int, int]], list[int]]:
    """Word ranges for each post so that each body weighs at most ``room``; and the words too long alone."""
    ranges: list[tuple[int, int]] = []
    too_long: list[int] = []
    n, start = len(words), 0
    while start < n:
        used = _weight(words[start])
        if used > room:                      # a word longer than a post: alone, and flagged
            too_long.append(start)
            ranges.append((start, start + 1))
            start += 1
            continue
        stop = start + 1
        candidates = [(stop, used)]          # (end of the post, its weight so far)
        while stop < n:
            extra = _weight(seps[stop]) + _weight(words[stop])
            if used + extra > room:
                break
            used += extra
            stop += 1
            candidates.append((stop, used))
        if stop < n:
            stop = _best_end(words, seps, candidates, room)
        # The sum of the pieces is X's count in practice; check the post itself to be exact.
        while stop > start + 1 and _weight(_join(words, seps, start, stop)) > room:
            stop -= 1
        ranges.append((start, stop))
        start = stop
    return ranges, too_long


def _best_end(words: list[str], seps: list[str], candidates: list[tuple[int, int]], room: int) -> int:
    """Among the places a post can end, the best one not too short: highest score, then latest."""
    best_stop, best_score = candidates[-1][0], -1
    for stop, used in candidates:
        if used < room * _SHORTEST_SHARE and stop != candidates[-1][0]:
            continue
        sep_after = seps[stop] if stop < len(seps) else "\n"
        score = _break_score(words[stop - 1], sep_after)
        if score >= best_score:
            best_stop, best_score = stop, score
    return best_stop


def split_thread(text: str, limit: int = X_MAX_LENGTH, arabic_digits: bool | None = None) -> Thread:
    """Split ``text`` into posts of at most ``limit`` weighted characters each, numbering included.

    Posts are numbered ``1/N`` at their end when there are two or more; a text
    that fits in one post stays one post, without a number. ``arabic_digits``
    chooses ``١/٤`` over ``1/4``; by default Arabic-Indic digits are used when
    the text is mostly Arabic. The invisible characters X refuses (U+FEFF,
    U+FFFE, U+FFFF) are left out. A word longer than a whole post is never cut:
    it gets a post of its own, which does not fit, and is listed in
    :attr:`Thread.too_long_words`.
    """
    words, seps = _tokens(text.translate(_REFUSED))
    if not words:
        return Thread((), limit)
    if arabic_digits is None:
        arabic_digits = is_mostly_arabic(text)
    whole = _join(words, seps, 0, len(words))
    if post_length(whole) <= limit:
        return Thread((ThreadPost(1, 1, whole, whole, post_length(whole), limit),), limit)

    digits = 1
    while True:
        widest = numbering(10 ** digits - 1, 10 ** digits - 1, arabic_digits)
        ranges, too_long = _split(words, seps, limit - post_length(" " + widest))
        if len(ranges) < 10 ** digits:
            break
        digits += 1
    total = len(ranges)
    posts = []
    for number, (start, stop) in enumerate(ranges, 1):
        body = _join(words, seps, start, stop)
        full = f"{body} {numbering(number, total, arabic_digits)}"
        posts.append(ThreadPost(number, total, body, full, post_length(full), limit))
    return Thread(tuple(posts), limit, tuple(words[i] for i in too_long))
