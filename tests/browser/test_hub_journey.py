"""A week on the cohort's JupyterHub, from release to feedback, in a real browser (Chromium).

A real hub (``course hub``, tests/hub/running_hub.py) with one learner, one mentor and a grading worker
per week; week 1 released and open, the later weeks released but locked by the gate. The learner signs
up at /hub/signup and is told to wait for a mentor; the mentor logs in and approves them at
/hub/authorize; the learner logs in, their lab starts on their course home (week 1 open, the others
locked, no sideways scrolling on a phone), File › Course home stays under /user/<name>/; they open the
week-1 assessment, answer it and hand it in from the home; the hub's grading worker grades it; the
mentor's formgrader shows the submission graded; the learner's home shows the result by itself and
the feedback page opens. Runs as root; skipped, saying why, when a hub cannot run here (fails on CI).
"""
from __future__ import annotations

import os
import pwd
import re
import sys
from pathlib import Path

import pytest

from course.answer_key import load_key
from course.hub.authenticator import WAIT_FOR_MENTOR
from course.layout import CourseLayout
from course.reference import fill

from .conftest import ARTIFACTS
from .helpers import APP_TIMEOUT, GRADING_TIMEOUT_S

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hub"))
from running_hub import PASSWORD, require_hub, start_hub, unique_ids  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SPAWN_TIMEOUT = 180_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    require_hub()   # before Chromium: not root, or no proxy, is a skip here (a failure on CI)
    running = start_hub(tmp_path_factory.mktemp("hub-journey"), learners=unique_ids("l", 1),
                        mentors=unique_ids("m", 1), grading_workers=True)
    try:
        yield running
    finally:
        running.stop()


