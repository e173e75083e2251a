"""Hashtags: find them in a post, check one for common mistakes, and count
a post's length the way X does.

A hashtag character is a letter (any alphabet, Arabic included), a combining
mark, a digit or an underscore, following the rules of X's own twitter-text
library; a hashtag needs at least one letter.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from confusable_homoglyphs import categories
from twitter_text import extract_urls_with_indices, parse_tweet

from .findings import Finding, Messages, make, script_names
from .wordsplit import is_word, split_glued

#: X's limit for one post, in weighted characters.
X_MAX_LENGTH = 280
#: Above this many characters a hashtag becomes hard to read and remember.
MAX_READABLE_LENGTH = 30

HASH_SIGNS = "#\uff03"
# Characters twitter-text allows inside a hashtag besides letters, marks and digits.
_EXTRA_TAG_CHARS = frozenset(
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
)
_TATWEEL = "\u0640"
# Text and emoji presentation selectors: a hashtag may follow them directly (❤️#حقوق).
_VARIATION_SELECTORS = "\ufe0e\ufe0f"

#: English sentences by key (the catalogue ``course/i18n/<lang>/toolkit.toml``, keys ``toolkit.hashtags.*``, has every language).
MESSAGES = Messages("toolkit.hashtags")


def _is_tag_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd" or char in _EXTRA_TAG_CHARS


def _has_letter(body: str) -> bool:
    return any(unicodedata.category(ch)[0] == "L" for ch in body)


def _hashtag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each hashtag, # sign included."""
    url_spans = [tuple(u["indices"]) for u in extract_urls_with_indices(text)]
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in HASH_SIGNS:
            i += 1
            continue
        start = i
        before = text[start - 1] if start > 0 else ""
        # A variation selector (the end of an emoji such as ❤️) may come right before the sign, as in twitter-text.
        if before and before not in _VARIATION_SELECTORS and (_is_tag_char(before) or before == "&"):
            i += 1
            continue
        if start + 1 < n and text[start + 1] in "\ufe0f\u20e3":
            i += 2
            continue
        end = start + 1
        while end < n and _is_tag_char(text[end]):
            end += 1
        body = text[start + 1:end]
        follows = text[end:end + 3]
        ok = bool(body) and _has_letter(body) and not (
            follows[:1] and follows[0] in HASH_SIGNS or follows == "://")
        inside_url = any(a < end and start < b for a, b in url_spans)
        if ok and not inside_url:
            spans.append((start, end))
        i = max(end, start + 1)
    return spans


def find_hashtags(text: str) -> list[str]:
    """Every hashtag in ``text``, in order, written with a plain '#'."""
    return ["#" + text[a + 1:b] for a, b in _hashtag_spans(text)]


def find_hashtags_with_indices(text: str) -> list[tuple[str, int, int]]:
    """Every hashtag as ``(tag, start, end)``: ``text[start:end]`` is the hashtag, its sign included.

    ``tag`` is written with a plain '#'; the positions count characters (code points).
    """
    return [("#" + text[a + 1:b], a, b) for a, b in _hashtag_spans(text)]


def is_hashtag(tag: str) -> bool:
    """Would X link all of ``tag`` (with its # or ＃) as one hashtag?"""
    return find_hashtags(tag) == ["#" + tag[1:]] if tag[:1] in HASH_SIGNS else False


def post_length(text: str) -> int:
    """Length of a post as X counts it (URLs 23, most emoji and CJK 2)."""
    return parse_tweet(text).weightedLength


def fits_on_x(text: str) -> bool:
    """Can ``text`` be posted on X as it is?

    It must have something in it, stay within X's 280 weighted characters
    and hold none of the characters X refuses (U+FEFF, U+FFFE, U+FFFF),
    exactly as twitter-text's ``parse_tweet(text).valid`` says.
    """
    return parse_tweet(text).valid


# --------------------------------------------------------------- checking


@dataclass(frozen=True)
class HashtagCheck:
    """The result of checking one hashtag."""

    tag: str
    issues: tuple[Finding, ...]
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        """True when nothing needs changing."""
        return not self.issues

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(issue.key for issue in self.issues)


def _script_names(body: str) -> list[str]:
    seen: list[str] = []
    for char in body:
        if unicodedata.category(char)[0] != "L" or char == _TATWEEL:
            continue
        script = categories.alias(char)
        if script not in ("COMMON", "INHERITED", "Unknown") and script not in seen:
            seen.append(script)
    return seen


