"""Week 3's charts and chart explorers in the learner's language: labels only, the data stay as they are."""
from __future__ import annotations

import json
import re

import plotly.io as pio
import pytest

from course import i18n
from course.lessons import week3
from course.lessons.week3 import charts, numbers

FIGURES = {
    "formats": lambda: charts.format_figure(numbers.x_posts()),
    "rates": lambda: charts.two_rates_figure(numbers.x_posts()),
    "retention": charts.retention_figure,
    "traffic": charts.traffic_figure,
    "watched": charts.watched_figure,
    "replies": lambda: charts.replies_figure(numbers.x_posts()),
    "partners": charts.partners_figure,
}
#: Plotly's own template syntax, not words a learner reads.
PLOTLY_SYNTAX = re.compile(r"%\{[^}]*\}|<br>|</?extra>")
#: An English word; account handles (@Name) and YouTube's own product name "Shorts" (untranslated in
#: YouTube's Arabic interface too) are names, not sentences.
LATIN_WORD = re.compile(r"(?<![@\w])[A-Za-z]{2,}")
NAMES = re.compile(r"@\w+|\bShorts\b")
ARABIC = re.compile("[\u0621-\u064a]")


def shown_texts(fig) -> list[str]:
    """Every text the figure shows: titles, axis titles, categories, legend names, hover and bar texts."""
    spec = json.loads(pio.to_json(fig))
    layout, out = spec["layout"], [spec["layout"].get("title", {}).get("text", "")]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            out.append(axis.get("title", {}).get("text", ""))
    for trace in spec["data"]:
        for field in ("x", "text"):
            values = trace.get(field)
            if isinstance(values, list):
                out += [v for v in values if isinstance(v, str)]
        for field in ("hovertemplate", "name"):
            if isinstance(trace.get(field), str):
                out.append(trace[field])
    return [PLOTLY_SYNTAX.sub(" ", t) for t in out if t]


def english_words(texts) -> list[str]:
    return [t for t in texts if LATIN_WORD.search(NAMES.sub("", t))]


@pytest.mark.parametrize("name", FIGURES)
def test_charts_show_no_english_to_an_arabic_learner(name):
    """Built in Arabic, does any title, axis title, category, legend or hover text hold an English word?"""
    with i18n.language("ar"):
        fig, takeaway = FIGURES[name]()
    assert not english_words(shown_texts(fig) + [takeaway])
    assert ARABIC.search(fig.layout.title.text) and ARABIC.search(fig.layout.xaxis.title.text)
    assert fig.layout.title.xanchor == "right"


@pytest.mark.parametrize("name", FIGURES)
def test_charts_in_english_have_no_arabic_labels(name, english):
    """In English, are the labels English and laid out left to right?"""
    fig, takeaway = FIGURES[name]()
    assert not any(ARABIC.search(t) for t in shown_texts(fig) + [takeaway])
    assert fig.layout.title.xanchor is None


def test_the_data_behind_the_labels_is_the_same_in_both_languages():
    """Are the X posts the same rows and numbers whatever the language (only labels change)?"""
    with i18n.language("en"):
        english = numbers.x_posts()
    with i18n.language("ar"):
        arabic = numbers.x_posts()
    for column in ("post_id", "format", "media", "engagement_rate", "x_rate"):
        assert english[column].tolist() == arabic[column].tolist()
    assert english["format_name"].tolist() != arabic["format_name"].tolist()


@pytest.mark.parametrize("name", ["format_explorer", "traffic_explorer"])
def test_chart_explorers_menus_are_arabic(name):
    """Built in Arabic, are the explorers' metric and filter menus free of English words?"""
    with i18n.language("ar"):
        explorer = getattr(week3, name)()
        labels = [label for label, _value in explorer.metric_menu.options]
        if explorer.filter_menu is not None:
            labels += [label for label, _value in explorer.filter_menu.options]
        assert not english_words(labels + shown_texts(explorer.figure))
