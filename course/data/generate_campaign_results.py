"""Generate the practice dataset of a fictional month-long campaign's results, paid and organic.

Run ``python -m course.data.generate_campaign_results`` to (re)write
``course/data/campaign_results.csv``. The output depends only on ``SEED``.
Every name, link and number is invented.

The *Equal at Work* campaign of the fictional Bukra Youth Collective ran from
2 to 29 March 2026, around International Women's Day (8 March) and the launch
of a report on young women's pay (12 March). Each post has an ``organic``
row (people reached without paying); a boosted post has a second, ``paid``
row for what the budget added, as Meta's insights split them. Two lead ads
(``A01``, ``A02``) exist only as paid rows. Built-in patterns: Women's Day
and the launch day reach far more people without paying; paid rows reach
more people per post but fewer of them react, comment or share; link clicks
happen only on link posts; lead forms (filled in without leaving Facebook)
bring more sign-ups per person reached than a link to a form on the
website, but a smaller share of those who sign up come to the workshop.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20260312
OUTPUT = Path(__file__).with_name("campaign_results.csv")
WOMENS_DAY = date(2026, 3, 8)
REPORT_LAUNCH = date(2026, 3, 12)

COLUMNS = ["post_id", "date", "format", "delivery", "objective", "spend_usd", "reach", "reactions",
           "comments", "shares", "link_clicks", "destination", "signups", "attended"]

#: (post id, day of March 2026, format, destination, boosted with objective or "")
POSTS = [
    ("E01", 2, "photo", "", ""), ("E02", 3, "video", "", ""), ("E03", 4, "link", "web_form", ""),
    ("E04", 6, "photo", "", ""), ("E05", 8, "video", "", "awareness"), ("E06", 8, "photo", "", ""),
    ("E07", 9, "link", "web_form", ""), ("E08", 10, "photo", "", ""), ("E09", 11, "video", "", ""),
    ("E10", 12, "link", "report", "traffic"), ("E11", 12, "photo", "", ""), ("E12", 14, "video", "", ""),
    ("E13", 16, "link", "web_form", "traffic"), ("E14", 18, "photo", "", ""), ("E15", 20, "video", "", "awareness"),
    ("E16", 22, "link", "web_form", ""), ("E17", 24, "photo", "", ""), ("E18", 25, "video", "", ""),
    ("E19", 27, "link", "report", ""), ("E20", 29, "photo", "", ""),
]
#: Lead ads: (id, day, budget in US dollars); their form opens inside Facebook.
LEAD_ADS = [("A01", 5, 60.0), ("A02", 17, 60.0)]

REACH = {"photo": 1.0, "video": 1.35, "link": 0.7}
ENGAGE = {"photo": 0.052, "video": 0.06, "link": 0.03}


def _counts(rng, reach: int, rate: float) -> tuple[int, int, int]:
    reactions = int(rng.binomial(reach, rate * 0.78))
    comments = int(rng.binomial(reach, rate * 0.09))
    shares = int(rng.binomial(reach, rate * 0.13))
    return reactions, comments, shares


def generate(seed: int = SEED) -> pd.DataFrame:
    """One organic row per post, one paid row per boosted post or lead ad, in date order."""
    rng = np.random.default_rng(seed)
    rows = []

    def add(post_id, day, fmt, delivery, objective, spend, reach, rate, destination):
        reactions, comments, shares = _counts(rng, reach, rate)
        clicks = int(rng.binomial(reach, 0.035 if delivery == "organic" else 0.022)) if fmt == "link" else 0
        signups = attended = 0
        if destination == "web_form":
            signups = int(rng.binomial(clicks, 0.22))
            attended = int(rng.binomial(signups, 0.62))
        elif destination == "lead_form":
            signups = int(rng.binomial(reach, 0.011))
            attended = int(rng.binomial(signups, 0.31))
        rows.append({"post_id": post_id, "date": date(2026, 3, day).isoformat(), "format": fmt,
                     "delivery": delivery, "objective": objective, "spend_usd": f"{spend:.2f}", "reach": reach,
                     "reactions": reactions, "comments": comments, "shares": shares, "link_clicks": clicks,
                     "destination": destination, "signups": signups, "attended": attended})

    for post_id, day, fmt, destination, objective in POSTS:
        moment = date(2026, 3, day)
        peak = 3.2 if moment == WOMENS_DAY else 2.6 if moment == REPORT_LAUNCH else 1.0
        reach = int(round(1400 * REACH[fmt] * peak * float(rng.lognormal(0.0, 0.3))))
        rate = ENGAGE[fmt] * float(rng.lognormal(0.0, 0.2)) * (1.15 if peak > 1 else 1.0)
        add(post_id, day, fmt, "organic", "", 0.0, reach, rate, destination)
        if objective:
            spend = float(rng.choice([30.0, 40.0, 50.0]))
            paid_reach = int(round(spend * float(rng.uniform(85, 120))))
            add(post_id, day, fmt, "paid", objective, spend, paid_reach, rate * 0.4, destination)
    for ad_id, day, spend in LEAD_ADS:
        reach = int(round(spend * float(rng.uniform(80, 110))))
        add(ad_id, day, "lead_ad", "paid", "leads", spend, reach, ENGAGE["photo"] * 0.3, "lead_form")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["date", "post_id", "delivery"], kind="stable").reset_index(drop=True)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
