"""Datasets shipped with the course, and the seeded generators that make them."""

from __future__ import annotations

from pathlib import Path

PAGE_POSTS_CSV = Path(__file__).with_name("page_posts.csv")


def load_page_posts():
    """The NGO page dataset as a pandas DataFrame, with ``posted_at`` as
    Beirut-local timestamps."""
    import pandas as pd

    frame = pd.read_csv(PAGE_POSTS_CSV, keep_default_na=False)
    frame["posted_at"] = pd.to_datetime(frame["posted_at"], utc=True).dt.tz_convert("Asia/Beirut")
    return frame
