"""A real JupyterLab on 127.0.0.1 with a solo learner, driven by Debian's Chromium through Playwright.

These tests never skip: when Chromium is missing they fail, saying how to
install it (`make test` installs it). A failing test leaves a screenshot in
test-artifacts/, and the log of its JupyterLab when it used one.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from servers import free_port, start, stop

from course.lab import lab_command
from course.layout import CHECKOUT
from course.scaffold import init_course

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TOKEN = "course-browser-tests"
# Flags this kind of machine needs (closed network, running as root, no GPU).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@contextmanager
def learner_lab(tmp_path_factory, learner: str = "lina", language: str | None = None, prepare=None):
    """`course lab` for a fresh solo learner (after `course lab --language` when ``language`` is
    given, and after ``prepare(layout)`` when given), started and stopped; gives (base_url, layout)."""
    root = tmp_path_factory.mktemp("browser-course" if language is None else f"{language}-course")
    layout = init_course(root, learner=learner)
    if language is None:
        shutil.copy(CHECKOUT / "gallery.ipynb", layout.workspace / "gallery.ipynb")
    else:
        from course.lab import prepare_language
        prepare_language(layout, language)              # what `course lab --language` does first
    if prepare is not None:
        prepare(layout)
        if language is not None:
            prepare_language(layout)                    # weeks fetched since, shown in the language too
    port = free_port()
    cmd, env = lab_command(layout, mentor=False, port=port, open_browser=False)
    if language is not None:
        assert env["COURSE_LANG"] == language
    cmd += [f"--IdentityProvider.token={TOKEN}", "--LabApp.expose_app_in_browser=True",
            "--ServerApp.disable_check_xsrf=False"]
    base = f"http://127.0.0.1:{port}"
    proc, _status = start(cmd, f"{base}/api/status?token={TOKEN}", root / "lab.log", env=env)
    try:
        yield base, layout
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One lab for the tests of a module that leave the learner's progress as they found it."""
    with learner_lab(tmp_path_factory) as running:
        yield running


@pytest.fixture
def fresh_lab(tmp_path_factory):
    """A lab of its own, for a test that changes the learner's progress (submits, passes a week)."""
    with learner_lab(tmp_path_factory) as running:
        yield running


@pytest.fixture(scope="module")
def arabic_lab(tmp_path_factory):
    """`course init` then `course lab --language ar` for a fresh solo learner who reads only Arabic."""
    with learner_lab(tmp_path_factory, learner="hala", language="ar") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or "
                    "`apt-get install chromium`. Browser tests are never skipped.")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        for name in ("lab", "fresh_lab", "arabic_lab"):
            if name in request.fixturenames:
                _base, layout = request.getfixturevalue(name)
                if (layout.root / "lab.log").exists():
                    shutil.copy(layout.root / "lab.log", ARTIFACTS / f"{request.node.name}.lab.log")
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
