"""Headlines and readability, in English and Arabic.

:func:`check_headline` looks at a headline the way a reader and a search
engine do: its length (search results show about 50-60 characters), a word
repeated (``water water water`` is not a headline), shouting (capitals,
several exclamation marks) and whether it says anything about the content.
Arabic is judged by the same measures: its letters count one each, its words
are compared without short-vowel marks, tatweel or the article, and it is
never blamed for having no capital letters.

:func:`readability` scores a paragraph with textstat: Flesch reading ease
for English and OSMAN (Open Source Metric for Measuring Arabic Narratives,
made for Arabic) for Arabic. Both put easy text high (about 60 and above)
and hard text low (below about 30). A score needs a few sentences: on a
headline or a single sentence it means little, so short texts get no score.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import textstat

from .findings import Finding, Messages, make

MESSAGES = Messages("w4.toolkit.headlines")

#: Search results show about 50-60 characters of a title; longer ones are cut off.
MAX_LENGTH = 60
#: Fewer characters than this rarely say what the reader will get. Arabic needs fewer letters than English
#: for the same words (short vowels are not written), so its floor is lower.
MIN_LENGTH = {"en": 20, "ar": 16}
MIN_WORDS = 3
#: A readability score needs at least this many words to mean anything.
MIN_WORDS_FOR_SCORE = 30
#: Bands shared by Flesch reading ease and OSMAN (higher is easier).
EASY, HARD = 60.0, 30.0
#: Sentences longer than this (average, in words) are hard to follow on a phone.
LONG_SENTENCE = 20

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")   # harakat, Quranic marks, tatweel
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?؟\n]+")

STOP_WORDS = {
    "en": set("a an the of in on at to for and or but with by from is are was be your our their my we you "
              "they it its this that these those how what why who when where can will not no".split()),
    "ar": {"في", "من", "على", "إلى", "الى", "عن", "مع", "ما", "لا", "لم", "لن", "هذا", "هذه", "ذلك", "تلك",
           "التي", "الذي", "الذين", "كل", "أن", "ان", "إن", "أو", "او", "ثم", "قد", "هل", "كيف", "لماذا",
           "متى", "أين", "نحن", "هو", "هي", "هم"},
}
#: Words that say that there is news without saying what it is.
VAGUE_WORDS = {
    "en": set("news update updates important latest info information announcement read click here now "
              "must see".split()),
    "ar": {"أخبار", "اخبار", "خبر", "تحديث", "مهم", "هام", "عاجل", "جديد", "جديدنا", "إعلان", "اعلان",
           "اقرأ", "اضغط", "هنا", "الآن"},
}


def language_of(text: str) -> str:
    """``"ar"`` when the text has more Arabic letters than Latin ones, else ``"en"``."""
    return "ar" if len(_ARABIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text)) else "en"


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters of any alphabet; short-vowel marks and tatweel dropped)."""
    return _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFC", text)))


def word_key(word: str) -> str:
    """A word as it is compared with others: lowercase; in Arabic without the article, a leading
    conjunction or preposition letter, and with the forms of alef and of taa marbuta unified."""
    word = word.lower().replace("’", "'")
    if not _ARABIC_LETTER.search(word):
        return word
    word = re.sub("[أإآ]", "ا", word).replace("ة", "ه").replace("ى", "ي")
    if len(word) > 4 and word[0] in "وفبلك" and word[1:3] == "ال":
        word = word[1:]
    if len(word) > 3 and word.startswith("ال"):
        word = word[2:]
    elif len(word) > 3 and word[0] in "وف":
        word = word[1:]
    return word


def _is_stop(word: str, language: str) -> bool:
    key = word_key(word)
    return word.lower() in STOP_WORDS[language] or key in {word_key(w) for w in STOP_WORDS[language]}


