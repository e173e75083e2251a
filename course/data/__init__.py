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


X_POSTS_CSV = Path(__file__).with_name("x_posts.csv")
YOUTUBE_VIDEOS_CSV = Path(__file__).with_name("youtube_videos.csv")
YOUTUBE_RETENTION_CSV = Path(__file__).with_name("youtube_retention.csv")
PARTNER_ACCOUNTS_CSV = Path(__file__).with_name("partner_accounts.csv")


def load_x_posts():
    """The X campaign dataset as a pandas DataFrame, with ``posted_at`` as Beirut-local timestamps."""
    import pandas as pd

    frame = pd.read_csv(X_POSTS_CSV, keep_default_na=False)
    frame["posted_at"] = pd.to_datetime(frame["posted_at"], utc=True).dt.tz_convert("Asia/Beirut")
    return frame


def load_youtube_videos():
    """The YouTube channel's videos (one row each, with views by traffic source)."""
    import pandas as pd

    return pd.read_csv(YOUTUBE_VIDEOS_CSV, keep_default_na=False, parse_dates=["published"])


def load_youtube_retention():
    """Each video's audience retention curve: % of viewers still watching at each 5 % of the video."""
    import pandas as pd

    return pd.read_csv(YOUTUBE_RETENTION_CSV)


def load_partner_accounts():
    """Candidate partner accounts for a youth campaign: followers, engagement rate and audience fit."""
    import pandas as pd

    return pd.read_csv(PARTNER_ACCOUNTS_CSV, keep_default_na=False)


BLOG_VISITS_CSV = Path(__file__).with_name("blog_visits.csv")
CAMPAIGN_WEEKS_CSV = Path(__file__).with_name("campaign_weeks.csv")


def load_blog_visits():
    """Visits to the NGO's blog during its campaign (week 4), one row per visit; ``date`` as dates."""
    import pandas as pd

    frame = pd.read_csv(BLOG_VISITS_CSV, keep_default_na=False)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def load_campaign_weeks():
    """Eight weeks of the campaign's results, one row per week and channel (week 4)."""
    import pandas as pd

    frame = pd.read_csv(CAMPAIGN_WEEKS_CSV, keep_default_na=False)
    frame["week_start"] = pd.to_datetime(frame["week_start"])
    return frame
