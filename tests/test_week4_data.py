"""Week 4's datasets: the blog's visits and the campaign's eight weeks are reproduced byte for byte by their
generators, have the documented columns, and hold the patterns the lessons teach from them."""
from __future__ import annotations

import pandas as pd
import pytest

from course.data import BLOG_VISITS_CSV, CAMPAIGN_WEEKS_CSV, load_blog_visits, load_campaign_weeks
from course.data import generate_blog_visits as visits_gen
from course.data import generate_campaign_weeks as weeks_gen

README = (BLOG_VISITS_CSV.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def visits() -> pd.DataFrame:
    return load_blog_visits()


@pytest.fixture(scope="module")
def weeks() -> pd.DataFrame:
    return load_campaign_weeks()


# -- reproduced byte for byte ---------------------------------------------------------------------
@pytest.mark.parametrize("module,shipped", [(visits_gen, BLOG_VISITS_CSV), (weeks_gen, CAMPAIGN_WEEKS_CSV)],
                         ids=["visits", "weeks"])
def test_generator_reproduces_the_shipped_file_byte_for_byte(tmp_path, module, shipped):
    """Does running the generator again (function and command line) give exactly the shipped bytes?"""
    assert module.write_csv(tmp_path / "a.csv").read_bytes() == shipped.read_bytes()
    assert module.main(["--out", str(tmp_path / "b.csv")]) == 0
    assert (tmp_path / "b.csv").read_bytes() == shipped.read_bytes()


@pytest.mark.parametrize("module,shipped", [(visits_gen, BLOG_VISITS_CSV), (weeks_gen, CAMPAIGN_WEEKS_CSV)],
                         ids=["visits", "weeks"])
def test_another_seed_gives_another_file(tmp_path, module, shipped):
    """Does another seed give other data (so the byte-for-byte test can fail)?"""
    assert module.write_csv(tmp_path / "other.csv", seed=1).read_bytes() != shipped.read_bytes()


@pytest.mark.parametrize("module,frame", [(visits_gen, "visits"), (weeks_gen, "weeks")])
def test_columns_are_documented_in_order(module, frame, request):
    """Are the columns exactly those the generator declares, in order, and each named in the README?"""
    table = request.getfixturevalue(frame)
    assert list(table.columns) == module.COLUMNS
    assert all(f"`{column}`" in README for column in module.COLUMNS)


# -- the blog's visits ----------------------------------------------------------------------------
def test_visits_cover_eight_weeks_of_autumn_2025(visits):
    """Do the visits run from 1 September to 26 October 2025, weeks 1 to 8, in date order?"""
    assert visits["date"].min() == pd.Timestamp("2025-09-01")
    assert visits["date"].max() <= pd.Timestamp("2025-10-26")
    assert sorted(visits["week"].unique()) == list(range(1, 9))
    assert visits["date"].is_monotonic_increasing
    assert ((visits["date"] - pd.Timestamp("2025-09-01")).dt.days // 7 + 1 == visits["week"]).all()


def test_facebook_is_split_by_a_capital_letter(visits):
    """Are Facebook visits recorded under two spellings, the capitalised one a sizeable minority?"""
    counts = visits["source"].value_counts()
    assert counts["facebook"] > counts["Facebook"] > 0.2 * (counts["facebook"] + counts["Facebook"])
    assert set(visits["source"].str.lower()) == {"facebook", "instagram", "whatsapp", "newsletter", "google",
                                                 "(direct)"}


def test_only_tagged_links_carry_a_campaign(visits):
    """Do search and direct visits have no campaign, and every tagged source the lowercase school_water?"""
    untagged = visits["source"].isin(["google", "(direct)"])
    assert (visits.loc[untagged, "campaign"] == "(not set)").all()
    assert (visits.loc[~untagged, "campaign"] == "school_water").all()


def test_the_funnel_narrows(visits):
    """Does nobody donate without signing up, and do only a few visits end in a sign-up?"""
    assert not (visits["donated"] & ~visits["signed_up"]).any()
    assert 0.02 < visits["signed_up"].mean() < 0.1
    assert 0.05 < visits["donated"].sum() / visits["signed_up"].sum() < 0.4


def test_small_sources_convert_best(visits):
    """Do the newsletter and WhatsApp sign up more often than any other source, and Instagram least?"""
    rate = visits.assign(src=visits["source"].str.lower()).groupby("src")["signed_up"].mean()
    assert set(rate.nlargest(2).index) == {"newsletter", "whatsapp"}
    assert rate.idxmin() == "instagram"


def test_search_grows_while_social_fades(visits):
    """Do search visits grow from the first to the last weeks while other visits fall?"""
    search = visits["source"].eq("google")
    per_week = visits.groupby([visits["week"], search]).size().unstack()
    assert per_week.loc[7:8, True].sum() > 2 * per_week.loc[1:2, True].sum()
    assert per_week.loc[7:8, False].sum() < per_week.loc[1:2, False].sum() / 2
    assert per_week.loc[8, True] > per_week.loc[8, False]


def test_plain_posts_are_read_to_the_end(visits):
    """Is the dense policy summary read to the end least, and the short how-to post most?"""
    read = visits.groupby("post")["read_to_end"].mean()
    assert read.idxmin() == "policy-brief-summary" and read.idxmax() == "five-ways-parents-can-act"


def test_the_survey_post_gets_the_most_search_visits(visits):
    """Does the post whose headline says what it holds get the largest share of its visits from search?"""
    share = visits.assign(search=visits["source"].eq("google")).groupby("post")["search"].mean()
    assert share.idxmax() == "school-water-survey-2025"


# -- the campaign's weeks -------------------------------------------------------------------------
def test_one_row_per_week_and_channel(weeks):
    """Are there 32 rows, one per week (1-8) and channel, starting on Mondays a week apart?"""
    assert len(weeks) == 32 and not weeks.duplicated(["week", "channel"]).any()
    assert set(weeks["channel"]) == set(weeks_gen.CHANNELS)
    assert (weeks["week_start"].dt.dayofweek == 0).all()


def test_counts_are_consistent(weeks):
    """Are sign-ups at most the link clicks, and is the newsletter without reactions?"""
    assert (weeks["signups"] <= weeks["link_clicks"]).all()
    assert (weeks.loc[weeks["channel"] == "newsletter", "reactions"] == 0).all()
    assert (weeks[["posts", "reach", "reactions", "comments", "shares", "link_clicks", "signups"]] >= 0).all().all()


def test_channels_tell_the_story_the_lessons_tell(weeks):
    """Facebook reaches most, Instagram engages best, the newsletter converts best per person reached,
    and reach on X falls week after week?"""
    total = weeks.groupby("channel")[["reach", "reactions", "comments", "shares", "signups"]].sum()
    rate = (total["reactions"] + total["comments"] + total["shares"]) / total["reach"]
    assert total["reach"].idxmax() == "facebook" and rate.idxmax() == "instagram"
    assert (total["signups"] / total["reach"]).idxmax() == "newsletter"
    x = weeks[weeks["channel"] == "x"].set_index("week")["reach"]
    assert x.loc[8] < x.loc[1] / 2 and x.loc[5:8].mean() < x.loc[1:4].mean()


def test_the_campaign_falls_short_of_its_objective(weeks):
    """Is the campaign behind its 600 sign-ups at the half-way point and at the end?"""
    cumulative = weeks.groupby("week")["signups"].sum().cumsum()
    assert cumulative.loc[4] < weeks_gen.TARGET_SIGNUPS / 2
    assert cumulative.loc[8] < 0.8 * weeks_gen.TARGET_SIGNUPS


def test_the_video_week_stands_out(weeks):
    """Did Facebook's week 5 (the video testimonial) reach about twice as many as its other weeks?"""
    facebook = weeks[weeks["channel"] == "facebook"].set_index("week")["reach"]
    assert facebook.idxmax() == weeks_gen.VIDEO_WEEK
    assert facebook.loc[weeks_gen.VIDEO_WEEK] > 1.6 * facebook.drop(weeks_gen.VIDEO_WEEK).mean()
