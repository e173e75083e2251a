"""Week 4, blogging and your campaign strategy: what the lessons show.

Each name is called from one lesson cell, e.g. ``from course.lessons.week4 import clearest_headline; clearest_headline()``;
the functions register themselves (:mod:`course.lessons.registry`).
"""
from __future__ import annotations

from ..registry import week_package

__getattr__, __dir__, REGISTRY = week_package(__name__, __path__, globals())
