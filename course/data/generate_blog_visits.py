"""Generate the practice dataset of visits to a fictional youth NGO's blog during a campaign.

Run ``python -m course.data.generate_blog_visits`` to (re)write
``course/data/blog_visits.csv``. The output depends only on ``SEED``: the same
seed gives the same bytes. All names, pages and numbers are invented.

One row per visit to the blog of Bukra Youth Collective during the eight
weeks of its *safe water in schools* campaign (1 September to 26 October
2025). How the numbers are made (so lessons can discover it in the data):

- visits from search engines grow slowly and steadily, above all to the post
  whose headline says what it holds (the survey results); visits from social
  media come in bursts in the weeks a post is shared, then fade;
- the team's links carry UTM parameters, but some volunteers typed
  ``utm_source=Facebook`` with a capital F, so the analytics lists
  ``Facebook`` and ``facebook`` as two sources (about a third of Facebook
  visits carry the capital);
- the funnel: a visit may end in a petition sign-up, and a sign-up in a
  donation (nobody donates without signing first). The newsletter and
  WhatsApp bring few visits that sign up often; Instagram many visits that
  rarely do;
- short, plainly written posts are read to the end more often than the
  long, dense policy summary, on phones even more than on computers.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20250901
START = date(2025, 9, 1)
WEEKS = 8
OUTPUT = Path(__file__).with_name("blog_visits.csv")

COLUMNS = ["visit_id", "date", "week", "post", "source", "medium", "campaign", "device",
           "read_to_end", "signed_up", "donated"]

#: post slug -> (share of search visits, base chance of reading to the end, week it was published)
POSTS = {
    "school-water-survey-2025": (0.40, 0.42, 1),
    "five-ways-parents-can-act": (0.22, 0.58, 2),
    "rania-volunteer-story": (0.14, 0.55, 4),
    "policy-brief-summary": (0.14, 0.18, 3),
    "our-news-september": (0.10, 0.25, 1),
}

#: source -> (medium, campaign tag, visits per share-burst, sign-up chance)
SOURCES = {
    "facebook": ("social", "school_water", 95, 0.07),
    "instagram": ("social", "school_water", 70, 0.018),
    "whatsapp": ("messaging", "school_water", 22, 0.14),
    "newsletter": ("email", "school_water", 30, 0.16),
    "google": ("organic", "(not set)", 0, 0.035),
    "(direct)": ("(none)", "(not set)", 0, 0.06),
}
SOCIAL = ["facebook", "instagram", "whatsapp", "newsletter"]
#: Share of Facebook visits whose link was typed with utm_source=Facebook.
CAPITAL_F_SHARE = 0.35
DONATION_CHANCE = 0.2


def _search_visits(week: int) -> float:
    """Average weekly visits from search: slow, steady growth."""
    return 28 + 9 * week


def _direct_visits(week: int) -> float:
    return 18 + 2 * week


def generate(seed: int = SEED) -> pd.DataFrame:
    """The visits table, one row per visit, in date order."""
    rng = np.random.default_rng(seed)
    slugs = list(POSTS)
    search_share = np.array([POSTS[s][0] for s in slugs])
    rows = []
    for week in range(1, WEEKS + 1):
        published = [s for s in slugs if POSTS[s][2] <= week]
        # shared this week: posts published this week get a full burst, older ones fade
        counts: dict[tuple[str, str], int] = {}
        for slug in published:
            age = week - POSTS[slug][2]
            for source in SOCIAL:
                mean = SOURCES[source][2] * (0.45 ** age) * (1.0 if slug != "our-news-september" else 0.5)
                counts[(source, slug)] = int(rng.poisson(mean))
        weights = np.array([search_share[slugs.index(s)] if s in published else 0.0 for s in slugs])
        weights = weights / weights.sum()
        for source, mean in (("google", _search_visits(week)), ("(direct)", _direct_visits(week))):
            total = int(rng.poisson(mean))
            for slug, n in zip(slugs, rng.multinomial(total, weights)):
                if n:
                    counts[(source, slug)] = counts.get((source, slug), 0) + int(n)
        for (source, slug), n in sorted(counts.items(), key=lambda item: (slugs.index(item[0][1]), item[0][0])):
            medium, campaign, _burst, sign_up = SOURCES[source]
            for _ in range(n):
                day = START + timedelta(days=7 * (week - 1) + int(rng.integers(0, 7)))
                mobile = rng.random() < (0.8 if medium in ("social", "messaging") else 0.55)
                read_chance = POSTS[slug][1] * (0.85 if mobile and slug == "policy-brief-summary" else 1.0)
                read = rng.random() < read_chance
                signed = rng.random() < sign_up * (1.6 if read else 0.5)
                donated = signed and rng.random() < DONATION_CHANCE
                shown = source
                if source == "facebook" and rng.random() < CAPITAL_F_SHARE:
                    shown = "Facebook"
                rows.append({"date": day.isoformat(), "week": week, "post": slug, "source": shown,
                             "medium": medium, "campaign": campaign, "device": "mobile" if mobile else "desktop",
                             "read_to_end": bool(read), "signed_up": bool(signed), "donated": bool(donated)})
    frame = pd.DataFrame(rows)
    order = np.lexsort((rng.random(len(frame)), frame["date"].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    frame.insert(0, "visit_id", [f"V{i:05d}" for i in range(1, len(frame) + 1)])
    return frame[COLUMNS]


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path)


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
