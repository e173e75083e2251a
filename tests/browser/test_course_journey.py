"""A new learner from `make lab` to a certificate, at desktop and at phone size (390 px), in a real browser.

The lab's first address opens the course home; the learner gives their name once; opens lesson 1 from the
home, tries an exercise, finds the link to the next lesson; hands each week in on the home, which shows
each result by itself (no reload, no keystroke), and reads week 1's feedback from it; a mentor reviews the capstone; the home says the course
is complete; the certificate downloads and its code verifies with `course verify`.
"""
from __future__ import annotations

import subprocess

import pytest

from course.cli import main
from course.grading import certificate

from .conftest import ARTIFACTS, TOKEN, learner_lab
from .helpers import hand_in_on_home, run_all, wait_for_app, wait_for_kernel_idle
from .test_weekly_journey import WEEKS, answer, mentor_gives_full_marks

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def fits(page) -> bool:
    """Nothing runs off the side of the screen (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_new_learner_goes_from_make_lab_to_a_verified_certificate(tmp_path_factory, browser, size, capsys):
    learner = f"new_{size}"
    with learner_lab(tmp_path_factory, learner=learner) as (base, layout):
        # a learner far from the course: the live chats read on their own clock too
        context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone",
                                      accept_downloads=True, timezone_id="Asia/Tokyo")
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            # 1. the address `make lab` prints (the server's root) opens the course home, current without a key
            page.goto(f"{base}/?token={TOKEN}")
            page.locator("#ch-main").wait_for()
            assert page.url.split("?")[0].endswith("/course/home") and fits(page)
            # week 1's live chat: Wed 18:00 in Beirut (the course's clock) is Thu 01:00 in Tokyo
            chat = page.locator("li", has=page.locator(".ch-when")).first
            assert "Wed 09 Dec" in chat.inner_text() and "18:00" in chat.inner_text()
            assert "Thu 01:00 your time" in chat.locator(".ch-when").inner_text()
            # 2. the name, asked once
            page.get_by_label("What is your name?").fill("Maya Haddad")
            page.get_by_role("button", name="Save my name").click()
            page.get_by_role("heading", name="Welcome back, Maya Haddad").wait_for()
            page.reload()
            page.get_by_role("heading", name="Welcome back, Maya Haddad").wait_for()
            assert page.get_by_label("What is your name?").count() == 0
            # 3. lesson 1 from the home: an exercise tried, the link to lesson 2 at its end
            page.locator("section#week1_facebook .ch-next a").click()
            wait_for_app(page)
            page.wait_for_function("() => { const w = window.jupyterapp.shell.currentWidget;"
                                   " return !!(w && w.context && w.context.path.endsWith('01_presence_on_facebook.ipynb')); }")
            wait_for_kernel_idle(page)   # started by itself: no "Select Kernel" question
            run_all(page)
            exercise = page.locator(".course-widget").first
            exercise.locator("input[type=radio]").first.check()
            exercise.get_by_role("button", name="Check").click()
            exercise.locator(".course-feedback").wait_for()
            assert page.locator(".jp-MarkdownOutput a", has_text="Lesson 2: Research with Google search").count() == 1
            menu = page.evaluate("[...document.querySelectorAll('.lm-MenuBar-item')].every("
                                 "e => e.getBoundingClientRect().right <= window.innerWidth)")
            assert menu, "a menu runs off the screen"
            # back to the home from the lab: File › Course home (a browser tab of its own)
            page.locator(".lm-MenuBar-item", has_text="File").click()
            with page.expect_popup() as popup:
                page.get_by_role("menuitem", name="Course home (progress, hand in)").click()
            page = popup.value
            page.locator("#ch-main").wait_for()
            page.get_by_text("Exercises tried: 1 of 32").wait_for()
            # 4. every week handed in on the home; the home shows each result and opens the next week
            for week in WEEKS:
                # the week's lessons and assessment are listed on the home once they are in the folder
                page.locator(f"section#{week.id} a[href='lab/tree/{week.id}/{week.assessment}']").first.wait_for(
                    timeout=180_000)
                answer(layout, week.id)
                hand_in_on_home(page, base, week.id)
                assert fits(page)
                if week.number == 1:   # the feedback, read from the home, then back home
                    page.locator(f"section#{week.id}").get_by_role("link", name="Read your feedback").click()
                    page.locator("section.card").first.wait_for()
                    assert "Your score: 25 of 30 points" in page.inner_text("body") and fits(page)
                    page.go_back()
                    page.locator("#ch-main").wait_for()
            status = page.locator("section#week4_blogging .ch-status").inner_text()
            assert "Waiting for your mentor's review" in status
            # 5. the mentor reviews the capstone; the open home shows the course complete by itself
            assert mentor_gives_full_marks(layout, "week4_blogging", learner) >= 1
            assert main(["--root", str(layout.root), "feedback", "week4_blogging"]) == 0
            page.get_by_text("Course complete.").wait_for(timeout=120_000)
            assert page.evaluate("document.querySelector('progress').value") == 4
            # 6. the certificate: downloaded from the home, with the learner's name, and its code verifies
            with page.expect_download() as download:
                page.get_by_role("link", name="Download your certificate (PDF).").click()
            pdf = tmp_path_factory.mktemp("download") / "certificate.pdf"
            download.value.save_as(pdf)
            assert pdf.read_bytes()[:4] == b"%PDF"
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            capsys.readouterr()
            assert main(["--root", str(layout.root), "certificates"]) == 0
            code = next(line.split("\t")[2] for line in capsys.readouterr().out.splitlines()
                        if line.startswith(f"{learner}\t"))
            assert "Maya Haddad" in text and code in text
            assert main(["--root", str(layout.root), "verify", code]) == 0
            assert "VALID" in capsys.readouterr().out
            assert certificate.verify(layout, code).learner == learner
            page.screenshot(path=str(ARTIFACTS / f"journey-{size}-complete.png"), full_page=True)
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"journey-{size}-failed.png"), full_page=True)
            raise
        finally:
            context.close()
