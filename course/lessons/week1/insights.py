"""The page dataset read for lessons 3 and 4: engagement rates by hashtags, post type, day and time.

Pure pandas: every function takes the posts table and returns a small table,
so the charts (:mod:`.charts`) and the tests read the same numbers.

Engagement here is reactions + comments + shares, and the engagement rate is
engagements / reach x 100 for each post (one of several usual definitions; it
leaves out link clicks, which only link posts can get). Boosted posts are
left out of rate comparisons: paid reach brings many people who engage less,
which would make a comparison about hashtags or hours a comparison about money.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ...data import load_page_posts
from ...i18n import _

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
POST_TYPES = ("photo", "video", "live", "text", "link")
#: Number of hashtags in a post -> group.
HASHTAG_GROUPS = ((0, 0, "none"), (1, 2, "few"), (3, 5, "some"), (6, 99, "many"))
#: Hours of the day (local) -> part of the day.
TIMES_OF_DAY = ((8, 11, "morning"), (12, 15, "midday"), (16, 19, "afternoon"), (20, 23, "evening"))
#: Squares of the heatmap with fewer posts than this are left blank.
MIN_POSTS_PER_SQUARE = 3


@lru_cache(maxsize=1)
def _raw() -> pd.DataFrame:
    return load_page_posts()


def _group(value: int, groups) -> str:
    return next(name for low, high, name in groups if low <= value <= high)


def posts(include_paid: bool = False) -> pd.DataFrame:
    """The page's posts with engagement columns and labels in the current language.

    Added columns: ``engagements``, ``engagement_rate`` (%), ``hashtag_group``,
    ``time_of_day`` and ``hour_block`` (codes), and the labels ``day``,
    ``type``, ``language_name``, ``hashtags_label``, ``time_label``, ``hours``.
    Rows are in weekday-then-hour order, so charts list days and hours in order.
    """
    frame = _raw().copy()
    if not include_paid:
        frame = frame[~frame["paid"]]
    frame["engagements"] = frame["reactions"] + frame["comments"] + frame["shares"]
    frame["engagement_rate"] = frame["engagements"] / frame["reach"] * 100
    frame["hashtag_group"] = frame["n_hashtags"].map(lambda n: _group(n, HASHTAG_GROUPS))
    frame["time_of_day"] = frame["hour"].map(lambda h: _group(h, TIMES_OF_DAY))
    frame["hour_block"] = frame["hour"] // 2 * 2
    frame["day"] = frame["weekday"].map(lambda d: _(f"w1.data.day.{d}"))
    frame["type"] = frame["post_type"].map(lambda t: _(f"w1.data.type.{t}"))
    frame["language_name"] = frame["language"].map(lambda code: _(f"w1.data.language.{code}"))
    frame["hashtags_label"] = frame["hashtag_group"].map(lambda g: _(f"w1.data.hashtags.{g}"))
    frame["time_label"] = frame["time_of_day"].map(lambda t: _(f"w1.data.time.{t}"))
    frame["hours"] = frame["hour_block"].map(lambda h: f"{h:02d}–{h + 1:02d}")
    order = frame["weekday"].map(WEEKDAYS.index) * 100 + frame["hour"]
    return frame.assign(_order=order).sort_values(["_order", "posted_at"]).drop(columns="_order")


def by_hashtag_group(frame: pd.DataFrame) -> pd.DataFrame:
    """Per hashtag group (none, few, some, many): posts and average engagement rate, in that order."""
    table = frame.groupby("hashtag_group").agg(posts=("post_id", "size"), rate=("engagement_rate", "mean"))
    return table.reindex([name for _lo, _hi, name in HASHTAG_GROUPS]).dropna()


def by_post_type(frame: pd.DataFrame) -> pd.DataFrame:
    """Per post type: posts, average engagement rate and average reach, best rate first."""
    table = frame.groupby("post_type").agg(posts=("post_id", "size"), rate=("engagement_rate", "mean"),
                                          reach=("reach", "mean"))
    return table.sort_values("rate", ascending=False)


def top_hashtags(frame: pd.DataFrame, min_posts: int = 20) -> pd.DataFrame:
    """Hashtags used in at least ``min_posts`` posts: posts and average engagement rate, most used first."""
    tags = frame.assign(tag=frame["hashtags"].str.split()).explode("tag")
    tags = tags[tags["tag"].notna() & (tags["tag"] != "")]
    table = tags.groupby("tag").agg(posts=("post_id", "size"), rate=("engagement_rate", "mean"))
    table = table[table["posts"] >= min_posts]
    return table.sort_values(["posts", "rate"], ascending=[False, False])


def by_time_of_day(frame: pd.DataFrame) -> pd.Series:
    """Average engagement rate per part of the day, morning to evening."""
    return frame.groupby("time_of_day")["engagement_rate"].mean().reindex(
        [name for _lo, _hi, name in TIMES_OF_DAY])


def by_weekday(frame: pd.DataFrame) -> pd.Series:
    """Average engagement rate per day of the week, Monday to Sunday."""
    return frame.groupby("weekday")["engagement_rate"].mean().reindex(list(WEEKDAYS))


def heatmap_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(average rate, number of posts), each a weekday x two-hour-block table; a square with fewer
    than :data:`MIN_POSTS_PER_SQUARE` posts has no average."""
    rate = frame.pivot_table(index="weekday", columns="hour_block", values="engagement_rate",
                             aggfunc="mean").reindex(list(WEEKDAYS))
    count = frame.pivot_table(index="weekday", columns="hour_block", values="post_id",
                              aggfunc="size").reindex(list(WEEKDAYS)).fillna(0).astype(int)
    return rate.where(count >= MIN_POSTS_PER_SQUARE), count


def engagement_rate(reactions: int, comments: int, shares: int, reach: int) -> float:
    """Engagement rate by reach, in %."""
    return (reactions + comments + shares) / reach * 100
