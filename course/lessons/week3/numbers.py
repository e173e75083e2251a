"""Week 3's datasets read for the lessons: an X campaign, a YouTube channel, candidate partner accounts.

Pure pandas: every function returns a small table, so the charts
(:mod:`.charts`), the exercises and the tests read the same numbers.

On X, which reports impressions and not reach, the course's **engagements**
are likes + replies + reposts + quotes, and the **engagement rate** is
engagements / impressions x 100. X's own "engagements" figure also counts
link clicks, profile visits and detail expands; :func:`x_posts` keeps both,
so a lesson can show how far apart they are.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ...data import load_partner_accounts, load_x_posts, load_youtube_retention, load_youtube_videos
from ...i18n import _

FORMATS = ("post", "thread", "quote", "reply")
MEDIA = ("text", "image", "video", "link")
TOPICS = ("campaign", "event", "story", "correction")
VIDEO_KINDS = ("short", "testimonial", "explainer", "event")
LONG_KINDS = ("testimonial", "explainer", "event")
SOURCES = ("search", "suggested", "browse", "external", "shorts_feed", "other")
#: The week the false rumour about the campaign started (Monday, Beirut time).
RUMOUR_WEEK = "2025-10-20"
#: How many of the largest accounts the partner chart compares.
BIGGEST = 8


@lru_cache(maxsize=1)
def _x_raw() -> pd.DataFrame:
    return load_x_posts()


def x_posts() -> pd.DataFrame:
    """The campaign's posts with ``engagements``, ``engagement_rate`` (course), ``x_engagements`` and
    ``x_rate`` (X's own wider count), ``visits_per_1000``, and labels ``format_name``, ``media_name``,
    ``topic_name``, ``language_name`` in the current language."""
    frame = _x_raw().copy()
    frame["engagements"] = frame["likes"] + frame["replies"] + frame["reposts"] + frame["quotes"]
    frame["engagement_rate"] = frame["engagements"] / frame["impressions"] * 100
    frame["x_engagements"] = (frame["engagements"] + frame["link_clicks"] + frame["profile_visits"]
                              + frame["detail_expands"])
    frame["x_rate"] = frame["x_engagements"] / frame["impressions"] * 100
    frame["visits_per_1000"] = frame["profile_visits"] / frame["impressions"] * 1000
    frame["format_name"] = frame["format"].map(lambda f: _(f"w3.data.format.{f}"))
    frame["media_name"] = frame["media"].map(lambda m: _(f"w3.data.media.{m}"))
    frame["topic_name"] = frame["topic"].map(lambda t: _(f"w3.data.topic.{t}"))
    frame["language_name"] = frame["language"].map(lambda code: _(f"w1.data.language.{code}"))
    order = frame["format"].map(FORMATS.index) * 10 + frame["media"].map(MEDIA.index)
    return frame.assign(_o=order).sort_values(["_o", "posted_at"]).drop(columns="_o")


def by_format(frame: pd.DataFrame) -> pd.DataFrame:
    """Per format (post, thread, quote, reply): posts, average impressions, average engagement rate,
    profile visits per 1,000 impressions."""
    groups = frame.groupby("format")
    table = groups.agg(posts=("post_id", "size"), impressions=("impressions", "mean"),
                       rate=("engagement_rate", "mean"))
    table["visits_per_1000"] = groups["profile_visits"].sum() / groups["impressions"].sum() * 1000
    return table.reindex(list(FORMATS))


def by_media(frame: pd.DataFrame) -> pd.DataFrame:
    """Per media (text, image, video, link): posts, the course's average engagement rate and X's."""
    table = frame.groupby("media").agg(posts=("post_id", "size"), rate=("engagement_rate", "mean"),
                                       x_rate=("x_rate", "mean"))
    return table.reindex(list(MEDIA))


def replies_by_week(frame: pd.DataFrame) -> pd.DataFrame:
    """Per week (Monday, as YYYY-MM-DD): posts, impressions, replies and replies per 1,000 impressions."""
    local = frame["posted_at"].dt.tz_localize(None).dt.normalize()
    week = (local - pd.to_timedelta(local.dt.weekday, unit="D")).dt.strftime("%Y-%m-%d")
    table = frame.assign(week=week).groupby("week").agg(
        posts=("post_id", "size"), impressions=("impressions", "sum"), replies=("replies", "sum"))
    table["per_1000"] = table["replies"] / table["impressions"] * 1000
    return table.sort_index()


def engagement_rate_on_x(likes: int, replies: int, reposts: int, quotes: int, impressions: int) -> float:
    """The course's engagement rate on X, in %: (likes + replies + reposts + quotes) / impressions x 100."""
    return (likes + replies + reposts + quotes) / impressions * 100


# -- YouTube ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _videos_raw() -> pd.DataFrame:
    return load_youtube_videos()


def videos() -> pd.DataFrame:
    """The channel's videos with ``kind_name`` and, per traffic source, ``share_<source>`` (% of its views)."""
    frame = _videos_raw().copy()
    frame["kind_name"] = frame["kind"].map(lambda k: _(f"w3.data.kind.{k}"))
    for source in SOURCES:
        frame[f"share_{source}"] = frame[f"from_{source}"] / frame["views"] * 100
    return frame.assign(_o=frame["kind"].map(VIDEO_KINDS.index)).sort_values(["_o", "video_id"]).drop(columns="_o")


def retention_by_kind() -> pd.DataFrame:
    """Average audience retention (%) at each 5 % of the video (rows), one column per kind of video."""
    curves = load_youtube_retention().merge(_videos_raw()[["video_id", "kind"]], on="video_id")
    table = curves.pivot_table(index="position_pct", columns="kind", values="audience_pct", aggfunc="mean")
    return table[list(VIDEO_KINDS)]


def traffic_by_kind() -> pd.DataFrame:
    """Share of each kind's views (%) by traffic source: kinds as rows, sources as columns."""
    frame = _videos_raw()
    totals = frame.groupby("kind")[[f"from_{s}" for s in SOURCES]].sum()
    shares = totals.div(totals.sum(axis=1), axis=0) * 100
    shares.columns = list(SOURCES)
    return shares.reindex(list(VIDEO_KINDS))


def watched_by_kind() -> pd.DataFrame:
    """Per kind of long video: videos, average percentage viewed, average views, average length (min)."""
    frame = _videos_raw()
    frame = frame[frame["kind"].isin(LONG_KINDS)]
    table = frame.groupby("kind").agg(videos=("video_id", "size"), watched=("avg_view_pct", "mean"),
                                      views=("views", "mean"), minutes=("duration_s", "mean"))
    table["minutes"] = table["minutes"] / 60
    return table.reindex(list(LONG_KINDS))


# -- partner accounts ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _accounts_raw() -> pd.DataFrame:
    return load_partner_accounts()


def engaged_audience(followers: float, engagement_rate: float, audience_fit: float) -> float:
    """Engaged people of the campaign's audience per post: followers x rate % x fit %."""
    return followers * engagement_rate / 100 * audience_fit / 100


def accounts() -> pd.DataFrame:
    """The candidate accounts with ``engaged`` (engaged people of the campaign's audience per post),
    most followers first."""
    frame = _accounts_raw().copy()
    frame["engaged"] = engaged_audience(frame["followers"], frame["engagement_rate"], frame["audience_fit"])
    return frame.sort_values("followers", ascending=False).reset_index(drop=True)


def biggest_accounts(count: int = BIGGEST) -> pd.DataFrame:
    """The ``count`` accounts with the most followers."""
    return accounts().head(count)
