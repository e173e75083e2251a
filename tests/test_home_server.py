"""The course home served by a real learner's lab: opened with no kernel, its buttons guarded like the rest of
Jupyter (token and XSRF), hand-in through the gated exchange, and the page current by itself after a grade."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar

import pytest
from servers import free_port, stop

from course.answer_key import load_key
from course.reference import fill
from course.scaffold import init_course

pytestmark = pytest.mark.slow
W1, W2, W3 = "week1_facebook", "week2_groups_pages", "week3_twitter_youtube"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A solo learner's `course lab`, as `make lab` starts it; yields (layout, address, token)."""
    tmp = tmp_path_factory.mktemp("home-server")
    layout = init_course(tmp / "course", learner="salma")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    port = free_port()
    log = tmp / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "course", "--root", str(layout.root), "lab", "--no-browser",
                                 "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    deadline = time.monotonic() + 120
    token = None
    while token is None:
        assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
        found = re.search(r"/course/home\?token=([0-9a-f]+)", log.read_text())
        token = found and found[1]
        time.sleep(0.3)
    yield layout, f"http://127.0.0.1:{port}", token
    stop(proc)


class Browser:
    """Just enough of a browser: cookies kept, the XSRF cookie sent back as a header like the page's script."""

    def __init__(self, address: str):
        self.address, self.jar = address, CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        # a link followed from the home carries it as Referer (Jupyter refuses /files/ from unknown origins)
        request = urllib.request.Request(self.address + path, headers={"Referer": self.address + "/course/home"})
        try:
            with self.opener.open(request, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def post(self, path: str, body: dict, xsrf: bool = True) -> tuple[int, dict | str]:
        headers = {"Content-Type": "application/json"}
        cookie = next((c.value for c in self.jar if c.name == "_xsrf"), None)
        if xsrf and cookie:
            headers["X-XSRFToken"] = cookie
        request = urllib.request.Request(self.address + path, data=json.dumps(body).encode(), headers=headers,
                                         method="POST")
        try:
            with self.opener.open(request, timeout=180) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            try:
                return e.code, json.loads(text)
            except ValueError:
                return e.code, text


def state(browser: Browser) -> str:
    code, text = browser.get("/course/home/state")
    assert code == 200
    return json.loads(text)["html"]


def wait_for(condition, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(1)
    raise AssertionError("the home did not show it in time")


def test_the_home_opens_with_no_kernel_and_asks_for_a_token(lab):
    layout, address, token = lab
    stranger = Browser(address)
    code, _page = stranger.get("/course/home/state")
    assert code in (302, 403) or "login" in _page.lower()   # no token: the login page, never the learner's data
    me = Browser(address)
    code, page = me.get(f"/course/home?token={token}")
    assert code == 200 and "Your weeks" in page and "Hand in week 1" in page
    code, kernels = me.get("/api/kernels")
    assert code == 200 and json.loads(kernels) == []   # the home started no kernel


def test_buttons_need_the_xsrf_token_and_the_name_is_kept(lab):
    layout, address, token = lab
    me = Browser(address)
    me.get(f"/course/home?token={token}")
    code, _reply = me.post("/course/home/name", {"name": "Salma Odeh"}, xsrf=False)
    assert code == 403 and not (layout.workspace / ".course" / "profile.json").exists()
    code, reply = me.post("/course/home/name", {"name": "Salma Odeh"})
    assert code == 200 and "Salma Odeh" in reply["message"]
    assert "Welcome back, <bdi>Salma Odeh</bdi>" in state(me)
    code, reply = me.post("/course/home/name", {"name": "   "})
    assert code == 400 and "write your name" in reply["message"]


def test_a_locked_week_cannot_be_handed_in_from_the_home(lab):
    """The home's Hand in goes through the gated exchange: a locked week is refused with the gate's sentence."""
    layout, address, token = lab
    me = Browser(address)
    me.get(f"/course/home?token={token}")
    (layout.workspace / W3).mkdir(exist_ok=True)
    (layout.workspace / W3 / "assessment.ipynb").write_text("{}")
    code, reply = me.post(f"/course/home/hand-in/{W3}", {})
    assert code == 409 and "Pass week 2" in reply["message"]
    assert not list(layout.root.glob(f"grading/exchange/**/inbound/*{W3}*"))
    code, _reply = me.post("/course/home/hand-in/week9_nothing", {})
    assert code == 404


def test_hand_in_grades_and_the_home_shows_the_result_and_the_next_week(lab):
    """Hand in week 1 with right answers from the home: 'being graded', then passed and week 2 ready,
    in the page's own state (what its script fetches every 2 seconds)."""
    layout, address, token = lab
    me = Browser(address)
    me.get(f"/course/home?token={token}")
    folder = layout.workspace / W1
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", load_key(layout.keys, W1), "full")
    code, reply = me.post(f"/course/home/hand-in/{W1}", {})
    assert code == 200 and "handed in" in reply["message"], reply
    first = state(me)
    week1 = first.split(f'id="{W1}"')[1].split("</section>")[0]
    assert "Hand in week 1" not in week1
    assert "being graded" in week1 or "Passed" in week1
    html = wait_for(lambda: (h := state(me)) and "Course progress: 1 of 4 weeks passed" in h
                    and f'href="lab/tree/{W2}/' in h and h)
    week1 = html.split(f'id="{W1}"')[1].split("</section>")[0]
    assert "Passed" in week1 and "Hand in" not in week1 and "Read your feedback" in week1
    assert "Hand in week 2" in html
    code, text = me.get("/" + re.search(r'href="(files/[^"]+assessment\.html)"', html)[1])
    assert code == 200 and "week" in text.lower(), re.sub(r"<[^>]+>", " ", text)[-800:]


def test_feedback_graded_elsewhere_reaches_the_home_by_itself(lab):
    """In a cohort the grader leaves feedback in the exchange: once the gate is published again, the home fetches
    the week's feedback into the workspace by itself and links it."""
    from course import grading
    layout, address, token = lab
    me = Browser(address)
    me.get(f"/course/home?token={token}")
    wait_for(lambda: (layout.workspace / W2 / "assessment.ipynb").exists())
    fill(layout.workspace / W2 / "assessment.ipynb", layout.week_folder(W2) / "assessment.ipynb",
         load_key(layout.keys, W2), "partial")
    grading.submit(layout, W2, "salma", layout.workspace)
    grading.grade(layout, W2, learners=["salma"])              # no delivery: as a cohort's grader does
    assert not list((layout.workspace / W2).glob("feedback/*/assessment.html"))
    html = wait_for(lambda: (h := state(me)) and ">Read your feedback</a>" in h.split(f'id="{W2}"')[1].split("</section>")[0]
                    and h, seconds=120)
    section = html.split(f'id="{W2}"')[1].split("</section>")[0]
    assert list((layout.workspace / W2).glob("feedback/*/assessment.html")), section
    assert f'href="files/{W2}/feedback/' in html
