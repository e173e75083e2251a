"""Generate the practice dataset of a fictional youth NGO's campaign on X.

Run ``python -m course.data.generate_x_posts`` to (re)write
``course/data/x_posts.csv``. The output depends only on ``SEED``: the same
seed gives the same bytes. All names, accounts and numbers are invented.

The account is the X account of Bukra Youth Collective (the fictional Beirut
organisation of week 1's Facebook page) during its autumn campaign for safe
streets, 1 September to 30 November 2025. How the numbers are made (so
lessons can discover it in the data):
impressions are lognormal and grow slowly with the account's followers;
threads and videos are shown most, replies least; link posts are shown less
and get fewer likes, but they get link clicks; threads bring more profile
visits and more "detail expands" (people opening the post); evening posts do
a little better; corrections are reposted more (partners share them). On 21
October a false rumour about the campaign's petition starts: for three days
replies per impression jump (people ask "is it true?"), and the account posts
corrections from 22 October. Alt text is on most, not all, image posts; it
changes nothing in the numbers (it is for people, not for reach).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20251021
START = date(2025, 9, 1)
END = date(2025, 11, 30)
TIMEZONE = "Asia/Beirut"
OUTPUT = Path(__file__).with_name("x_posts.csv")
RUMOUR = (date(2025, 10, 21), date(2025, 10, 23))   # replies jump on these days
CORRECTIONS = (date(2025, 10, 22), date(2025, 10, 26))   # the account posts corrections

COLUMNS = [
    "post_id", "posted_at", "weekday", "hour", "language", "format", "media", "alt_text",
    "topic", "n_hashtags", "impressions", "likes", "replies", "reposts", "quotes",
    "link_clicks", "profile_visits", "detail_expands",
]

FORMATS = ["post", "thread", "reply", "quote"]
FORMAT_SHARE = [0.5, 0.15, 0.2, 0.15]
MEDIA = ["text", "image", "video", "link"]
MEDIA_SHARE = {"post": [0.3, 0.35, 0.15, 0.2], "thread": [0.35, 0.4, 0.1, 0.15],
               "reply": [0.8, 0.15, 0.0, 0.05], "quote": [0.7, 0.15, 0.05, 0.1]}
TOPICS = ["campaign", "event", "story"]
TOPIC_SHARE = [0.5, 0.25, 0.25]
POSTING_HOURS = list(range(9, 24))
HOUR_WEIGHTS = [3, 4, 4, 4, 4, 3, 3, 3, 4, 5, 6, 7, 6, 4, 2]

# effects on log(impressions)
FORMAT_REACH = {"post": 0.0, "thread": 0.35, "reply": -1.3, "quote": -0.15}
MEDIA_REACH = {"text": 0.0, "image": 0.15, "video": 0.3, "link": -0.35}
# actions per impression, before other effects
LIKE_RATE = {"text": 0.011, "image": 0.013, "video": 0.014, "link": 0.006}
REPLY_RATE = {"post": 0.0015, "thread": 0.0018, "reply": 0.004, "quote": 0.0015}
REPOST_RATE = {"post": 0.002, "thread": 0.003, "reply": 0.0005, "quote": 0.0015}
QUOTE_RATE = 0.0004
LINK_CLICK_RATE = 0.014
PROFILE_VISIT_RATE = {"post": 0.002, "thread": 0.004, "reply": 0.003, "quote": 0.002}
EXPAND_RATE = {"post": 0.012, "thread": 0.03, "reply": 0.01, "quote": 0.012}


def hour_effect(hour: int) -> float:
    """Effect of the local posting hour on log(impressions): evenings a little better."""
    if 19 <= hour <= 22:
        return 0.25
    if 9 <= hour <= 11:
        return -0.05
    return 0.0


def hashtag_effect(n: int) -> float:
    return {0: -0.05, 1: 0.05, 2: 0.05}.get(n, -0.15)


def _pick(rng: np.random.Generator, items: list, weights: list | None = None):
    p = None if weights is None else np.asarray(weights, dtype=float) / float(sum(weights))
    return items[int(rng.choice(len(items), p=p))]


def generate(seed: int = SEED, start: date = START, end: date = END) -> pd.DataFrame:
    """Build the posts table; the same seed always gives the same table."""
    rng = np.random.default_rng(seed)
    zone = ZoneInfo(TIMEZONE)
    total_days = (end - start).days
    rows = []
    day = start
    while day <= end:
        correcting = CORRECTIONS[0] <= day <= CORRECTIONS[1]
        rumour = RUMOUR[0] <= day <= RUMOUR[1]
        n_posts = _pick(rng, [1, 2, 3], [0.35, 0.45, 0.2]) + (1 if correcting else 0)
        p = np.asarray(HOUR_WEIGHTS, dtype=float) / float(sum(HOUR_WEIGHTS))
        hours = sorted(int(POSTING_HOURS[i]) for i in rng.choice(len(POSTING_HOURS), size=n_posts, replace=False, p=p))
        followers = 3100 + 900 * (day - start).days / total_days
        for index, hour in enumerate(hours):
            language = "ar" if rng.random() < 0.6 else "en"
            fmt = _pick(rng, FORMATS, FORMAT_SHARE)
            topic = _pick(rng, TOPICS, TOPIC_SHARE)
            if correcting and index == 0:   # one correction a day, a post or a thread
                topic, fmt = "correction", ("thread" if rng.random() < 0.4 else "post")
            media = _pick(rng, MEDIA, MEDIA_SHARE[fmt])
            alt_text = bool(media == "image" and rng.random() < 0.65)
            n_tags = _pick(rng, [0, 1, 2, 3, 4], [0.25, 0.4, 0.22, 0.09, 0.04])
            log_impressions = (np.log(0.8 * followers) + FORMAT_REACH[fmt] + MEDIA_REACH[media]
                               + hour_effect(hour) + hashtag_effect(n_tags)
                               + (0.1 if language == "ar" else 0.0)
                               + (0.45 if topic == "correction" else 0.1 if topic == "story" else 0.0)
                               + rng.normal(0.0, 0.5))
            impressions = max(40, int(round(float(np.exp(log_impressions)))))
            lift = float(np.exp(0.6 * hour_effect(hour) + (0.2 if topic == "story" else 0.0)
                                + rng.normal(0.0, 0.25)))
            likes = int(rng.binomial(impressions, min(0.3, LIKE_RATE[media] * lift)))
            reply_rate = REPLY_RATE[fmt] * lift * (6.0 if rumour else 1.0)
            replies = int(rng.binomial(impressions, min(0.2, reply_rate)))
            repost_rate = REPOST_RATE[fmt] * lift * (2.5 if topic == "correction" else 1.0)
            reposts = int(rng.binomial(impressions, min(0.2, repost_rate)))
            quotes = int(rng.binomial(impressions, min(0.1, QUOTE_RATE * lift * (2.0 if rumour else 1.0))))
            clicks = int(rng.binomial(impressions, min(0.3, LINK_CLICK_RATE * lift))) if media == "link" else 0
            visits = int(rng.binomial(impressions, min(0.1, PROFILE_VISIT_RATE[fmt] * lift)))
            expands = int(rng.binomial(impressions, min(0.2, EXPAND_RATE[fmt] * lift)))
            moment = datetime(day.year, day.month, day.day, hour, int(rng.integers(0, 60)), tzinfo=zone)
            rows.append({
                "post_id": "", "posted_at": moment.isoformat(), "weekday": moment.strftime("%A"),
                "hour": hour, "language": language, "format": fmt, "media": media, "alt_text": alt_text,
                "topic": topic, "n_hashtags": n_tags, "impressions": impressions, "likes": likes,
                "replies": replies, "reposts": reposts, "quotes": quotes, "link_clicks": clicks,
                "profile_visits": visits, "detail_expands": expands,
            })
        day += timedelta(days=1)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["post_id"] = [f"X{i:04d}" for i in range(1, len(frame) + 1)]
    return frame


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
