"""The course home inside the learner's lab server: ``/course/home`` and what its buttons do.

A Jupyter server extension (enabled in the learner's lab by ``course init``):

- ``GET  course/home``               the page (``course/home_page.py``), rendered on the server: no kernel;
- ``GET  course/home/state``         its changing part and a fingerprint; the page asks every 2 seconds;
- ``POST course/home/name``          the learner's name, asked once (``course/learner_profile.py``);
- ``POST course/home/language``      English or Arabic for the course;
- ``POST course/home/hand-in/WEEK``  hands the week's assessment in, as the Assignment List would.

Fetching and handing in run ``nbgrader fetch_assignment`` / ``nbgrader submit`` in a
separate process, with the lab's own configuration: the same gated exchange classes
check the gate (``course/exchange.py``), so the home can do nothing the learner could
not do from nbgrader's own Assignment List, and this server never imports nbgrader.
A week that opens is fetched by itself the next time the page asks for its state.
In a hub (``COURSE_HUB=1``) the learner cannot read the exchange: the gate, the mentor's messages and
the live chats are read through the exchange service into the workspace's ``.course/exchange/``
(``course/hub/service_client.py``).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from . import gate, learner_profile, workspace_language
from .home_page import HANDED_IN, main_html, page, version
from .hub.service_client import ExchangeCopy, HubLearnerLayout, in_hub
from .i18n import LANGUAGES, _, language
from .json_file import write_atomically
from .layout import CourseLayout

FETCH_RETRY_SECONDS = 60
COMMAND_SECONDS = 120


class CourseHome:
    """What the handlers share: the course, the learner, their workspace, the fetches under way."""

    def __init__(self, root: Path, learner: str, workspace: Path):
        self.layout = CourseLayout.at(root)
        self.learner, self.workspace = learner, Path(workspace)
        self.exchange_copy: ExchangeCopy | None = None
        if in_hub():   # the exchange is the course account's alone: what the home shows of it comes from the service
            self.exchange_copy = ExchangeCopy(self.workspace / ".course" / "exchange", self.layout.course_id, learner)
            self.layout = HubLearnerLayout(self.layout.root, exchange_copy=self.exchange_copy.folder)
        self.fetch_started: dict[str, float] = {}
        self.feedback_seen: dict[str, str] = {}   # week -> the gate's publication its feedback was fetched for

    async def refresh_exchange(self) -> None:
        """In a hub, bring the learner's copy of the exchange (gate, messages, live chats) up to date."""
        if self.exchange_copy is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.exchange_copy.refresh)

    def language(self) -> str:
        chosen = workspace_language.remembered(self.workspace) or os.environ.get("COURSE_LANG")
        return chosen if chosen in LANGUAGES else self.layout.syllabus.language

    async def run(self, *args: str) -> tuple[int, str]:
        """``nbgrader ARGS`` in the workspace, with the lab's configuration; (exit code, last line of output)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "nbgrader", *args, "--course", self.layout.course_id,
            cwd=self.workspace, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        try:
            out, _err = await asyncio.wait_for(process.communicate(), COMMAND_SECONDS)
        except asyncio.TimeoutError:
            process.kill()
            return 1, "timed out"
        return process.returncode, _last_reason(out.decode("utf-8", "replace"))

    def fetch_open_weeks(self) -> None:
        """Start fetching every open week not yet in the workspace (once a minute at most per week), and
        a graded week's feedback each time the grader publishes the gate again (in a cohort, feedback
        waits in the exchange; in solo mode the grader delivers it itself and this finds nothing new)."""
        entries = gate.read(self.layout.gate_dir, self.learner) or {}
        published = gate.published_at(self.layout.gate_dir, self.learner)
        for week in self.layout.syllabus.weeks:
            entry = entries.get(week.id)
            if entry is None or not entry.is_open:
                continue
            if not (self.workspace / week.id).exists():
                if time.monotonic() - self.fetch_started.get(week.id, -1e9) >= FETCH_RETRY_SECONDS:
                    self.fetch_started[week.id] = time.monotonic()
                    asyncio.ensure_future(self.run("fetch_assignment", week.id))
            elif entry.score is not None and published and self.feedback_seen.get(week.id) != published:
                self.feedback_seen[week.id] = published
                asyncio.ensure_future(self.run("fetch_feedback", week.id))

    def record_hand_in(self, week_id: str) -> None:
        path = self.workspace / ".course" / HANDED_IN
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            data = {}
        data[week_id] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        write_atomically(path, json.dumps(data))


def _last_reason(output: str) -> str:
    """The sentence that explains a refusal, from nbgrader's output: the gate's own sentence (logged as
    CRITICAL by ``fail``), else the last error line."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    for level in ("| CRITICAL]", "| ERROR]"):
        for line in reversed(lines):
            if level in line:
                return line.split("]", 1)[-1].strip() or line
    return lines[-1] if lines else ""


