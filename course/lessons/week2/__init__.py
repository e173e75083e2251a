"""Week 2, working in groups and running a Facebook page: what the lessons show.

Each name is called from one lesson cell, e.g. ``from course.lessons.week2 import page_access_for_a_partner; page_access_for_a_partner()``;
the functions register themselves (:mod:`course.lessons.registry`).
"""
from __future__ import annotations

from ..registry import week_package

__getattr__, __dir__, REGISTRY = week_package(__name__, __path__, globals())
