"""Whether a week's committed lesson notebooks are exactly what ``course build`` writes from their sources.

``course check`` uses it: a lesson notebook edited by hand, or a source
changed without building, fails with the lesson and its first differing cell
named.
"""
from __future__ import annotations

import json

from ..layout import CourseLayout
from .lesson_build import build_week_lessons
from .lesson_source import SourceError


def lesson_differences(layout: CourseLayout, week_id: str) -> list[str]:
    """One line per lesson notebook that differs from its build (empty: all up to date)."""
    fix = f"run `course build {week_id}`"
    try:
        built = build_week_lessons(layout, week_id)
    except SourceError as exc:
        return [f"{week_id}: a lesson cannot be built: {exc}"]
    problems = []
    for lesson in built:
        name = lesson.path.relative_to(layout.root) if lesson.path.is_relative_to(layout.root) else lesson.path
        if not lesson.path.exists():
            problems.append(f"lesson {name} is missing; {fix}")
            continue
        committed = lesson.path.read_text(encoding="utf-8")
        if committed != lesson.text:
            problems.append(f"lesson {name} differs from its build at {first_difference(committed, lesson.text)}; {fix}")
    return problems


def first_difference(committed: str, built: str) -> str:
    """Where a committed notebook first differs from its build: a cell (number and id), or its metadata."""
    try:
        old = json.loads(committed)
    except json.JSONDecodeError:
        return "its syntax (not valid JSON)"
    new = json.loads(built)
    old_cells, new_cells = old.get("cells", []), new["cells"]
    for i, cell in enumerate(new_cells):
        if i >= len(old_cells):
            return f"cell {i + 1} ({cell.get('id')}, missing)"
        if old_cells[i] != cell:
            return f"cell {i + 1} ({cell.get('id')})"
    if len(old_cells) > len(new_cells):
        return f"cell {len(new_cells) + 1} (not in the build)"
    return "its notebook metadata or layout"
