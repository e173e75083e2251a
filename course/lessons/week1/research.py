"""Lesson 2, researching with Google: operators, a query builder and queries checked by reading them.

A written query is checked the way Google would read it: each rule parses the
answer with :func:`course.toolkit.search.parse_query` and looks at one part
(the exact phrases, the site, the dates ...), so any correct way of writing
it passes, in any order, and a query with a mistake or a retired operator is
told so.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ...i18n import _
from ...toolkit.search import Query, parse_query
from ...widgets import Matching, MultipleChoice, Rule, TextAnswer, TrueFalse
from ..tools import QueryBuilder
from ..registry import exercise, tool
from ._keys import hints, texts

P = "w1.search"


# -- rules that read a query ---------------------------------------------------------------------
def _low(items: Iterable[str]) -> set[str]:
    return {" ".join(item.lower().split()) for item in items}


def reads(test: Callable[[Query], bool]) -> Callable[[str], bool]:
    """A rule check that parses the answer first."""
    return lambda text: bool(test(parse_query(text)))


def has_phrase(phrase: str) -> Callable[[str], bool]:
    return reads(lambda q: phrase in _low(q.exact))


def has_word(word: str) -> Callable[[str], bool]:
    """The word must be searched for: as a plain word or a one-word phrase in quotes."""
    return reads(lambda q: word in _low(q.terms) | _low(q.exact))


def excludes(item: str) -> Callable[[str], bool]:
    return reads(lambda q: item in _low(q.exclude))


def on_site(domain: str) -> Callable[[str], bool]:
    return reads(lambda q: (q.site or "").lower().removeprefix("www.") == domain)


def either(*phrases: str) -> Callable[[str], bool]:
    wanted = _low(phrases)
    return reads(lambda q: any(wanted <= _low(group) for group in q.any_of))


def no_problems() -> Callable[[str], bool]:
    return reads(lambda q: not q.problems)


def well_written() -> Rule:
    return Rule(no_problems(), _(f"{P}.rule.no_problems"))


# -- exercises -----------------------------------------------------------------------------------
@exercise
def either_or_query() -> TextAnswer:
    """Quotes, OR and minus together."""
    return TextAnswer(
        "w1_l2_either_or", _(f"{P}.either_or.prompt"),
        rules=[Rule(either("early marriage", "child marriage"), _(f"{P}.either_or.rule_or")),
               Rule(has_word("iraq"), _(f"{P}.either_or.rule_word")),
               Rule(excludes("iran"), _(f"{P}.either_or.rule_minus")),
               well_written()],
        example='"early marriage" OR "child marriage" Iraq -Iran',
        placeholder=_(f"{P}.placeholder"), hints=hints(f"{P}.either_or.hint", 2))


@exercise
def where_query() -> TextAnswer:
    """site: and intitle: with an exact phrase."""
    return TextAnswer(
        "w1_l2_where", _(f"{P}.where.prompt"),
        rules=[Rule(has_phrase("freedom of assembly"), _(f"{P}.where.rule_phrase")),
               Rule(on_site("ohchr.org"), _(f"{P}.where.rule_site")),
               Rule(reads(lambda q: (q.intitle or "").lower() == "report"), _(f"{P}.where.rule_title")),
               well_written()],
        example='intitle:report "freedom of assembly" site:ohchr.org',
        placeholder=_(f"{P}.placeholder"), hints=hints(f"{P}.where.hint", 2))


@exercise
def when_query() -> TextAnswer:
    """after: and before: around one year."""
    return TextAnswer(
        "w1_l2_when", _(f"{P}.when.prompt"),
        rules=[Rule(has_phrase("cybercrime law"), _(f"{P}.when.rule_phrase")),
               Rule(has_word("jordan"), _(f"{P}.when.rule_word")),
               Rule(reads(lambda q: q.after in ("2023-12-31", "2024-01-01")), _(f"{P}.when.rule_after")),
               Rule(reads(lambda q: q.before in ("2024-12-31", "2025-01-01")), _(f"{P}.when.rule_before")),
               well_written()],
        example='"cybercrime law" Jordan after:2023-12-31 before:2025-01-01',
        placeholder=_(f"{P}.placeholder"), hints=hints(f"{P}.when.hint", 2))


OLD_QUERY = "+Gaza ~water cache:unicef.org"


@exercise
def fix_old_query() -> TextAnswer:
    """Rewrite a query that uses +, ~ and cache:."""
    return TextAnswer(
        "w1_l2_fix", _(f"{P}.fix.prompt", query=OLD_QUERY),
        rules=[Rule(has_word("gaza"), _(f"{P}.fix.rule_gaza")),
               Rule(has_phrase("water crisis"), _(f"{P}.fix.rule_phrase")),
               Rule(on_site("unicef.org"), _(f"{P}.fix.rule_site")),
               Rule(no_problems(), _(f"{P}.fix.rule_retired"))],
        example='"Gaza" "water crisis" site:unicef.org',
        placeholder=_(f"{P}.placeholder"), hints=hints(f"{P}.fix.hint", 2))


@exercise
def plus_still_works() -> TrueFalse:
    return TrueFalse("w1_l2_plus", _(f"{P}.plus.statement"), answer=False, why=_(f"{P}.plus.why"),
                     nudge=_(f"{P}.plus.nudge"))


OPERATORS = {"quotes": '"…"', "minus": "-word", "or": "OR", "site": "site:", "filetype": "filetype:",
             "intitle": "intitle:", "after": "after:"}


@exercise
def match_operators() -> Matching:
    """Each operator with what it does."""
    meanings = ("exact", "leave_out", "either", "one_site", "file", "title", "newer")
    answer = dict(zip(OPERATORS, meanings))
    return Matching("w1_l2_operators", _(f"{P}.operators.prompt"), OPERATORS,
                    texts(f"{P}.operators.meaning", meanings), answer=answer,
                    why=texts(f"{P}.operators.why", OPERATORS), clues=texts(f"{P}.operators.clue", OPERATORS))


@tool
def query_builder() -> QueryBuilder:
    return QueryBuilder()


@exercise
def trust_a_source() -> MultipleChoice:
    """What makes a found fact worth using in a campaign."""
    ids = ("publisher", "original", "date", "others", "top", "shares", "ai")
    return MultipleChoice("w1_l2_trust", _(f"{P}.trust.prompt"), texts(f"{P}.trust.opt", ids),
                          answer=["publisher", "original", "date", "others"],
                          why=texts(f"{P}.trust.why", ids))
