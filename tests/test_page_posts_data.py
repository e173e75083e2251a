"""Tests for the NGO page dataset and its generator."""

import pandas as pd
import pytest

from course.data import PAGE_POSTS_CSV, load_page_posts
from course.data.generate_page_posts import COLUMNS, main, write_csv
from course.toolkit.hashtags import find_hashtags


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return load_page_posts()


def test_generator_reproduces_the_shipped_file_byte_for_byte(tmp_path):
    """Does running the generator again give exactly the bytes of the shipped CSV?"""
    fresh = write_csv(tmp_path / "page_posts.csv")
    assert fresh.read_bytes() == PAGE_POSTS_CSV.read_bytes()


def test_command_line_writes_the_same_file(tmp_path):
    """Does 'python -m course.data.generate_page_posts --out X' write the same bytes?"""
    out = tmp_path / "posts.csv"
    assert main(["--out", str(out)]) == 0
    assert out.read_bytes() == PAGE_POSTS_CSV.read_bytes()


def test_another_seed_gives_another_file(tmp_path):
    """Does a different seed give different data (so the test above is not trivially true)?"""
    other = write_csv(tmp_path / "other.csv", seed=1)
    assert other.read_bytes() != PAGE_POSTS_CSV.read_bytes()


def test_columns_are_documented_in_order(posts):
    """Are the columns exactly those documented, in that order, and all in the README?"""
    assert list(posts.columns) == COLUMNS
    readme = (PAGE_POSTS_CSV.parent / "README.md").read_text(encoding="utf-8")
    assert all(f"`{column}`" in readme for column in COLUMNS)


def test_spans_at_least_six_months(posts):
    """Do the posts cover at least six months?"""
    span = posts["posted_at"].max() - posts["posted_at"].min()
    assert span >= pd.Timedelta(days=180)
    assert posts["posted_at"].min().month == 1 and posts["posted_at"].max().month == 6


def test_one_to_three_posts_on_ordinary_days(posts):
    """Are there between one and five posts every day, and about 1-3 on average?"""
    per_day = posts.groupby(posts["posted_at"].dt.date).size()
    assert len(per_day) == 181
    assert per_day.between(1, 5).all()
    assert 1.3 <= per_day.mean() <= 2.5


def test_times_are_beirut_local_with_summer_time(posts):
    """Are times Beirut local, +02:00 in January and +03:00 in June, matching weekday and hour?"""
    raw = pd.read_csv(PAGE_POSTS_CSV, keep_default_na=False)
    assert raw["posted_at"].iloc[0].endswith("+02:00")
    assert raw["posted_at"].iloc[-1].endswith("+03:00")
    assert (posts["posted_at"].dt.hour == posts["hour"]).all()
    assert (posts["posted_at"].dt.day_name() == posts["weekday"]).all()


def test_impressions_at_least_reach(posts):
    """Is every post's impressions count at least its reach?"""
    assert (posts["impressions"] >= posts["reach"]).all()
    assert (posts["reach"] > 0).all()


def test_link_clicks_only_on_links(posts):
    """Do only link posts have link clicks, and do most link posts have some?"""
    assert (posts.loc[posts["post_type"] != "link", "link_clicks"] == 0).all()
    assert (posts.loc[posts["post_type"] == "link", "link_clicks"] > 0).mean() > 0.8


def test_both_languages_and_all_types_present(posts):
    """Are Arabic and English posts, and every post type, present?"""
    assert set(posts["language"]) == {"ar", "en"}
    assert set(posts["post_type"]) == {"photo", "video", "link", "text", "live"}


def test_hashtag_columns_match_the_text(posts):
    """Do the hashtags and n_hashtags columns agree with the hashtags found in the text?"""
    for text, tags, n in zip(posts["text"], posts["hashtags"], posts["n_hashtags"]):
        listed = tags.split() if tags else []
        assert find_hashtags(text) == listed
        assert len(listed) == n


def test_engagement_never_exceeds_reach(posts):
    """Are reactions, comments, shares and clicks each at most the reach?"""
    for column in ("reactions", "comments", "shares", "link_clicks"):
        assert (posts[column] <= posts["reach"]).all()


def test_built_in_patterns_are_visible(posts):
    """Can a learner see the built-in patterns: video beats text, evenings beat mornings, paid boosts reach, campaign days spike?"""
    median = posts.groupby("post_type")["reach"].median()
    assert median["video"] > median["text"]
    evening = posts[posts["hour"].between(19, 22)]["reach"].median()
    morning = posts[posts["hour"].between(8, 11)]["reach"].median()
    assert evening > morning
    assert posts[posts["paid"]]["reach"].median() > 2 * posts[~posts["paid"]]["reach"].median()
    dates = posts["posted_at"].dt.strftime("%m-%d")
    ordinary = posts[~dates.isin(["03-08", "06-20"])]["reach"].median()
    assert posts[dates == "03-08"]["reach"].median() > 2 * ordinary
    assert posts[dates == "06-20"]["reach"].median() > 2 * ordinary
    engagement = (posts["reactions"] + posts["comments"] + posts["shares"]) / posts["reach"]
    few = engagement[posts["n_hashtags"].between(1, 2)].median()
    many = engagement[posts["n_hashtags"] >= 6].median()
    assert few > many
