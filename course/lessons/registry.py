"""Lesson functions register themselves: ``@exercise``, ``@tool``, ``@chart`` or ``@data`` on the definition.

A week package (``course.lessons.week1``) finds its names by reading its
modules' source with :mod:`ast`, without importing them, so a lesson cell that
imports one name still loads only the module that defines it
(:mod:`course.lessons.lazy`). Nobody keeps a list of names by hand: a new
exercise is a decorated function in its lesson module, and the lesson source
places it with ```` ```{exercise} name ```` (see AUTHORING.md).

- ``exercise``: returns a practice-mode widget (:mod:`course.widgets`) with a right answer;
- ``tool``: returns an interactive helper (:mod:`course.lessons.tools`), nothing to get right;
- ``chart``: displays a chart or a table with its takeaway;
- ``data``: returns a table for a notebook (e.g. the week's assessment), not placed in a lesson.
"""
from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

KINDS = ("exercise", "tool", "chart", "data")


def _mark(kind: str) -> Callable:
    def mark(function: Callable) -> Callable:
        if kind == "exercise":
            function = _named(function)
        function.course_kind = kind
        return function
    mark.__name__ = kind
    mark.__doc__ = f"Register the decorated function as a lesson {kind} of its week."
    return mark


def _named(function: Callable) -> Callable:
    """An exercise function whose widget knows its name (for the learner's practice record)."""
    import functools

    @functools.wraps(function)
    def build(*args, **kwargs):
        widget = function(*args, **kwargs)
        try:
            widget.practice_name = function.__name__
        except AttributeError:
            pass
        return widget
    return build


exercise = _mark("exercise")
tool = _mark("tool")
chart = _mark("chart")
data = _mark("data")


@dataclass(frozen=True)
class Entry:
    """One registered lesson function: its name, the module that defines it, its kind."""
    name: str
    module: str
    kind: str
    line: int


def _kind_of(decorator: ast.expr) -> str | None:
    name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", None)
    return name if name in KINDS else None


def discover(folder: Path | str) -> dict[str, Entry]:
    """Every decorated top-level function of the modules in ``folder``, by name, in module and line order."""
    found: dict[str, Entry] = {}
    for path in sorted(Path(folder).glob("*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            kinds = [k for k in map(_kind_of, node.decorator_list) if k]
            if not kinds:
                continue
            if node.name in found:
                raise ValueError(f"{path}: {node.name} is already registered in {found[node.name].module}.py")
            found[node.name] = Entry(node.name, path.stem, kinds[0], node.lineno)
    return found


def week_package(package: str, path: list[str], namespace: dict[str, Any]):
    """``(__getattr__, __dir__, registry)`` for a week package: each name is imported from its module when asked for."""
    from .lazy import lazy_exports
    registry = discover(path[0])
    namespace["__all__"] = sorted(registry)
    load, names = lazy_exports(package, {n: e.module for n, e in registry.items()}, namespace)
    return load, names, registry


def week_module(number: int) -> str:
    """The package that holds week ``number``'s lesson functions."""
    return f"course.lessons.week{number}"


def registry_of(number: int) -> dict[str, Entry]:
    """Week ``number``'s registry, read from source (empty if the week has no lesson package)."""
    folder = Path(__file__).with_name(f"week{number}")
    return discover(folder) if folder.is_dir() else {}


def functions(number: int, kind: str | None = None) -> dict[str, Callable]:
    """Week ``number``'s registered functions (of one ``kind``), imported, by name."""
    package = importlib.import_module(week_module(number))
    return {name: getattr(package, name) for name, entry in registry_of(number).items()
            if kind is None or entry.kind == kind}
