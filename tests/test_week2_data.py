"""Week 2's datasets: each generator reproduces its shipped file byte for byte, the columns are those the
README documents, and the patterns the lessons ask learners to find are really in the data."""
from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest

from course import data

README = (Path(data.__file__).with_name("README.md")).read_text(encoding="utf-8")
DATASETS = {
    "group_activity": (data.GROUP_ACTIVITY_CSV, data.load_group_activity),
    "page_access": (data.PAGE_ACCESS_CSV, data.load_page_access),
    "comments": (data.COMMENTS_CSV, data.load_comments),
    "campaign_results": (data.CAMPAIGN_RESULTS_CSV, data.load_campaign_results),
}


def generator(name: str):
    return importlib.import_module(f"course.data.generate_{name}")


@pytest.mark.parametrize("name", DATASETS)
def test_generator_reproduces_the_shipped_file_byte_for_byte(name, tmp_path):
    """Does running the generator again, and its command line, give exactly the shipped bytes?"""
    shipped = DATASETS[name][0].read_bytes()
    assert generator(name).write_csv(tmp_path / "fresh.csv").read_bytes() == shipped
    assert generator(name).main(["--out", str(tmp_path / "cli.csv")]) == 0
    assert (tmp_path / "cli.csv").read_bytes() == shipped


@pytest.mark.parametrize("name", DATASETS)
def test_another_seed_gives_another_file(name, tmp_path):
    """Does a different seed change the data (so reproduction is not trivially true)?"""
    other = generator(name).write_csv(tmp_path / "other.csv", seed=1).read_bytes()
    assert other != DATASETS[name][0].read_bytes()


@pytest.mark.parametrize("name", DATASETS)
def test_columns_are_documented_in_order(name):
    """Are the columns exactly the generator's, in order, each named in the data README?"""
    frame = DATASETS[name][1]()
    assert list(frame.columns) == generator(name).COLUMNS
    assert f"`{name}.csv`" in README
    assert all(f"`{column}`" in README for column in frame.columns)


# -- group activity ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def group():
    return data.load_group_activity()


def test_group_days_and_counts_add_up(group):
    """Is there one row per day for three months, with approved + declined = requests and members growing by approved?"""
    assert len(group) == 91 and group["date"].is_unique
    assert (group["approved"] + group["declined"] == group["join_requests"]).all()
    assert (group["members"].diff().dropna() == group["approved"].iloc[1:]).all()
    assert (group["removed_posts"] <= group["reported_posts"]).all()
    assert (group["date"].dt.day_name() == group["weekday"]).all()


def test_membership_questions_cut_reported_posts(group):
    """After membership questions, are more requests declined, far fewer posts reported and more comments per post?"""
    before, after = group[~group["questions_on"]], group[group["questions_on"]]
    assert group.loc[group["questions_on"], "date"].min() == pd.Timestamp("2025-10-06")
    assert after["declined"].mean() > 4 * before["declined"].mean()
    assert after["reported_posts"].mean() < before["reported_posts"].mean() / 3
    assert (after["comments"].sum() / after["posts"].sum()) > (before["comments"].sum() / before["posts"].sum())


# -- page access ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def access():
    return data.load_page_access()


def test_access_uses_todays_names_and_has_problems_to_find(access):
    """Does the list use today's access names, with too many full controls, leavers and no two-step login to find?"""
    assert set(access["access"]) == {"full", "partial", "task", "community"}
    assert (access["access"] == "full").sum() > 2
    assert (~access["on_team"]).sum() >= 2
    assert ((access["access"] == "full") & ~access["on_team"]).any()
    assert (~access["two_step"]).sum() >= 2
    assert ((access["tasks"] != "") == (access["access"].isin(["task", "community"]))).all()
    assert access["person"].is_unique


def test_people_who_left_have_not_used_the_page_for_months(access):
    """Were people who left last active long before the audit, and people on the team lately?"""
    audit = pd.Timestamp("2025-12-01")
    assert ((audit - access.loc[~access["on_team"], "last_active"]).dt.days >= 60).all()
    assert ((audit - access.loc[access["on_team"], "last_active"]).dt.days < 15).all()


