"""The week's two datasets read for the lessons: the blog's visits and the campaign's eight weeks.

Pure pandas: every function takes a table and returns a small table, so the
charts (:mod:`.charts`), the exercises and the tests read the same numbers.

As everywhere in the course, engagements are reactions + comments + shares
(link clicks are counted separately), and the engagement rate is
engagements / reach x 100.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ...data import load_blog_visits, load_campaign_weeks
from ...data.generate_campaign_weeks import TARGET_SIGNUPS
from ...i18n import _

POSTS = ("school-water-survey-2025", "five-ways-parents-can-act", "rania-volunteer-story",
         "policy-brief-summary", "our-news-september")
KINDS = ("search", "social", "direct")
CHANNELS = ("facebook", "instagram", "x", "newsletter")
__all__ = ["TARGET_SIGNUPS"]


@lru_cache(maxsize=1)
def _visits() -> pd.DataFrame:
    return load_blog_visits()


@lru_cache(maxsize=1)
def _weeks() -> pd.DataFrame:
    return load_campaign_weeks()


def kind_of(source: str) -> str:
    """``search`` (a search engine), ``direct`` (typed or bookmarked) or ``social`` (social media, email, chat)."""
    return {"google": "search", "(direct)": "direct"}.get(source.lower(), "social")


def visits() -> pd.DataFrame:
    """The blog's visits with labels in the current language and columns to count with.

    Added: ``visits`` (1 per row), ``kind`` (search, social, direct), ``post_label``, ``device_label``,
    ``week_label``, ``read_pct`` and ``signed_pct`` (0 or 100, so a mean is a percentage)."""
    frame = _visits().copy()
    frame["visits"] = 1
    frame["kind"] = frame["source"].map(kind_of)
    frame["post_label"] = frame["post"].map(lambda p: _(f"w4.data.post.{p}"))
    frame["device_label"] = frame["device"].map(lambda d: _(f"w4.data.device.{d}"))
    frame["week_label"] = frame["week"].map(lambda n: _("w4.data.week", n=n))
    frame["read_pct"] = frame["read_to_end"].astype(int) * 100
    frame["signed_pct"] = frame["signed_up"].astype(int) * 100
    return frame


def weekly_by_kind(frame: pd.DataFrame) -> pd.DataFrame:
    """Visits per week (rows 1-8) and kind of source (columns search, social, direct)."""
    return frame.pivot_table(index="week", columns="kind", values="visits", aggfunc="sum").reindex(
        columns=list(KINDS)).fillna(0).astype(int)


def read_to_end_by_post(frame: pd.DataFrame) -> pd.Series:
    """Share (%) of each post's visits that read to the end, highest first."""
    return (frame.groupby("post")["read_to_end"].mean() * 100).sort_values(ascending=False)


def search_share_by_post(frame: pd.DataFrame) -> pd.Series:
    """Share (%) of each post's visits that came from a search engine, highest first."""
    return (frame.assign(s=frame["kind"].eq("search")).groupby("post")["s"].mean() * 100).sort_values(
        ascending=False)


def visits_by_source(frame: pd.DataFrame) -> pd.Series:
    """Visits per source exactly as the analytics records it (``Facebook`` and ``facebook`` apart), most first."""
    return frame["source"].value_counts()


def funnel(frame: pd.DataFrame) -> pd.Series:
    """Visits, sign-ups and donations: the steps of the funnel."""
    return pd.Series({"visits": len(frame), "signed_up": int(frame["signed_up"].sum()),
                      "donated": int(frame["donated"].sum())})


def by_source(frame: pd.DataFrame, lowercase: bool = True) -> pd.DataFrame:
    """Per source (spellings merged unless ``lowercase`` is False): visits, sign-ups, sign-up rate (%)."""
    key = frame["source"].str.lower() if lowercase else frame["source"]
    table = frame.groupby(key).agg(visits=("visits", "sum"), signups=("signed_up", "sum"))
    table["rate"] = table["signups"] / table["visits"] * 100
    return table.sort_values("signups", ascending=False)


def weeks() -> pd.DataFrame:
    """The campaign's weekly results with engagements, engagement rate (%) and labels."""
    frame = _weeks().copy()
    frame["engagements"] = frame["reactions"] + frame["comments"] + frame["shares"]
    frame["engagement_rate"] = frame["engagements"] / frame["reach"] * 100
    frame["channel_label"] = frame["channel"].map(lambda c: _(f"w4.data.channel.{c}"))
    frame["week_label"] = frame["week"].map(lambda n: _("w4.data.week", n=n))
    return frame


def channel_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per channel over the eight weeks: reach, engagements, link clicks, sign-ups, engagement rate (%)
    and sign-ups per 1,000 people reached, in the order of :data:`CHANNELS`."""
    table = frame.groupby("channel")[["reach", "engagements", "link_clicks", "signups"]].sum().reindex(
        list(CHANNELS))
    table["rate"] = table["engagements"] / table["reach"] * 100
    table["per_thousand"] = table["signups"] / table["reach"] * 1000
    return table


def cumulative_signups(frame: pd.DataFrame) -> pd.Series:
    """Sign-ups from all channels added up week by week (weeks 1-8)."""
    return frame.groupby("week")["signups"].sum().cumsum()


def on_track(week: int, weeks_total: int = 8, target: int = TARGET_SIGNUPS) -> float:
    """Sign-ups needed by the end of ``week`` to reach ``target`` at an even pace."""
    return target * week / weeks_total


def engagement_rate(reactions: int, comments: int, shares: int, reach: int) -> float:
    """Engagement rate by reach, in %."""
    return (reactions + comments + shares) / reach * 100
