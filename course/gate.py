"""The published gate: one small JSON file per learner in the exchange.

The grader writes ``<exchange>/<course>/gate/<learner>.json`` after every
grading run or mentor unlock; ``_default.json`` covers learners with no file
yet. The gated exchange classes (learner side) read only these files, so they
need neither the gradebook nor the syllabus. Each week entry carries its state
and, for a locked week, the sentence that says what is needed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .i18n import _
from .progress import LearnerRecord, State, WeekProgress, learner_progress
from .syllabus import Syllabus

DEFAULT = "_default"
_SAFE = re.compile(r"^[A-Za-z0-9_.@-]+$")


@dataclass(frozen=True)
class GateEntry:
    week: str
    state: str
    can_submit: bool
    message: str = ""
    score: float | None = None
    max_score: float | None = None

    @property
    def is_open(self) -> bool:
        return self.state != State.LOCKED.value


def _fmt(x: float | None) -> str:
    return "?" if x is None else f"{x:g}"


def lock_message(syllabus: Syllabus, wp: WeekProgress) -> str:
    """What a learner must do to open a locked week, in plain words."""
    if wp.state is not State.LOCKED:
        return ""
    previous = syllabus.week(wp.blocked_by)
    name = _("gate.week_name", number=previous.number, title=previous.title)
    return _("gate.locked", previous=name, score=_fmt(wp.blocked_score),
             max_score=_fmt(wp.blocked_max), needed=_fmt(wp.blocked_needed)) \
        if wp.blocked_score is not None else _("gate.locked_not_attempted", previous=name)


def entries(syllabus: Syllabus, progress: dict[str, WeekProgress]) -> dict[str, GateEntry]:
    out = {}
    for week in syllabus.weeks:
        wp = progress[week.id]
        message = lock_message(syllabus, wp)
        if wp.state is State.FAILED and not wp.can_submit:
            message = _("gate.no_attempts_left", attempts=week.attempts,
                        week=_("gate.week_name", number=week.number, title=week.title))
        out[week.id] = GateEntry(week=week.id, state=wp.state.value, can_submit=wp.can_submit,
                                 message=message, score=wp.score, max_score=wp.max_score)
    return out


def gate_file(gate_dir: Path, learner: str) -> Path:
    if not _SAFE.match(learner):
        raise ValueError(f"learner id {learner!r} may only use letters, digits, '.', '_', '@' or '-'")
    return Path(gate_dir) / f"{learner}.json"


def publish(gate_dir: Path, syllabus: Syllabus, learner: str,
            progress: dict[str, WeekProgress], mode: int = 0o600, people: dict | None = None) -> Path:
    """Write one learner's gate atomically, written by the grader; ``mode`` from the start (the
    grader then shares a learner's file with that learner alone). ``people``: the learner's name
    and mentor (``{"name": ..., "mentor": {"name": ..., "contact": ...}}``) from the roster, for their home."""
    path = gate_file(gate_dir, learner)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "learner": learner,
        "published": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "weeks": {k: vars(v) for k, v in entries(syllabus, progress).items()},
        "people": people or {},
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gate", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=1)
    os.chmod(tmp, mode)
    os.replace(tmp, path)
    return path


def publish_default(gate_dir: Path, syllabus: Syllabus) -> Path:
    """The gate of a learner who has done nothing yet: week 1 open, the rest locked."""
    return publish(gate_dir, syllabus, DEFAULT, learner_progress(syllabus, LearnerRecord()), mode=0o644)


def published_at(gate_dir: Path, learner: str) -> str | None:
    """When the grader last published this learner's own gate (ISO text), None when it never did."""
    try:
        value = json.loads(gate_file(gate_dir, learner).read_text(encoding="utf-8")).get("published")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def people(gate_dir: Path, learner: str) -> dict:
    """The learner's name and mentor as the grader published them (empty when unknown)."""
    try:
        data = json.loads(gate_file(gate_dir, learner).read_text(encoding="utf-8")).get("people")
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(data, dict):
        return {}
    mentor = data.get("mentor") if isinstance(data.get("mentor"), dict) else {}
    return {"name": data.get("name") if isinstance(data.get("name"), str) else None,
            "mentor": {k: v for k, v in mentor.items() if k in ("name", "contact") and isinstance(v, str)}}


def read(gate_dir: Path, learner: str) -> dict[str, GateEntry] | None:
    """A learner's published gate (or the default one); None if nothing was published."""
    for name in (learner, DEFAULT):
        try:
            path = gate_file(gate_dir, name)
        except ValueError:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {k: GateEntry(**v) for k, v in data["weeks"].items()}
        except FileNotFoundError:
            continue
        except (ValueError, KeyError, TypeError):
            return None
    return None
