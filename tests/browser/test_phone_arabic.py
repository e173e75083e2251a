"""On a 390 px phone in Arabic: the first view is the course home, right to left, nothing off the side of the
screen; a lesson opened from it has every menu a learner needs on screen, the way home in the File menu, and
the language switch on the home brings English back. (English at phone size: test_course_journey.py.)"""
from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, TOKEN, learner_lab
from .helpers import wait_for_app, wait_for_kernel_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}


def test_an_arabic_learner_on_a_phone(tmp_path_factory, browser):
    with learner_lab(tmp_path_factory, learner="samar", language="ar") as (base, layout):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            page.goto(f"{base}/?token={TOKEN}")
            page.locator("#ch-main").wait_for()
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
            assert page.get_by_role("heading", name="أهلاً بك في الدورة").count() == 1
            assert page.get_by_label("ما اسمك؟").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            hand_in = page.locator("section#week1_facebook form.ch-hand-in button")
            box = hand_in.bounding_box()
            assert hand_in.inner_text().startswith("سلّم الأسبوع 1") and box["x"] >= 0 and box["x"] + box["width"] <= 390
            page.screenshot(path=str(ARTIFACTS / "phone-arabic-home.png"), full_page=True)
            # a lesson from the home: JupyterLab in Arabic, the menu bar on screen, the way back in the File menu
            page.locator("section#week1_facebook .ch-lessons a").first.click()
            wait_for_app(page)
            wait_for_kernel_idle(page)
            items = page.locator(".lm-MenuBar-item")
            assert items.count() == 5
            assert page.evaluate("[...document.querySelectorAll('.lm-MenuBar-item')].every(e => {"
                                 " const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; })")
            assert page.evaluate("document.querySelector('#jp-left-stack').getBoundingClientRect().width") < 60
            items.first.click()
            entry = page.get_by_role("menuitem", name="الصفحة الرئيسية للدورة (التقدّم والتسليم)")
            assert entry.is_visible()
            page.screenshot(path=str(ARTIFACTS / "phone-arabic-lesson-menu.png"))
            with page.expect_popup() as popup:
                entry.click()
            home = popup.value
            home.locator("#ch-main").wait_for()
            # the switch on the home: English for the course from now on
            home.get_by_role("button", name="English").click()
            home.get_by_role("heading", name="Welcome to the course").wait_for()
            assert home.evaluate("document.documentElement.dir") == "ltr"
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "phone-arabic-failed.png"), full_page=True)
            raise
        finally:
            context.close()
