"""The learner's name, asked once on the course home and kept in their workspace.

``<workspace>/.course/profile.json`` holds ``{"name": "..."}``. The roster's
name (a cohort's, published with the gate) comes first; this file is for a
learner studying alone, and the certificate uses it then. Learner-side.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from .json_file import write_atomically

FILE = "profile.json"
MAX_NAME = 80
# embedding and override marks could turn a printed name around; joiners (needed in some scripts) stay
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _path(workspace: Path) -> Path:
    return Path(workspace) / ".course" / FILE


def clean(name: str) -> str:
    """The name as it will be printed: no control or bidi-override characters, single spaces, at most
    ``MAX_NAME`` characters.
    Raises ValueError when nothing is left."""
    text = " ".join(str(name).split())   # tabs and line breaks become single spaces
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    text = text[:MAX_NAME].strip()
    if not text:
        raise ValueError("empty name")
    return text


def name(workspace: Path) -> str | None:
    """The name the learner gave, if any (a broken file counts as none)."""
    try:
        value = json.loads(_path(workspace).read_text(encoding="utf-8")).get("name")
        return clean(value) if isinstance(value, str) else None
    except (OSError, ValueError, AttributeError):
        return None


def remember(workspace: Path, given: str) -> str:
    """Keep the learner's name (cleaned); returns it. Raises ValueError for an empty name."""
    text = clean(given)
    write_atomically(_path(workspace), json.dumps({"name": text}, ensure_ascii=False))
    return text
