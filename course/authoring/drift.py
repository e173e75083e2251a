"""Whether a week's committed notebook, key and text catalogues are exactly what ``course build`` writes,
and whether its translations are complete and up to date.

``course check`` uses it, so a hand edit of a built file (or a declaration
changed without building) fails with the first difference named.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..layout import CourseLayout
from .assessment_build import build_week
from .declaration import DeclarationError

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def build_differences(layout: CourseLayout, week_id: str) -> list[str]:
    """One line per built file that differs from its build, and per missing or stale translation
    (empty: everything is up to date)."""
    try:
        built = build_week(layout, week_id)
    except (DeclarationError, ValueError) as exc:
        return [f"{week_id} cannot be built: {exc}"]
    fix = f"run `course build {week_id}`"
    problems = []
    for path, text in built.files:
        first_difference = (_first_key_difference if path == built.key_path
                            else _first_cell_difference if path == built.notebook_path else _first_line_difference)
        name = path.relative_to(layout.root) if path.is_relative_to(layout.root) else path
        if not path.exists():
            problems.append(f"{week_id}: {name} is missing; {fix}")
            continue
        committed = path.read_text(encoding="utf-8")
        if committed != text:
            problems.append(f"{week_id}: {name} differs from its build at {first_difference(committed, text)}; {fix}")
    return problems + translation_problems(layout, week_id, built)


def translation_problems(layout: CourseLayout, week_id: str, built=None) -> list[str]:
    """Missing and stale translations of the week's assessment (``grading/assessments/<week>.<lang>.toml``)."""
    try:
        built = built or build_week(layout, week_id)
    except (DeclarationError, ValueError) as exc:
        return [f"{week_id} cannot be built: {exc}"]
    return list(built.translation_problems)


def _first_line_difference(committed: str, built: str) -> str:
    for number, (old, new) in enumerate(zip(committed.splitlines(), built.splitlines()), 1):
        if old != new:
            return f"line {number}"
    return "its end"


def _first_key_difference(committed: str, built: str) -> str:
    try:
        old = tomllib.loads(committed).get("questions", {})
    except tomllib.TOMLDecodeError:
        return "its syntax (not valid TOML)"
    new = tomllib.loads(built)["questions"]
    for qid, table in new.items():
        if old.get(qid) != table:
            return f"question {qid}"
    extra = [qid for qid in old if qid not in new]
    if extra:
        return f"question {extra[0]} (not declared)"
    return "its comments or layout"


def _first_cell_difference(committed: str, built: str) -> str:
    try:
        old = json.loads(committed)
    except json.JSONDecodeError:
        return "its syntax (not valid JSON)"
    new = json.loads(built)
    old_cells, new_cells = old.get("cells", []), new["cells"]
    for i, cell in enumerate(new_cells):
        if i >= len(old_cells):
            return f"cell {_name(cell)} (missing)"
        if old_cells[i] != cell:
            return f"cell {_name(cell)}"
    if len(old_cells) > len(new_cells):
        return f"cell {_name(old_cells[len(new_cells)])} (not in the build)"
    return "its notebook metadata or layout"


def _name(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or cell.get("id", "?")