def _is_arabic(text: str) -> bool:
    return any(categories.alias(ch) == "ARABIC" and unicodedata.category(ch)[0] == "L" for ch in text)


def _arabic_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn" and ("\u064b" <= char <= "\u065f" or char == "\u0670")


def _clean(text: str) -> str:
    """Text without tatweel and Arabic short-vowel marks."""
    return "".join(ch for ch in text if ch != _TATWEEL and not _arabic_mark(ch))


def _camel(word: str) -> str:
    return word[:1].upper() + word[1:] if word[:1].islower() else word


def _join(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    if any(_is_arabic(w) for w in words) or not all(w.isascii() for w in words):
        return "_".join(words)
    return "".join(_camel(w) for w in words)


def _words(body: str) -> list[str]:
    """Words of a broken hashtag: split at spaces, other stray characters dropped."""
    words = ("".join(ch for ch in chunk if _is_tag_char(ch)) for chunk in body.split())
    return [word for word in words if word]


def check_hashtag(tag: str) -> HashtagCheck:
    """Check one hashtag (with or without its #) for common problems."""
    text = tag.strip()
    body = text[1:] if text[:1] in HASH_SIGNS else text
    shown = "#" + body
    issues: list[Finding] = []
    suggestion: str | None = None

    if not body:
        return HashtagCheck(shown, (make(MESSAGES, "empty"),))

    words = _words(body)
    found = find_hashtags(shown)
    if found != [shown]:
        if not _has_letter(body):
            digits_only = all(ch == "_" or unicodedata.category(ch) == "Nd" for ch in body)
            issues.append(make(MESSAGES, "only_digits" if digits_only else "no_letters"))
        else:
            kept = found[0] if found and shown.startswith(found[0]) else ""
            joined = _join(words)
            suggestion = "#" + _clean(joined) if _has_letter(joined) else None
            breaker = next((ch for ch in body if not _is_tag_char(ch)), None)
            if breaker is not None and breaker.isspace() and not kept:
                issues.append(make(MESSAGES, "space_after_sign", suggestion=suggestion or "#"))
            elif breaker is not None and breaker.isspace():
                key = "space_breaks_arabic" if _is_arabic(body) else "space_breaks"
                issues.append(make(MESSAGES, key, kept=kept, suggestion=suggestion or "#"))
            elif breaker is not None:
                key = "character_breaks" if kept else "character_breaks_nothing"
                issues.append(make(MESSAGES, key, char=breaker, kept=kept, suggestion=suggestion or "#"))
            body = joined or body

    if len(body) > MAX_READABLE_LENGTH:
        issues.append(make(MESSAGES, "too_long", length=len(body), limit=MAX_READABLE_LENGTH))

    scripts = _script_names(body)
    if len(scripts) > 1:
        issues.append(make(MESSAGES, "mixed_scripts", scripts=script_names(scripts)))

    cleaned = "#" + _clean(body)
    if _has_letter(body) and _TATWEEL in body:
        issues.append(make(MESSAGES, "tatweel", suggestion=cleaned))
    if _has_letter(body) and any(_arabic_mark(ch) for ch in body):
        issues.append(make(MESSAGES, "arabic_marks", suggestion=cleaned))
    if suggestion is not None or any(i.key in ("tatweel", "arabic_marks") for i in issues):
        suggestion = cleaned

    camel = _camel_case_issue(body)
    if camel is not None:
        issue, camel_suggestion = camel
        issues.append(issue)
        suggestion = suggestion or camel_suggestion

    return HashtagCheck(shown, tuple(issues), suggestion)


def _camel_case_issue(body: str) -> tuple[Finding, str | None] | None:
    """Lowercase English words glued together: suggest capitals when safe."""
    letters = body.rstrip("0123456789")
    digits = body[len(letters):]
    if not (letters.isascii() and letters.isalpha() and letters.islower()) or is_word(letters):
        return None
    split = split_glued(letters)
    if split is not None and len(split.words) > 1 and split.reliable:
        suggestion = "#" + "".join(w.capitalize() for w in split.words) + digits
        return make(MESSAGES, "not_camel_case", suggestion=suggestion), suggestion
    if (split is not None and len(split.words) > 1) or len(letters) >= 12:
        return make(MESSAGES, "maybe_glued"), None
    return None
