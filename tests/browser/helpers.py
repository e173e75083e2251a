"""Small actions on a JupyterLab page, shared by the browser tests.

Every page starts in a workspace of its own, reset (``/lab/workspaces/<test>...?reset``):
JupyterLab would otherwise restore the layout an earlier test left in the default
workspace, and that restore, when the server is slow, lands after the test has opened
a panel and closes it. Every wait is for a condition (polled, where only the server's files
or a refreshed list can tell), never a fixed sleep.
"""
from __future__ import annotations

import os
import re
import time

from .conftest import TOKEN

ASSIGNMENT_LIST = "nbgrader:open-assignment-list"

# Generous, for a machine busy with other tests (`make test` runs two workers on two cores).
APP_TIMEOUT = 120_000     # the lab's page loads, its plugins start and its (empty) layout is restored
KERNEL_TIMEOUT = 180_000  # a kernel's first start
RUN_TIMEOUT = 180_000     # every cell of a notebook runs
GRADING_TIMEOUT_S = 300   # a submission is graded in the background (nbgrader) and the result delivered


def workspace_name() -> str:
    """A JupyterLab workspace name ([\\w-]+) of the running test's own."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "browser-test").split(" ")[0].split("::")[-1]
    return re.sub(r"[^\w-]+", "-", test).strip("-")[:80] or "browser-test"


def lab_url(base: str, path: str | None = None) -> str:
    """The address of a fresh (reset) workspace of the running test, opening ``path`` if given."""
    tree = f"/tree/{path}" if path else ""
    return f"{base}/lab/workspaces/{workspace_name()}{tree}?reset&token={TOKEN}"


def wait_for_app(page, commands: tuple[str, ...] = (), timeout: int = APP_TIMEOUT) -> None:
    """Wait until JupyterLab has started, restored its layout and registered ``commands``.

    ``window.jupyterapp`` exists before any plugin has started, and the layout restore
    runs after the shell is shown: a panel opened before it ends is closed by it.
    """
    page.wait_for_function(
        """(commands) => {
            const app = window.jupyterapp; if (!app) return false;
            if (window.__courseAppReady === undefined) {
                window.__courseAppReady = false;
                Promise.all([app.started, app.restored]).then(() => { window.__courseAppReady = true; });
            }
            return window.__courseAppReady && commands.every(c => app.commands.hasCommand(c));
        }""", arg=list(commands), timeout=timeout)


def open_lab(page, base: str, commands: tuple[str, ...] = ()) -> None:
    """Open JupyterLab in a fresh workspace; wait until it is ready and ``commands`` exist."""
    page.goto(lab_url(base))
    wait_for_app(page, commands)


def open_notebook(page, base: str, path: str) -> None:
    """Open a notebook in a fresh JupyterLab workspace and wait until its kernel is idle."""
    page.goto(lab_url(base, path))
    wait_for_app(page)
    page.wait_for_function(
        """(path) => {
            const w = window.jupyterapp.shell.currentWidget;
            return !!(w && w.context && w.context.path === path);
        }""", arg=path, timeout=APP_TIMEOUT)
    wait_for_kernel_idle(page)


def wait_for_kernel_idle(page, timeout: int = KERNEL_TIMEOUT) -> None:
    page.wait_for_function(
        """() => {
            const app = window.jupyterapp; if (!app) return false;
            const w = app.shell.currentWidget;
            const s = w && w.sessionContext;
            const k = s && s.session && s.session.kernel;
            return !!(k && s.isReady && k.status === 'idle');
        }""", timeout=timeout)


def command(page, name: str, args: dict | None = None) -> int:
    """Start a JupyterLab command (as its menu item would) without waiting for it to finish.

    Returns a handle for `wait_for_command`. A command that does not exist is an error
    here, not a silent no-op.
    """
    return page.evaluate(
        """([n, a]) => {
            const app = window.jupyterapp;
            if (!app.commands.hasCommand(n)) throw new Error(`JupyterLab has no command ${n}`);
            const runs = window.__courseCommands = window.__courseCommands || [];
            const run = {done: false, error: null};
            runs.push(run);
            app.commands.execute(n, a || {}).then(
                () => { run.done = true; },
                (e) => { run.done = true; run.error = String(e && e.stack || e); });
            return runs.length - 1;
        }""", [name, args])


def wait_for_command(page, handle: int, timeout: int = RUN_TIMEOUT) -> None:
    """Wait until the command started by `command` has finished; raise if it failed."""
    page.wait_for_function("(i) => window.__courseCommands[i].done", arg=handle, timeout=timeout)
    error = page.evaluate("(i) => window.__courseCommands[i].error", handle)
    assert error is None, f"the JupyterLab command failed: {error}"


def wait_for_cells_run(page, timeout: int = RUN_TIMEOUT) -> None:
    """Wait until every code cell of the current notebook has run and none is running."""
    page.wait_for_function(
        """() => {
            const nb = window.jupyterapp.shell.currentWidget.content;
            const cells = nb.widgets.filter(c => c.model.type === 'code');
            return cells.every(c => c.model.executionCount !== null && !c.node.querySelector('.jp-InputPrompt')?.textContent.includes('*'));
        }""", timeout=timeout)


def run_all(page) -> None:
    """Run every cell and wait until the last one has finished.

    The command's promise ends when every cell has run: outputs left from an earlier
    run (a notebook saved with outputs) cannot pass for this run's.
    """
    wait_for_command(page, command(page, "notebook:run-all-cells"))
    wait_for_cells_run(page)


def refresh_assignment_list(page, timeout: int = 60_000) -> None:
    """Press the Assignment List's refresh button and wait until the list has loaded again."""
    page.locator("#refresh_assignments_list").click()
    wait_for_assignment_list(page, timeout)


