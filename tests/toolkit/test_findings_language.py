"""Toolkit findings in the learner's language: every sentence of every check in Arabic and English."""
from __future__ import annotations

import re

import pytest

from course import i18n
from course.toolkit import hashtags, links, passwords, search, twofactor
from course.toolkit.findings import FSI, PDI
from course.toolkit.hashtags import check_hashtag
from course.toolkit.links import inspect_link
from course.toolkit.passwords import assess_password
from course.toolkit.search import explanations, parse_query

EXPLAINED = ('jobs "human rights" reports OR internships -spam -"fake news" -site:x.com site:un.org '
             "filetype:pdf intitle:report before:2024-01-01 after:2023-01-01")

#: (area, key) -> (input, how to get the findings from it). One input per sentence a check can say.
CASES = {
    ("hashtags", "empty"): "#",
    ("hashtags", "only_digits"): "#2025",
    ("hashtags", "no_letters"): "#🔥",
    ("hashtags", "space_after_sign"): "# Beirut",
    ("hashtags", "space_breaks"): "#human rights",
    ("hashtags", "space_breaks_arabic"): "#حقوق المرأة",
    ("hashtags", "character_breaks"): "#human-rights",
    ("hashtags", "character_breaks_nothing"): "#-rights",
    ("hashtags", "too_long"): "#ProtectTheRightsOfEveryVolunteerInLebanon",
    ("hashtags", "not_camel_case"): "#humanrights",
    ("hashtags", "maybe_glued"): "#xqzvbnmlkjhgf",
    ("hashtags", "mixed_scripts"): "#حقوقrights",
    ("hashtags", "tatweel"): "#حقـوق",
    ("hashtags", "arabic_marks"): "#حُقوق",
    ("links", "not_a_link"): "not a link",
    ("links", "not_web"): "mailto:someone@example.org",
    ("links", "dangerous_scheme"): "javascript:alert(1)",
    ("links", "no_https"): "http://example.org",
    ("links", "ip_host"): "https://192.168.1.1/login",
    ("links", "at_sign"): "https://facebook.com@evil.example.net",
    ("links", "punycode"): "https://xn--pypal-4ve.com",
    ("links", "mixed_scripts"): "https://p\u0430ypal.com",
    ("links", "lookalike_letter"): "https://p\u0430ypal.com",
    ("links", "subdomain_trick"): "https://facebook.com.evil-site.net/login",
    ("links", "unknown_ending"): "https://intranet.notarealending",
    ("links", "shortener"): "https://bit.ly/3abc",
    ("links", "not_expected"): "https://example.org",
    ("links", "imitates"): "https://faceb00k.com",
    ("links", "borrows_name"): "https://facebook-login.net",
    ("passwords", "too_short_alone"): "correct horse",
    ("passwords", "too_short_mfa"): "abc",
    ("passwords", "common"): "password123",
    ("passwords", "single_word"): "Kilimanjaro",
    ("passwords", "personal"): "facebookrocks2025",
    ("passwords", "repetitive"): "aaaaaaaaaaaaaaaa",
    ("passwords", "weak_estimate"): "abc",
    ("search", "retired_cache"): "cache:example.org",
    ("search", "retired_plus"): "+volunteers",
    ("search", "retired_tilde"): "~volunteers",
    ("search", "lone_sign"): "jobs - internships",
    ("search", "unclosed_quote"): '"human rights',
    ("search", "empty_quotes"): 'jobs ""',
    ("search", "empty_operator"): "site:",
    ("search", "repeated_operator"): "site:un.org site:unicef.org",
    ("search", "operator_spaces"): 'site:"un org"',
    ("search", "bad_date"): "before:2024-13-01",
    ("search", "dates_reversed"): "after:2024-05-01 before:2024-01-01",
    ("search", "or_alone"): "OR jobs",
    ("search", "lowercase_or"): "jobs or internships",
    ("search", "and_not_needed"): "jobs AND internships",
    **{("search", f"explain_{part}"): EXPLAINED for part in (
        "term", "exact", "exclude_word", "exclude_phrase", "exclude_site", "any_of", "site", "filetype",
        "intitle", "before", "after")},
}
CASES[("search", "explain_filetype_generic")] = "filetype:xyz"

#: Catalogue keys that are not sentences of their own but words put into sentences (or other lists).
VALUE_KEYS = re.compile(r"toolkit\.(list_separator|script\..*|links\.(unnamed_character|char_in_script)"
                        r"|passwords\.(score_\d|less_than_second|centuries|\w+_(one|other)|duration\..*|tip_\w+)"
                        r"|search\.(kind\..*|filetype_generic)|twofactor\..*)$")

#: Latin words an Arabic sentence may show (isolated): names, operators and the code of examples.
NAMES_AND_CODE = set("Google Wayback Machine Earth PDF Word Excel PowerPoint CSV OpenDocument SMS USB NFC U "
                     "http https cache site filetype intitle before after OR AND or jobs internships xn com org "
                     "lb MakeItAccessible aaaa".split())


def findings_for(area: str, key: str, text: str):
    """The findings a check makes of ``text``."""
    if area == "hashtags":
        return check_hashtag(text).issues
    if area == "links":
        return inspect_link(text, expected_domain="un.org" if key == "not_expected" else None).findings
    if area == "passwords":
        return assess_password(text, ["facebook"] if key == "personal" else ()).issues
    query = parse_query(text)
    return query.problems if not key.startswith("explain") else explanations(query)


def finding(area: str, key: str):
    wanted = "explain_filetype" if key == "explain_filetype_generic" else key
    found = [f for f in findings_for(area, key, CASES[area, key]) if f.key == wanted]
    assert found, f"{CASES[area, key]!r} gives no {key} finding"
    return found[0]


