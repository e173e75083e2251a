"""Generate the practice dataset of comments to moderate on a fictional organisation's Facebook Page.

Run ``python -m course.data.generate_comments`` to (re)write
``course/data/comments.csv``. The output depends only on ``SEED``.
Every name, account and link is invented (``*.example`` domains are reserved for examples).

The comments arrived under the posts of the *Equal at Work* campaign of the
fictional Bukra Youth Collective (2 to 29 March 2026), in Arabic and English.
Five kinds, as a moderator would sort them: ``question``, ``support``,
``criticism`` (fair criticism of the organisation), ``abuse`` (insults, kept
mild on purpose) and ``spam`` (scams and unrelated links). Built-in patterns:
questions are usually answered within a few hours; fair criticism waits
much longer and is often left unanswered (the pattern the lesson asks teams
to fix); abuse is hidden, spam deleted, and the one account that kept
insulting people after being hidden was banned.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20260308
START = date(2026, 3, 2)
DAYS = 28
TIMEZONE = "Asia/Beirut"
OUTPUT = Path(__file__).with_name("comments.csv")

COLUMNS = ["comment_id", "posted_at", "post_id", "language", "author", "category", "text",
           "replied", "reply_hours", "action"]

CATEGORIES = ["question", "support", "criticism", "abuse", "spam"]
CATEGORY_SHARE = [0.30, 0.34, 0.16, 0.10, 0.10]
#: The account that kept insulting people: banned after its third comment.
REPEAT_ABUSER = "Fake Truth 77"

TEXTS = {
    "question": {
        "en": ["Where is the workshop on Saturday? Is there parking?",
               "Can people outside Beirut join online?",
               "Is the report available in Arabic too?",
               "How do I sign up as a volunteer for the campaign?",
               "What time does the live session start?"],
        "ar": ["أين تُقام الورشة يوم السبت؟ وهل يوجد موقف للسيارات؟",
               "هل يمكن لمن يسكن خارج بيروت أن يشارك عبر الإنترنت؟",
               "هل التقرير متوفر باللغة العربية أيضاً؟",
               "كيف أسجّل كمتطوعة في الحملة؟",
               "متى يبدأ البث المباشر؟"],
    },
    "support": {
        "en": ["Proud of this campaign. Sharing with my colleagues!",
               "Thank you for giving young women a voice.",
               "Great report, the numbers speak for themselves.",
               "I attended last year, highly recommend it."],
        "ar": ["فخورة بهذه الحملة، سأشاركها مع زميلاتي!",
               "شكراً لأنكم تعطون الشابات صوتاً.",
               "تقرير رائع، الأرقام تتكلم عن نفسها.",
               "حضرت العام الماضي وأنصح الجميع بالمشاركة."],
    },
    "criticism": {
        "en": ["Your last event was only in Beirut again. What about the rest of the country?",
               "The report says 40% but your post says almost half. Which is it?",
               "I signed up two weeks ago and nobody answered my message.",
               "Nice words, but your own team page shows no women in leadership."],
        "ar": ["نشاطكم الأخير كان في بيروت فقط مرة أخرى. ماذا عن باقي المناطق؟",
               "التقرير يقول ٤٠٪ ومنشوركم يقول النصف تقريباً. أيهما الصحيح؟",
               "سجّلت منذ أسبوعين ولم يرد أحد على رسالتي.",
               "كلام جميل، لكن صفحة فريقكم لا تُظهر نساء في القيادة."],
    },
    "abuse": {
        "en": ["You people are clowns. Go find a real job.",
               "Nobody cares about your silly campaign, stop posting.",
               "What a joke of an organisation."],
        "ar": ["أنتم مجرد مهرّجين، ابحثوا عن عمل حقيقي.",
               "لا أحد يهتم بحملتكم السخيفة، توقفوا عن النشر.",
               "يا لها من جمعية مضحكة."],
    },
    "spam": {
        "en": ["Earn $500 a day from home!!! Click here: quick-cash.example/start",
               "Followers for your page, cheap and fast: more-fans.example",
               "Congratulations, you won a phone! Claim it at prize-now.example"],
        "ar": ["اربح ٥٠٠ دولار يومياً من المنزل! اضغط هنا: quick-cash.example/start",
               "متابعون لصفحتك بسعر رخيص وبسرعة: more-fans.example",
               "مبروك، ربحت هاتفاً! استلمه من هنا: prize-now.example"],
    },
}

FIRST = {"en": ["Sara", "Jad", "Nadine", "Fadi", "Rami", "Lea", "Hadi", "Joelle", "Zeina", "Elie"],
         "ar": ["سارة", "جاد", "نادين", "فادي", "رامي", "ليا", "هادي", "زينة", "مريم", "يوسف"]}
LAST = {"en": ["Khalil", "Mrad", "Issa", "Saab", "Rizk", "Najjar", "Chehab", "Tannous"],
        "ar": ["خليل", "مراد", "عيسى", "صعب", "رزق", "نجار", "شهاب", "طنوس"]}
POSTS = [f"E{i:02d}" for i in range(1, 21)]

#: category -> (share answered, median hours to the answer)
REPLIES = {"question": (0.9, 3.0), "support": (0.35, 8.0), "criticism": (0.45, 22.0)}


def _author(rng, language: str) -> str:
    return f"{FIRST[language][int(rng.integers(len(FIRST[language])))]} {LAST[language][int(rng.integers(len(LAST[language])))]}"


def generate(seed: int = SEED) -> pd.DataFrame:
    """About 150 comments, in the order they were posted."""
    rng = np.random.default_rng(seed)
    zone = ZoneInfo(TIMEZONE)
    rows = []
    abuser_count = abuse_seen = 0
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        spike = day in (date(2026, 3, 8), date(2026, 3, 12))   # Women's Day and the report launch
        for _n in range(int(rng.poisson(12 if spike else 5))):
            moment = datetime(day.year, day.month, day.day, int(rng.integers(8, 24)), int(rng.integers(0, 60)),
                              tzinfo=zone)
            category = CATEGORIES[int(rng.choice(len(CATEGORIES), p=CATEGORY_SHARE))]
            language = "ar" if rng.random() < 0.6 else "en"
            texts = TEXTS[category][language]
            text = texts[int(rng.integers(len(texts)))]
            author = _author(rng, language)
            replied, hours, action = False, "", "none"
            if category in REPLIES:
                share, median = REPLIES[category]
                if rng.random() < share:
                    replied = True
                    hours = f"{float(rng.lognormal(np.log(median), 0.6)):.1f}"
                    action = "reply"
            elif category == "abuse":
                abuse_seen += 1
                if abuse_seen in (2, 4, 6):   # hidden twice, then banned
                    author, abuser_count = REPEAT_ABUSER, abuser_count + 1
                action = "ban" if author == REPEAT_ABUSER and abuser_count == 3 else "hide"
            else:
                action = "delete"
            rows.append({"comment_id": "", "posted_at": moment.isoformat(),
                         "post_id": POSTS[min(offset * len(POSTS) // DAYS, len(POSTS) - 1)],
                         "language": language, "author": author, "category": category, "text": text,
                         "replied": replied, "reply_hours": hours, "action": action})
    frame = pd.DataFrame(rows, columns=COLUMNS).sort_values("posted_at", kind="stable")
    frame["comment_id"] = [f"C{i:03d}" for i in range(1, len(frame) + 1)]
    return frame.reset_index(drop=True)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
