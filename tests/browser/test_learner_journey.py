"""What a learner does in JupyterLab, in a real browser."""
import json
import shutil

import pytest

from course.answer_key import load_key
from course.reference import fill

from .helpers import (command, open_assignment_list, open_notebook, refresh_until, run_all, wait_for_command,
                      wait_for_kernel_idle)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_home_page_shows_progress(lab, page):
    """Does START_HERE show week 1 open and week 2 locked with the reason, once its cell runs?"""
    base, layout = lab
    open_notebook(page, base, "START_HERE.ipynb")
    run_all(page)
    table = page.locator(".jp-OutputArea-output table")
    table.wait_for()
    text = table.inner_text()
    assert "Facebook, research and basic digital security" in text
    assert "Open" in text and "Locked" in text
    assert "Pass week 1 (Facebook, research and basic digital security) first" in text
    assert page.locator(".jp-OutputArea-output a", has_text="presence on Facebook").count() == 1


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


def test_submitting_week1_in_the_assignment_list_opens_week2(fresh_lab, page):
    """Does pressing Submit in the Assignment List grade week 1 and make week 2 appear?"""
    base, layout = fresh_lab   # a lab of its own: passing week 1 changes what the home page shows
    folder = layout.workspace / "week1_facebook"
    fill(folder / "assessment.ipynb", layout.week_folder("week1_facebook") / "assessment.ipynb",
         load_key(layout.keys, "week1_facebook"), "full")
    open_assignment_list(page, base)
    row = page.locator("#fetched_assignments_list .list_item", has_text="week1_facebook")
    row.get_by_role("button", name="Submit").click()
    # the submission is handed in: the list, reloaded by Submit, shows it as submitted
    page.locator("#submitted_assignments_list .list_item", has_text="week1_facebook").wait_for(timeout=120_000)
    # grading runs in the background; week 2 shows up in the list once it is delivered
    week2 = page.locator("#fetched_assignments_list .list_item", has_text="week2_groups_pages")
    refresh_until(page, week2)
    assert week2.count() == 1
    assert (layout.workspace / "week2_groups_pages" / "assessment.ipynb").exists()
    open_notebook(page, base, "START_HERE.ipynb")
    run_all(page)
    text = page.locator(".jp-OutputArea-output table").inner_text()
    assert "Passed 25/30" in text   # week 1: 25 automatic points of 30
