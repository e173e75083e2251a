"""What a learner handed in, read as data: the answers file and the written answers, never run.

The structure (which cells exist, which are answers, their ids) comes from
the *released* notebook; from the submission only two things are taken: the
answers file the widgets wrote, and the text of each written-answer cell,
found by the id the release gave it. Cell types, tags, metadata, points and
code in the submission are ignored, so editing them gains nothing.
"""
from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answers import STEP_CHARS, SUFFIX, AnswerStore
from ..i18n import _
from .reason import Reason, reason

MAX_NOTEBOOK_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Release:
    """The released assessment's structure: every grade id, and the written-answer cells' stubs."""
    ids: frozenset[str]
    written: dict[str, str]          # manual question id -> the text the release put in its cell
    checks: dict[str, float]         # check cell id -> points
    structured: dict[str, tuple[str, ...]] = field(default_factory=dict)   # strategy question id -> step ids


@functools.lru_cache(maxsize=16)
def _release_of(path: str, _mtime_ns: int) -> Release:
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    ids, written, checks, structured = set(), {}, {}, {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if not gid:
            continue
        ids.add(gid)
        if cell.get("cell_type") == "code":
            structured.update(_strategy_calls(_text(cell.get("source", ""))))
        if meta.get("grade") and meta.get("solution"):
            written[gid] = _text(cell.get("source", ""))
        elif meta.get("grade"):
            checks[gid] = float(meta.get("points", 0))
    return Release(frozenset(ids), written, checks, structured)


_STRATEGY = re.compile(r"assessment\.strategy\(")


def _strategy_calls(source: str) -> dict[str, tuple[str, ...]]:
    """``assessment.strategy("id", steps=[...], ...)`` calls of a released cell: id -> step ids."""
    if not _STRATEGY.search(source):
        return {}
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strategy" and node.args:
            steps = {k.arg: k.value for k in node.keywords}.get("steps")
            found[ast.literal_eval(node.args[0])] = tuple(ast.literal_eval(steps)) if steps is not None else ()
    return found


def structured_answer(raw: Any, steps: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """A strategy's saved answer as data: ``{step_id: text}`` for the known steps written, each cut to
    ``STEP_CHARS``; and what the learner should know about anything left out (in their language)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [_("capstone.grading.not_steps")]
    answer, notes = {}, []
    for step in steps:
        text = raw.get(step)
        if text is None:
            continue
        if not isinstance(text, str):
            notes.append(_("capstone.grading.not_text", step=step))
            continue
        if len(text) > STEP_CHARS:
            notes.append(_("capstone.grading.cut", step=step, limit=STEP_CHARS))
            text = text[:STEP_CHARS]
        if text.strip():
            answer[step] = text.strip()
    return answer, notes


def release_structure(notebook: Path) -> Release:
    """The structure of a released assessment (read once per grading run)."""
    return _release_of(str(notebook), notebook.stat().st_mtime_ns)


@dataclass
class Handed:
    """A submission's answers: widget answers by question id and written answers by cell id."""
    answers: dict[str, Any] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)      # what the learner should know (damaged files)
    ids: frozenset[str] = frozenset()                    # grade ids found in the learner's notebook


def _text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


class NotebookProblem(ValueError):
    """The notebook cannot be read at all (the learner is told to fix it); ``reason`` says why."""

    def __init__(self, why: Reason):
        super().__init__(str(why))
        self.reason = why


def read(folder: Path, notebook_name: str, release: Release) -> Handed:
    """Read ``folder``'s answers file and its notebook's written answers (raises NotebookProblem)."""
    handed = Handed()
    store = AnswerStore(notebook_name.removesuffix(".ipynb"), folder, keep_aside=False)
    handed.answers = store.all()
    if store.problem:
        handed.notes.append(store.problem)
    for qid, steps in release.structured.items():     # a strategy: only its steps, as text, size-limited
        answer, notes = structured_answer(handed.answers.pop(qid, None), steps)
        if answer:
            handed.answers[qid] = answer
        handed.notes.extend(notes)
    path = folder / notebook_name
    if not path.is_file():
        raise NotebookProblem(reason("notebook_missing", notebook=notebook_name))
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise NotebookProblem(reason("notebook_too_big", notebook=notebook_name,
                                     limit=MAX_NOTEBOOK_BYTES // 1024 // 1024))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cells = data["cells"]
        if not isinstance(cells, list):
            raise TypeError("cells is not a list")
    except (ValueError, UnicodeDecodeError, KeyError, TypeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NotebookProblem(reason("notebook_unreadable", detail=first[:160], notebook=notebook_name)) from None
    ids = set()
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        meta = cell.get("metadata")
        nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
        gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
        if not isinstance(gid, str):
            continue
        ids.add(gid)
        if gid in release.written and gid not in handed.written:   # the first cell with the id counts
            text = _text(cell.get("source", ""))
            if text.strip() and text.strip() != release.written[gid].strip():
                handed.written[gid] = text.strip()
    handed.ids = frozenset(ids)
    return handed


def answers_file(folder: Path, notebook_name: str) -> Path:
    return folder / (notebook_name.removesuffix(".ipynb") + SUFFIX)
