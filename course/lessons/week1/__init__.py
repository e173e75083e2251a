"""Week 1, Facebook, research and basic digital security: what the five lessons show.

Each name is called from one lesson cell, e.g.
``from course.lessons.week1 import privacy_audit; privacy_audit()``. Exercises
return practice-mode widgets (:mod:`course.widgets`); tools return
:mod:`course.lessons.tools` boxes; ``*_chart`` and ``*_table`` functions display
a chart or table with its takeaway.

| lesson | module |
| --- | --- |
| 01 presence on Facebook | :mod:`.presence` |
| 02 Google search | :mod:`.research` |
| 03 tagging and hashtags | :mod:`.tagging` (data: :mod:`.insights`, :mod:`.charts`) |
| 04 tips and tricks | :mod:`.timing` |
| 05 digital security | :mod:`.security` |
"""
from __future__ import annotations

from ..lazy import lazy_exports

#: Which lesson module defines each name. A name is imported only when a cell
#: asks for it, so a notebook loads one lesson's code, not the whole week's
#: (the assessment, graded for every learner, stays quick).
_MODULES = {
    "presence": ("choose_audience", "hidden_friends_list", "match_needs", "privacy_audit", "where_to_plan"),
    "research": ("either_or_query", "fix_old_query", "match_operators", "plus_still_works", "query_builder",
                 "trust_a_source", "when_query", "where_query"),
    "security": ("device_audit", "factor_weaknesses", "fingerprint_at_checkpoint", "hacked_steps",
                 "link_checker", "password_meter", "password_rules", "phishing_examples",
                 "real_facebook_links", "threat_model", "threat_model_matching", "totp_demo"),
    "tagging": ("arabic_hashtags", "before_you_tag", "engagement_rate_practice", "hashtag_checker",
                "hashtag_count_chart", "more_hashtags_better", "post_checker", "post_type_chart",
                "post_type_explorer", "readable_hashtag", "tag_the_volunteer", "top_hashtags_table"),
    "timing": ("best_time_heatmap", "handy_tricks", "pause_in_a_crisis", "post_workflow", "posts_by_time",
               "schedule_across_time_zones", "team_practices", "weekday_explorer"),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}

#: Every practice exercise of the week, by lesson, in reading order (names; see ``EXERCISES``).
_EXERCISE_NAMES = {
    "01_presence_on_facebook": ("where_to_plan", "match_needs", "choose_audience", "hidden_friends_list",
                                "privacy_audit"),
    "02_google_search": ("either_or_query", "where_query", "when_query", "plus_still_works", "fix_old_query",
                         "match_operators", "trust_a_source"),
    "03_tagging_and_hashtags": ("tag_the_volunteer", "before_you_tag", "readable_hashtag", "arabic_hashtags",
                                "engagement_rate_practice", "more_hashtags_better", "post_type_explorer"),
    "04_tips_and_tricks": ("weekday_explorer", "schedule_across_time_zones", "pause_in_a_crisis",
                           "team_practices", "post_workflow", "handy_tricks"),
    "05_digital_security": ("password_rules", "factor_weaknesses", "real_facebook_links", "hacked_steps",
                            "device_audit", "fingerprint_at_checkpoint", "threat_model_matching"),
}

__all__ = sorted([*_MODULE_OF, "EXERCISES"])

_load, __dir__ = lazy_exports(__name__, _MODULE_OF, globals())


def __getattr__(name: str):
    """The lesson function ``name``, its module imported now; ``EXERCISES`` imports them all."""
    if name != "EXERCISES":
        return _load(name)
    exercises = {lesson: tuple(_load(n) for n in names) for lesson, names in _EXERCISE_NAMES.items()}
    globals()["EXERCISES"] = exercises
    return exercises
