"""The small JSON files a learner's notebooks keep (answers, questions): written whole, read with care.

``write_atomically`` goes through a temporary file and ``os.replace``, so a
reader sees the old file or the new one, never half of one. ``read_json``
turns an unusable file into a ``ValueError`` with a plain sentence, and
``set_aside`` renames it so the next write does not destroy what it held.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from .i18n import _


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step; raises OSError and leaves no temporary file behind."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one step (with permissions ``mode`` from the start, when given);
    raises OSError and leaves no temporary file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, max_bytes: int) -> Any:
    """What ``path`` holds; ValueError (in the learner's words) if it is not a file, too large or not JSON."""
    if not path.is_file():
        raise ValueError(_("answers.problem.not_a_file"))
    if path.stat().st_size > max_bytes:
        raise ValueError(_("answers.problem.too_large", limit=max_bytes // 1024))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ValueError(_("answers.problem.not_json")) from None


def reason_of(exc: Exception) -> str:
    """Why reading failed, in a few words."""
    return str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)


def set_aside(path: Path, move: bool = True) -> Path:
    """Rename an unusable file to ``<name>.unreadable-<time>``; the name it has afterwards
    (unchanged when ``move`` is False or it cannot be moved)."""
    backup = path.with_name(f"{path.name}.unreadable-{int(time.time())}")
    if not move:
        return path
    try:
        os.replace(path, backup)
    except OSError:
        return path
    return backup
