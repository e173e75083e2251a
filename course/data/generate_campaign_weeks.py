"""Generate the practice dataset of eight weeks of a fictional campaign's results, channel by channel.

Run ``python -m course.data.generate_campaign_weeks`` to (re)write
``course/data/campaign_weeks.csv``. The output depends only on ``SEED``: the
same seed gives the same bytes. All names and numbers are invented.

Bukra Youth Collective's *safe water in schools* campaign set itself the
objective of **600 petition sign-ups by 26 October 2025** (the end of week 8)
and planned, every week: five Facebook posts, five Instagram posts, seven
posts on X and one newsletter. One row per week and channel. How the numbers
are made (so lessons can discover it in the data):

- Facebook reaches the most people and brings a steady share of sign-ups;
  its week 5 video testimonial reached about twice as far and brought about
  twice the sign-ups of an ordinary week;
- Instagram's engagement rate is the highest, but its posts carry no
  clickable link, so few people reach the petition from it;
- reach on X falls week after week, and it brings almost no sign-ups;
- the newsletter reaches the fewest people (opens) and brings the most
  sign-ups per person reached;
- in all, the campaign falls clearly short of its objective: a plan that
  should have been adapted at the half-way point.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20251026
START = date(2025, 9, 1)
WEEKS = 8
OUTPUT = Path(__file__).with_name("campaign_weeks.csv")
#: The campaign's objective: petition sign-ups by the end of week 8.
TARGET_SIGNUPS = 600

COLUMNS = ["week", "week_start", "channel", "posts", "reach", "reactions", "comments", "shares",
           "link_clicks", "signups"]
CHANNELS = ["facebook", "instagram", "x", "newsletter"]

#: channel -> (posts a week, reach in week 1, weekly growth of reach,
#:             engagement rate by reach, link clicks per 1,000 reached, sign-ups per link click)
PLAN = {
    "facebook": (5, 9000, 1.00, 0.034, 28, 0.095),
    "instagram": (5, 6500, 1.03, 0.066, 6, 0.10),
    "x": (7, 4300, 0.86, 0.016, 14, 0.06),
    "newsletter": (1, 1050, 1.02, 0.012, 150, 0.13),
}
VIDEO_WEEK = 5


def generate(seed: int = SEED) -> pd.DataFrame:
    """The results table, one row per week and channel."""
    rng = np.random.default_rng(seed)
    rows = []
    for week in range(1, WEEKS + 1):
        for channel in CHANNELS:
            posts, reach0, growth, rate, clicks_per_k, per_click = PLAN[channel]
            boost = 2.0 if channel == "facebook" and week == VIDEO_WEEK else 1.0
            reach = int(round(reach0 * growth ** (week - 1) * boost * rng.lognormal(0, 0.08)))
            engagements = rng.poisson(reach * rate * rng.lognormal(0, 0.1))
            if channel == "newsletter":   # no reactions: replies and forwards only
                parts = np.array([0.0, 0.3, 0.7])
            else:
                parts = np.array([0.78, 0.12, 0.10])
            reactions, comments, shares = (int(v) for v in rng.multinomial(engagements, parts))
            clicks = int(rng.poisson(reach / 1000 * clicks_per_k))
            signups = int(rng.binomial(clicks, per_click))
            rows.append({"week": week, "week_start": (START + timedelta(days=7 * (week - 1))).isoformat(),
                         "channel": channel, "posts": posts, "reach": reach, "reactions": reactions,
                         "comments": comments, "shares": shares, "link_clicks": clicks, "signups": signups})
    return pd.DataFrame(rows, columns=COLUMNS)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