def wait_for_assignment_list(page, timeout: int = 60_000) -> None:
    """Wait until the Assignment List has loaded (its 'Loading, please wait...' is hidden)."""
    page.wait_for_function(
        """() => {
            const ids = ['released_assignments_list_loading', 'fetched_assignments_list_loading',
                         'submitted_assignments_list_loading'];
            return ids.every(id => { const e = document.getElementById(id); return e && e.hidden; });
        }""", timeout=timeout)


def open_assignment_list(page, base: str) -> None:
    """Open the Assignment List (nbgrader's, as its menu item does) in a fresh lab; wait until it has loaded."""
    open_lab(page, base, commands=(ASSIGNMENT_LIST,))
    wait_for_command(page, command(page, ASSIGNMENT_LIST))
    wait_for_assignment_list(page)


def open_home(page, base: str) -> None:
    """Open the course home as `make lab` does (the server's own page, no kernel)."""
    page.goto(f"{base}/course/home?token={TOKEN}")
    page.locator("#ch-main").wait_for()


def hand_in_on_home(page, base: str, week_id: str, timeout_s: float = GRADING_TIMEOUT_S) -> None:
    """Press the week's Hand in button on the course home and wait until the home, refreshing by itself
    (no reload, no keystroke), shows the week graded: 'being graded' gone and a score in its status."""
    open_home(page, base)
    section = page.locator(f"section#{week_id}")
    section.locator("form.ch-hand-in button").click()
    page.locator("#ch-live").filter(has_text=re.compile(r"\S")).wait_for(timeout=120_000)
    page.wait_for_function(
        """(id) => { const s = document.getElementById(id);
                     return s && !/being graded|يجري تصحيح/.test(s.innerText)
                            && /\d+\/\d+/.test(s.querySelector('.ch-status').innerText); }""",
        arg=week_id, timeout=timeout_s * 1000)


def refresh_until(page, locator, timeout_s: float = GRADING_TIMEOUT_S, every_s: float = 2.0) -> None:
    """Refresh the Assignment List until ``locator`` matches or ``timeout_s`` has passed
    (the caller asserts what it expects). ``every_s`` spaces the requests to the server."""
    deadline = time.monotonic() + timeout_s
    while True:
        refresh_assignment_list(page)
        if locator.count() or time.monotonic() > deadline:
            return
        page.wait_for_timeout(every_s * 1000)


def wait_until(condition, timeout_s: float = GRADING_TIMEOUT_S, every_s: float = 1.0):
    """Check ``condition()`` (on files the server writes) every ``every_s`` seconds until it gives
    something true or ``timeout_s`` has passed; return its last value (the caller asserts it)."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every_s)


def visible_text(page) -> str:
    """What a notebook shows its reader: rendered markdown and cell outputs (code is collapsed)."""
    parts = page.locator(".jp-Notebook .jp-MarkdownOutput, .jp-Notebook .jp-OutputArea-output")
    return "\n".join(parts.all_inner_texts())
