"""Tests for course.toolkit.passwords."""

import dataclasses
import logging
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zxcvbn import matching

from course.toolkit import passwords
from course.toolkit.passwords import (
    MIN_LENGTH_ALONE, MIN_LENGTH_WITH_MFA, assess_password, describe_duration, nist_tips,
)

STRONG_PASSPHRASE = "orange tractor whispers under sleepy moon"
STRONG_12 = "vT9qLm2xWz4R"  # random, 12 characters


@pytest.mark.parametrize("password", ["password", "123456789", "qwerty123", "P@ssw0rd", "iloveyou"])
def test_common_passwords_are_flagged(password):
    """Are well-known and leaked passwords (also with l33t swaps) flagged as common?"""
    result = assess_password(password)
    assert result.is_common
    assert "common" in result.issue_keys
    assert not result.ok


def test_long_random_passphrase_passes():
    """Does a long passphrase of unrelated words pass every rule?"""
    result = assess_password(STRONG_PASSPHRASE)
    assert result.ok
    assert result.score >= 3
    assert result.long_enough_alone and result.long_enough_with_mfa
    assert not result.is_common


def test_no_composition_rules():
    """Is an all-lowercase passphrase with no digits or symbols accepted (NIST: no composition rules)?"""
    result = assess_password("lemon kettle harbour violin seventeen")
    assert result.ok


def test_twelve_characters_need_mfa():
    """Is a strong 12-character password too short alone but fine with two-factor authentication?"""
    alone = assess_password(STRONG_12)
    assert "too_short_alone" in alone.issue_keys
    assert str(MIN_LENGTH_ALONE) in alone.issues[0].text
    with_mfa = assess_password(STRONG_12, has_mfa=True)
    assert "too_short_alone" not in with_mfa.issue_keys
    assert not alone.long_enough_alone and alone.long_enough_with_mfa


def test_under_eight_fails_even_with_mfa():
    """Is a password under 8 characters too short even with two-factor authentication?"""
    result = assess_password("Zq7!xP", has_mfa=True)
    assert "too_short_mfa" in result.issue_keys
    assert str(MIN_LENGTH_WITH_MFA) in result.issues[0].text


def test_exactly_fifteen_is_long_enough_alone():
    """Are exactly 15 characters enough when the password is the only factor?"""
    result = assess_password("kT8vQz2LmR5wXc9")
    assert result.length == 15
    assert result.long_enough_alone
    assert "too_short_alone" not in result.issue_keys


def test_personal_words_are_flagged_and_then_forgotten():
    """Is a password containing the user's name flagged, and the name not kept by zxcvbn afterwards?"""
    result = assess_password("LaylaKhoury!2025river", user_inputs=["Layla", "Khoury"])
    assert "personal" in result.issue_keys
    assert "user_inputs" not in matching.RANKED_DICTIONARIES
    assert "personal" not in assess_password("LaylaKhoury!2025river").issue_keys


def test_repeated_characters_are_flagged():
    """Is a long run of one character flagged as repetitive despite its length?"""
    result = assess_password("a" * 20)
    assert "repetitive" in result.issue_keys
    assert result.long_enough_alone
    assert not result.ok


def test_single_dictionary_word_is_flagged():
    """Is a password that is just one dictionary word flagged?"""
    result = assess_password("international")
    assert {"common", "single_word"} & set(result.issue_keys)


def test_arabic_passphrase_is_assessed():
    """Is an Arabic passphrase measured in characters and judged strong?"""
    pw = "كلمة السر الطويلة جدا للحساب"
    result = assess_password(pw)
    assert result.length == len(pw)
    assert result.ok


def test_emoji_password_length_counts_code_points():
    """Is each emoji code point counted as one character?"""
    pw = "🔥🦊🌍🍉🚲🎻🌵🐙🧩🪁🕌🛶🎈🧭🐢"
    result = assess_password(pw)
    assert result.length == 15
    assert result.long_enough_alone


def test_decomposed_accent_counts_once():
    """Is 'é' typed as e plus a combining accent counted as one character?"""
    assert assess_password("cafe\u0301").length == 4


def test_very_long_password_is_fast_and_counted_in_full():
    """Is a 10,000-character password assessed quickly, with its full length counted?"""
    pw = ("river-Lamp-" * 1000)[:10_000]
    start = time.perf_counter()
    result = assess_password(pw)
    assert time.perf_counter() - start < 2.0
    assert result.length == 10_000
    assert "too_short_alone" not in result.issue_keys


def test_empty_password():
    """Is an empty password handled and reported as too short and very weak?"""
    result = assess_password("")
    assert result.score == 0
    assert result.length == 0
    assert "too_short_mfa" in result.issue_keys


def test_result_never_holds_the_password(capsys, caplog):
    """Does the result leave out the password, and does assessing print or log nothing?"""
    secret = "Zebra-Quantum-Marmalade-4471"
    with caplog.at_level(logging.DEBUG):
        result = assess_password(secret, user_inputs=["someone@example.org"])
    assert secret not in repr(result)
    assert all(value != secret for value in dataclasses.asdict(result).values())
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    assert caplog.records == []


def test_module_keeps_no_inputs():
    """After an assessment, does the module hold no password or input in its globals?"""
    secret = "Uniquely-Findable-Secret-9931"
    assess_password(secret, user_inputs=["Findable-Name-5521"])
    for value in vars(passwords).values():
        assert secret not in repr(value)[:100_000]
        assert "Findable-Name-5521".lower() not in repr(value)[:100_000].lower()


def test_crack_time_in_words():
    """Are crack times given in words rather than numbers of seconds?"""
    assert assess_password("password").crack_time_offline == "less than a second"
    assert assess_password(STRONG_PASSPHRASE).crack_time_offline == "centuries"


@pytest.mark.parametrize("seconds, words", [
    (0.2, "less than a second"),
    (1, "1 second"),
    (45, "45 seconds"),
    (60, "1 minute"),
    (3 * 3600, "3 hours"),
    (86400 * 2, "2 days"),
    (86400 * 365 * 5, "5 years"),
    (86400 * 365 * 500, "centuries"),
])
def test_describe_duration(seconds, words):
    """Is a number of seconds turned into the right rough duration in words?"""
    assert describe_duration(seconds) == words


def test_nist_tips_are_sentences():
    """Are the NIST tips plain sentences, including 'no composition rules'?"""
    tips = nist_tips()
    assert len(tips) == 5
    assert all(tip.endswith(".") for tip in tips)
    assert any("symbols" in tip for tip in tips)


PASSWORD_TEXT = st.text(st.characters(codec="utf-8"), max_size=150)


@settings(max_examples=120, deadline=None)
@given(PASSWORD_TEXT)
def test_any_password_gets_a_valid_assessment(pw):
    """Does any text (Arabic, emoji, very long) get a score 0-4 and its full NFC length?"""
    result = assess_password(pw)
    assert 0 <= result.score <= 4
    assert result.length == len(unicodedata.normalize("NFC", pw))
    assert result.long_enough_alone == (result.length >= MIN_LENGTH_ALONE)
    assert all(issue.text for issue in result.issues)


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي🔥🌍🕌")), min_size=12, max_size=40))
def test_password_text_never_appears_in_the_result(pw):
    """Does the result never contain the password's text?"""
    assert pw not in repr(assess_password(pw))
