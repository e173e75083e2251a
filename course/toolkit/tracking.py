"""Tracking links (UTM parameters): build one that analytics will count right, or read one.

A tracking link is the address of your page with ``utm_`` parameters added
after a ``?``. Analytics tools (Google Analytics, Matomo and others) read
them to say where a visit came from. Three should always be set:
``utm_source`` (who sent the visit: ``facebook``, ``newsletter``),
``utm_medium`` (what kind of channel: ``social``, ``email``) and
``utm_campaign`` (which campaign: ``school_water``); ``utm_content`` and
``utm_term`` are optional. Values are compared letter for letter, so
``Facebook`` and ``facebook`` become two sources: write them in lowercase,
with ``_`` or ``-`` instead of spaces, the same way every time.

Everything here uses :mod:`urllib.parse` (no network): :func:`build_link`
checks what you typed and builds the link, :func:`read_link` checks a link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .findings import Finding, Messages, make

MESSAGES = Messages("w4.toolkit.tracking")

REQUIRED = ("utm_source", "utm_medium", "utm_campaign")
OPTIONAL = ("utm_content", "utm_term")
PARAMETERS = REQUIRED + OPTIONAL
_CLEAN_VALUE = re.compile(r"^[a-z0-9_.\-]+$")
_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)


@dataclass(frozen=True)
class TrackingLink:
    """A built or read link: the link (None if the page address is unusable), its parameters, its issues,
    and a suggested link with the values cleaned (lowercase, no spaces)."""

    url: str | None
    parameters: dict[str, str]
    issues: tuple[Finding, ...]
    suggestion: str | None = None

    @property
    def ok(self) -> bool:
        """True when the link is a valid https address with the three required parameters written cleanly."""
        return self.url is not None and not self.issues

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(issue.key for issue in self.issues)


def clean_value(value: str) -> str:
    """A value as it should be written: trimmed, lowercase, spaces turned into ``_``."""
    return re.sub(r"\s+", "_", value.strip().lower())


def check_page(url: str) -> list[Finding]:
    """Problems with a page address: not a web address, not https, spaces, a host that is not a domain."""
    url = url.strip()
    if not url:
        return [make(MESSAGES, "no_page")]
    if re.search(r"\s", url):
        return [make(MESSAGES, "page_spaces")]
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return [make(MESSAGES, "not_a_link", url=url)]
    if not _HOST.match(parts.hostname or ""):
        return [make(MESSAGES, "bad_host", host=parts.hostname or parts.netloc)]
    if parts.scheme.lower() != "https":
        return [make(MESSAGES, "not_https")]
    return []


def check_values(values: dict[str, str]) -> list[Finding]:
    """Problems with UTM values: a required one missing, capitals, spaces, other characters."""
    issues: list[Finding] = []
    for name in PARAMETERS:
        value = values.get(name, "")
        if not value.strip():
            if name in REQUIRED:
                issues.append(make(MESSAGES, "missing", name=name))
            continue
        if re.search(r"\s", value.strip()):
            issues.append(make(MESSAGES, "spaces", name=name, value=value.strip(), fixed=clean_value(value)))
        elif value != value.lower():
            issues.append(make(MESSAGES, "capitals", name=name, value=value, fixed=clean_value(value)))
        elif not _CLEAN_VALUE.match(value.strip()):
            issues.append(make(MESSAGES, "characters", name=name, value=value.strip()))
    return issues


def _with_parameters(url: str, values: dict[str, str]) -> str:
    parts = urlsplit(url.strip())
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in PARAMETERS]
    added = [(name, values[name].strip()) for name in PARAMETERS if values.get(name, "").strip()]
    return urlunsplit(parts._replace(query=urlencode(kept + added)))


def build_link(page: str, source: str = "", medium: str = "", campaign: str = "", content: str = "",
               term: str = "") -> TrackingLink:
    """The tracking link for ``page`` with these values, and what is wrong with it (if anything)."""
    values = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign, "utm_content": content,
              "utm_term": term}
    page_issues = check_page(page)
    value_issues = check_values(values)
    usable = not any(f.key in ("no_page", "page_spaces", "not_a_link", "bad_host") for f in page_issues)
    url = _with_parameters(page, values) if usable else None
    cleaned = {k: clean_value(v) for k, v in values.items()}
    suggestion = None
    if url and value_issues and not any(f.key in ("missing", "characters") for f in value_issues):
        suggestion = _with_parameters(page, cleaned)
    present = {k: v.strip() for k, v in values.items() if v.strip()}
    return TrackingLink(url, present, tuple(page_issues + value_issues), suggestion)


def read_link(url: str) -> TrackingLink:
    """Read a link's UTM parameters and say what is wrong with it (a parameter given twice counts)."""
    page_issues = check_page(url)
    if any(f.key in ("no_page", "page_spaces", "not_a_link", "bad_host") for f in page_issues):
        return TrackingLink(None, {}, tuple(page_issues))
    pairs = parse_qsl(urlsplit(url.strip()).query, keep_blank_values=True)
    values: dict[str, str] = {}
    issues = list(page_issues)
    for key, value in pairs:
        name = key.lower()
        if name not in PARAMETERS:
            continue
        if key != name:
            issues.append(make(MESSAGES, "name_capitals", name=key, fixed=name))
        if name in values:
            issues.append(make(MESSAGES, "twice", name=name))
        values.setdefault(name, value)
    issues += check_values(values)
    return TrackingLink(url.strip(), values, tuple(issues))
