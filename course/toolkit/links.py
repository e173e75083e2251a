"""Look at a link the way a careful reader should before clicking it.

``inspect_link`` finds the site a link really belongs to (its registered
domain, using the public-suffix list bundled with tldextract, never the
network) and notes the usual phishing tricks, each as a plain sentence.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract
from confusable_homoglyphs import categories, confusables

from .findings import Finding, Messages, lookup, make, render_value, script_names

#: Link-shortening services: the real destination is hidden until opened.
SHORTENERS = frozenset({
    "bit.ly", "buff.ly", "cutt.ly", "goo.gl", "is.gd", "lnkd.in", "ow.ly",
    "rb.gy", "rebrand.ly", "s.id", "shorturl.at", "t.co", "t.ly", "tiny.cc",
    "tinyurl.com", "v.gd",
})

#: Sites whose names phishing links often imitate.
OFTEN_IMITATED = (
    "facebook.com", "instagram.com", "whatsapp.com", "messenger.com", "google.com",
    "gmail.com", "youtube.com", "x.com", "twitter.com", "linkedin.com", "tiktok.com",
    "telegram.org", "signal.org", "microsoft.com", "outlook.com", "apple.com",
    "icloud.com", "paypal.com", "amazon.com", "netflix.com",
)

#: English sentences by key (the catalogue ``course/i18n/<lang>/toolkit.toml``, keys ``toolkit.links.*``, has every language).
MESSAGES = Messages("toolkit.links")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB_SCHEMES = ("http", "https")
_DANGEROUS_SCHEMES = ("javascript", "data", "vbscript", "file")
_ASCII_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "$": "s", "@": "a"})


@dataclass(frozen=True)
class LinkReport:
    """What a link really points to, and what looks wrong about it."""

    url: str
    scheme: str
    host: str
    host_unicode: str
    registered_domain: str
    subdomain: str
    is_https: bool
    is_ip: bool
    is_shortened: bool
    matches_expected: bool | None
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        """True when nothing suspicious was found."""
        return not self.findings

    @property
    def finding_keys(self) -> tuple[str, ...]:
        return tuple(finding.key for finding in self.findings)


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    """The public-suffix reader: bundled snapshot only, no network, no disk cache."""
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=())


def _split(host: str) -> tuple[str, str, str]:
    """(subdomain, registered domain, suffix) of a host name."""
    result = _extractor()(host)
    if not result.suffix:
        return "", "", ""
    registered = f"{result.domain}.{result.suffix}" if result.domain else ""
    return result.subdomain, registered, result.suffix


def _decode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        # browsers also accept a whole address written as one number
        return bool(re.fullmatch(r"(0x[0-9a-f]+|\d+)", host))


def _skeleton(name: str) -> str:
    """The name with look-alike characters replaced by the Latin letter they imitate."""
    out = []
    for char in unicodedata.normalize("NFKC", name).lower():
        if not char.isascii():
            found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True) or []
            latin = [h["c"] for c in found for h in c["homoglyphs"] if h["c"].isascii()]
            char = latin[0].lower() if latin else char
        out.append(char)
    return "".join(out).replace("rn", "m").replace("vv", "w").translate(_ASCII_LOOKALIKES)


def _distance(a: str, b: str) -> int:
    """Number of single-letter edits between two words."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _lookalike_findings(host_unicode: str) -> list[Finding]:
    findings: list[Finding] = []
    for label in host_unicode.split("."):
        if label.isascii():
            continue
        letters = [ch for ch in label if unicodedata.category(ch)[0] == "L"]
        scripts = sorted({categories.alias(ch) for ch in letters} - {"COMMON", "INHERITED"})
        found = confusables.is_confusable(label, preferred_aliases=["latin"], greedy=True) or []
        fakes = {c["character"]: c for c in found if c["alias"] not in ("LATIN", "COMMON", "INHERITED")
                 and any(h["c"].isascii() for h in c["homoglyphs"])}
        mixed = len(scripts) > 1
        whole_script_fake = bool(letters) and all(ch in fakes for ch in letters)
        if mixed:
            findings.append(make(MESSAGES, "mixed_scripts", label=label, scripts=script_names(scripts)))
        if mixed or whole_script_fake:
            for char, info in fakes.items():
                latin = next(h["c"] for h in info["homoglyphs"] if h["c"].isascii())
                findings.append(make(MESSAGES, "lookalike_letter", char=char, label=label,
                                     latin=latin.lower(), name=CharacterName(char)))
    return findings


