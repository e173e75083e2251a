"""Generate the practice dataset of a fictional volunteers' Facebook group: one row a day.

Run ``python -m course.data.generate_group_activity`` to (re)write
``course/data/group_activity.csv``. The output depends only on ``SEED``.
All names and numbers are invented.

The group is *Bukra Volunteers Network*, the private group of the fictional
Bukra Youth Collective. Built-in patterns (so lessons can find them):
join requests arrive every day, more after the page's posts about the group
on Tuesdays; until ``QUESTIONS_FROM`` the admins approve nearly every request
and spam posts follow (reported and removed posts run high); from that day
three membership questions and written rules are in place, admins decline the
requests that do not answer them, and reported posts fall to a trickle while
comments per post rise. Weekends (Saturday, Sunday) are quieter.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20251006
START = date(2025, 9, 1)
END = date(2025, 11, 30)
#: The day membership questions and written rules were switched on.
QUESTIONS_FROM = date(2025, 10, 6)
OUTPUT = Path(__file__).with_name("group_activity.csv")
START_MEMBERS = 1480

COLUMNS = ["date", "weekday", "join_requests", "approved", "declined", "members", "posts",
           "comments", "reported_posts", "removed_posts", "questions_on"]


def generate(seed: int = SEED) -> pd.DataFrame:
    """The group's daily activity, 1 September to 30 November 2025."""
    rng = np.random.default_rng(seed)
    rows, members, day = [], START_MEMBERS, START
    while day <= END:
        weekend = day.weekday() >= 5
        questions = day >= QUESTIONS_FROM
        requests = int(rng.poisson(14 if day.weekday() == 1 else 9))
        if questions:   # real people answer; accounts made to spam do not
            approved = int(rng.binomial(requests, 0.62))
        else:
            approved = int(rng.binomial(requests, 0.96))
        declined = requests - approved
        members += approved
        activity = 0.55 if weekend else 1.0
        posts = int(rng.poisson(11 * activity))
        spam_share = 0.04 if questions else 0.27
        reported = int(rng.binomial(posts, spam_share)) + int(rng.poisson(0.3 if questions else 1.2))
        removed = min(reported, int(rng.binomial(reported, 0.85)))
        comments = int(rng.poisson(max(posts, 1) * (4.6 if questions else 3.1)))
        rows.append({
            "date": day.isoformat(), "weekday": day.strftime("%A"), "join_requests": requests,
            "approved": approved, "declined": declined, "members": members, "posts": posts,
            "comments": comments, "reported_posts": reported, "removed_posts": removed,
            "questions_on": questions,
        })
        day += timedelta(days=1)
    return pd.DataFrame(rows, columns=COLUMNS)


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
