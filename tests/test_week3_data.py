"""Tests for week 3's datasets (X campaign posts, a YouTube channel, candidate partner accounts) and their generators."""

import pandas as pd
import pytest

from course.data import (PARTNER_ACCOUNTS_CSV, X_POSTS_CSV, YOUTUBE_RETENTION_CSV, YOUTUBE_VIDEOS_CSV,
                         load_partner_accounts, load_x_posts, load_youtube_retention, load_youtube_videos)
from course.data import generate_partner_accounts, generate_x_posts, generate_youtube_videos

README = (X_POSTS_CSV.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return load_x_posts()


@pytest.fixture(scope="module")
def videos() -> pd.DataFrame:
    return load_youtube_videos()


@pytest.fixture(scope="module")
def retention() -> pd.DataFrame:
    return load_youtube_retention()


@pytest.fixture(scope="module")
def accounts() -> pd.DataFrame:
    return load_partner_accounts()


# -- reproducible byte for byte ------------------------------------------------------------------
def test_x_posts_are_reproduced_byte_for_byte(tmp_path):
    """Does the generator write exactly the shipped X posts, and its command line too?"""
    assert generate_x_posts.write_csv(tmp_path / "a.csv").read_bytes() == X_POSTS_CSV.read_bytes()
    assert generate_x_posts.main(["--out", str(tmp_path / "b.csv")]) == 0
    assert (tmp_path / "b.csv").read_bytes() == X_POSTS_CSV.read_bytes()


def test_youtube_files_are_reproduced_byte_for_byte(tmp_path):
    """Does the generator write exactly the shipped videos and retention files?"""
    videos, curves = generate_youtube_videos.write_csv(tmp_path / "v.csv", tmp_path / "r.csv")
    assert videos.read_bytes() == YOUTUBE_VIDEOS_CSV.read_bytes()
    assert curves.read_bytes() == YOUTUBE_RETENTION_CSV.read_bytes()
    assert generate_youtube_videos.main(["--out", str(tmp_path / "v2.csv"),
                                         "--retention-out", str(tmp_path / "r2.csv")]) == 0
    assert (tmp_path / "r2.csv").read_bytes() == YOUTUBE_RETENTION_CSV.read_bytes()


def test_partner_accounts_are_reproduced_byte_for_byte(tmp_path):
    """Does the generator write exactly the shipped partner accounts?"""
    assert generate_partner_accounts.write_csv(tmp_path / "p.csv").read_bytes() == PARTNER_ACCOUNTS_CSV.read_bytes()
    assert generate_partner_accounts.main(["--out", str(tmp_path / "p2.csv")]) == 0
    assert (tmp_path / "p2.csv").read_bytes() == PARTNER_ACCOUNTS_CSV.read_bytes()


@pytest.mark.parametrize("module,shipped", [(generate_x_posts, X_POSTS_CSV),
                                            (generate_partner_accounts, PARTNER_ACCOUNTS_CSV)])
def test_another_seed_gives_another_file(tmp_path, module, shipped):
    """Does a different seed give different data (so the byte-for-byte tests are not trivially true)?"""
    assert module.write_csv(tmp_path / "other.csv", seed=1).read_bytes() != shipped.read_bytes()


def test_another_seed_gives_another_channel(tmp_path):
    videos, _curves = generate_youtube_videos.write_csv(tmp_path / "v.csv", tmp_path / "r.csv", seed=1)
    assert videos.read_bytes() != YOUTUBE_VIDEOS_CSV.read_bytes()


# -- documented columns ------------------------------------------------------------------------
@pytest.mark.parametrize("loader,columns", [
    (load_x_posts, generate_x_posts.COLUMNS),
    (load_youtube_videos, generate_youtube_videos.COLUMNS),
    (load_youtube_retention, generate_youtube_videos.RETENTION_COLUMNS),
    (load_partner_accounts, generate_partner_accounts.COLUMNS),
])
def test_columns_are_documented_in_order(loader, columns):
    """Are the columns exactly those the generator declares, in order, and each named in the README?"""
    assert list(loader().columns) == columns
    assert all(f"`{column}`" in README for column in columns)


# -- X posts -------------------------------------------------------------------------------------
def test_x_posts_cover_three_months_in_beirut_time(posts):
    """Do the posts run from 1 September to 30 November 2025, Beirut time with the October clock change?"""
    assert posts["posted_at"].min().date().isoformat() == "2025-09-01"
    assert posts["posted_at"].max().date().isoformat() == "2025-11-30"
    raw = pd.read_csv(X_POSTS_CSV, keep_default_na=False)
    assert raw["posted_at"].iloc[0].endswith("+03:00") and raw["posted_at"].iloc[-1].endswith("+02:00")
    assert (posts["posted_at"].dt.hour == posts["hour"]).all()
    assert (posts["posted_at"].dt.day_name() == posts["weekday"]).all()
    per_day = posts.groupby(posts["posted_at"].dt.date).size()
    assert len(per_day) == 91 and per_day.between(1, 4).all()


def test_x_posts_values_are_consistent(posts):
    """Are counts within impressions, link clicks only on links and alt text only on images?"""
    for column in ("likes", "replies", "reposts", "quotes", "link_clicks", "profile_visits", "detail_expands"):
        assert (posts[column] >= 0).all() and (posts[column] <= posts["impressions"]).all()
    assert (posts.loc[posts["media"] != "link", "link_clicks"] == 0).all()
    assert (posts.loc[posts["media"] == "link", "link_clicks"] > 0).mean() > 0.8
    assert not posts.loc[posts["media"] != "image", "alt_text"].any()
    assert 0.4 < posts.loc[posts["media"] == "image", "alt_text"].mean() < 0.9
    assert set(posts["format"]) == {"post", "thread", "reply", "quote"}
    assert set(posts["media"]) == {"text", "image", "video", "link"}
    assert set(posts["language"]) == {"ar", "en"}


def test_x_patterns_are_visible(posts):
    """Can a learner see the built-in patterns: threads shown and visited more, replies shown least,
    link posts weakest by the course's rate but not by X's own figure, the rumour week's replies?"""
    impressions = posts.groupby("format")["impressions"].median()
    assert impressions["thread"] > impressions["post"] > impressions["reply"]
    visits = (posts.groupby("format")["profile_visits"].sum() / posts.groupby("format")["impressions"].sum())
    assert visits.idxmax() == "thread"
    engagements = posts["likes"] + posts["replies"] + posts["reposts"] + posts["quotes"]
    ours = (engagements / posts["impressions"]).groupby(posts["media"]).mean()
    theirs = ((engagements + posts["link_clicks"] + posts["profile_visits"] + posts["detail_expands"])
              / posts["impressions"]).groupby(posts["media"]).mean()
    assert ours.idxmin() == "link" and theirs["link"] > theirs["text"]
    day = posts["posted_at"].dt.date.astype(str)
    rumour = day.between("2025-10-21", "2025-10-23")
    per_1000 = lambda rows: rows["replies"].sum() / rows["impressions"].sum() * 1000   # noqa: E731
    assert per_1000(posts[rumour]) > 2.5 * per_1000(posts[~rumour])
    corrections = posts[posts["topic"] == "correction"]
    assert len(corrections) == 5 and corrections["posted_at"].min().date().isoformat() == "2025-10-22"


# -- YouTube -------------------------------------------------------------------------------------
def test_videos_respect_youtube_limits(videos):
    """Titles under 100 characters without < or >, Shorts at most 3 minutes, sources adding up to views."""
    assert (videos["title"].str.len() <= 100).all()
    assert not videos["title"].str.contains("[<>]").any()
    assert (videos.loc[videos["kind"] == "short", "duration_s"] <= 180).all()
    sources = [c for c in videos.columns if c.startswith("from_")]
    assert (videos[sources].sum(axis=1) == videos["views"]).all()
    assert videos["video_id"].is_unique and videos["title"].is_unique


def test_retention_curves_are_curves(videos, retention):
    """Does every video have 21 points from 0 to 100 %, starting at 100, and is its average view
    percentage the average height of its curve?"""
    assert set(retention["video_id"]) == set(videos["video_id"])
    for video_id, curve in retention.groupby("video_id"):
        assert list(curve["position_pct"]) == list(range(0, 101, 5))
        values = curve["audience_pct"].tolist()
        assert values[0] == 100.0 and all(0 < v <= 100 for v in values)
        assert values[-1] < values[1]
        average = sum((a + b) / 2 for a, b in zip(values, values[1:])) / 20
        listed = videos.loc[videos["video_id"] == video_id, "avg_view_pct"].item()
        assert abs(average - listed) < 0.06


def test_youtube_patterns_are_visible(videos, retention):
    """Shorts keep most viewers, then testimonials, explainers, events; Shorts come from the Shorts feed,
    explainers from search, testimonials from outside links."""
    average = videos.groupby("kind")["avg_view_pct"].mean()
    assert average["short"] > average["testimonial"] > average["explainer"] > average["event"]
    share = videos.groupby("kind")[[c for c in videos.columns if c.startswith("from_")]].sum()
    assert share.loc["short"].idxmax() == "from_shorts_feed"
    assert share.loc["explainer"].idxmax() == "from_search"
    assert share.loc["testimonial"].idxmax() == "from_external"
    curves = retention.merge(videos[["video_id", "kind"]]).pivot_table(
        index="position_pct", columns="kind", values="audience_pct")
    assert (100 - curves.loc[5]).idxmax() == "event"        # the steepest first drop
    assert (curves.loc[5] - curves.loc[10]).abs().max() < (100 - curves.loc[5]).max()


# -- partner accounts ----------------------------------------------------------------------------
def test_partner_accounts_are_plausible(accounts):
    """Handles are unique; rates and fits are percentages; big accounts engage a smaller share."""
    assert accounts["handle"].is_unique and accounts["handle"].str.startswith("@").all()
    assert accounts["engagement_rate"].between(0.1, 20).all() and accounts["audience_fit"].between(1, 100).all()
    small = accounts[accounts["followers"] < 20_000]["engagement_rate"].median()
    big = accounts[accounts["followers"] > 500_000]["engagement_rate"].median()
    assert small > 3 * big


def test_the_biggest_account_is_not_the_best_partner(accounts):
    """Is the account with the most followers a poor choice by engaged people of the campaign's audience?"""
    engaged = accounts["followers"] * accounts["engagement_rate"] / 100 * accounts["audience_fit"] / 100
    assert accounts.loc[accounts["followers"].idxmax(), "handle"] != accounts.loc[engaged.idxmax(), "handle"]
    assert engaged[accounts["followers"].idxmax()] < engaged.max() / 2
