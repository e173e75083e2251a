"""The learner's own record of practice: which lesson exercises they tried and solved.

A practice widget that knows its exercise (``Exercise.practice_name``, set by
the ``@exercise`` registry) adds a line here on every Check: the week folder's
``.course_practice.json`` maps the exercise's name to its tries and whether it
was solved. The course home reads it to show lessons done and exercises tried.
Only a learner's lab writes it (``COURSE_LEARNER`` is set there), never a test
or an author running a lesson in the course folder. Nothing here is graded:
a learner who edits the file only changes what their own home shows.
Learner-side: imports nothing of the grader.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from .json_file import write_atomically

FILE = ".course_practice.json"
_MAX_BYTES = 256 * 1024


def recording() -> bool:
    """True in a learner's lab (where the course set ``COURSE_LEARNER``)."""
    return bool(os.environ.get("COURSE_LEARNER"))


def read(week_folder: Path) -> dict[str, dict]:
    """``{exercise name: {"tries": n, "solved": bool}}`` for a week folder; empty when absent or unreadable."""
    path = Path(week_folder) / FILE
    try:
        if path.stat().st_size > _MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, dict)}


def record(name: str, solved: bool, week_folder: Path | None = None) -> None:
    """Count one try of exercise ``name`` (in the kernel's folder, the lesson's week), never failing a Check."""
    if not recording():
        return
    folder = Path(week_folder) if week_folder is not None else Path.cwd()
    log = read(folder)
    entry = log.get(name, {})
    tries = entry.get("tries") if isinstance(entry.get("tries"), int) else 0
    log[name] = {"tries": tries + 1, "solved": bool(entry.get("solved")) or solved,
                 "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    try:
        write_atomically(folder / FILE, json.dumps(log, ensure_ascii=False, indent=1))
    except OSError:
        pass   # a read-only folder: the Check still answers; only the home's count misses this try
