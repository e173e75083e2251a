"""Tests for course.toolkit.search."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.toolkit.search import (
    MESSAGES, Query, build_query, explain, is_bare_word, parse_query, query_fields,
)


def keys(query: Query) -> list[str]:
    return [problem.key for problem in query.problems]


# ------------------------------------------------------------------ parsing


def test_parses_every_kind_of_part():
    """Does a query with every supported part come apart into the right fields?"""
    q = parse_query('refugees "human rights" -sports jobs OR internships '
                    'site:un.org filetype:pdf intitle:"annual report" '
                    'after:2023-01-01 before:2024-01-01')
    assert q.terms == ("refugees",)
    assert q.exact == ("human rights",)
    assert q.exclude == ("sports",)
    assert q.any_of == (("jobs", "internships"),)
    assert (q.site, q.filetype, q.intitle) == ("un.org", "pdf", "annual report")
    assert (q.after, q.before) == ("2023-01-01", "2024-01-01")
    assert q.problems == ()


def test_arabic_terms_and_phrases():
    """Are Arabic words, phrases and excluded words read like English ones?"""
    q = parse_query('لاجئين "حقوق المرأة" -رياضة site:gov.lb')
    assert q.terms == ("لاجئين",)
    assert q.exact == ("حقوق المرأة",)
    assert q.exclude == ("رياضة",)
    assert q.site == "gov.lb"
    assert q.problems == ()


def test_excluded_phrase_and_excluded_site():
    """Are -"a phrase" and -site:x read as exclusions, not as plain words?"""
    q = parse_query('climate -"fossil fuel" -site:facebook.com')
    assert q.terms == ("climate",)
    assert q.exclude == ("fossil fuel", "site:facebook.com")


def test_or_group_with_three_members_and_phrases():
    """Does 'a OR "b c" OR d' become one OR group of three?"""
    q = parse_query('jobs OR "paid internships" OR volunteering beirut')
    assert q.any_of == (("jobs", "paid internships", "volunteering"),)
    assert q.terms == ("beirut",)


def test_two_separate_or_groups():
    """Do 'a OR b c OR d' give two groups rather than one?"""
    q = parse_query("a OR b c OR d")
    assert q.any_of == (("a", "b"), ("c", "d"))
    assert q.terms == ()


def test_curly_quotes_from_phones_make_a_phrase():
    """Do curly quotation marks (typed on phones) still make an exact phrase?"""
    q = parse_query("\u201cyouth voices\u201d")
    assert q.exact == ("youth voices",)


def test_operator_names_are_case_insensitive():
    """Is Site:un.org read as the site operator?"""
    assert parse_query("Site:un.org").site == "un.org"


@pytest.mark.parametrize("text, key, mention", [
    ("cache:example.com", "retired_cache", "cache:"),
    ("+women rights", "retired_plus", "+women"),
    ("~cheap flights", "retired_tilde", "~cheap"),
])
def test_retired_syntax_is_flagged(text, key, mention):
    """Are the retired cache:, leading + and ~ flagged with an explanation naming them?"""
    q = parse_query(text)
    assert key in keys(q)
    problem = next(p for p in q.problems if p.key == key)
    assert mention in problem.text and problem.text.endswith(".")


def test_plain_query_has_no_retired_syntax_warning():
    """Is a query without cache:, + or ~ free of retired-syntax warnings?"""
    assert not {"retired_cache", "retired_plus", "retired_tilde"} & set(keys(parse_query("women rights")))


def test_retired_plus_keeps_the_word():
    """Is the word after a retired + still searched as a plain word?"""
    assert parse_query("+women").terms == ("women",)


def test_cache_is_not_kept_as_a_search_word():
    """Does cache:url disappear from the searched words once flagged?"""
    q = parse_query("cache:example.com news")
    assert q.terms == ("news",)
    assert q.site is None


@pytest.mark.parametrize("value", ["2023-02-30", "2024-13-01", "20240101", "2024-1-5", "yesterday"])
def test_invalid_dates_are_rejected(value):
    """Is an impossible or badly written before:/after: date flagged and dropped?"""
    q = parse_query(f"news before:{value}")
    assert q.before is None
    assert "bad_date" in keys(q)


def test_valid_leap_day_is_accepted():
    """Is 29 February of a leap year a valid date?"""
    q = parse_query("after:2024-02-29")
    assert q.after == "2024-02-29"
    assert q.problems == ()


def test_reversed_dates_are_flagged():
    """Is an after: date later than the before: date flagged?"""
    assert "dates_reversed" in keys(parse_query("after:2024-05-01 before:2024-01-01"))


def test_lowercase_or_is_a_plain_word_with_a_warning():
    """Is lowercase 'or' searched as a word, with advice to write OR?"""
    q = parse_query("jobs or internships")
    assert q.terms == ("jobs", "or", "internships")
    assert q.any_of == ()
    assert "lowercase_or" in keys(q)


def test_dangling_or_is_flagged():
    """Is an OR with nothing after it flagged?"""
    q = parse_query("jobs OR")
    assert q.terms == ("jobs",)
    assert "or_alone" in keys(q)


def test_unclosed_quote_is_flagged_but_kept():
    """Is a missing closing quotation mark flagged while keeping the phrase?"""
    q = parse_query('"human rights')
    assert q.exact == ("human rights",)
    assert "unclosed_quote" in keys(q)


def test_empty_operator_is_flagged():
    """Is 'site: un.org' (a space after the colon) flagged?"""
    q = parse_query("site: un.org")
    assert q.site is None
    assert "empty_operator" in keys(q)


def test_repeated_operator_is_flagged():
    """Is a second site: flagged, keeping the last one?"""
    q = parse_query("site:a.org site:b.org")
    assert q.site == "b.org"
    assert "repeated_operator" in keys(q)


def test_clean_query_has_no_problems():
    """Does a correct query produce no problems at all?"""
    assert parse_query('"youth unemployment" lebanon filetype:pdf').problems == ()


# ------------------------------------------------------------------ explaining


def test_explain_site_sentence():
    """Is site:un.org explained exactly as the lesson shows it?"""
    assert explain(parse_query("site:un.org")) == [
        "site:un.org — only pages on un.org and its subdomains"]


def test_explain_gives_one_sentence_per_part():
    """Does explain give one sentence for each part, in a readable form?"""
    q = parse_query('water "clean energy" -coal a OR b filetype:pdf intitle:report before:2024-01-01')
    lines = explain(q)
    assert len(lines) == 7
    assert any("PDF documents" in line for line in lines)
    assert any(line.startswith('"clean energy" —') for line in lines)
    assert any("leave out" in line and "coal" in line for line in lines)
    assert any("at least one of" in line for line in lines)


def test_explain_excluded_site():
    """Is -site:facebook.com explained as leaving out that site?"""
    assert explain(parse_query("-site:facebook.com")) == [
        MESSAGES["explain_exclude_site"].format(site="facebook.com")]


def test_explain_empty_query():
    """Does an empty query explain to an empty list?"""
    assert explain(parse_query("")) == []


# ------------------------------------------------------------------ building


def test_build_query_writes_canonical_text():
    """Does build_query write each part in Google's syntax?"""
    text = build_query(terms="lebanon youth", exact="human rights", exclude=["sports", "fossil fuel"],
                       site="un.org", filetype="pdf", intitle="annual report",
                       before=date(2024, 1, 1), after="2023-01-01", any_of=["jobs", "paid work"])
    assert text == ('lebanon youth "human rights" jobs OR "paid work" -sports -"fossil fuel" '
                    'site:un.org filetype:pdf intitle:"annual report" before:2024-01-01 after:2023-01-01')


