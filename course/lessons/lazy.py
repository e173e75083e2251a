"""Packages whose names are each defined in one submodule, imported only when first asked for.

A lesson cell imports one name (``from course.lessons.week1 import privacy_audit``);
with these hooks (PEP 562) only the module that defines it is loaded, not the
whole package, so a notebook (and every assessment graded) starts quickly.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(package: str, module_of: dict[str, str], namespace: dict[str, Any]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: ``module_of`` maps each name to its submodule."""
    def load(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module_of[name]}", package), name)
        namespace[name] = value   # the next lookup finds it without this hook
        return value

    def names() -> list[str]:
        return list(namespace.get("__all__", sorted(module_of)))

    return load, names
