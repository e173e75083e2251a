"""What a learner does in JupyterLab, in a real browser."""
import json
import shutil

import pytest

from course.answer_key import load_key
from course.reference import fill

from .helpers import (command, hand_in_on_home, open_home, open_notebook, run_all, wait_for_command,
                      wait_for_kernel_idle)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_home_page_shows_progress(lab, page):
    """Does the course home, opened as `make lab` opens it, show week 1 open and week 2 locked with the reason,
    with no keystroke and no kernel?"""
    base, layout = lab
    open_home(page, base)
    week1, week2 = page.locator("section#week1_facebook"), page.locator("section#week2_groups_pages")
    assert "Facebook, research and basic digital security" in week1.inner_text()
    assert "Open" in week1.inner_text() and "Locked" in week2.inner_text()
    assert "Pass week 1 (Facebook, research and basic digital security) first" in week2.inner_text()
    assert week1.locator("a", has_text="presence on Facebook").count() >= 1
    assert page.evaluate("fetch('api/kernels').then(r => r.json())") == []


def test_assessment_answer_survives_restart_and_run_all(lab, page):
    """Does a widget answer chosen in the browser come back after 'restart kernel and run all'?"""
    base, layout = lab
    open_notebook(page, base, "week1_facebook/assessment.ipynb")
    run_all(page)
    option = page.get_by_label("A Facebook Page", exact=True)
    option.first.check()
    page.get_by_text("Saved: A Facebook Page").first.wait_for()
    saved = json.loads((layout.workspace / "week1_facebook" / "assessment.answers.json").read_text())
    assert saved["answers"]["q1_page_or_profile"] == "page"
    restart = command(page, "notebook:restart-run-all")
    page.get_by_role("button", name="Confirm Kernel Restart").click()
    wait_for_command(page, restart)   # the kernel has restarted and every cell has run again
    wait_for_kernel_idle(page)
    page.get_by_text("Saved: A Facebook Page").first.wait_for()
    assert page.get_by_label("A Facebook Page", exact=True).first.is_checked()


def test_handing_in_week1_on_the_home_opens_week2(fresh_lab, page):
    """Does pressing Hand in on the course home grade week 1, show the result and week 2, by itself?"""
    base, layout = fresh_lab   # a lab of its own: passing week 1 changes what the home page shows
    folder = layout.workspace / "week1_facebook"
    fill(folder / "assessment.ipynb", layout.week_folder("week1_facebook") / "assessment.ipynb",
         load_key(layout.keys, "week1_facebook"), "full")
    hand_in_on_home(page, base, "week1_facebook")
    page.locator("section#week2_groups_pages a[href='lab/tree/week2_groups_pages/01_pages_and_roles.ipynb']").first.wait_for()
    assert (layout.workspace / "week2_groups_pages" / "assessment.ipynb").exists()
    text = page.locator("section#week1_facebook").inner_text()
    assert page.locator("section#week1_facebook form.ch-hand-in").count() == 0   # a passed week: no Hand in
    assert "Passed 25/30" in text   # week 1: 25 automatic points of 30