@pytest.mark.parametrize("kwargs", [
    {"terms": ["two words"]},
    {"terms": ["OR"]},
    {"terms": ["-minus"]},
    {"terms": ["site:un.org"]},
    {"exact": 'say "hi"'},
    {"exact": "   "},
    {"before": "2024-02-30"},
    {"after": "March 2024"},
    {"site": "un .org"},
    {"any_of": ["only one"]},
])
def test_build_query_rejects_unsafe_parts(kwargs):
    """Does build_query refuse parts that would be read back differently?"""
    with pytest.raises(ValueError):
        build_query(**kwargs)


def test_build_query_with_arabic_round_trips():
    """Does an Arabic query built from parts read back into the same parts?"""
    text = build_query(terms=["لبنان"], exact=["حقوق الإنسان"], exclude=["رياضة"], any_of=[["شباب", "طلاب"]])
    q = parse_query(text)
    assert (q.terms, q.exact, q.exclude, q.any_of) == (("لبنان",), ("حقوق الإنسان",), ("رياضة",), (("شباب", "طلاب"),))


# ------------------------------------------------------------------ properties

LETTERS = st.characters(categories=("Lu", "Ll", "Lo", "Nd"))
ARABIC = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
WORD = st.text(st.one_of(LETTERS, ARABIC), min_size=1, max_size=8).filter(
    lambda w: is_bare_word(w) and w != "or")
PHRASE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)


@st.composite
def query_parts(draw):
    before = draw(st.none() | DAY)
    after = draw(st.none() | DAY)
    if before and after and after >= before:
        after = None
    return {
        "terms": tuple(draw(st.lists(WORD, max_size=3))),
        "exact": tuple(draw(st.lists(PHRASE, max_size=2))),
        "exclude": tuple(draw(st.lists(PHRASE, max_size=2))),
        "any_of": tuple(tuple(g) for g in draw(st.lists(st.lists(PHRASE, min_size=2, max_size=3), max_size=2))),
        "site": draw(st.none() | st.sampled_from(["un.org", "gov.lb", "smex.org", "example.com/ar"])),
        "filetype": draw(st.none() | st.sampled_from(["pdf", "docx", "csv"])),
        "intitle": draw(st.none() | PHRASE),
        "before": before,
        "after": after,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query_parts())
def test_build_then_parse_round_trips(parts):
    """Does parse_query(build_query(parts)) give back exactly the same parts, with no problems?"""
    q = parse_query(build_query(**parts))
    assert q.problems == ()
    assert query_fields(q) == parts


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_never_crashes_and_explains(text):
    """Does any text at all (Arabic, emoji, stray quotes) parse and explain without an error?"""
    q = parse_query(text)
    lines = explain(q)
    assert all(isinstance(line, str) and " — " in line for line in lines)
    assert all(problem.text for problem in q.problems)


PIECES = ["a", "b", "حقوق", " ", " ", '"', "\u201c", "-", "+", "~", ":", "|", "OR", "or", "AND",
          "site:", "site:un.org", "intitle:", "filetype:pdf", "before:2024-01-01",
          "after:2023-05-05", "before:2023-02-30", "cache:", "-site:x.org"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_problem_free_queries_rewrite_to_themselves(text):
    """When a query has no problems, does writing it back and reading it again change nothing?"""
    q = parse_query(text)
    if not q.problems:
        again = parse_query(q.to_text())
        assert query_fields(again) == query_fields(q)
        assert again.problems == ()
