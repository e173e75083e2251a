"""Generate the practice dataset of candidate partner accounts for a youth campaign.

Run ``python -m course.data.generate_partner_accounts`` to (re)write
``course/data/partner_accounts.csv``. The output depends only on ``SEED``:
the same seed gives the same bytes. Every handle and number is invented; a
handle that happens to exist somewhere is not meant.

Bukra Youth Collective (fictional, Beirut) looks for accounts to share its
safe-streets campaign with young people (18-29) in Lebanon. How the numbers
are made (so lessons can discover it in the data): the engagement rate
(engagements per post / followers x 100) falls as follower counts grow, as it
usually does; audience fit (the share of an account's followers who are
18-29 and in Lebanon) depends on what the account is about and where it is
based, not on its size; so the biggest accounts are seldom the ones that
reach the most engaged people of the campaign's audience.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20251101
OUTPUT = Path(__file__).with_name("partner_accounts.csv")

COLUMNS = ["handle", "kind", "platform", "based_in", "topic", "followers", "engagement_rate", "audience_fit"]

# handle, kind, platform, based in, topic, log10 followers (centre), audience fit (centre, %)
ACCOUNTS = [
    ("@GulfGlamDaily", "creator", "instagram", "UAE", "fashion", 6.2, 4),
    ("@LaughWithZiad", "creator", "tiktok", "Lebanon", "comedy", 5.9, 38),
    ("@ArabFootballNow", "media", "x", "Egypt", "football", 6.0, 6),
    ("@BeirutEatsCheap", "creator", "instagram", "Lebanon", "food", 5.0, 41),
    ("@CedarGreenLab", "organisation", "x", "Lebanon", "environment", 3.9, 47),
    ("@NisaaVoicesLB", "organisation", "instagram", "Lebanon", "women's rights", 4.2, 52),
    ("@TripoliArtsHub", "organisation", "instagram", "Lebanon", "arts", 3.8, 49),
    ("@BekaaYouthRadio", "media", "youtube", "Lebanon", "youth news", 4.4, 58),
    ("@SafeOnlineArabia", "organisation", "x", "Jordan", "digital safety", 4.6, 12),
    ("@RimaCodes", "creator", "youtube", "Lebanon", "tech", 4.8, 44),
    ("@MenaTravelDreams", "creator", "instagram", "UAE", "travel", 5.6, 5),
    ("@StudentVoiceLU", "organisation", "instagram", "Lebanon", "students", 3.7, 71),
    ("@HamraReadsLibrary", "organisation", "x", "Lebanon", "books", 3.5, 33),
    ("@CityCyclistsBEY", "organisation", "instagram", "Lebanon", "cycling", 3.6, 55),
    ("@DailyNewsArabic", "media", "x", "Qatar", "news", 6.4, 3),
    ("@MoustafaMotivates", "creator", "tiktok", "Egypt", "motivation", 6.1, 4),
    ("@SaidaCleanShores", "organisation", "instagram", "Lebanon", "environment", 3.4, 46),
    ("@LebaneseStreetFood", "creator", "tiktok", "Lebanon", "food", 5.4, 35),
    ("@YallaVolunteerLB", "organisation", "instagram", "Lebanon", "volunteering", 4.0, 63),
    ("@FitWithFarah", "creator", "instagram", "Lebanon", "fitness", 5.2, 29),
]


def generate(seed: int = SEED) -> pd.DataFrame:
    """Build the accounts table; the same seed always gives the same table."""
    rng = np.random.default_rng(seed)
    rows = []
    for handle, kind, platform, based_in, topic, log_followers, fit in ACCOUNTS:
        followers = int(round(10 ** (log_followers + rng.normal(0.0, 0.08)), -2))
        # engagement rate falls with size: about 6 % at 3,000 followers, under 1 % at a million
        rate = 6.0 * (followers / 3000) ** -0.33 * float(np.exp(rng.normal(0.0, 0.2)))
        audience_fit = int(min(90, max(1, round(fit + rng.normal(0.0, 3.0)))))
        rows.append({"handle": handle, "kind": kind, "platform": platform, "based_in": based_in,
                     "topic": topic, "followers": followers, "engagement_rate": round(rate, 2),
                     "audience_fit": audience_fit})
    return pd.DataFrame(rows, columns=COLUMNS)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path, float_format="%.2f")


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
