"""ChartExplorer: dropdowns that redraw a plotly chart, and an optional question about it."""
from __future__ import annotations

import pandas as pd
import pytest

from course.i18n import language
from course.widgets import ChartExplorer
from course.widgets.base import Status

POSTS = pd.DataFrame({
    "weekday": ["Mon", "Tue", "Sat", "Mon", "Tue", "Sat"],
    "format": ["video", "video", "video", "photo", "photo", "photo"],
    "reach": [1400, 1300, 2600, 900, 2850, 1500],
    "engagements": [110, 100, 200, 50, 60, 90],
})
METRICS = {"reach": "Reach (people)", "engagements": "Engagements"}


def explorer(**kw):
    return ChartExplorer("chart", "Which day reaches most people with video?", POSTS, x="weekday",
                         x_label="Day of the week", metrics=METRICS, filter_by="format",
                         filter_label="Post format", **kw)


def question():
    return explorer(options={"tue": "Tuesday", "sat": "Saturday"}, answer="sat",
                    why={"tue": "Tuesday leads only for photos.", "sat": "Saturday is highest for video."})


def test_chart_explains_itself():
    """Do the title and axis labels say what is plotted, and a text line name the highest and lowest?"""
    widget = explorer()
    layout = widget.figure.layout
    assert layout.title.text.replace("<br>", " ") == "Reach (people) (total) by Day of the week"
    assert all(len(line) <= 34 for line in layout.title.text.split("<br>"))   # readable on a phone
    assert layout.xaxis.title.text == "Day of the week" and layout.yaxis.title.text == "Reach (people)"
    assert list(widget.figure.data[0].y) == [2300, 4150, 4100]
    assert "Highest: Tue (4,150). Lowest: Mon (2,300)." in widget.caption.value


def test_a_chart_that_asks_does_not_answer():
    """When the chart asks which is highest, does its text list the values without naming the highest?"""
    widget = question()
    widget.filter_menu.value = "video"
    assert "Highest" not in widget.caption.value and "Lowest" not in widget.caption.value
    assert "Values shown: Mon: 1,400; Tue: 1,300; Sat: 2,600." in widget.caption.value
    assert "Highest" not in widget.output.outputs[0]["data"]["text/plain"]


def test_picking_a_metric_and_a_filter_redraws():
    """Does choosing a metric and a filter update the figure, its title and the output?"""
    widget = explorer()
    widget.filter_menu.value = "video"
    assert list(widget.figure.data[0].y) == [1400, 1300, 2600]
    assert widget.figure.layout.title.text.replace("<br>", " ").endswith("· Post format: video")
    widget.metric_menu.value = "engagements"
    assert widget.figure.layout.yaxis.title.text == "Engagements"
    assert widget.view == {"metric": "engagements", "filter": "video"}
    shown = widget.output.outputs[0]["data"]
    assert "application/vnd.plotly.v1+json" in shown and "Engagements (total)" in shown["text/plain"]


def test_free_exploration_has_nothing_to_check():
    """Without options, is there no Check button and no question?"""
    widget = explorer()
    assert widget.check_button not in getattr(widget, "button_row", widget).children
    assert widget.value is None


def test_right_answer_passes():
    """Is the right reading of the chart called correct, with its reason?"""
    widget = question()
    widget.value = "sat"
    assert widget.check().status is Status.RIGHT and "highest for video" in widget.feedback.value


def test_wrong_answer_fails_with_its_reason():
    """Is a wrong reading called wrong, saying why?"""
    widget = question()
    widget.choices.value = "tue"
    feedback = widget.check()
    assert feedback.status is Status.WRONG and feedback.message == "Tuesday leads only for photos."


def test_unknown_columns_are_refused():
    """Is a metric that is not in the data refused when the exercise is written?"""
    with pytest.raises(ValueError):
        ChartExplorer("c", "p", POSTS, x="weekday", metrics={"likes": "Likes"})


def test_average_and_line_chart():
    """Does how='mean' say 'average' in the title, and chart='line' draw a line?"""
    widget = explorer(how="mean", chart="line")
    assert "(average)" in widget.figure.layout.title.text.replace("<br>", " ") and widget.figure.data[0].type == "scatter"


def test_arabic_titles():
    """Is the chart's title written in Arabic when the language is Arabic?"""
    with language("ar"):
        widget = explorer()
    assert "(المجموع) حسب" in widget.figure.layout.title.text.replace("<br>", " ")
    widget.filter_menu.value = "photo"   # redrawn outside the block: still Arabic
    assert "(المجموع) حسب" in widget.figure.layout.title.text.replace("<br>", " ")


def test_assessment_saves_the_choice(store, saved, fresh):
    """In an assessment, is the chosen option saved and reloaded, and no answer accepted?"""
    with pytest.raises(ValueError):
        explorer(options={"sat": "Saturday"}, answer="sat", store=store)
    widget = explorer(options={"tue": "Tuesday", "sat": "Saturday"}, store=store)
    widget.value = "sat"
    assert saved() == {"chart": "sat"}
    assert explorer(options={"tue": "Tuesday", "sat": "Saturday"}, store=fresh()).value == "sat"
