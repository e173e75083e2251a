"""Tests for course.toolkit.links."""

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.toolkit import links
from course.toolkit.links import inspect_link


def test_plain_https_link_is_clean():
    """Does an ordinary https link to a real site raise no warnings?"""
    report = inspect_link("https://www.unicef.org/lebanon/reports")
    assert report.clean
    assert report.registered_domain == "unicef.org"
    assert report.subdomain == "www"
    assert report.is_https


def test_arabic_domain_is_not_suspicious_by_itself():
    """Is a genuine all-Arabic domain name left unflagged?"""
    report = inspect_link("https://موقع.مصر/")
    assert report.clean
    assert report.registered_domain == "موقع.مصر"


def test_registered_domain_with_two_part_ending():
    """Is the registered domain of www.bbc.co.uk bbc.co.uk (not co.uk)?"""
    assert inspect_link("https://www.bbc.co.uk/arabic").registered_domain == "bbc.co.uk"


def test_subdomain_trick_is_flagged():
    """Is facebook.com.login-secure.net recognised as belonging to login-secure.net?"""
    report = inspect_link("https://facebook.com.login-secure.net/login")
    assert report.registered_domain == "login-secure.net"
    assert "subdomain_trick" in report.finding_keys
    text = next(f.text for f in report.findings if f.key == "subdomain_trick")
    assert "login-secure.net" in text


def test_cyrillic_lookalike_letter_is_flagged():
    """Does a look-alike Cyrillic letter in a domain get flagged?"""
    report = inspect_link("https://fаcebook.com/")  # the 'а' is Cyrillic
    assert "mixed_scripts" in report.finding_keys
    assert "lookalike_letter" in report.finding_keys
    assert "imitates" in report.finding_keys
    letter = next(f.text for f in report.findings if f.key == "lookalike_letter")
    assert "Cyrillic" in letter


def test_whole_script_lookalike_is_flagged():
    """Is a domain written entirely in Cyrillic look-alikes (аррӏе.com) flagged?"""
    report = inspect_link("https://аррӏе.com")
    assert "lookalike_letter" in report.finding_keys
    assert "imitates" in report.finding_keys


def test_punycode_is_decoded_and_flagged():
    """Is an xn-- address flagged and shown decoded?"""
    report = inspect_link("https://xn--fcebook-8va.com")
    assert "punycode" in report.finding_keys
    assert report.host_unicode == "fàcebook.com"


def test_http_is_flagged():
    """Is a plain http link flagged as not encrypted?"""
    assert "no_https" in inspect_link("http://example.org").finding_keys
    assert "no_https" not in inspect_link("https://example.org").finding_keys


@pytest.mark.parametrize("url", ["http://192.168.1.20/login", "https://[2001:db8::1]/", "http://3232235521/"])
def test_ip_address_host_is_flagged(url):
    """Is a link whose host is a bare IP address flagged?"""
    report = inspect_link(url)
    assert report.is_ip
    assert "ip_host" in report.finding_keys


def test_at_sign_trick_is_flagged():
    """Is 'https://facebook.com@evil.example.net' flagged, naming the real host?"""
    report = inspect_link("https://facebook.com@evil.example.net/")
    assert "at_sign" in report.finding_keys
    assert report.host == "evil.example.net"
    assert "evil.example.net" in report.findings[0].text


def test_at_sign_in_path_is_fine():
    """Is an @ in the path (medium.com/@user) not treated as the @ trick?"""
    assert "at_sign" not in inspect_link("https://medium.com/@someone").finding_keys


@pytest.mark.parametrize("url", ["https://bit.ly/3xYz", "https://tinyurl.com/abc", "t.co/abc"])
def test_shorteners_are_flagged(url):
    """Are links from URL shorteners flagged as hiding their destination?"""
    report = inspect_link(url)
    assert report.is_shortened
    assert "shortener" in report.finding_keys


def test_expected_domain_match():
    """When the link goes where we expected, is that confirmed and nothing flagged?"""
    report = inspect_link("https://m.facebook.com/groups/x", expected_domain="facebook.com")
    assert report.matches_expected is True
    assert report.clean


def test_expected_domain_mismatch_and_imitation():
    """Is a misspelled copy of the expected site flagged as a mismatch and an imitation?"""
    report = inspect_link("https://faceb00k.com/login", expected_domain="https://www.facebook.com")
    assert report.matches_expected is False
    assert {"not_expected", "imitates"} <= set(report.finding_keys)


def test_borrowed_brand_name_is_flagged():
    """Is a site that only borrows a brand name (facebook-security-check.com) flagged?"""
    report = inspect_link("https://facebook-security-check.com/")
    assert "borrows_name" in report.finding_keys


@pytest.mark.parametrize("url, key", [("javascript:alert(1)", "dangerous_scheme"), ("mailto:info@example.org", "not_web")])
def test_non_web_links(url, key):
    """Are javascript: and mailto: links recognised as not being web pages?"""
    assert inspect_link(url).finding_keys == (key,)


def test_host_and_port_without_scheme_is_a_web_link():
    """Is 'example.org:8080/x' read as a host with a port, not a strange scheme?"""
    report = inspect_link("example.org:8080/x")
    assert report.registered_domain == "example.org"


@pytest.mark.parametrize("url", ["", "   ", "http://[::1", "not a link"])
def test_non_links_are_reported(url):
    """Is text that is not a web address reported as such?"""
    report = inspect_link(url)
    assert report.registered_domain == ""
    assert report.finding_keys == ("not_a_link",)


def test_unknown_ending_is_flagged():
    """Is a host with no public ending (like facebook.login) flagged?"""
    assert "unknown_ending" in inspect_link("https://facebook.login/").finding_keys


def test_no_network_is_used(monkeypatch):
    """Does inspecting a link work with the network switched off?"""
    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    links._extractor.cache_clear()
    try:
        assert inspect_link("https://www.un.org").registered_domain == "un.org"
    finally:
        links._extractor.cache_clear()


LABEL = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz")), min_size=3, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_text_is_inspected_without_error(text):
    """Does any text at all (Arabic, emoji, junk) produce a report instead of an error?"""
    report = inspect_link(text)
    assert all(finding.text for finding in report.findings)


@settings(max_examples=150, deadline=None)
@given(LABEL, st.sampled_from(["org", "com", "net", "lb", "co.uk"]))
def test_plain_ascii_domains_have_no_lookalike_warnings(label, ending):
    """Is a plain Latin domain never flagged for look-alike letters or punycode, and its registered domain found?"""
    report = inspect_link(f"https://www.{label}.{ending}/page")
    assert report.registered_domain == f"{label}.{ending}"
    assert not {"mixed_scripts", "lookalike_letter", "punycode", "subdomain_trick"} & set(report.finding_keys)


@settings(max_examples=100, deadline=None)
@given(LABEL, LABEL)
def test_decoy_domain_in_subdomain_is_always_flagged(decoy, real):
    """Is '<decoy>.com.<real>.net' always traced to <real>.net with a subdomain warning?"""
    report = inspect_link(f"https://{decoy}.com.{real}.net/")
    assert report.registered_domain == f"{real}.net"
    assert "subdomain_trick" in report.finding_keys