# -- comments ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def comments():
    return data.load_comments()


def test_comments_in_both_languages_and_every_kind(comments):
    """Are there Arabic and English comments of every kind, in posting order, with unique ids?"""
    assert set(comments["language"]) == {"ar", "en"}
    assert set(comments["category"]) == {"question", "support", "criticism", "abuse", "spam"}
    assert comments["posted_at"].is_monotonic_increasing and comments["comment_id"].is_unique
    assert 120 <= len(comments) <= 200
    assert comments["text"].str.contains("[\u0600-\u06ff]").groupby(comments["language"]).all().to_dict() == \
        {"ar": True, "en": False}


def test_replies_and_actions_agree(comments):
    """Is a reply time given exactly for replied comments, and does each kind get the action the docstring says?"""
    assert (comments["reply_hours"].notna() == comments["replied"]).all()
    assert (comments["replied"] == (comments["action"] == "reply")).all()
    assert set(comments.loc[comments["category"] == "spam", "action"]) == {"delete"}
    assert set(comments.loc[comments["category"] == "abuse", "action"]) == {"hide", "ban"}
    banned = comments[comments["action"] == "ban"]
    assert len(banned) == 1
    earlier = comments[(comments["author"] == banned["author"].iloc[0]) & (comments.index < banned.index[0])]
    assert list(earlier["action"]) == ["hide", "hide"]


def test_fair_criticism_waits_longest(comments):
    """Do questions get answered fastest and fair criticism slowest, and is criticism more often left unanswered?"""
    hours = comments.groupby("category")["reply_hours"].median()
    assert hours["question"] < hours["support"] < hours["criticism"]
    replied = comments.groupby("category")["replied"].mean()
    assert replied["criticism"] < replied["question"]


# -- campaign results ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def campaign():
    return data.load_campaign_results()


def test_campaign_rows_are_consistent(campaign):
    """One organic row per post and a paid row per boost, spend only on paid rows, clicks only on links?"""
    organic, paid = campaign[campaign["delivery"] == "organic"], campaign[campaign["delivery"] == "paid"]
    assert organic["post_id"].is_unique and paid["post_id"].is_unique
    assert (organic["spend_usd"] == 0).all() and (paid["spend_usd"] > 0).all()
    assert (organic["objective"] == "").all() and (paid["objective"] != "").all()
    assert (campaign.loc[campaign["format"] != "link", "link_clicks"] == 0).all()
    assert (campaign["attended"] <= campaign["signups"]).all()
    assert set(campaign.loc[campaign["format"] == "lead_ad", "delivery"]) == {"paid"}
    assert campaign["date"].between("2026-03-02", "2026-03-29").all()


def test_campaign_patterns(campaign):
    """Do Women's Day and the launch stand out, paid rows reach more but engage less, and lead forms bring
    more sign-ups per person reached but a smaller share who come?"""
    organic = campaign[campaign["delivery"] == "organic"]
    daily = organic.groupby("date")["reach"].sum()
    assert set(daily.nlargest(2).index.strftime("%m-%d")) == {"03-08", "03-12"}
    engaged = campaign.assign(e=campaign["reactions"] + campaign["comments"] + campaign["shares"])
    by = engaged.groupby("delivery")[["e", "reach"]].sum()
    rate = by["e"] / by["reach"]
    assert rate["organic"] > 2 * rate["paid"]
    assert campaign.groupby("delivery")["reach"].mean()["paid"] > campaign.groupby("delivery")["reach"].mean()["organic"]
    forms = campaign[campaign["destination"].isin(["web_form", "lead_form"])].groupby("destination")[
        ["signups", "attended", "reach"]].sum()
    per_reach = forms["signups"] / forms["reach"]
    came = forms["attended"] / forms["signups"]
    assert per_reach["lead_form"] > per_reach["web_form"] and came["lead_form"] < came["web_form"]
