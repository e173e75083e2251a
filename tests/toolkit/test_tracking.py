"""Tracking links: the builder makes valid https links with the three UTM parameters in lowercase,
and the reader finds what would split or lose a campaign's visits."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from course.toolkit.tracking import REQUIRED, build_link, clean_value, read_link

pytestmark = pytest.mark.usefixtures("english")

PAGE = "https://bukra-youth.example/blog/school-water-survey-2025"


def test_a_clean_link_is_built_and_reads_back_the_same():
    """Does a clean set of values give an https link whose three parameters read back unchanged?"""
    link = build_link(PAGE, "facebook", "social", "school_water")
    assert link.ok and link.url.startswith(PAGE + "?")
    assert read_link(link.url).parameters == {"utm_source": "facebook", "utm_medium": "social",
                                              "utm_campaign": "school_water"}
    assert read_link(link.url).ok


def test_existing_query_and_fragment_are_kept_and_old_tags_replaced():
    """Are the page's own parameters and #section kept, and an old utm_source replaced, not repeated?"""
    link = build_link(PAGE + "?lang=ar&utm_source=old#results", "newsletter", "email", "school_water")
    parts = urlsplit(link.url)
    query = parse_qs(parts.query)
    assert query["lang"] == ["ar"] and query["utm_source"] == ["newsletter"] and parts.fragment == "results"


@pytest.mark.parametrize("values,key", [
    (("Facebook", "social", "school_water"), "capitals"),
    (("facebook", "social", "school water"), "spaces"),
    (("facebook", "social", ""), "missing"),
    (("facebook", "social", "school/water"), "characters"),
])
def test_a_value_that_would_split_or_lose_visits_is_named(values, key):
    """Are capitals, spaces, a missing campaign and odd characters each named, and the link not ok?"""
    link = build_link(PAGE, *values)
    assert key in link.issue_keys and not link.ok


def test_the_suggestion_is_the_lowercase_link():
    """Does a link with capitals and spaces come with the cleaned link as a suggestion, which is itself clean?"""
    link = build_link(PAGE, "Facebook", "Social", "School Water")
    assert link.suggestion is not None and read_link(link.suggestion).ok
    assert parse_qs(urlsplit(link.suggestion).query)["utm_campaign"] == ["school_water"]


@pytest.mark.parametrize("page,key", [("", "no_page"), ("bukra-youth.example/blog", "not_a_link"),
                                      ("http://bukra-youth.example/blog", "not_https"),
                                      ("https://bukra youth.example", "page_spaces"),
                                      ("https://localhost/blog", "bad_host")])
def test_a_bad_page_address_is_named(page, key):
    """Is an address that is missing, not a web address, not https, with a space or with no domain named?"""
    link = build_link(page, "facebook", "social", "school_water")
    assert key in link.issue_keys and not link.ok


def test_reading_finds_missing_twice_and_capitalised_names():
    """Does the reader name a parameter given twice, a capitalised parameter name and the missing ones?"""
    assert set(read_link("https://bukra-youth.example/?utm_source=facebook").issue_keys) == {"missing"}
    keys = read_link("https://bukra-youth.example/?UTM_Source=facebook&utm_source=x&utm_medium=social"
                     "&utm_campaign=a+b").issue_keys
    assert {"name_capitals", "twice", "spaces"} <= set(keys)


def test_every_required_parameter_is_reported_when_missing():
    link = build_link(PAGE)
    assert [i.values for i in link.issues] == [(("name", name),) for name in REQUIRED]


@pytest.mark.parametrize("raw,clean", [(" Facebook ", "facebook"), ("School  Water", "school_water")])
def test_clean_value(raw, clean):
    assert clean_value(raw) == clean
