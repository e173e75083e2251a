"""X's own conformance cases (twitter-text) run against the course's hashtag and length functions.

The cases are read from ``../shared/conformance/twitter-text/`` beside the
project (``validate.yml``, ``extract.yml``), never copied into it. When that
folder is missing, every test here fails and says where the data should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from twitter_text import parse_tweet
from twitter_text.config import config

from course.toolkit.hashtags import (
    check_hashtag, find_hashtags, find_hashtags_with_indices, fits_on_x, is_hashtag, post_length,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "conformance" / "twitter-text"
MISSING = (f"The twitter-text conformance data is missing: expected validate.yml and extract.yml in "
           f"{DATA.resolve()} (the shared folder beside the project's checkout).")

# WeightedTweetsCounterTest was written for twitter-text's v2 configuration, in which every code
# point of an emoji sequence (skin tone, joiner, variation selector) is weighed on its own. X and
# the course count with v3, where a whole emoji sequence weighs 2. These cases therefore expect
# a different number on purpose; each one is also in WeightedTweetsWithDiscountedEmojiCounterTest
# (the v3 section, run in full below), where the course must match it.
V2_ONLY = {
    "Count a mix of single byte single word, and double word unicode characters":
        "its family 👨‍👩‍👧‍👦 (four emoji joined by three joiners) weighs 11 in v2, 2 in v3",
    "Count unicode emoji chars outside the basic multilingual plane with skin tone modifiers":
        "🙋🏽 (emoji + skin tone) weighs 4 and 👨‍🎤 (two emoji joined) 5 in v2, 2 each in v3",
}

# The "tweets" section predates weighted counting: its limit is 140 characters (v1). Under the
# 280-weighted-character rule X uses today these two texts are valid posts.
V1_ONLY = {
    "Invalid Tweet: 141 characters": "141 Latin characters are within today's 280",
    "Invalid Tweet: 141 characters (due to newline)": "141 Latin characters are within today's 280",
}


def _load(name: str) -> dict | None:
    path = DATA / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))["tests"] if path.is_file() else None


VALIDATE, EXTRACT = _load("validate.yml"), _load("extract.yml")


def _cases(tests: dict | None, section: str, skip: dict[str, str] | None = None) -> list:
    """The section's cases as pytest parameters, named by description; one failing case when the data is missing."""
    if tests is None:
        return [pytest.param(None, id="conformance-data-missing")]
    params = []
    for case in tests[section]:
        reason = (skip or {}).get(case["description"])
        marks = [pytest.mark.skip(reason=f"written for another configuration: {reason}")] if reason else []
        params.append(pytest.param(case, id=case["description"], marks=marks))
    return params


def _need(case: dict | None) -> dict:
    if case is None:
        pytest.fail(MISSING)
    return case


# ------------------------------------------------------------------ weighted length


@pytest.mark.parametrize("case", _cases(VALIDATE, "WeightedTweetsCounterTest", V2_ONLY))
def test_weighted_length(case):
    """Does the course measure each post (URLs, CJK, accents, normalisation) as twitter-text does?"""
    case = _need(case)
    assert post_length(case["text"]) == case["expected"]["weightedLength"]
    assert fits_on_x(case["text"]) is case["expected"]["valid"]


@pytest.mark.parametrize("case", _cases(VALIDATE, "WeightedTweetsWithDiscountedEmojiCounterTest"))
def test_weighted_length_with_emoji_sequences(case):
    """Does the course count every emoji sequence as 2, as X's current (v3) configuration does?"""
    case = _need(case)
    assert post_length(case["text"]) == case["expected"]["weightedLength"]
    assert fits_on_x(case["text"]) is case["expected"]["valid"]


@pytest.mark.parametrize("case", _cases(VALIDATE, "UnicodeDirectionalMarkerCounterTest"))
def test_invalid_and_directional_characters(case):
    """Is a post with a character X refuses rejected, while direction marks are allowed?"""
    case = _need(case)
    assert post_length(case["text"]) == case["expected"]["weightedLength"]
    assert fits_on_x(case["text"]) is case["expected"]["valid"]


@pytest.mark.parametrize("case", _cases(VALIDATE, "tweets", V1_ONLY))
def test_post_validity(case):
    """Are the sample posts accepted or refused (an empty one refused) as twitter-text says?"""
    case = _need(case)
    assert fits_on_x(case["text"]) is case["expected"]


def test_every_case_left_out_exists_and_is_checked_elsewhere():
    """Is each skipped length case still in the data, and is its text checked in the v3 section?"""
    if VALIDATE is None:
        pytest.fail(MISSING)
    v2 = {c["description"]: c for c in VALIDATE["WeightedTweetsCounterTest"]}
    v3_texts = {c["text"] for c in VALIDATE["WeightedTweetsWithDiscountedEmojiCounterTest"]}
    v2_config = {**config["version2"], "emoji_parsing_enabled": False}
    for description in V2_ONLY:
        assert description in v2, f"skipped case {description!r} is no longer in the data"
        assert v2[description]["text"] in v3_texts
        # the expectation is v2's: counting each code point of the emoji sequences gives it
        expected = v2[description]["expected"]["weightedLength"]
        assert parse_tweet(v2[description]["text"], v2_config).weightedLength == expected
        assert post_length(v2[description]["text"]) < expected
    tweets = {c["description"]: c for c in VALIDATE["tweets"]}
    for description in V1_ONLY:
        assert description in tweets and tweets[description]["expected"] is False
        assert 140 < post_length(tweets[description]["text"]) <= 280


# ------------------------------------------------------------------ hashtags

BREAKING = {"empty", "only_digits", "no_letters", "space_after_sign", "space_breaks", "space_breaks_arabic",
            "character_breaks", "character_breaks_nothing"}


@pytest.mark.parametrize("case", _cases(VALIDATE, "hashtags"))
def test_hashtag_validity(case):
    """Is each hashtag judged linkable (or not) as twitter-text judges it, by both functions?"""
    case = _need(case)
    assert is_hashtag(case["text"]) is case["expected"]
    flagged = bool(BREAKING & set(check_hashtag(case["text"]).issue_keys))
    assert flagged is not case["expected"]


def _bodies(tags: list[str]) -> list[str]:
    return [tag[1:] for tag in tags]


@pytest.mark.parametrize("case", _cases(EXTRACT, "hashtags") + _cases(EXTRACT, "hashtags_from_astral"))
def test_hashtag_extraction(case):
    """Does the course find exactly the hashtags twitter-text finds, in order?"""
    case = _need(case)
    assert _bodies(find_hashtags(case["text"])) == case["expected"]


@pytest.mark.parametrize("case", _cases(EXTRACT, "hashtags_with_indices"))
def test_hashtag_extraction_with_indices(case):
    """Does the course place each hashtag at the same characters as twitter-text?"""
    case = _need(case)
    found = [{"hashtag": tag[1:], "indices": [start, end]}
             for tag, start, end in find_hashtags_with_indices(case["text"])]
    assert found == case["expected"]
