"""A solo learner who reads only Arabic, in a real browser: `course init` + `course lab --language ar`.

START_HERE, JupyterLab's menus, a lesson and a widget's feedback are checked
for Arabic, right to left, and for English sentences (runs of three Latin
words, except the screen names listed in tests/english.py). Screenshots go to
test-artifacts/, START_HERE at phone size too.
"""
from __future__ import annotations

import json
import re
import urllib.request

import pytest
from english import english_runs

from .conftest import ARTIFACTS, TOKEN
from .helpers import open_notebook, run_all, visible_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]
W1 = "week1_facebook"
ARABIC = re.compile("[\u0600-\u06FF]")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_start_here_is_arabic_right_to_left_with_no_english_sentence(arabic_lab, page):
    """Once its cell runs, is START_HERE right to left, with Arabic titles, states and reasons, and no
    English sentence anywhere on it?"""
    base, _layout = arabic_lab
    open_notebook(page, base, "START_HERE.ipynb")
    run_all(page)
    home = page.locator('.jp-OutputArea-output .course-home[dir="rtl"]')
    home.wait_for()
    assert page.locator('.jp-MarkdownOutput div[dir="rtl"]').count() >= 1      # the welcome
    text = visible_text(page)
    assert english_runs(text) == [], english_runs(text)
    for arabic in ("فيسبوك والبحث وأساسيات الأمان الرقمي", "مفتوح", "مقفل", "اجتز الأسبوع 1", "العربية"):
        assert arabic in text, arabic
    assert page.locator("svg.course-state-icon").count() == 4
    _shot(page, "arabic-start-here.png")


def test_start_here_on_a_phone(arabic_lab, browser):
    """At 390 px wide, does the Arabic START_HERE still read right to left (screenshot kept)?"""
    base, _layout = arabic_lab
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_notebook(page, base, "START_HERE.ipynb")
        run_all(page)
        home = page.locator('.jp-OutputArea-output .course-home[dir="rtl"]')
        home.wait_for()
        assert home.evaluate("e => getComputedStyle(e).direction") == "rtl"
        _shot(page, "arabic-start-here-phone.png")
    finally:
        context.close()


def test_jupyterlab_menus_are_arabic(arabic_lab, page):
    """Is JupyterLab's own interface in its Arabic locale (the language pack and the learner's setting)?

    The published Arabic pack translates only part of JupyterLab (among the top-level menus only Help,
    which learners' labs hide; inside the File menu "New", "Close All Tabs", "Log Out"...); this proves
    the locale is in force, not that every menu is translated."""
    base, _layout = arabic_lab
    open_notebook(page, base, "START_HERE.ipynb")
    menubar = page.locator("#jp-menu-panel")
    menubar.wait_for()
    menubar.locator(".lm-MenuBar-item").first.click()
    items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
    from_the_pack = [label for label in items if ARABIC.search(label) and "الدورة" not in label]
    assert from_the_pack, items   # the course's own "Course home" item does not count
    with urllib.request.urlopen(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin"
                                f"?token={TOKEN}") as response:
        setting = json.load(response)
    assert setting["schema"]["properties"]["locale"]["default"] == "ar_SA"
    assert "locale" not in (setting.get("settings") or {})   # the learner has not overridden it


def test_lesson_and_widget_feedback_in_arabic(arabic_lab, page):
    """Does lesson 1 open in Arabic under its normal name, and a widget's feedback come back in Arabic,
    right to left?"""
    base, layout = arabic_lab
    assert not list((layout.workspace / W1).glob("*.ar.ipynb"))
    open_notebook(page, base, f"{W1}/01_presence_on_facebook.ipynb")
    heading = page.locator(".jp-MarkdownOutput h1").first
    heading.wait_for()
    assert ARABIC.search(heading.inner_text())
    assert page.locator('.jp-MarkdownOutput div[dir="rtl"]').count() >= 1
    run_all(page)
    widget = page.locator(".course-widget").filter(has=page.locator("input[type=radio]")).first
    widget.wait_for()
    widget.scroll_into_view_if_needed()
    assert "course-rtl" in widget.get_attribute("class")
    assert ARABIC.search(widget.text_content())
    widget.locator("input[type=radio]").first.check()
    widget.get_by_role("button", name="تحقّق").click()
    feedback = widget.locator("[role=status]").first
    feedback.wait_for()
    page.wait_for_function("e => e.textContent.trim().length > 2", arg=feedback.element_handle())
    words = feedback.text_content()
    assert feedback.get_attribute("dir") == "rtl"
    assert ("صحيح" in words or "ليس تماماً" in words), words
    assert english_runs(words) == [], words
    _shot(page, "arabic-lesson-widget-feedback.png")
