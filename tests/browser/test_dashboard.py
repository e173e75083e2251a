"""The mentor dashboard in a real browser: Voila draws every figure and table, and the filter works."""
from __future__ import annotations

import sys

import pytest
from mentor.conftest import build_demo
from servers import free_port, start, stop

from course.mentor import figures as F

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """`course dashboard` on a demo cohort; yields the page's address."""
    root = tmp_path_factory.mktemp("dashboard-demo")
    build_demo(root)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc, _script = start([sys.executable, "-m", "course", "--root", str(root), "dashboard", "--no-browser",
                           "--port", str(port)], f"{base}/voila/static/voila.js", root / "dashboard.log")
    yield base
    stop(proc)


def open_dashboard(page, base):
    page.goto(base + "/", timeout=120_000)
    page.locator(".js-plotly-plot").nth(2).wait_for(timeout=60_000)
    page.get_by_text("Every learner, every week", exact=False).first.wait_for()


def test_every_figure_and_table_is_drawn(dashboard, page):
    """Does the page draw the three figures with their titles and every table, with no widget left broken?"""
    open_dashboard(page, dashboard)
    assert page.locator(".js-plotly-plot").count() == 3
    for title in (F.FUNNEL_TITLE, F.ITEMS_TITLE):
        assert page.locator(".js-plotly-plot").get_by_text(title).count() == 1
    assert page.locator("table.course-table").count() >= 4
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("Of 8 learners.").count() == 1


def test_choosing_a_mentor_filters_the_page(dashboard, page):
    """After choosing a mentor, do the figures and tables show only that mentor's three learners?"""
    open_dashboard(page, dashboard)
    picker = page.get_by_label("Show")
    picker.select_option(label="Rima Haddad (m_rima): 3 learners")
    page.get_by_text("Of 3 learners.").wait_for()
    page.wait_for_function("() => !document.body.innerText.includes('learner003')")   # the last tables too
    body = page.inner_text("body")
    assert "learner003" not in body and "learner007" not in body and "learner002" in body
    assert page.locator(".js-plotly-plot").get_by_text("Showing: Rima Haddad").count() == 3


def test_a_table_downloads_as_csv(dashboard, page):
    """Does a table's download link give a CSV file of that table?"""
    open_dashboard(page, dashboard)
    with page.expect_download() as download:
        page.locator('a.course-download[download^="progress-"]').click()
    path = download.value.path()
    text = open(path, encoding="utf-8-sig").read()
    assert download.value.suggested_filename.startswith("progress-all-")
    assert text.splitlines()[0].startswith("learner,name,mentor,week 1") and "أمل منصور" in text
