"""Week 2, working in groups and running a Facebook Page: what the six lessons show.

Each name is called from one lesson cell, e.g.
``from course.lessons.week2 import page_access_auditor; page_access_auditor()``; the functions register
themselves (:mod:`course.lessons.registry`) and a cell loads only its own lesson's module.

| lesson | module |
| --- | --- |
| 01 running a Page with several people | :mod:`.pages` |
| 02 working in Facebook groups | :mod:`.groups` |
| 03 dialogue and moderation | :mod:`.moderation` |
| 04 content plans | :mod:`.planning` |
| 05 boosting posts and running ads | :mod:`.ads` |
| 06 online forms | :mod:`.forms` |

The week's datasets are read in :mod:`.tables` and drawn in :mod:`.charts`.
"""
from __future__ import annotations

from ..registry import week_package

__getattr__, __dir__, REGISTRY = week_package(__name__, __path__, globals())
