"""Week 1, Facebook, research and basic digital security: what the five lessons show.

Each name is called from one lesson cell, e.g.
``from course.lessons.week1 import privacy_audit; privacy_audit()``. The
functions register themselves (``@exercise``, ``@tool``, ``@chart``, ``@data``:
:mod:`course.lessons.registry`); a name is imported only when a cell asks for
it, so a notebook loads one lesson's code, not the whole week's (the
assessment, graded for every learner, stays quick).

| lesson | module |
| --- | --- |
| 01 presence on Facebook | :mod:`.presence` |
| 02 Google search | :mod:`.research` |
| 03 tagging and hashtags | :mod:`.tagging` (data: :mod:`.insights`, :mod:`.charts`) |
| 04 tips and tricks | :mod:`.timing` |
| 05 digital security | :mod:`.security` |
"""
from __future__ import annotations

from ..registry import week_package

__getattr__, __dir__, REGISTRY = week_package(__name__, __path__, globals())