@dataclass(frozen=True)
class CharacterName:
    """What a character is: its Unicode name in English ("Cyrillic Small Letter A"),
    its alphabet and code point in other languages."""

    char: str

    def render(self, language: str) -> str:
        if language == "en":
            return unicodedata.name(self.char, MESSAGES["unnamed_character"]).title()
        if not unicodedata.name(self.char, ""):
            return lookup("toolkit.links.unnamed_character", language)
        script = script_names([categories.alias(self.char)]).items[0]
        return lookup("toolkit.links.char_in_script", language).format(
            script=render_value(script, language), code=render_value(f"U+{ord(self.char):04X}", language))


def _name_of(registered: str) -> str:
    return registered.split(".", 1)[0]


def _imitation_findings(registered: str, subdomain: str, targets: tuple[str, ...]) -> list[Finding]:
    """Does the site imitate, or borrow the name of, one of ``targets``?"""
    findings: list[Finding] = []
    name = _name_of(registered)
    for real in targets:
        if registered == real:
            return []
    for real in targets:
        real_name = _name_of(real)
        if len(real_name) < 3:
            continue
        same_look = _skeleton(name) == _skeleton(real_name) and name != real_name
        near_miss = len(real_name) >= 5 and 0 < _distance(name, real_name) <= 1
        if same_look or near_miss:
            findings.append(make(MESSAGES, "imitates", registered=registered, real=real))
        elif real_name in name or real_name in subdomain.split("."):
            findings.append(make(MESSAGES, "borrows_name", name=real_name, registered=registered, real=real))
    return findings


def inspect_link(url: str, expected_domain: str | None = None) -> LinkReport:
    """Inspect a link; ``expected_domain`` is the site it should lead to, if known."""
    raw = url.strip()
    findings: list[Finding] = []
    scheme_match = _SCHEME.match(raw)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme and scheme not in _WEB_SCHEMES and "://" not in raw[:len(scheme) + 3]:
        if not re.match(r"^[^/]*:\d", raw):  # "example.com:8080" is a host and port
            key = "dangerous_scheme" if scheme in _DANGEROUS_SCHEMES else "not_web"
            return _report(raw, scheme, findings=[make(MESSAGES, key, scheme=scheme)])
        scheme = ""
    try:
        parts = urlsplit(raw if "://" in raw else "http://" + raw)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        host = ""
    if not host or any(ch.isspace() for ch in host):
        return _report(raw, scheme, findings=[make(MESSAGES, "not_a_link")])

    host_unicode = ".".join(_decode_label(label) for label in host.split("."))
    is_ip = _is_ip(host)
    subdomain, registered, _suffix = ("", "", "") if is_ip else _split(host_unicode)
    shortened = host in SHORTENERS or registered in SHORTENERS

    if scheme == "http":
        findings.append(make(MESSAGES, "no_https"))
    if "@" in parts.netloc:
        findings.append(make(MESSAGES, "at_sign", host=host_unicode))
    if is_ip:
        findings.append(make(MESSAGES, "ip_host", host=host))
    elif not registered:
        findings.append(make(MESSAGES, "unknown_ending", host=host_unicode))
    if "xn--" in host:
        findings.append(make(MESSAGES, "punycode", decoded=host_unicode))
    findings.extend(_lookalike_findings(host_unicode))
    if subdomain:
        decoy_sub, decoy_registered, _ = _split(subdomain)
        if decoy_registered:
            findings.append(make(MESSAGES, "subdomain_trick", decoy=subdomain, registered=registered))
    if shortened:
        findings.append(make(MESSAGES, "shortener", host=host))

    matches: bool | None = None
    if expected_domain:
        expected = _expected(expected_domain)
        matches = registered == expected
        if not matches:
            findings.append(make(MESSAGES, "not_expected", expected=expected, registered=registered or host_unicode))
            if registered:
                findings.extend(_imitation_findings(registered, subdomain, (expected,)))
    elif registered:
        findings.extend(_imitation_findings(registered, subdomain, OFTEN_IMITATED))

    return LinkReport(
        url=raw, scheme=scheme, host=host, host_unicode=host_unicode,
        registered_domain=registered, subdomain=subdomain,
        is_https=scheme == "https", is_ip=is_ip, is_shortened=shortened,
        matches_expected=matches, findings=tuple(_unique(findings)),
    )


def _expected(domain: str) -> str:
    text = domain.strip().lower()
    host = urlsplit(text if "://" in text else "http://" + text).hostname or text
    host = ".".join(_decode_label(label) for label in host.split("."))
    return _split(host)[1] or host


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    return [f for f in findings if not (f in seen or seen.add(f))]


def _report(url: str, scheme: str, findings: list[Finding]) -> LinkReport:
    return LinkReport(
        url=url, scheme=scheme, host="", host_unicode="", registered_domain="",
        subdomain="", is_https=False, is_ip=False, is_shortened=False,
        matches_expected=None, findings=tuple(findings),
    )