@dataclass(frozen=True)
class HeadlineCheck:
    """What :func:`check_headline` found: the headline, its language, length and words, and its issues."""

    text: str
    language: str
    length: int
    words: tuple[str, ...]
    issues: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when nothing needs changing."""
        return bool(self.text) and not self.issues

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(issue.key for issue in self.issues)


def repeated_words(text: str) -> list[str]:
    """Words (other than small words such as *the* or *في*) used more than once, as first written."""
    found = words(text)
    language = language_of(text)
    counts = Counter(word_key(w) for w in found if not _is_stop(w, language))
    seen: list[str] = []
    for word in found:
        if counts.get(word_key(word), 0) > 1 and word_key(word) not in {word_key(s) for s in seen}:
            seen.append(word)
    return seen


def check_headline(text: str) -> HeadlineCheck:
    """Check a headline (English or Arabic) for length, repetition, shouting and saying nothing."""
    headline = " ".join(unicodedata.normalize("NFC", text).split())
    language = language_of(headline)
    found = words(headline)
    if not found:
        return HeadlineCheck(headline, language, len(headline), (), (make(MESSAGES, "empty"),))
    issues: list[Finding] = []
    length = len(headline)
    if length > MAX_LENGTH:
        issues.append(make(MESSAGES, "too_long", length=length, limit=MAX_LENGTH))
    elif length < MIN_LENGTH[language] or len(found) < MIN_WORDS:
        issues.append(make(MESSAGES, "too_short", length=length, minimum=MIN_LENGTH[language]))
    repeated = repeated_words(headline)
    if repeated:
        issues.append(make(MESSAGES, "repeated", words=", ".join(repeated)))
    latin = [w for w in found if _LATIN_LETTER.search(w) and len(w) >= 3]
    if len([w for w in latin if w.isupper()]) >= 2 or (len(latin) >= 2 and all(w.isupper() for w in latin)):
        issues.append(make(MESSAGES, "shouting"))
    if headline.count("!") + headline.count("\u01c3") > 1:
        issues.append(make(MESSAGES, "exclamations"))
    content = {word_key(w) for w in found if not _is_stop(w, language)}
    vague = {word_key(v) for v in VAGUE_WORDS[language]}
    if len(content - vague) < 2:
        issues.append(make(MESSAGES, "says_nothing"))
    return HeadlineCheck(headline, language, length, tuple(found), tuple(issues))


@dataclass(frozen=True)
class Readability:
    """A readability reading: the measure used, its score (None for too little text) and what it suggests."""

    language: str
    measure: str
    score: float | None
    words: int
    sentences: int
    issues: tuple[Finding, ...]

    @property
    def band(self) -> str | None:
        """``easy``, ``fair`` or ``hard`` (None without a score)."""
        if self.score is None:
            return None
        return "easy" if self.score >= EASY else "fair" if self.score >= HARD else "hard"


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split at . ! ? ؟ and line breaks."""
    return [s for s in _SENTENCE_END.split(text) if words(s)]


def readability(text: str) -> Readability:
    """Score a paragraph or more: Flesch reading ease (English) or OSMAN (Arabic), with advice."""
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    language = language_of(clean)
    measure = "OSMAN" if language == "ar" else "Flesch reading ease"
    n_words, n_sentences = len(words(clean)), max(len(sentences(text)), 1 if words(clean) else 0)
    if n_words < MIN_WORDS_FOR_SCORE:
        return Readability(language, measure, None, n_words, n_sentences,
                           (make(MESSAGES, "too_little_text", words=n_words, minimum=MIN_WORDS_FOR_SCORE),))
    score = float(textstat.osman(clean) if language == "ar" else textstat.flesch_reading_ease(clean))
    issues: list[Finding] = []
    per_sentence = n_words / n_sentences
    if per_sentence > LONG_SENTENCE:
        issues.append(make(MESSAGES, "long_sentences", average=round(per_sentence), limit=LONG_SENTENCE))
    if score < HARD:
        issues.append(make(MESSAGES, "hard", score=round(score)))
    elif score < EASY:
        issues.append(make(MESSAGES, "fair", score=round(score)))
    return Readability(language, measure, round(score, 1), n_words, n_sentences, tuple(issues))
