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


# -- week 2: groups and Pages ---------------------------------------------------------------------
GROUP_ACTIVITY_CSV = Path(__file__).with_name("group_activity.csv")
PAGE_ACCESS_CSV = Path(__file__).with_name("page_access.csv")
COMMENTS_CSV = Path(__file__).with_name("comments.csv")
CAMPAIGN_RESULTS_CSV = Path(__file__).with_name("campaign_results.csv")


def load_group_activity():
    """A volunteers' group, one row a day (``date`` as a date)."""
    import pandas as pd

    frame = pd.read_csv(GROUP_ACTIVITY_CSV)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def load_page_access():
    """Who has access to a Page, for an audit (``last_active`` as a date)."""
    import pandas as pd

    frame = pd.read_csv(PAGE_ACCESS_CSV, keep_default_na=False)
    frame["last_active"] = pd.to_datetime(frame["last_active"])
    return frame


def load_comments():
    """Comments to moderate (``posted_at`` Beirut-local; ``reply_hours`` empty when nobody replied)."""
    import pandas as pd

    frame = pd.read_csv(COMMENTS_CSV, keep_default_na=False)
    frame["posted_at"] = pd.to_datetime(frame["posted_at"], utc=True).dt.tz_convert("Asia/Beirut")
    frame["reply_hours"] = pd.to_numeric(frame["reply_hours"].replace("", None))
    return frame


def load_campaign_results():
    """A month's campaign results, one organic row per post and one paid row per boost or lead ad."""
    import pandas as pd

    frame = pd.read_csv(CAMPAIGN_RESULTS_CSV, keep_default_na=False)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
