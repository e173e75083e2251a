"""A single observation made by a toolkit check, as a key plus a sentence.

The sentences live in the message catalogues (``course/i18n/<lang>/toolkit.toml``,
keys ``toolkit.<module>.<key>``). A :class:`Finding` keeps its key and values
and writes its sentence when it is shown, in the language current at that
moment; :attr:`Finding.english` is always the English sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..i18n import RIGHT_TO_LEFT, catalogue, current_language

#: First strong isolate / pop directional isolate: keep a Latin run whole inside right-to-left text.
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str, language: str) -> str:
    """``text`` bidi-isolated when ``language`` is written right to left."""
    return f"{FSI}{text}{PDI}" if language in RIGHT_TO_LEFT and text else text


def plural_form(n: int, language: str) -> str:
    """The CLDR plural category of ``n`` in ``language`` (en: one/other; ar: zero/one/two/few/many/other)."""
    if language != "ar":
        return "one" if n == 1 else "other"
    if n in (1, 2):
        return "one" if n == 1 else "two"
    return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"


def lookup(key: str, language: str) -> str:
    """The catalogue text of ``key`` in ``language``, else in English."""
    text = catalogue(language).get(key) or catalogue("en").get(key)
    if text is None:
        raise KeyError(f"message {key!r} is not in the English catalogue")
    return text


def render_value(value: object, language: str) -> str:
    """A value as it goes into a sentence: words in ``language``, other text isolated, numbers as they are."""
    if hasattr(value, "render"):
        return value.render(language)
    if isinstance(value, (int, float)):
        return str(value)
    return isolate(str(value), language)


@dataclass(frozen=True)
class Phrase:
    """A value made of words, written from the catalogue in the sentence's language.

    With ``count`` the key gets the plural form of the count (``.one``,
    ``.other``...) and ``{n}`` is filled in; ``fallback`` is used (isolated
    in right-to-left text) when the key is not in the catalogue at all.
    """

    key: str
    count: int | None = None
    fallback: str | None = None

    def render(self, language: str) -> str:
        key = self.key if self.count is None else f"{self.key}.{plural_form(self.count, language)}"
        if self.fallback is not None and key not in catalogue("en"):
            return isolate(self.fallback, language)
        text = lookup(key, language)
        return text.format(n=self.count) if self.count is not None else text


@dataclass(frozen=True)
class Listing:
    """Several values written as a list ("Arabic, Latin"), with the language's comma."""

    items: tuple[object, ...]

    def render(self, language: str) -> str:
        return lookup("toolkit.list_separator", language).join(render_value(v, language) for v in self.items)


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed.

    ``key`` is stable and meant for code (tests, widgets, grading);
    ``message`` is its catalogue key and ``values`` fill its placeholders;
    ``text`` is the sentence in the current language.
    """

    key: str
    message: str
    values: tuple[tuple[str, object], ...] = ()

    def in_language(self, language: str) -> str:
        """The sentence in ``language`` (English where it has no translation)."""
        values = {name: render_value(value, language) for name, value in self.values}
        return lookup(self.message, language).format(**values)

    @property
    def text(self) -> str:
        """The sentence in the language current now."""
        return self.in_language(current_language())

    @property
    def english(self) -> str:
        return self.in_language("en")

    def render(self, language: str) -> str:
        """As a value inside another sentence."""
        return self.in_language(language)

    def __str__(self) -> str:
        return self.text


class Messages(dict):
    """The English sentences of one toolkit area (``toolkit.hashtags``), by short key.

    Reading ``MESSAGES[key]`` gives the English text, as before the sentences
    moved to the catalogues; :meth:`text` gives the current language.
    """

    def __init__(self, area: str):
        prefix = area + "."
        super().__init__((key[len(prefix):], text) for key, text in catalogue("en").items()
                         if key.startswith(prefix))
        self.area = area

    def key(self, key: str) -> str:
        if key not in self:
            raise KeyError(f"{self.area}.{key} is not in the English catalogue")
        return f"{self.area}.{key}"

    def text(self, key: str, **values: object) -> str:
        """The sentence ``key`` in the current language, ``values`` filled in."""
        return make(self, key, **values).text


def make(messages: Messages, key: str, **values: object) -> Finding:
    """Build a Finding from a message area, keeping ``{placeholder}`` values to fill in when shown."""
    return Finding(key, messages.key(key), tuple(sorted(values.items())))


def script_names(scripts: Iterable[str]) -> Listing:
    """Writing systems (``ARABIC``, ``LATIN``...) as words: "Arabic, Latin" in English."""
    return Listing(tuple(Phrase(f"toolkit.script.{s.lower()}", fallback=s.title()) for s in scripts))
