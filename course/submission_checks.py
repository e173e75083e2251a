"""Checks a collected submission before grading: can it be graded, and is it new?

Each check returns a plain sentence for the mentor's report and the
learner's feedback, or None. A submission that fails a check is kept as it
is, earns nothing, and does not use up one of the learner's attempts.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import nbformat

from .answers import SUFFIX, AnswerStore
from .syllabus import Syllabus, Week

MAX_SUBMISSION_MB = 20


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def digest(folder: Path, week: Week) -> str:
    """Fingerprint of what is graded: the assessment notebook and its answers file."""
    h = hashlib.sha256()
    for name in (week.assessment, week.assessment_name + SUFFIX):
        path = folder / name
        h.update(name.encode())
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()


def _grade_cells(nb) -> dict[str, dict]:
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] | {"cell_type": c.cell_type}
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def _released_cells(path: Path) -> dict[str, dict]:
    """The grade cells of a released assessment, read once per grading run (not once per learner)."""
    stat = path.stat()
    return _released_cells_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _released_cells_of(path: str, _mtime_ns: int, _size: int) -> dict[str, dict]:
    return _grade_cells(nbformat.read(path, as_version=4))


def read_notebook(path: Path):
    """The notebook, or a sentence saying why it cannot be read."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        return nb, None
    except Exception as exc:   # nbformat raises many kinds for broken files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, f"{path.name} is not a readable notebook ({first[:160]})"


def problem(folder: Path, week: Week, syllabus: Syllabus, released: dict[str, Path],
            learner: str, roster: dict[str, dict]) -> str | None:
    """Why this submission cannot be graded, or None. ``released`` maps week id -> released assessment."""
    if roster and learner not in roster:
        return f"the learner id {learner!r} is not in the course roster; ask a mentor to add it"
    size = folder_size(folder)
    if size > MAX_SUBMISSION_MB * 1024 * 1024:
        return (f"the submission is {size / 1024 / 1024:.0f} MB, over the {MAX_SUBMISSION_MB} MB limit; "
                "remove large files (videos, images) from the week folder and submit again")
    notebook = folder / week.assessment
    if not notebook.exists():
        return f"{week.assessment} is missing from the submission"
    nb, error = read_notebook(notebook)
    if error:
        return error
    cells = _grade_cells(nb)
    expected = _released_cells(released[week.id])
    others = {w.id: _released_cells(released[w.id]) for w in syllabus.weeks if w.id != week.id and w.id in released}
    shared = set().union(*others.values()) if others else set()
    own = set(expected) - shared            # ids only this week's assessment has
    if not set(cells) & own:
        for other in syllabus.weeks:
            if other.id in others and set(cells) & (set(others[other.id]) - set(expected)):
                return (f"this is the assessment of week {other.number}, not week {week.number}; "
                        f"submit it as {other.id}")
        return f"{week.assessment} is not this week's assessment (none of its questions are there)"
    for gid, meta in expected.items():
        if meta.get("grade") and not meta.get("solution"):
            got = cells.get(gid)
            if got is None:
                return (f"the checking cell {gid!r} was deleted; fetch a fresh copy of the week, "
                        "copy your answers into it and submit again")
            if not got.get("grade") or got.get("solution") or got["cell_type"] != meta["cell_type"] \
                    or got.get("points") != meta.get("points"):
                return (f"the checking cell {gid!r} was changed (its settings are not the original ones); "
                        "fetch a fresh copy of the week, copy your answers into it and submit again")
    return None


def answers_note(folder: Path, week: Week) -> str | None:
    """A note when the answers file could not be used (graded as unanswered, never a crash)."""
    path = folder / (week.assessment_name + SUFFIX)
    if not path.exists():
        return None
    store = AnswerStore(week.assessment_name, folder, keep_aside=False)
    return store.problem
