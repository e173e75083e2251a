"""Week 2's datasets read for the lessons: small tables the charts, exercises and tests share.

Pure pandas. Engagement is counted as everywhere in the course: engagements = reactions + comments +
shares, and the engagement rate = engagements / reach x 100; link clicks are counted apart, as a
click-through rate (link clicks / reach x 100), because only link posts can get them.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ...data import load_campaign_results, load_comments, load_group_activity, load_page_access
from ...i18n import _

ACCESS_ORDER = ("full", "partial", "task", "community")
CATEGORIES = ("question", "support", "criticism", "abuse", "spam")
#: The day the group's membership questions and rules were switched on.
QUESTIONS_FROM = pd.Timestamp("2025-10-06")


@lru_cache(maxsize=1)
def _access() -> pd.DataFrame:
    return load_page_access()


@lru_cache(maxsize=1)
def _group() -> pd.DataFrame:
    return load_group_activity()


@lru_cache(maxsize=1)
def _comments() -> pd.DataFrame:
    return load_comments()


@lru_cache(maxsize=1)
def _campaign() -> pd.DataFrame:
    return load_campaign_results()


# -- Page access ---------------------------------------------------------------------------------
def access_list() -> pd.DataFrame:
    """The Page access list with ``access_label`` in the current language."""
    frame = _access().copy()
    frame["access_label"] = frame["access"].map(lambda a: _(f"w2.access.{a}"))
    return frame


def access_counts() -> pd.DataFrame:
    """People per access level (rows in :data:`ACCESS_ORDER`), split into ``on_team`` and ``left``."""
    frame = _access()
    table = pd.crosstab(frame["access"], frame["on_team"]).reindex(list(ACCESS_ORDER), fill_value=0)
    return pd.DataFrame({"on_team": table.get(True, 0), "left": table.get(False, 0)})


def left_with_access() -> int:
    """People who left the team but still have access."""
    return int((~_access()["on_team"]).sum())


# -- the group -----------------------------------------------------------------------------------
def group_weeks() -> pd.DataFrame:
    """The group's activity per week (weeks start on Monday): sums of each count, ``questions_on`` for weeks
    after the change, and ``comments_per_post``."""
    frame = _group()
    weeks = frame.groupby(frame["date"].dt.to_period("W-SUN").dt.start_time).agg(
        join_requests=("join_requests", "sum"), declined=("declined", "sum"), posts=("posts", "sum"),
        comments=("comments", "sum"), reported_posts=("reported_posts", "sum"),
        questions_on=("questions_on", "all"), days=("date", "size"))
    weeks["comments_per_post"] = weeks["comments"] / weeks["posts"]
    return weeks[weeks["days"] == 7]


def group_before_after() -> pd.DataFrame:
    """Average per full week before and after the membership questions (index ``before``, ``after``)."""
    weeks = group_weeks()
    table = weeks.groupby("questions_on")[["join_requests", "declined", "reported_posts", "comments_per_post"]].mean()
    return table.rename(index={False: "before", True: "after"}).reindex(["before", "after"])


# -- comments ------------------------------------------------------------------------------------
def comments() -> pd.DataFrame:
    """The comments with ``category_label`` and ``language_name`` in the current language."""
    frame = _comments().copy()
    frame["category_label"] = frame["category"].map(lambda c: _(f"w2.data.category.{c}"))
    frame["language_name"] = frame["language"].map(lambda code: _(f"w2.data.language.{code}"))
    return frame


def comments_by_category() -> pd.DataFrame:
    """Per kind of comment (in :data:`CATEGORIES` order): comments, replied, unanswered and median hours."""
    frame = _comments()
    table = frame.groupby("category").agg(comments=("comment_id", "size"), replied=("replied", "sum"),
                                          hours=("reply_hours", "median"))
    table["unanswered"] = table["comments"] - table["replied"]
    return table.reindex(list(CATEGORIES))


def replied_comments() -> pd.DataFrame:
    """Comments the Page replied to, labelled, in category order (for the reply-time explorer)."""
    frame = comments()
    frame = frame[frame["replied"]]
    order = frame["category"].map(list(CATEGORIES).index)
    return frame.assign(_o=order).sort_values(["_o", "posted_at"]).drop(columns="_o")


# -- campaign ------------------------------------------------------------------------------------
def campaign() -> pd.DataFrame:
    """Campaign rows with ``engagements``, ``engagement_rate``, ``ctr`` (click-through rate, %) and labels."""
    frame = _campaign().copy()
    frame["engagements"] = frame["reactions"] + frame["comments"] + frame["shares"]
    frame["engagement_rate"] = frame["engagements"] / frame["reach"] * 100
    frame["ctr"] = frame["link_clicks"] / frame["reach"] * 100
    frame["delivery_label"] = frame["delivery"].map(lambda d: _(f"w2.data.delivery.{d}"))
    frame["format_label"] = frame["format"].map(lambda f: _(f"w2.data.format.{f}"))
    return frame.sort_values(["delivery", "date", "post_id"], ascending=[True, True, True], kind="stable")


def organic_by_day() -> pd.Series:
    """Organic reach per day of the campaign (days with posts only)."""
    frame = _campaign()
    return frame[frame["delivery"] == "organic"].groupby("date")["reach"].sum()


def paid_and_organic() -> pd.DataFrame:
    """Per delivery (``organic``, ``paid``): rows, reach, spend, engagements, link clicks, average reach per row,
    engagement rate and click-through rate on link rows (each rate over the summed reach)."""
    frame = campaign()
    table = frame.groupby("delivery").agg(rows=("post_id", "size"), reach=("reach", "sum"),
                                          spend=("spend_usd", "sum"), engagements=("engagements", "sum"))
    links = frame[frame["format"] == "link"].groupby("delivery").agg(clicks=("link_clicks", "sum"),
                                                                      link_reach=("reach", "sum"))
    table = table.join(links)
    table["reach_per_row"] = table["reach"] / table["rows"]
    table["engagement_rate"] = table["engagements"] / table["reach"] * 100
    table["ctr"] = table["clicks"] / table["link_reach"] * 100
    return table.reindex(["organic", "paid"])


def reach_by_week() -> pd.DataFrame:
    """Reach per campaign week (1-4, weeks from Monday 2 March) split into ``organic`` and ``paid``."""
    frame = _campaign()
    week = (frame["date"] - pd.Timestamp("2026-03-02")).dt.days // 7 + 1
    return frame.pivot_table(index=week, columns="delivery", values="reach", aggfunc="sum").fillna(0).astype(int)


def cost_per_click() -> float:
    """Money spent on link posts' paid rows divided by their link clicks, in US dollars."""
    frame = _campaign()
    paid = frame[(frame["delivery"] == "paid") & (frame["format"] == "link")]
    return float(paid["spend_usd"].sum() / paid["link_clicks"].sum())


def signups_by_destination() -> pd.DataFrame:
    """Per form (``lead_form``, ``web_form``): reach, sign-ups, people who came, sign-ups per 1,000 reached and
    the share (%) of sign-ups who came."""
    frame = _campaign()
    frame = frame[frame["destination"].isin(["lead_form", "web_form"])]
    table = frame.groupby("destination")[["reach", "signups", "attended"]].sum().reindex(["lead_form", "web_form"])
    table["per_thousand"] = table["signups"] / table["reach"] * 1000
    table["came"] = table["attended"] / table["signups"] * 100
    return table
