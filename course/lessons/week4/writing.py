"""Lesson 2, writing a post: its shape, headlines, readability (English and Arabic) and alt text."""
from __future__ import annotations

import pandas as pd

from ...i18n import _
from ...toolkit.headlines import check_headline, word_key, words
from ...widgets import ChartExplorer, Ordering, Rule, SingleChoice, TextAnswer, TrueFalse
from ..registry import chart, data, exercise, tool
from ..tools import HeadlineChecker
from ..ui import show_chart
from . import analysis, charts
from ._keys import hints, texts

P = "w4.write"

POST_PARTS = ("headline", "lead", "evidence", "story", "action")


@exercise
def post_structure() -> Ordering:
    """The shape of an advocacy post, most important first."""
    return Ordering("w4_l2_structure", _(f"{P}.structure.prompt"), texts(f"{P}.structure.step", POST_PARTS),
                    answer=list(POST_PARTS), why=_(f"{P}.structure.why"), hints=hints(f"{P}.structure.hint", 1))


@tool
def headline_checker() -> HeadlineChecker:
    return HeadlineChecker()


#: The headline to rewrite in the exercise.
BAD_HEADLINE = "NEWS!!! water water water"
WATER_WORDS = {"water", "ماء", "مياه"}


def _about_water(text: str) -> bool:
    keys = {word_key(w) for w in words(text)}
    return bool(keys & {word_key(w) for w in WATER_WORDS})


@exercise
def fix_the_headline() -> TextAnswer:
    """Rewrite a stuffed, shouting headline; judged by the headline checker, in English or Arabic."""
    return TextAnswer(
        "w4_l2_fix_headline", _(f"{P}.fix.prompt", headline=BAD_HEADLINE),
        rules=[Rule(_about_water, _(f"{P}.fix.rule_water")),
               Rule(lambda t: "repeated" not in check_headline(t).issue_keys and bool(words(t)),
                    _(f"{P}.fix.rule_repeat")),
               Rule(lambda t: not {"shouting", "exclamations"} & set(check_headline(t).issue_keys) and bool(words(t)),
                    _(f"{P}.fix.rule_calm")),
               Rule(lambda t: not {"too_long", "too_short", "empty"} & set(check_headline(t).issue_keys),
                    _(f"{P}.fix.rule_length")),
               Rule(lambda t: "says_nothing" not in check_headline(t).issue_keys and bool(words(t)),
                    _(f"{P}.fix.rule_says"))],
        example=_(f"{P}.fix.example"), placeholder=_(f"{P}.fix.placeholder"), why=_(f"{P}.fix.why"),
        hints=hints(f"{P}.fix.hint", 2))


@exercise
def higher_score_harder() -> TrueFalse:
    """On Flesch reading ease and OSMAN, a higher score means easier text."""
    return TrueFalse("w4_l2_score_direction", _(f"{P}.score.statement"), answer=False, why=_(f"{P}.score.why"),
                     nudge=_(f"{P}.score.nudge"))


@chart
def read_to_end_chart() -> None:
    show_chart(*charts.read_to_end_figure(analysis.visits()))


@exercise
def read_to_end_explorer() -> ChartExplorer:
    """On phones, which post lost most readers before the end?"""
    ids = ("school-water-survey-2025", "rania-volunteer-story", "policy-brief-summary", "our-news-september")
    return ChartExplorer(
        "w4_l2_read_explorer", _(f"{P}.explorer.prompt"), analysis.visits(), x="post_label",
        x_label=_(f"{P}.explorer.x"), metrics={"read_pct": _("w4.chart.read.y")}, filter_by="device_label",
        filter_label=_(f"{P}.explorer.filter"), how="mean",
        options={i: _(f"w4.data.post.{i}") for i in ids}, answer="policy-brief-summary",
        why=texts(f"{P}.explorer.why", ids), hints=hints(f"{P}.explorer.hint", 1))


@exercise
def best_alt_text() -> SingleChoice:
    ids = ("file", "describe", "keywords", "caption")
    return SingleChoice("w4_l2_alt_text", _(f"{P}.alt.prompt"), texts(f"{P}.alt.opt", ids), answer="describe",
                        why=texts(f"{P}.alt.why", ids))




@data
def blog_visits() -> pd.DataFrame:
    """The blog's visits with labels, for the week's assessment (read to the end, by post and device)."""
    return analysis.visits()
