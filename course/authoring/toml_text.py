"""TOML values written the same way every time (for built answer keys).

Only what a key holds: text, numbers, booleans, lists and tables of those.
"""
from __future__ import annotations

import json
import re
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def key_name(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name, ensure_ascii=False)


def value(v: Any) -> str:
    """``v`` as a TOML value; raises TypeError for anything a key cannot hold."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{key_name(str(k))} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"a key cannot hold {type(v).__name__}")


def string(text: str) -> str:
    """A literal string when that keeps a pattern readable, a multi-line string for
    text over several lines, a basic string otherwise."""
    if "\n" in text and not _CONTROL.search(text):
        escaped = text.replace("\\", "\\\\").replace('"""', '""\\"')
        if escaped.endswith('"'):
            escaped = escaped[:-1] + '\\"'
        return '"""\n' + escaped + '"""'
    if ("\\" in text or '"' in text) and "'" not in text and "\n" not in text and not _CONTROL.search(text):
        return "'" + text + "'"
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
