"""A first sort of comments for a moderator: which a keyword filter would hide, which look like spam,
which ask a question, and which to read and answer yourself.

It is a helper, not a judge: a filter word can hide fair criticism, and sarcasm or abuse without a filter
word passes. The lesson tool (:mod:`course.lessons.tools.comment_sorter`) shows the sort and says so.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: What usually marks spam: a web address, or money and prize words (English and Arabic).
LINK = re.compile(r"(https?://|www\.|\b[\w-]+\.(example|com|net|org|info|xyz|ly)\b)", re.IGNORECASE)
MONEY = re.compile(r"(\$\s?\d|\d\s?\$|earn|prize|won|free followers|cheap|اربح|ربحت|جائزة|دولار|متابعين|متابعون)",
                   re.IGNORECASE)
QUESTION = re.compile(r"[?؟]|^(how|where|when|what|who|why|can|is|are|do|does|هل|كيف|أين|متى|ما|ماذا|لماذا|من)\b",
                      re.IGNORECASE)
#: Arabic short vowels and tatweel, ignored when matching filter words.
_MARKS = re.compile(r"[\u064B-\u0652\u0640]")

#: The order a moderator works through the sort.
GROUPS = ("filtered", "spam", "question", "read")


@dataclass(frozen=True)
class Sorted:
    """A comment, its group (one of :data:`GROUPS`) and the filter word that matched (if any)."""

    text: str
    group: str
    word: str = ""


def _fold(text: str) -> str:
    """Lowercase, Arabic marks and tatweel removed, alef forms unified: what a filter compares."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text)).lower()
    return re.sub("[أإآ]", "ا", text)


def filter_words(text: str) -> list[str]:
    """The words of a keyword filter typed with commas or one per line (an Arabic comma too), de-duplicated."""
    words = []
    for word in re.split(r"[,\n،]", text):
        word = word.strip()
        if word and _fold(word) not in {_fold(w) for w in words}:
            words.append(word)
    return words


def sort_comment(text: str, words: list[str]) -> Sorted:
    """Which group one comment falls in: a filter word first (the platform would hide it), then spam,
    then a question, else read it."""
    folded = _fold(text)
    for word in words:
        if _fold(word) and _fold(word) in folded:
            return Sorted(text, "filtered", word)
    if LINK.search(text) and MONEY.search(text) or len(LINK.findall(text)) >= 2:
        return Sorted(text, "spam")
    if QUESTION.search(text.strip()):
        return Sorted(text, "question")
    return Sorted(text, "read")


def sort_comments(lines: str, words: list[str]) -> list[Sorted]:
    """Every non-empty line sorted, in :data:`GROUPS` order, keeping the lines' order within a group."""
    found = [sort_comment(line.strip(), words) for line in lines.splitlines() if line.strip()]
    return sorted(found, key=lambda s: GROUPS.index(s.group))
