"""Week 1's charts, tables and chart explorers in the learner's language (labels only; the data stay English)."""
from __future__ import annotations

import json
import re

import plotly.io as pio
import pytest

from course import i18n
from course.i18n import _
from course.lessons.week1 import charts, insights, tagging, timing
from course.widgets.chart_explorer import ChartExplorer

FIGURES = (charts.hashtag_count_figure, charts.post_type_figure, charts.heatmap_figure)
#: Plotly's own template syntax, not words a learner reads.
PLOTLY_SYNTAX = re.compile(r"%\{[^}]*\}|<br>|</?extra>|<extra></extra>")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ARABIC = re.compile("[\u0621-\u064a]")


def shown_texts(fig) -> list[str]:
    """Every text the figure shows: titles, axis titles, categories, legend, hover and bar texts."""
    spec = json.loads(pio.to_json(fig))
    layout, out = spec["layout"], []
    out.append(layout.get("title", {}).get("text", ""))
    out.append(layout.get("legend", {}).get("title", {}).get("text", ""))
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            out.append(axis.get("title", {}).get("text", ""))
            out += [str(t) for t in axis.get("ticktext", [])]
    for trace in spec["data"]:
        for field in ("x", "y", "text"):
            values = trace.get(field)
            if isinstance(values, list):
                out += [v for v in values if isinstance(v, str)]
        for field in ("hovertemplate", "texttemplate", "name"):
            out.append(trace.get(field) or "")
        out.append(trace.get("colorbar", {}).get("title", {}).get("text", ""))
    return [PLOTLY_SYNTAX.sub(" ", t) for t in out if t]


def english_words(texts) -> list[str]:
    return [t for t in texts if LATIN_WORD.search(t)]


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f.__name__)
def test_week1_charts_show_no_english_to_an_arabic_learner(make):
    """Built in Arabic, does any title, axis title, category, legend or hover text of the chart hold an English word?"""
    with i18n.language("ar"):
        fig, takeaway = make(insights.posts())
    texts = shown_texts(fig)
    assert not english_words(texts + [takeaway])
    assert ARABIC.search(fig.layout.title.text) and ARABIC.search(fig.layout.xaxis.title.text)
    assert fig.layout.title.xanchor == "right" and fig.layout.xaxis.autorange == "reversed"


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f.__name__)
def test_week1_charts_in_english_are_unchanged(make, english):
    """In English, are the charts' labels English, laid out left to right, with the old hover texts?"""
    fig, _takeaway = make(insights.posts())
    texts = shown_texts(fig)
    assert not any(ARABIC.search(t) for t in texts)
    assert fig.layout.title.xanchor is None and fig.layout.xaxis.autorange != "reversed"
    hover = fig.data[0].hovertemplate
    assert hover in ("%{x}: %{y:.1f} %<br>Posts: %{customdata}<extra></extra>",
                     "%{x}, %{y}: %{z:.1f} %<br>Posts: %{customdata}<extra></extra>")


def test_categories_are_labels_of_the_same_english_data():
    """Are the Arabic categories the same groups as the English ones, in the same order (the data unchanged)?"""
    with i18n.language("en"):
        english_types = list(charts.post_type_figure(insights.posts())[0].data[0].x)
        frame_en = insights.posts()
    with i18n.language("ar"):
        arabic_types = list(charts.post_type_figure(insights.posts())[0].data[0].x)
        frame_ar = insights.posts()
    keys = list(insights.by_post_type(frame_en).index)
    assert english_types == [i18n.catalogue("en")[f"w1.data.type.{k}"] for k in keys]
    assert arabic_types == [i18n.catalogue("ar")[f"w1.data.type.{k}"] for k in keys]
    for column in ("weekday", "post_type", "language", "time_of_day", "engagement_rate"):
        assert frame_en[column].tolist() == frame_ar[column].tolist()


def test_top_hashtags_table_is_arabic():
    """Are the top-hashtags table's headers, caption and takeaway Arabic (the hashtags themselves as posted)?"""
    with i18n.language("ar"):
        rows, takeaway = charts.top_hashtags_rows(insights.posts())
        headers = [_(f"w1.tags.table.{c}") for c in ("tag", "posts", "rate")] + [_("w1.tags.table.caption")]
    assert not english_words(headers + [takeaway]) and all(ARABIC.search(h) for h in headers)
    assert all(str(tag).startswith("#") for tag, *_rest in rows)


def explorers():
    """The week's chart explorers, and the assessment's question 8 chart built as the assessment builds it."""
    q8 = "assessment.week1_facebook.q8_best_time"
    return [
        timing.weekday_explorer(),
        tagging.post_type_explorer(),
        ChartExplorer("q8_best_time", _(f"{q8}.prompt"), timing.posts_by_time(), x="time_label",
                      x_label=_(f"{q8}.chart.x_label"), filter_by="language_name",
                      filter_label=_(f"{q8}.chart.filter_label"),
                      metrics={"engagement_rate": _(f"{q8}.chart.metrics.engagement_rate")}, how="mean"),
    ]


def test_chart_explorers_menus_and_charts_are_arabic():
    """Built in Arabic, are the explorers' filter and metric menus and their charts free of English words?"""
    with i18n.language("ar"):
        built = explorers()
        for explorer in built:
            menu = [label for label, _value in explorer.filter_menu.options]
            metrics = [label for label, _value in explorer.metric_menu.options]
            assert not english_words(menu + metrics + [explorer.filter_menu.description])
            assert all(ARABIC.search(label) for label in menu)
            for _label, value in explorer.filter_menu.options[1:]:
                explorer.filter_menu.value = value
                assert not english_words(shown_texts(explorer.figure) + [re.sub(r"<[^>]+>", "", explorer.caption.value)])
                assert explorer.figure.layout.xaxis.autorange == "reversed"


def test_question_8_can_filter_arabic_posts_in_arabic():
    """In Arabic, can the assessment chart be filtered to the Arabic posts, with the same numbers as in English?"""
    with i18n.language("en"):
        english = explorers()[2]
        english.filter_menu.value = "Arabic"
        english_series = english.series()
    with i18n.language("ar"):
        arabic = explorers()[2]
        arabic.filter_menu.value = "العربية"
        arabic_series = arabic.series()
    assert arabic_series.tolist() == english_series.tolist() and len(arabic_series) == 4
    assert list(arabic_series.index) == [i18n.catalogue("ar")[f"w1.data.time.{t}"]
                                         for t in ("morning", "midday", "afternoon", "evening")]
