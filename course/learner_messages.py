"""What a learner's mentor wrote to them: replies to their questions and notes, read on the learner's side.

The mentor's side publishes one file per learner in the exchange,
``<exchange>/<course>/messages/<learner>.json``, readable by that learner only
(like their gate file). This module only reads it: a file that is missing,
too large or damaged reads as no messages. The course home records in
``<workspace>/.course/messages_seen.json`` when it first showed each message;
a message is *new* until a day after that, so a learner who opens the home
sees what came since their last visit marked new.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .json_file import write_atomically

MAX_BYTES = 2 * 1024 * 1024
NEW_FOR = dt.timedelta(days=1)
SEEN_FILE = Path(".course") / "messages_seen.json"
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.@-]{1,128}$")


@dataclass(frozen=True)
class Message:
    """One reply (``kind == "reply"``, with the question it answers) or note from the mentor."""
    id: int
    kind: str
    text: str
    at: dt.datetime            # naive UTC
    mentor: str = ""           # the mentor's name
    week: str = ""
    lesson: str = ""
    question: str = ""


def messages_file(messages_dir: Path, learner: str) -> Path:
    """Where ``learner``'s messages are published (ValueError for an id that is not a plain name)."""
    if not _SAFE_ID.match(learner) or learner.startswith("."):
        raise ValueError(f"not a learner id: {learner!r}")
    return Path(messages_dir) / f"{learner}.json"


def _message(raw) -> Message | None:
    try:
        return Message(id=int(raw["id"]), kind=str(raw["kind"]), text=str(raw["text"]),
                       at=dt.datetime.fromisoformat(str(raw["at"])), mentor=str(raw.get("mentor") or ""),
                       week=str(raw.get("week") or ""), lesson=str(raw.get("lesson") or ""),
                       question=str(raw.get("question") or ""))
    except (KeyError, TypeError, ValueError):
        return None


def read(messages_dir: Path, learner: str) -> list[Message]:
    """``learner``'s messages, newest first (none when the file is missing or unreadable)."""
    try:
        path = messages_file(messages_dir, learner)
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("learner") != learner or not isinstance(data.get("messages"), list):
        return []
    found = [m for m in map(_message, data["messages"]) if m is not None]
    return sorted(found, key=lambda m: (m.at, m.id), reverse=True)


def for_lesson(messages: list[Message], lesson: str) -> list[Message]:
    """The replies to questions asked from ``lesson`` (a notebook name, with or without ``.ipynb``)."""
    stem = Path(lesson).stem
    return [m for m in messages if m.kind == "reply" and m.lesson and Path(m.lesson).stem == stem]


def _seen(workspace: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(workspace) / SEEN_FILE).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def shown(workspace: Path, messages: list[Message], now: dt.datetime) -> set[int]:
    """Record that the home showed ``messages`` at ``now`` (naive UTC); returns the ids still new."""
    seen = _seen(workspace)
    changed = False
    new = set()
    for m in messages:
        first = seen.get(str(m.id))
        if first is None:
            seen[str(m.id)], first, changed = now.isoformat(), now.isoformat(), True
        try:
            if now - dt.datetime.fromisoformat(first) < NEW_FOR:
                new.add(m.id)
        except ValueError:
            pass
    if changed:
        try:
            write_atomically(Path(workspace) / SEEN_FILE, json.dumps(seen))
        except OSError:
            pass
    return new
