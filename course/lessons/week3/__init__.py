"""Week 3, X/Twitter, YouTube and countering misinformation: what the lessons show.

Each name is called from one lesson cell, e.g. ``from course.lessons.week3 import link_length_on_x; link_length_on_x()``;
the functions register themselves (:mod:`course.lessons.registry`).
"""
from __future__ import annotations

from ..registry import week_package

__getattr__, __dir__, REGISTRY = week_package(__name__, __path__, globals())
