"""Campaign objectives: is one specific, measurable and dated? (English or Arabic.)

An objective you can check later says **what** people will do (sign, join,
donate, attend...), **how many** (a number, in Western or Arabic-Indic
digits) and **by when** (a date, a month, or "within 8 weeks").
"Raise awareness" alone is none of these. :func:`check_objective` reads a
sentence for the three, and names vague words such as *awareness* that
cannot be counted.

These are simple checks of the words used, not an understanding of the
sentence: they help a writer notice what is missing; a mentor still judges
whether the objective is realistic and relevant.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .findings import Finding, Messages, make

MESSAGES = Messages("w4.toolkit.objectives")

#: Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9) digits, read as 0-9.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

MONTHS_EN = ("January February March April June July August September October November December "
             "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
MONTHS_AR = ("يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر اكتوبر "
             "نوفمبر ديسمبر كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب أيلول ايلول تشرين").split()
_AR_PREFIX = "(?:[وفبل]?)"
_AR_END = r"(?![\u0621-\u064a])"

_DATE_PATTERNS = [
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",                                     # 2026-06-30
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",                             # 30/6/2026
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(MONTHS_EN + ["May"]) + r")\b(?:,?\s+(?:19|20)\d{2})?",
    r"\b(?:" + "|".join(MONTHS_EN + ["May"]) + r")\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d{2})?",
    r"\d{1,2}\s+" + _AR_PREFIX + "(?:" + "|".join(MONTHS_AR) + ")" + _AR_END + r"(?:\s+\S+)?(?:\s+(?:19|20)\d{2})?",
    r"\b(?:" + "|".join(MONTHS_EN) + r")\b",                          # June (May below)
    r"\b(?:by|in|before|until|end of|on)\s+May\b|\bMay\s+\d",          # May, not the verb may
    r"\b(?:by|before|until|end of|in)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}\b(?![-/.]\d)",
    r"\bwithin\s+(?:\d+|a|one|two|three|four|five|six|eight|twelve)\s+(?:days?|weeks?|months?|years?)\b",
    r"\b(?:by|before)\s+the\s+end\s+of\s+(?:the\s+)?(?:week|month|year|quarter|campaign)\b",
    r"\bend\s+of\s+(?:this|next)\s+(?:week|month|year|quarter)\b",
    r"\b(?:this|next)\s+(?:week|month|year|quarter)\b",
    _AR_PREFIX + "(?:" + "|".join(MONTHS_AR) + ")" + _AR_END,
    r"(?:بحلول|قبل|حتى|نهاية|أواخر|اواخر|مطلع|بداية)\s+(?:\S+\s+)?(?:19|20)\d{2}",
    r"(?:خلال|في غضون|غضون)\s+(?:\d+|أسبوع|اسبوع|أسبوعين|اسبوعين|شهر|شهرين|سنة|عام|ثلاثة|أربعة|اربعة|ستة|ثمانية)"
    r"(?:\s+(?:أيام|يوما|يومًا|أسابيع|اسابيع|أشهر|اشهر|شهور|أسبوعا|أسبوعًا|شهرا|شهرًا))?",
    r"(?:نهاية|آخر|اخر)\s+(?:هذا\s+)?(?:الشهر|العام|السنة|الأسبوع|الاسبوع|الحملة|الفصل)",
    r"(?:الشهر|العام|الأسبوع|الاسبوع)\s+(?:المقبل|القادم)",
]
DATE = re.compile("|".join(f"(?:{p})" for p in _DATE_PATTERNS), re.IGNORECASE)
_MAY_VERB = re.compile(r"\bmay\b")   # lowercase "may" is the verb, never a month

#: What people do that can be counted: English stems and Arabic words (with a leading و ف ب ل or ال allowed).
ACTIONS_EN = re.compile(
    r"\b(sign(s|ed|ing|atures?|-?ups?)?|petitions?|register(s|ed)?|registrations?|donat(e|es|ed|ions?|ors?)|"
    r"attend(s|ed|ees|ance)?|join(s|ed)?|subscri(be|bes|bed|bers?|ptions?)|volunteer(s|ed)?|vot(e|es|ed|ers)|"
    r"enrol(l)?(s|ed|ment)?|download(s|ed)?|members?|participants?|followers?|calls?|letters?|meetings?|"
    r"visits?|visitors?|downloads?|shares?|replies|messages?|pledges?|complaints?|applications?|apply|"
    r"adopt(s|ed)?|commit(s|ted|ments?)?|meet|write|send|raise[sd]?\s+\S*\s*(?:usd|dollars?|\$|€|£))\b",
    re.IGNORECASE)
_AR_ACTION_WORDS = ("توقيع توقيعات يوقع يوقعون توقع عريضة العريضة تسجيل يسجل يسجلون مسجل تبرع تبرعات يتبرع "
                    "متبرع متبرعين حضور يحضر يحضرون انضمام ينضم ينضمون عضو أعضاء اعضاء اشتراك يشترك مشترك "
                    "مشتركين متطوع متطوعين متطوعا تطوع يتطوع مشارك مشاركين مشاركة يشارك متابع متابعين "
                    "رسالة رسائل اجتماع اجتماعات لقاء لقاءات زيارة زيارات تصويت يصوت تنزيل تحميل شكوى شكاوى "
                    "طلب طلبات التزام يلتزم تعهد يعتمد اعتماد جمع").split()
ACTIONS_AR = re.compile(r"(?<![\u0621-\u064a])(?:[وفبل]?(?:ال)?)(?:" + "|".join(_AR_ACTION_WORDS) + ")"
                        r"(?:ات|ون|ين|ها|هم|نا|ة)?(?![\u0621-\u064a])")
#: Words for goals that cannot be counted as they stand.
VAGUE = re.compile(r"\b(awareness|aware|visibility|visible|understanding|impact|engage(ment)?|"
                   r"spread the word|reach more people|more people|as many as possible)\b|"
                   r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(?:توعية|وعي|الوعي|ظهور|التأثير|تأثير|أكبر عدد|اكبر عدد)"
                   r"(?![\u0621-\u064a])", re.IGNORECASE)
NUMBER = re.compile(r"\d+(?:[,.]\d+)*\s*%?")
YEAR = re.compile(r"^(?:19|20)\d{2}$")


def normalise(text: str) -> str:
    """NFC, Arabic-Indic digits as 0-9, short-vowel marks and tatweel dropped, spaces collapsed."""
    return " ".join(_MARKS.sub("", unicodedata.normalize("NFC", text).translate(DIGITS)).split())


@dataclass(frozen=True)
class ObjectiveCheck:
    """Which of the three an objective has, the numbers and deadline found, and what to add."""

    text: str
    specific: bool
    measurable: bool
    dated: bool
    numbers: tuple[str, ...]
    deadline: str | None
    issues: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """Specific, measurable and dated."""
        return self.specific and self.measurable and self.dated

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(issue.key for issue in self.issues)


def _dates(clean: str) -> list[re.Match]:
    """Date matches in normalised text; a lowercase "may" is the verb, never the month."""
    return [m for m in DATE.finditer(clean) if not _MAY_VERB.search(m.group(0))]


def deadline_of(text: str) -> str | None:
    """The first date, month or time span in ``text`` (normalised), or None."""
    found = _dates(normalise(text))
    return found[0].group(0).strip() if found else None


def counted_numbers(text: str) -> list[str]:
    """The numbers in ``text`` that are not part of its date: targets, percentages, amounts."""
    clean = normalise(text)
    dates = [m.span() for m in _dates(clean)]
    found = []
    for match in NUMBER.finditer(clean):
        inside = any(a <= match.start() < b for a, b in dates)
        value = match.group(0).strip()
        if inside or YEAR.match(value):
            continue
        found.append(value)
    return found


def check_objective(text: str) -> ObjectiveCheck:
    """Read an objective (English or Arabic) for what people will do, how many, and by when."""
    clean = normalise(text)
    if not clean:
        return ObjectiveCheck("", False, False, False, (), None, (make(MESSAGES, "empty"),))
    words = clean.split()
    numbers = tuple(counted_numbers(clean))
    deadline = deadline_of(clean)
    action = bool(ACTIONS_EN.search(clean) or ACTIONS_AR.search(clean))
    specific = action and len(words) >= 5
    issues: list[Finding] = []
    if not specific:
        issues.append(make(MESSAGES, "not_specific"))
    if not numbers:
        issues.append(make(MESSAGES, "not_measurable"))
    if deadline is None:
        issues.append(make(MESSAGES, "not_dated"))
    vague = VAGUE.search(clean)
    if vague and not (numbers and action):
        issues.append(make(MESSAGES, "vague", word=vague.group(0).strip()))
    return ObjectiveCheck(clean, specific, bool(numbers), deadline is not None, numbers, deadline, tuple(issues))
