"""Google search queries: read one into its parts, explain it, or build one.

``parse_query`` understands exact phrases ("..."), excluded words and phrases
(-word, -"a phrase"), OR groups, the operators site:, filetype:, intitle:,
before: and after:, and plain words. It never raises: anything odd becomes a
sentence in ``Query.problems`` (for example the retired cache:, + and ~).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Iterable

from .findings import Finding, Messages, Phrase, make

#: Operators this module understands (always written in lower case here).
OPERATORS = ("site", "filetype", "intitle", "before", "after")
#: Operators Google no longer supports.
RETIRED_OPERATORS = ("cache",)
#: Characters accepted as quotation marks (phone keyboards type curly ones).
QUOTES = '"\u201c\u201d'

#: English sentences by key (the catalogue ``course/i18n/<lang>/toolkit.toml``, keys ``toolkit.search.*``, has every language).
MESSAGES = Messages("toolkit.search")

#: Friendly names for common file types, used in explanations (English; the catalogue has every language).
FILE_KINDS = Messages("toolkit.search.kind")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OP_PREFIX = re.compile(r"([A-Za-z]+):")


@dataclass(frozen=True)
class Query:
    """A search query split into its parts.

    ``any_of`` holds OR groups, each a tuple of two or more words or phrases.
    ``before`` and ``after`` are valid YYYY-MM-DD dates or None.
    ``problems`` are Findings about mistakes or retired syntax.
    """

    terms: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    site: str | None = None
    filetype: str | None = None
    intitle: str | None = None
    before: str | None = None
    after: str | None = None
    problems: tuple[Finding, ...] = ()

    def to_text(self) -> str:
        """Write the query back as text Google understands."""
        return build_query(
            terms=self.terms, exact=self.exact, exclude=self.exclude,
            any_of=self.any_of, site=self.site, filetype=self.filetype,
            intitle=self.intitle, before=self.before, after=self.after,
        )


# --------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, not, or, op, plus, tilde
    value: str = ""
    op: str = ""
    quoted: bool = False


def _read_phrase(text: str, start: int) -> tuple[str, int, bool]:
    """Read from just after an opening quote; return (phrase, next index, closed)."""
    end = start
    while end < len(text) and text[end] not in QUOTES:
        end += 1
    closed = end < len(text)
    return " ".join(text[start:end].split()), end + 1 if closed else end, closed


def _read_chunk(text: str, start: int) -> tuple[str, int]:
    """Read a bare piece up to whitespace or a quotation mark."""
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in QUOTES:
        end += 1
    return text[start:end], end


def _operator_of(chunk: str) -> str | None:
    match = _OP_PREFIX.match(chunk)
    if not match:
        return None
    name = match.group(1).lower()
    return name if name in OPERATORS or name in RETIRED_OPERATORS else None


def _tokenise(text: str, problems: list[Finding]) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char in QUOTES or (char == "-" and i + 1 < n and text[i + 1] in QUOTES):
            negated = char == "-"
            phrase, i, closed = _read_phrase(text, i + (2 if negated else 1))
            if not closed:
                problems.append(make(MESSAGES, "unclosed_quote"))
            if not phrase:
                problems.append(make(MESSAGES, "empty_quotes"))
                continue
            tokens.append(_Token("not" if negated else "phrase", phrase, quoted=True))
            continue
        chunk, i = _read_chunk(text, i)
        op = _operator_of(chunk)
        if op is not None:
            value = chunk[len(op) + 1:]
            quoted = False
            if not value and i < n and text[i] in QUOTES:
                value, i, closed = _read_phrase(text, i + 1)
                quoted = True
                if not closed:
                    problems.append(make(MESSAGES, "unclosed_quote"))
            tokens.append(_Token("op", value, op=op, quoted=quoted))
        elif chunk in ("OR", "|"):
            tokens.append(_Token("or"))
        elif chunk in ("-", "+", "~"):
            problems.append(make(MESSAGES, "lone_sign", sign=chunk))
        elif chunk[0] == "-":
            tokens.append(_Token("not", chunk[1:]))
        elif chunk[0] == "+":
            tokens.append(_Token("plus", chunk[1:]))
        elif chunk[0] == "~":
            tokens.append(_Token("tilde", chunk[1:]))
        else:
            tokens.append(_Token("word", chunk))
    return tokens


def _valid_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_query(text: str) -> Query:
    """Split a search query into its parts; never raises on odd input."""
    problems: list[Finding] = []
    tokens = _tokenise(text, problems)

    # Turn retired signs into plain words, and note them.
    plain: list[_Token] = []
    for token in tokens:
        if token.kind == "plus":
            problems.append(make(MESSAGES, "retired_plus", token="+" + token.value, word=token.value))
            plain.append(_Token("word", token.value))
        elif token.kind == "tilde":
            problems.append(make(MESSAGES, "retired_tilde", token="~" + token.value))
            plain.append(_Token("word", token.value))
        else:
            plain.append(token)

    # Join OR groups: an item is ("term" | "phrase", text) or ("group", [texts]).
    items: list[tuple[str, object]] = []
    joinable_last = False
    k = 0
    while k < len(plain):
        token = plain[k]
        if token.kind == "or":
            nxt = plain[k + 1] if k + 1 < len(plain) else None
            if joinable_last and nxt is not None and nxt.kind in ("word", "phrase"):
                kind, value = items[-1]
                members = list(value) if kind == "group" else [value]
                members.append(nxt.value)
                items[-1] = ("group", members)
                k += 2
                continue
            problems.append(make(MESSAGES, "or_alone"))
            joinable_last = False
            k += 1
            continue
        if token.kind == "word":
            items.append(("term", token.value))
            joinable_last = True
        elif token.kind == "phrase":
            items.append(("phrase", token.value))
            joinable_last = True
        else:
            items.append((token.kind, token))
            joinable_last = False
        k += 1

    terms: list[str] = []
    exact: list[str] = []
    exclude: list[str] = []
    any_of: list[tuple[str, ...]] = []
    ops: dict[str, str | None] = {}
    for kind, value in items:
        if kind == "term":
            if value == "AND":
                problems.append(make(MESSAGES, "and_not_needed"))
                continue
            if value == "or":
                problems.append(make(MESSAGES, "lowercase_or"))
            terms.append(value)
        elif kind == "phrase":
            exact.append(value)
        elif kind == "group":
            any_of.append(tuple(value))
        elif kind == "not":
            exclude.append(value.value)
        elif kind == "op":
            _take_operator(value, ops, problems)

    before, after = ops.get("before"), ops.get("after")
    if before and after and after >= before:
        problems.append(make(MESSAGES, "dates_reversed", after=after, before=before))

    return Query(
        terms=tuple(terms), exact=tuple(exact), exclude=tuple(exclude),
        any_of=tuple(any_of), site=ops.get("site"), filetype=ops.get("filetype"),
        intitle=ops.get("intitle"), before=before, after=after,
        problems=tuple(problems),
    )


def _take_operator(token: _Token, ops: dict[str, str | None], problems: list[Finding]) -> None:
    op, value = token.op, token.value
    if op == "cache":
        problems.append(make(MESSAGES, "retired_cache"))
        return
    if not value:
        example = {"before": "before:2024-01-01", "after": "after:2023-01-01",
                   "intitle": "intitle:report", "filetype": "filetype:pdf"}.get(op, "site:un.org")
        problems.append(make(MESSAGES, "empty_operator", op=op, example=example))
        return
    if op != "intitle" and " " in value:
        problems.append(make(MESSAGES, "operator_spaces", op=op))
        return
    if op in ("before", "after") and not _valid_date(value):
        problems.append(make(MESSAGES, "bad_date", op=op, value=value))
        return
    if op in ops:
        problems.append(make(MESSAGES, "repeated_operator", op=op, value=value))
    ops[op] = value


# --------------------------------------------------------------- explaining


def _shown(text: str) -> str:
    return f'"{text}"' if " " in text else text


def explain(query: Query) -> list[str]:
    """One plain sentence for each part of the query, in the current language."""
    return [part.text for part in explanations(query)]


def explanations(query: Query) -> list[Finding]:
    """The parts of the query, each as a Finding keyed ``explain_*`` (written when shown)."""
    out: list[Finding] = []
    for term in query.terms:
        out.append(make(MESSAGES, "explain_term", term=term))
    for phrase in query.exact:
        out.append(make(MESSAGES, "explain_exact", phrase=phrase))
    for group in query.any_of:
        text = " OR ".join(_shown(member) for member in group)
        out.append(make(MESSAGES, "explain_any_of", text=text, items=", ".join(group)))
    for item in query.exclude:
        if _operator_of(item) == "site" and len(item) > 5:
            out.append(make(MESSAGES, "explain_exclude_site", site=item[5:]))
        elif " " in item:
            out.append(make(MESSAGES, "explain_exclude_phrase", phrase=item))
        else:
            out.append(make(MESSAGES, "explain_exclude_word", term=item))
    if query.site:
        out.append(make(MESSAGES, "explain_site", site=query.site))
    if query.filetype:
        extension = query.filetype.lower().lstrip(".")
        kind = (Phrase(FILE_KINDS.key(extension)) if extension in FILE_KINDS
                else make(MESSAGES, "filetype_generic", filetype=query.filetype.lstrip(".")))
        out.append(make(MESSAGES, "explain_filetype", filetype=query.filetype, kind=kind))
    if query.intitle:
        out.append(make(MESSAGES, "explain_intitle", shown=_shown(query.intitle)))
    if query.before:
        out.append(make(MESSAGES, "explain_before", day=query.before))
    if query.after:
        out.append(make(MESSAGES, "explain_after", day=query.after))
    return out


# --------------------------------------------------------------- building


def is_bare_word(word: str) -> bool:
    """Can ``word`` be written without quotes and still be read back as one plain word?"""
    if not word or any(ch.isspace() or ch in QUOTES for ch in word):
        return False
    if word[0] in "-+~" or word in ("OR", "AND", "|"):
        return False
    return _operator_of(word) is None


def _phrase(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{what} must be text, not {type(text).__name__}")
    if any(ch in QUOTES for ch in text):
        raise ValueError(f"{what} cannot contain quotation marks: {text!r}")
    phrase = " ".join(text.split())
    if not phrase:
        raise ValueError(f"{what} is empty")
    return phrase


def _as_list(value: str | Iterable[str] | None, split: bool) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split() if split else [value]
    return list(value)


def _operator_value(op: str, value: str | date | None) -> str | None:
    if value is None:
        return None
    if op in ("before", "after"):
        text = value.isoformat() if isinstance(value, date) else str(value)
        if not _valid_date(text):
            raise ValueError(f"{op} must be a date written YYYY-MM-DD, not {value!r}")
        return text
    if op == "intitle":
        return _phrase(value, op)
    text = _phrase(value, op)
    if " " in text:
        raise ValueError(f"{op} cannot contain spaces: {value!r}")
    return text


def build_query(
    terms: str | Iterable[str] | None = None,
    exact: str | Iterable[str] | None = None,
    exclude: str | Iterable[str] | None = None,
    site: str | None = None,
    filetype: str | None = None,
    intitle: str | None = None,
    before: str | date | None = None,
    after: str | date | None = None,
    any_of: Iterable[str] | Iterable[Iterable[str]] | None = None,
) -> str:
    """Write a query from its parts; ``parse_query`` reads it back unchanged.

    ``terms`` may be one string (split at spaces) or a list of words;
    ``exact`` and ``exclude`` one string or a list; ``any_of`` one OR group
    (a list of words or phrases) or a list of such groups.
    Raises ValueError for a part that cannot be written safely.
    """
    parts: list[str] = []
    for term in _as_list(terms, split=True):
        if not is_bare_word(term):
            raise ValueError(f"{term!r} cannot be used as a plain word; use exact= or exclude= instead")
        parts.append(term)
    for text in _as_list(exact, split=False):
        parts.append(f'"{_phrase(text, "exact phrase")}"')
    for group in _groups(any_of):
        members = [_phrase(member, "OR member") for member in group]
        if len(members) < 2:
            raise ValueError("an OR group needs at least two words or phrases")
        parts.append(" OR ".join(m if is_bare_word(m) else f'"{m}"' for m in members))
    for text in _as_list(exclude, split=False):
        item = _phrase(text, "excluded item")
        bare = " " not in item and item[0] not in "-+~" and not (
            _operator_of(item) is not None and not item.lower().startswith("site:"))
        parts.append(f"-{item}" if bare else f'-"{item}"')
    for op, value in (("site", site), ("filetype", filetype), ("intitle", intitle),
                      ("before", before), ("after", after)):
        text = _operator_value(op, value)
        if text is not None:
            parts.append(f'{op}:"{text}"' if " " in text else f"{op}:{text}")
    return " ".join(parts)


def _groups(any_of: Iterable[str] | Iterable[Iterable[str]] | None) -> list[list[str]]:
    if any_of is None:
        return []
    items = list(any_of)
    if not items:
        return []
    if all(isinstance(item, str) for item in items):
        return [items]  # one group
    return [[item] if isinstance(item, str) else list(item) for item in items]


def query_fields(query: Query) -> dict[str, object]:
    """The parts of a query as a dict (without problems), for comparisons."""
    return {f.name: getattr(query, f.name) for f in fields(query) if f.name != "problems"}