def outside_isolates(text: str) -> str:
    """``text`` without its bidi-isolated runs (nested ones included)."""
    out, depth = [], 0
    for char in text:
        depth += char == FSI
        if depth == 0:
            out.append(char)
        depth -= char == PDI and depth > 0
    return "".join(out)


def test_every_sentence_of_the_catalogue_has_a_case():
    """Does every toolkit sentence in the catalogue have an input above that makes a check say it?"""
    sentences = {k for k in i18n.catalogue("en") if k.startswith("toolkit.") and not VALUE_KEYS.match(k)}
    covered = {f"toolkit.{area}.{key}" for area, key in CASES if key != "explain_filetype_generic"}
    assert sentences == covered


@pytest.mark.parametrize("area,key", sorted(CASES), ids=lambda v: v)
def test_each_finding_reads_in_arabic(area, key):
    """Shown to an Arabic learner, is the sentence Arabic, with Latin only in isolated names and code?"""
    item = finding(area, key)
    with i18n.language("ar"):
        text = item.text
    assert re.search("[\u0621-\u064a]{3}", text), text
    assert not re.search("[A-Za-z]", outside_isolates(text)), text
    code = " ".join(str(v) for _name, v in item.values if isinstance(v, (str, int)))   # what the learner typed
    allowed = NAMES_AND_CODE | set(re.findall(r"[A-Za-z]+", code))
    assert set(re.findall(r"[A-Za-z]+", text)) <= allowed, text
    assert not re.search(r"[A-Za-z]+(?:\W+[A-Za-z]+){2,}", outside_isolates(text))
    assert str(item) == item.english != text   # outside the with block: English again


@pytest.mark.parametrize("area,key", sorted(CASES), ids=lambda v: v)
def test_each_finding_reads_in_english_as_before(area, key, english):
    """In English, is the sentence the English catalogue text, with no direction marks?"""
    item = finding(area, key)
    assert item.text == item.english and FSI not in item.text and PDI not in item.text
    assert not re.search("[\u0621-\u064a]{3}", re.sub(r"#\S+", "", item.text).replace(CASES[area, key], ""))


def test_english_sentences_with_word_values_are_unchanged(english):
    """Do the English sentences whose values are words read exactly as they always did?"""
    assert check_hashtag("#حقوقrights").issues[0].text == (
        "This hashtag mixes letters from different alphabets (Arabic, Latin). People rarely type it exactly "
        "that way; use one alphabet per hashtag, or make two hashtags.")
    letter = next(f for f in inspect_link("https://p\u0430ypal.com").findings if f.key == "lookalike_letter")
    assert letter.text == ("The letter \u0430 in p\u0430ypal looks like the Latin letter a, but it is a different "
                           "character (Cyrillic Small Letter A).")
    weak = assess_password("abc").issues[-1]
    assert weak.text == ("The strength estimate rates it very weak: it might be guessed in less than a second "
                         "by someone who stole a website's password database.")
    assert assess_password("abc").crack_time_offline == "less than a second"
    assert search.explain(parse_query("filetype:pdf")) == ["filetype:pdf — only PDF documents"]


def test_word_values_are_translated_in_arabic():
    """Are alphabet names, strength labels, durations and file kinds written in Arabic inside Arabic sentences?"""
    with i18n.language("ar"):
        mixed = check_hashtag("#حقوقrights").issues[0].text
        letter = next(f for f in inspect_link("https://p\u0430ypal.com").findings if f.key == "lookalike_letter").text
        weak = assess_password("abc").issues[-1].text
        kind = search.explain(parse_query("filetype:pdf"))[0]
    assert "العربية، اللاتينية" in mixed
    assert "السيريلية" in letter and "Cyrillic" not in letter
    assert "ضعيفة جداً" in weak and "أقل من ثانية" in weak
    assert "مستندات" in kind and "documents" not in kind


@pytest.mark.parametrize("seconds,arabic", [(1, "ثانية واحدة"), (2 * 3600, "ساعتان"), (5 * 86400, "5 أيام"),
                                            (12 * 86400 * 31, "سنة واحدة"), (12 * 86400 * 365, "12 سنة")])
def test_durations_take_the_arabic_plural_forms(seconds, arabic):
    """Does a time to guess use the Arabic number forms (one, two, few, many)?"""
    assert passwords.duration_phrase(seconds).render("ar") == arabic


def test_a_finding_speaks_the_language_of_the_moment_it_is_shown():
    """Made in English, shown to an Arabic learner: is it written in Arabic then?"""
    with i18n.language("en"):
        issue = check_hashtag("#").issues[0]
        assert issue.text.startswith("There is no hashtag")
    with i18n.language("ar"):
        assert issue.text.startswith("لا يوجد هاشتاغ") and str(issue) == issue.text
    assert issue.english.startswith("There is no hashtag") and issue.key == "empty"


def test_advice_lists_are_in_arabic():
    """Are the NIST tips and the kinds of second factor in Arabic for an Arabic learner?"""
    with i18n.language("ar"):
        lines = passwords.nist_tips() + [row[k] for row in twofactor.second_factor_kinds()
                                          for k in ("name", "how_it_works", "notes")]
    for line in lines:
        assert re.search("[\u0621-\u064a]{3}", line) and not re.search("[A-Za-z]", outside_isolates(line)), line


def test_messages_tables_still_read_english():
    """Do the modules' MESSAGES tables still give the English sentences (code and older tests read them)?"""
    assert hashtags.MESSAGES["empty"] == "There is no hashtag here: write a word after the # sign."
    assert links.MESSAGES["not_a_link"] == "This does not look like a web address."
    assert passwords.MESSAGES["hour_other"] == "{n} hours"
    assert search.FILE_KINDS["pdf"] == "PDF documents"
