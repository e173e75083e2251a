"""Message catalogues: every learner-facing string goes through ``_("key", **values)``.

Catalogues are TOML files in one folder per language beside this module
(``en/``, ``ar/``), one file per area of the course (``gate.toml``,
``widgets.toml``, ``grading.toml``, ``home.toml``, ``tools.toml``, ``ask.toml``)
and one per week (``week1_facebook.toml``), each a flat table of
``key = "text with {placeholders}"``. A key lives in exactly one file; the
same file names exist in every language. A key missing from the
current language falls back to English, so a partly translated catalogue is
still usable. The language comes from ``set_language``, else the learner's
choice (:func:`chosen_language`), else English.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LANGUAGES = ("en", "ar")
RIGHT_TO_LEFT = {"ar"}
_current: str | None = None


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """The messages of one language, all its files merged (an empty table for an unknown language)."""
    merged: dict[str, str] = {}
    for path in sorted(folder(language).glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        twice = sorted(set(table) & set(merged))
        if twice:
            raise ValueError(f"{path}: {twice[0]!r} is already in another file of {folder(language)}")
        merged.update(table)
    return merged


def folder(language: str) -> Path:
    """Where the catalogue files of ``language`` are."""
    return Path(__file__).with_name(language)


def set_language(language: str | None) -> None:
    """Use ``language`` from now on (``None``: back to ``COURSE_LANG`` or English)."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    global _current
    _current = language


@contextmanager
def language(code: str):
    """Use ``code`` inside a ``with`` block only (widgets built there keep its direction)."""
    global _current
    before = _current
    set_language(code)
    try:
        yield code
    finally:
        _current = before


def chosen_language() -> str | None:
    """The learner's own choice: the file named by ``COURSE_LANG_FILE`` (the language switch on
    START_HERE writes it), else ``COURSE_LANG``; None when neither names a known language."""
    path = os.environ.get("COURSE_LANG_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as fh:
                chosen = json.load(fh).get("language")
            if chosen in LANGUAGES:
                return chosen
        except (OSError, ValueError, AttributeError):
            pass
    env = os.environ.get("COURSE_LANG")
    return env if env in LANGUAGES else None


def current_language() -> str:
    return _current or chosen_language() or "en"


def direction(language: str | None = None) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if (language or current_language()) in RIGHT_TO_LEFT else "ltr"


def _(key: str, **values) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    text = catalogue(current_language()).get(key) or catalogue("en").get(key)
    if text is None:
        raise KeyError(f"message {key!r} is not in the English catalogue")
    return text.format(**values) if values else text
