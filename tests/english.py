"""Finding English sentences on a page meant to be Arabic: runs of three or more Latin words."""
from __future__ import annotations

import html
import re

# Names the learner sees on screen in English whatever the language (nbgrader's own menus and
# buttons, which have no Arabic translation), and keys: allowed only where a test lists them.
SCREEN_NAMES = ("Nbgrader → Assignment List", "Shift+Enter")
# The course's fictional organisation, named in Latin letters once beside its Arabic name.
PROPER_NAMES = ("Bukra Youth Collective",)
_ADDRESS = re.compile(r"(?:https?://)?[\w.-]+\.(?:com|org|net|help|io)[\w/.?=&#-]*")   # links are not sentences
_OPERATOR = re.compile(r"\b(?:site|filetype|intitle|inurl|intext|before|after|related|cache):\S*")   # search syntax
_RUN = re.compile(r"[A-Za-z][A-Za-z'’.-]*(?:[\s,:;()/]+[A-Za-z][A-Za-z'’.-]*){2,}")


def english_runs(text: str, allowed: tuple[str, ...] = SCREEN_NAMES) -> list[str]:
    """Every run of three or more Latin words in ``text`` once the ``allowed`` names are removed."""
    for name in allowed:
        text = text.replace(name, " ")
    text = _OPERATOR.sub(" ", _ADDRESS.sub(" ", text))
    return [m.group(0) for m in _RUN.finditer(text)]


def page_text(page_html: str) -> str:
    """The words of an HTML page as a reader sees them (styles, scripts and tags dropped)."""
    text = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", page_html, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))