class _Base(JupyterHandler):
    @property
    def home(self) -> CourseHome:
        return self.settings["course_home"]

    def in_language(self):
        return language(self.home.language())

    def reply(self, status: int, **body) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))

    def body_json(self) -> dict:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "the request is not JSON")
        if not isinstance(data, dict):
            raise web.HTTPError(400, "the request is not a JSON object")
        return data


class HomePage(_Base):
    @web.authenticated
    async def get(self):
        self.xsrf_token   # sets the _xsrf cookie the page's buttons send back
        home = self.home
        await home.refresh_exchange()
        home.fetch_open_weeks()
        with self.in_language():
            text = page(home.layout, home.learner, home.workspace, home.language(), self.base_url)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(text)


class HomeState(_Base):
    @web.authenticated
    async def get(self):
        home = self.home
        await home.refresh_exchange()
        home.fetch_open_weeks()
        with self.in_language():
            inner = main_html(home.layout, home.learner, home.workspace)
            news = _("home2.news")
        fingerprint = version(inner)
        if self.get_argument("v", "") == fingerprint:
            self.reply(200, version=fingerprint)
        else:
            self.reply(200, version=fingerprint, html=inner, news=news)


class LearnerName(_Base):
    @web.authenticated
    def post(self):
        given = self.body_json().get("name", "")
        with self.in_language():
            try:
                name = learner_profile.remember(self.home.workspace, given if isinstance(given, str) else "")
            except ValueError:
                return self.reply(400, message=_("home2.name_empty"))
            return self.reply(200, message=_("home2.name_saved", name=name))


class CourseLanguage(_Base):
    @web.authenticated
    def post(self):
        code = self.body_json().get("language")
        if code not in LANGUAGES:
            raise web.HTTPError(400, "unknown language")
        workspace_language.remember(self.home.workspace, code)
        workspace_language.localise(self.home.workspace, code)
        with language(code):
            self.reply(200, message=_("home2.language_set"), reload=True)


class HandIn(_Base):
    @web.authenticated
    async def post(self, week_id: str):
        home = self.home
        weeks = {w.id: w for w in home.layout.syllabus.weeks}
        if week_id not in weeks:
            raise web.HTTPError(404, "no such week")
        week = weeks[week_id]
        with self.in_language():
            if not (home.workspace / week_id / week.assessment).is_file():
                return self.reply(409, message=_("home2.hand_in_no_assessment", number=week.number))
            code, why = await home.run("submit", week_id)
            if code != 0:
                return self.reply(409, message=_("home2.hand_in_failed", number=week.number, reason=why))
            home.record_hand_in(week_id)
            return self.reply(200, message=_("home2.handed_in", number=week.number))


def _jupyter_server_extension_points():
    return [{"module": "course.home_server"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Add the home's pages to the learner's lab server."""
    root = os.environ.get("COURSE_ROOT")
    learner = os.environ.get("COURSE_LEARNER")
    if not root or not learner:
        serverapp.log.warning("course home: COURSE_ROOT or COURSE_LEARNER is not set; the home is off")
        return
    web_app = serverapp.web_app
    web_app.settings["course_home"] = CourseHome(Path(root), learner, Path(serverapp.root_dir))
    base = url_path_join(web_app.settings["base_url"], "course", "home")
    web_app.add_handlers(".*$", [
        (base, HomePage),
        (url_path_join(base, "state"), HomeState),
        (url_path_join(base, "name"), LearnerName),
        (url_path_join(base, "language"), CourseLanguage),
        (url_path_join(base, r"hand-in/([A-Za-z0-9_.-]+)"), HandIn),
    ])
