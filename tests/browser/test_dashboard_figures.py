"""The dashboard's figures drawn by plotly.js in Chromium: no title, subtitle, panel title, label or legend
overlaps another (measured on the drawn page, at a desktop and a narrow width)."""
from __future__ import annotations

import io
import itertools

import pytest

from course.mentor import figures as F
from course.mentor.data import load_course
from course.mentor.view import MentorDashboard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXTS = ".gtitle, .gtitle-subtitle, .annotation-text, .legendtext, .g-xtitle text, .g-ytitle text"


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from course.demo import run_demo
    layout = run_demo(tmp_path_factory.mktemp("figures"), learners=4, out=io.StringIO())
    data = load_course(layout)
    board = MentorDashboard(data)
    board.select("__all__")
    subtitle = board.subtitle()
    return {"funnel": F.funnel(data.progress, data.syllabus, subtitle),
            "scores": F.score_distributions(data.progress, data.syllabus, subtitle),
            "items": F.item_analysis_chart(data.item_analysis, subtitle)}


def boxes(page, fig) -> list[tuple[str, dict]]:
    page.set_content(fig.to_html(include_plotlyjs=True, full_html=True, config={"responsive": True}))
    page.wait_for_selector(".gtitle")
    return page.evaluate(f"""() => [...document.querySelectorAll({TEXTS!r})]
        .filter(e => e.textContent.trim())
        .map(e => [e.textContent.trim(), e.getBoundingClientRect().toJSON()])""")


def overlapping(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", [1280, 900])
@pytest.mark.parametrize("name", ["funnel", "scores", "items"])
def test_no_text_of_a_figure_overlaps_another(figures, page, name, width):
    """Does every title, subtitle, panel title, pass-mark label, legend entry and axis title of the figure
    keep clear of the others once drawn, and sit the subtitle below the title?"""
    page.set_viewport_size({"width": width, "height": 900})
    drawn = boxes(page, figures[name])
    clashes = [(a[0][:40], b[0][:40]) for a, b in itertools.combinations(drawn, 2) if overlapping(a[1], b[1])]
    assert not clashes, clashes
    names = [text for text, _box in drawn]
    if name == "scores":
        assert sum(t.startswith("pass mark") for t in names) == 4 and sum(t.startswith("Week ") for t in names) == 4
    title = next(box for text, box in drawn if text == figures[name].layout.title.text)
    subtitle = next(box for text, box in drawn if text.startswith("Showing:"))
    assert title["bottom"] <= subtitle["top"]
