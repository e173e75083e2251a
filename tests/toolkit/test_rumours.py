"""Tests for course.toolkit.rumours (what to do about a rumour, from its reach and its harm)."""

import itertools

import pytest

from course.i18n import catalogue
from course.toolkit.rumours import LEVELS, SIFT, triage

#: (reach, harm) -> the action and the steps the card must give, in order.
EXPECTED = {
    ("low", "low"): ("watch", ("dont_amplify", "monitor")),
    ("medium", "low"): ("watch", ("dont_amplify", "monitor", "prepare")),
    ("high", "low"): ("correct_calmly", ("truth_sandwich", "stay_calm", "monitor")),
    ("low", "medium"): ("prepare", ("dont_amplify", "prepare", "monitor")),
    ("medium", "medium"): ("correct", ("truth_sandwich", "where_it_spreads", "stay_calm", "monitor")),
    ("high", "medium"): ("correct_now", ("truth_sandwich", "where_it_spreads", "alert_partners", "trusted_voices",
                                         "monitor")),
    ("low", "high"): ("contain", ("truth_sandwich_direct", "alert_partners", "report", "dont_amplify", "monitor")),
    ("medium", "high"): ("correct_now", ("truth_sandwich", "alert_partners", "report", "trusted_voices", "monitor")),
    ("high", "high"): ("correct_now", ("truth_sandwich", "alert_partners", "report", "trusted_voices",
                                       "pin_and_repeat", "monitor")),
}
COMBINATIONS = list(itertools.product(LEVELS, LEVELS))


def test_every_combination_is_listed_here():
    """Does the table above cover all nine reach-and-harm combinations?"""
    assert set(EXPECTED) == set(COMBINATIONS) and len(COMBINATIONS) == 9


@pytest.mark.parametrize("reach, harm", COMBINATIONS)
def test_each_combination_gives_its_card(reach, harm):
    """Does each reach and harm give the expected action and steps, in order?"""
    card = triage(reach, harm)
    assert (card.reach, card.harm) == (reach, harm)
    assert (card.action, card.steps) == EXPECTED[(reach, harm)]


@pytest.mark.parametrize("reach", LEVELS)
def test_high_harm_is_always_corrected_quickly_with_partners(reach):
    """Whatever its reach, is a harmful rumour corrected with a truth sandwich and partners alerted?"""
    card = triage(reach, "high")
    assert any(step.startswith("truth_sandwich") for step in card.steps)
    assert "alert_partners" in card.steps and "report" in card.steps
    assert card.steps[0].startswith("truth_sandwich")


@pytest.mark.parametrize("harm", ["low", "medium"])
def test_a_rumour_few_have_seen_is_not_amplified(harm):
    """Is a low-reach rumour that cannot do much harm watched, never corrected in public?"""
    card = triage("low", harm)
    assert "dont_amplify" in card.steps and "monitor" in card.steps
    assert not card.amplifies


def test_a_harmful_rumour_few_have_seen_is_answered_where_it_is_not_broadcast():
    """Is a harmful rumour with little reach answered directly, without a public post about it?"""
    card = triage("low", "high")
    assert "truth_sandwich_direct" in card.steps and "dont_amplify" in card.steps
    assert not card.amplifies


@pytest.mark.parametrize("reach, harm", [("high", "low"), ("medium", "medium"), ("high", "medium"),
                                         ("medium", "high"), ("high", "high")])
def test_a_rumour_that_has_spread_and_matters_is_corrected_in_public(reach, harm):
    """Once a rumour has spread (or harms), does the card say to correct it, and never to keep quiet?"""
    card = triage(reach, harm)
    assert card.amplifies and "dont_amplify" not in card.steps


def test_more_reach_or_more_harm_never_asks_for_less():
    """Does raising reach or harm never drop a public correction or partners once they were advised?"""
    for reach, harm in COMBINATIONS:
        card = triage(reach, harm)
        for higher in [(r, harm) for r in LEVELS[LEVELS.index(reach) + 1:]] + \
                      [(reach, h) for h in LEVELS[LEVELS.index(harm) + 1:]]:
            bigger = triage(*higher)
            assert not (card.amplifies and not bigger.amplifies), (reach, harm, higher)
            assert not ("alert_partners" in card.steps and "alert_partners" not in bigger.steps)


@pytest.mark.parametrize("reach, harm", [("huge", "low"), ("low", "none"), ("", ""), ("Low", "low")])
def test_an_unknown_level_is_refused(reach, harm):
    """Is a level other than low, medium or high refused with a clear error?"""
    with pytest.raises(ValueError, match="low, medium, high"):
        triage(reach, harm)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_sentence_the_cards_use_is_in_the_catalogue(language):
    """Are every action, step, level and SIFT move written in English and in Arabic?"""
    texts = catalogue(language)
    needed = {key for combo in COMBINATIONS for card in [triage(*combo)] for key in (card.action_key, *card.step_keys)}
    needed |= {f"tool.rumour.{axis}.{level}" for axis in ("reach", "harm") for level in LEVELS}
    needed |= {f"tool.rumour.sift.{move}" for move in SIFT}
    missing = sorted(key for key in needed if key not in texts)
    assert missing == []
    if language == "ar":
        assert all(texts[key] != catalogue("en")[key] for key in needed)


def test_sift_is_the_four_moves_in_order():
    """Are the SIFT checks Stop, Investigate, Find, Trace, in that order?"""
    assert SIFT == ("stop", "investigate", "find", "trace")
    assert [catalogue("en")[f"tool.rumour.sift.{m}"][0] for m in SIFT] == list("SIFT")
