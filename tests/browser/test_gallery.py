"""The widget gallery in a real browser: feedback a learner actually sees."""
import pytest

from .helpers import open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_wrong_then_right_answer_shows_both_feedbacks(lab, page):
    """Does a wrong choice explain why it is wrong, and the right one confirm it, with icon and text?"""
    base, _layout = lab
    open_notebook(page, base, "gallery.ipynb")
    run_all(page)
    widget = page.locator(".course-widget").filter(has_text="Journalists want to quote").first
    widget.get_by_label("In a Facebook story", exact=True).check()
    widget.get_by_role("button", name="Check").click()
    feedback = widget.locator("[role=status]").first
    feedback.get_by_text("✘").wait_for()
    wrong = feedback.inner_text()
    assert "Not quite" in wrong and "disappears" in wrong
    widget.get_by_label("In a blog post with the report attached", exact=True).check()
    widget.get_by_role("button", name="Check").click()
    feedback.get_by_text("✔").wait_for()
    assert "Correct" in feedback.inner_text()
