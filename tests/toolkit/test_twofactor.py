"""Tests for course.toolkit.twofactor."""

import base64
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.toolkit.twofactor import (
    current_code, demo_uri, new_demo_secret, second_factor_kinds, verify,
)

# RFC 6238 test secret ("12345678901234567890") in base32
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize("at, code", [(59, "287082"), (1111111109, "081804"), (1234567890, "005924")])
def test_codes_match_the_standard_test_vectors(at, code):
    """Do the codes match the published TOTP test vectors (RFC 6238, 6 digits)?"""
    assert current_code(RFC_SECRET, at=at) == code


def test_datetime_and_timestamp_give_the_same_code():
    """Does a timezone-aware datetime give the same code as the same moment in seconds?"""
    moment = datetime.fromtimestamp(1111111109, tz=timezone.utc)
    assert current_code(RFC_SECRET, at=moment) == current_code(RFC_SECRET, at=1111111109)


def test_right_code_is_accepted():
    """Is the code shown for a moment accepted at that moment?"""
    assert verify(RFC_SECRET, "081804", at=1111111109)


def test_code_with_spaces_is_accepted():
    """Is a code typed with a space in the middle ('081 804') accepted?"""
    assert verify(RFC_SECRET, "081 804", at=1111111109)


def test_one_step_of_clock_drift_is_allowed():
    """Is the previous 30-second code still accepted, but not one from a minute earlier?"""
    assert verify(RFC_SECRET, current_code(RFC_SECRET, at=1000), at=1030)
    assert not verify(RFC_SECRET, current_code(RFC_SECRET, at=1000), at=1095)


@pytest.mark.parametrize("code", ["000000", "08180", "0818044", "abcdef", "", "٠٨١٨٠٤"])
def test_wrong_codes_are_rejected(code):
    """Are wrong, short, long, non-digit and non-ASCII-digit codes rejected?"""
    assert not verify(RFC_SECRET, code, at=1111111109)


def test_code_near_time_zero_does_not_crash():
    """Does checking a code at the very start of Unix time work (no negative time)?"""
    assert verify(RFC_SECRET, current_code(RFC_SECRET, at=0), at=0)


def test_new_secrets_are_random_base32():
    """Is each new demo secret a fresh base32 string an authenticator app accepts?"""
    first, second = new_demo_secret(), new_demo_secret()
    assert first != second
    assert len(base64.b32decode(first)) >= 16


def test_current_code_without_time_is_accepted_now():
    """Is the code for 'now' accepted when checked now?"""
    secret = new_demo_secret()
    assert verify(secret, current_code(secret))


def test_demo_uri_for_qr_codes():
    """Does the demo address follow the otpauth://totp/ form apps scan, with the secret in it?"""
    secret = new_demo_secret()
    uri = demo_uri(secret)
    assert uri.startswith("otpauth://totp/")
    assert f"secret={secret}" in uri


def test_only_security_keys_are_phishing_resistant():
    """Is only the security key / passkey marked phishing-resistant?"""
    kinds = second_factor_kinds()
    resistant = [row["kind"] for row in kinds if row["phishing_resistant"]]
    assert resistant == ["security_key"]
    assert "passkey" in next(r["name"] for r in kinds if r["kind"] == "security_key").lower()


def test_table_covers_the_kinds_the_course_teaches():
    """Does the table list recovery codes, SMS, push, app codes and security keys, each described?"""
    kinds = second_factor_kinds()
    assert [row["kind"] for row in kinds] == ["recovery_codes", "sms", "push", "otp_app", "security_key"]
    for row in kinds:
        assert set(row) == {"kind", "name", "how_it_works", "notes", "phishing_resistant"}
        assert row["how_it_works"].endswith(".") and row["notes"].endswith(".")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=4_000_000_000))
def test_any_moment_code_is_six_digits_and_verifies(at):
    """At any moment, is the code six digits and accepted at that same moment?"""
    code = current_code(RFC_SECRET, at=at)
    assert len(code) == 6 and code.isdigit()
    assert verify(RFC_SECRET, code, at=at)