def fits(page) -> bool:
    """Nothing runs off the side of the screen (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def log_in(page, hub, name: str, password: str = PASSWORD) -> None:
    """Log in at /hub/login as a person does: the form, then the button."""
    page.goto(f"{hub.url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()


def sign_up(page, hub, name: str) -> str:
    """Sign up at /hub/signup as a person does; the sentence the page answers with."""
    page.goto(f"{hub.url}/hub/signup")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#password_confirmation_input").fill(PASSWORD)
    page.locator("#signup_submit").click()
    return page.locator("div.alert").inner_text()


def answer_in_workspace(hub, name: str, week_id: str) -> None:
    """Answer the week's assessment in the learner's ~/course as the widgets and written cells would
    (the course's reference answers), leaving the files the learner's own."""
    layout = CourseLayout.at(hub.root)
    account = pwd.getpwnam(name)
    folder = Path(account.pw_dir) / "course" / week_id
    fill(folder / "assessment.ipynb", layout.week_folder(week_id) / "assessment.ipynb",
         load_key(layout.keys, week_id), "full")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid)


def test_a_learner_and_a_mentor_walk_week_one_on_the_hub(hub, browser):
    learner, mentor = hub.learners[0], hub.mentors[0]
    layout = CourseLayout.at(hub.root)
    first, *later = layout.syllabus.weeks
    home_url = f"{hub.url}/user/{learner}/course/home"
    learner_context = browser.new_context(viewport=DESKTOP)
    mentor_context = browser.new_context(viewport=DESKTOP)
    phone_context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = learner_context.new_page()
    mentor_page = mentor_context.new_page()
    for p in (page, mentor_page):
        p.set_default_timeout(60_000)
    current = page
    try:
        # 1. the learner signs up and is told to wait for a mentor; logging in before that is refused
        assert sign_up(page, hub, learner) == WAIT_FOR_MENTOR
        log_in(page, hub, learner)
        page.locator("p.login_error").wait_for()
        assert "/hub/login" in page.url

        # 2. the mentor logs in (with the first password the hub gave them) and approves the learner
        current = mentor_page
        log_in(mentor_page, hub, mentor, hub.mentor_password(mentor))
        mentor_page.wait_for_url(lambda url: "/hub/login" not in url, timeout=SPAWN_TIMEOUT)
        mentor_page.goto(f"{hub.url}/hub/authorize")
        row = mentor_page.locator("tr", has=mentor_page.locator("td", has_text=re.compile(rf"^{learner}$")))
        row.get_by_role("button", name="Authorize", exact=True).click()
        mentor_page.wait_for_load_state()
        row = mentor_page.locator("tr", has=mentor_page.locator("td", has_text=re.compile(rf"^{learner}$")))
        row.get_by_role("button", name="Unauthorize", exact=True).wait_for()

        # 3. the learner logs in: their lab starts as their Unix user and opens on their course home
        current = page
        log_in(page, hub, learner)
        page.wait_for_url(re.compile(rf"/user/{learner}/course/home"), timeout=SPAWN_TIMEOUT)
        page.locator("#ch-main").wait_for()
        assert pwd.getpwnam(learner).pw_uid == Path(f"/proc/{hub.user(learner)['servers']['']['state']['pid']}").stat().st_uid
        assert "ch-unlocked" in page.locator(f"section#{first.id}").get_attribute("class")
        assert re.search(r"\bOpen\b", page.locator(f"section#{first.id} .ch-status").inner_text())
        for week in later:
            assert "ch-locked" in page.locator(f"section#{week.id}").get_attribute("class"), week.id
            assert re.search(r"\bLocked\b", page.locator(f"section#{week.id} .ch-status").inner_text()), week.id

        # 4. at a phone's size, the same home after logging in: nothing runs off the side
        current = phone_page = phone_context.new_page()
        phone_page.set_default_timeout(60_000)
        log_in(phone_page, hub, learner)
        phone_page.wait_for_url(re.compile(rf"/user/{learner}/course/home"), timeout=SPAWN_TIMEOUT)
        phone_page.locator("#ch-main").wait_for()
        assert fits(phone_page), "the home scrolls sideways on a phone"
        phone_context.close()

        # 5. week 1 (fetched through the exchange service by the home) lists its assessment; it opens in the lab
        current = page
        link = page.locator(f"section#{first.id} a[href='lab/tree/{first.id}/{first.assessment}']").first
        link.wait_for(timeout=180_000)
        link.click()
        # (the hub's labs do not expose window.jupyterapp: the lab is read from its page)
        page.locator(".lm-TabBar-tab.jp-mod-current", has_text=first.assessment).wait_for(timeout=APP_TIMEOUT)
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(timeout=APP_TIMEOUT)
        assert page.url.startswith(f"{hub.url}/user/{learner}/lab")
        # File › Course home opens the home under the learner's own address on the hub
        page.locator(".lm-MenuBar-item", has_text="File").click()
        with page.expect_popup() as popup:
            page.get_by_role("menuitem", name="Course home (progress, hand in)").click()
        page = current = popup.value
        page.locator("#ch-main").wait_for()
        assert page.url.split("?")[0] == home_url

        # 6. answered (the course's reference answers), then handed in on the home
        answer_in_workspace(hub, learner, first.id)
        section = page.locator(f"section#{first.id}")
        section.locator("form.ch-hand-in button").click()
        page.locator("#ch-live").filter(has_text=re.compile(r"\S")).wait_for(timeout=120_000)

        # 7. the hub's grading worker grades it; the home shows the result by itself (no reload)
        page.wait_for_function(
            """(id) => { const s = document.getElementById(id);
                         return s && !/being graded/.test(s.innerText)
                                && /\\d+\\/\\d+/.test(s.querySelector('.ch-status').innerText); }""",
            arg=first.id, timeout=GRADING_TIMEOUT_S * 1000)
        assert fits(page)

        # 8. the mentor's lab (the course account's, with the formgrader) shows the submission graded
        current = mentor_page
        mentor_page.goto(f"{hub.url}/user/{mentor}/formgrader/manage_submissions/{first.id}",
                         timeout=SPAWN_TIMEOUT)
        row = mentor_page.locator("tr", has=mentor_page.locator(".student-id", has_text=learner))
        row.filter(has_text=re.compile(r"graded|needs manual grading")).filter(
            has_text=re.compile(r"\d+(\.\d+)? / \d+")).wait_for(timeout=SPAWN_TIMEOUT)

        # 9. the learner reads their feedback from the home
        current = page
        section.get_by_role("link", name="Read your feedback").click(timeout=GRADING_TIMEOUT_S * 1000)
        page.locator("section.card").first.wait_for()
        assert re.search(r"Your score: \d+ of \d+ points", page.inner_text("body"))
        assert page.url.startswith(f"{hub.url}/user/{learner}/")
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            current.screenshot(path=str(ARTIFACTS / "hub-journey-failed.png"), full_page=True)
        except Exception:
            pass
        (ARTIFACTS / "hub-journey-failed.hub.log").write_text(hub.log_tail(60_000))
        raise
    finally:
        for context in (learner_context, mentor_context, phone_context):
            context.close()
