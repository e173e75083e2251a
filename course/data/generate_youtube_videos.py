"""Generate the practice dataset of a fictional youth NGO's YouTube channel.

Run ``python -m course.data.generate_youtube_videos`` to (re)write
``course/data/youtube_videos.csv`` (one row per video, with its traffic
sources) and ``course/data/youtube_retention.csv`` (each video's audience
retention curve). The output depends only on ``SEED``: the same seed gives
the same bytes. All names, titles and numbers are invented.

The channel is Bukra Youth Collective's (the fictional Beirut organisation of
weeks 1 and 3), January 2024 to November 2025. How the numbers are made (so
lessons can discover it in the data):
every curve starts at 100 % and loses viewers fastest in the first moments;
Shorts keep most of their viewers, testimonials more than explainers, and
recorded events (long panels) lose most of theirs; the average percentage
viewed is the average height of the curve. Shorts get most of their views
from the Shorts feed; explainers from YouTube search; testimonials from
outside YouTube (links shared in messaging apps and on X) and from suggested
videos; events from outside links and the channel page. Captions are on most
videos except some event recordings.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_output import write_table

SEED = 20240315
START = date(2024, 1, 10)
N_VIDEOS = 36
OUTPUT = Path(__file__).with_name("youtube_videos.csv")
RETENTION_OUTPUT = Path(__file__).with_name("youtube_retention.csv")

COLUMNS = [
    "video_id", "published", "kind", "title", "duration_s", "captions", "views", "avg_view_pct",
    "likes", "comments", "subscribers_gained", "from_search", "from_suggested", "from_browse",
    "from_external", "from_shorts_feed", "from_other",
]
RETENTION_COLUMNS = ["video_id", "position_pct", "audience_pct"]
SOURCES = ["search", "suggested", "browse", "external", "shorts_feed", "other"]
POSITIONS = list(range(0, 101, 5))

KINDS = ["testimonial", "explainer", "event", "short"]
KIND_COUNT = {"testimonial": 10, "explainer": 10, "event": 6, "short": 10}
DURATION = {"testimonial": (90, 240), "explainer": (180, 480), "event": (900, 2700), "short": (20, 170)}
LOG_VIEWS = {"testimonial": 7.0, "explainer": 6.9, "event": 5.6, "short": 7.9}
# retention: share lost in the first 5 % of the video, then decay over the rest
EARLY_DROP = {"testimonial": 0.18, "explainer": 0.3, "event": 0.42, "short": 0.06}
DECAY = {"testimonial": 0.55, "explainer": 0.95, "event": 1.7, "short": 0.3}
# share of views by traffic source (search, suggested, browse, external, shorts feed, other)
SOURCE_SHARE = {
    "testimonial": [0.12, 0.3, 0.1, 0.38, 0.0, 0.1],
    "explainer": [0.42, 0.22, 0.1, 0.16, 0.0, 0.1],
    "event": [0.08, 0.12, 0.08, 0.47, 0.0, 0.25],
    "short": [0.03, 0.05, 0.04, 0.06, 0.78, 0.04],
}
TITLES = {
    "testimonial": ["Rana, 22: the coding club I wish I had", "Samir, 19: our street, cleaned by us",
                    "Maya's first vote", "Youssef: from volunteer to trainer", "Lina: why I walk home with friends",
                    "Karim, 17: the night the lights came on", "Nour: learning sign language at 20",
                    "Hadi: football every Friday, whoever you are", "Salma: my first petition",
                    "Omar, 24: fixing the school roof"],
    "explainer": ["How a municipal council works, in 4 minutes", "Two-step login, step by step",
                  "Spot a fake link before you click", "How to write a petition that gets read",
                  "Your rights at a peaceful protest", "Check a photo before you share it",
                  "Safe streets: what the law says", "Start a youth club in your neighbourhood",
                  "Save water at home: three habits", "What is a truth sandwich?"],
    "event": ["Youth forum on safe streets (full recording)", "Panel: young women in tech",
              "Town hall with the municipality", "Climate evening: talks and questions",
              "Volunteer awards night 2024", "Media literacy day (full recording)"],
    "short": ["Is this photo from today? Check in 20 seconds", "One hashtag, written right",
              "Beach clean-up in 30 seconds", "Three words that stop a rumour", "Our rooftop garden",
              "Why we light the streets", "Sign up to volunteer", "What happens at a town hall",
              "A minute with our peer listeners", "Two-step login in one minute"],
}


def _curve(rng: np.random.Generator, kind: str) -> list[float]:
    """Audience retention (% of viewers still watching) at each position of the video."""
    drop = min(0.6, max(0.02, EARLY_DROP[kind] + rng.normal(0.0, 0.04)))
    decay = max(0.1, DECAY[kind] * float(np.exp(rng.normal(0.0, 0.15))))
    values = []
    for position in POSITIONS:
        early = drop * min(position / 5.0, 1.0)
        value = 100.0 * (1.0 - early) * float(np.exp(-decay * max(position - 5, 0) / 100.0))
        if position > 0:
            value += rng.normal(0.0, 0.8)
        values.append(round(min(100.0, max(1.0, value)), 1))
    values[0] = 100.0
    for i in range(1, len(values)):   # the audience never grows back above where it was, bar noise
        values[i] = min(values[i], values[i - 1] + 1.0)
    return values


def _average(curve: list[float]) -> float:
    """Average percentage viewed: the average height of the retention curve (trapezoids)."""
    return round(sum((a + b) / 2 for a, b in zip(curve, curve[1:])) / (len(curve) - 1), 1)


def generate(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build (videos, retention); the same seed always gives the same tables."""
    rng = np.random.default_rng(seed)
    kinds = [k for k in KINDS for _ in range(KIND_COUNT[k])]
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    used = {k: 0 for k in KINDS}
    rows, retention = [], []
    day = START
    for number, kind in enumerate(kinds, start=1):
        video_id = f"V{number:03d}"
        title = TITLES[kind][used[kind]]
        used[kind] += 1
        low, high = DURATION[kind]
        duration = int(rng.integers(low, high + 1))
        curve = _curve(rng, kind)
        average = _average(curve)
        views = max(60, int(round(float(np.exp(LOG_VIEWS[kind] + rng.normal(0.0, 0.6))))))
        share = np.asarray(SOURCE_SHARE[kind]) * np.exp(rng.normal(0.0, 0.2, len(SOURCES)))
        split = rng.multinomial(views, share / share.sum())
        captions = bool(rng.random() < (0.5 if kind == "event" else 0.92))
        likes = int(rng.binomial(views, 0.035 if kind == "short" else 0.045))
        comments = int(rng.binomial(views, 0.003 if kind == "short" else 0.006))
        gained = int(rng.binomial(views, 0.004 if kind == "short" else 0.008))
        rows.append({"video_id": video_id, "published": day.isoformat(), "kind": kind, "title": title,
                     "duration_s": duration, "captions": captions, "views": views, "avg_view_pct": average,
                     "likes": likes, "comments": comments, "subscribers_gained": gained,
                     **{f"from_{s}": int(n) for s, n in zip(SOURCES, split)}})
        retention += [{"video_id": video_id, "position_pct": p, "audience_pct": v} for p, v in zip(POSITIONS, curve)]
        day += timedelta(days=int(rng.integers(12, 24)))
    return pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame(retention, columns=RETENTION_COLUMNS)


def write_csv(path: Path | str = OUTPUT, retention_path: Path | str = RETENTION_OUTPUT,
              seed: int = SEED) -> tuple[Path, Path]:
    """Write both tables as UTF-8 CSV with fixed formatting; return their paths."""
    videos, retention = generate(seed)
    path, retention_path = Path(path), Path(retention_path)
    write_table(videos, path, float_format="%.1f")
    write_table(retention, retention_path, float_format="%.1f")
    return path, retention_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the videos CSV")
    parser.add_argument("--retention-out", type=Path, default=RETENTION_OUTPUT,
                        help="where to write the retention CSV")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed")
    args = parser.parse_args(argv)
    write_csv(args.out, args.retention_out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
