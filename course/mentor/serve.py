"""``course dashboard``: the mentor dashboard notebook, served by Voila on this computer only.

Voila runs ``grading/mentor_dashboard.ipynb`` (the course root's own copy when
it has one, else this checkout's) in a fresh kernel for each visit and shows
its outputs and widgets without the code. The course root reaches the kernel
as ``COURSE_ROOT``. The server listens on 127.0.0.1 only: the page shows
learners' names and scores, so it is not offered to the network. Voila's own log
and its kernels' warnings are kept out of the console (:mod:`course.serving`): the
last line printed is the address, once the page answers.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from .. import serving
from ..layout import CHECKOUT, CourseLayout
from .data import DashboardError, require_gradebook

NOTEBOOK = Path("grading") / "mentor_dashboard.ipynb"
DEFAULT_PORT = 8866
HOST = "127.0.0.1"


def dashboard_notebook(layout: CourseLayout) -> Path:
    """The course root's own dashboard notebook when it has one, else the checkout's."""
    for candidate in (layout.root / NOTEBOOK, CHECKOUT / NOTEBOOK):
        if candidate.is_file():
            return candidate
    raise DashboardError(f"the dashboard notebook {NOTEBOOK} is missing from {layout.root} and from "
                         f"{CHECKOUT}; restore it from the course's repository")


def voila_command(layout: CourseLayout, port: int = DEFAULT_PORT, open_browser: bool = True,
                  host: str = HOST, language: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve the dashboard of ``layout``'s course (question
    titles in ``language``, default: the course's)."""
    env = dict(os.environ)
    env["COURSE_ROOT"] = str(layout.root)
    if language:
        env["COURSE_LANG"] = language
    env.setdefault("PYTHONWARNINGS", "ignore")
    cmd = [sys.executable, "-m", "voila", str(dashboard_notebook(layout)),
           f"--port={port}", f"--Voila.ip={host}", f"--Voila.open_browser={open_browser}",
           "--strip_sources=True", "--theme=light", "--show_tracebacks=False", *serving.quiet_options("Voila")]
    return cmd, env


def free_port(wanted: int, host: str = HOST) -> int:
    """``wanted`` when nothing listens there, else a free port the system picks."""
    for port in (wanted, 0):
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise DashboardError(f"no free port on {host}")


def known_mentor(layout: CourseLayout, mentor: str | None) -> str | None:
    """``mentor`` when the roster has a mentor of that id, else None (the queue then lists everyone)."""
    from ..storage import Ledger
    if not mentor:
        return None
    ledger = Ledger(layout.db_url)
    try:
        return mentor if mentor in ledger.mentors() else None
    finally:
        ledger.close()


def page_language(layout: CourseLayout, mentor: str | None, language: str | None) -> str:
    """The marking page's language: ``--language``, else the first of the mentor's languages in the
    roster (``ar en`` reads Arabic), else the course's."""
    from ..storage import Ledger
    if language:
        return language
    if mentor:
        ledger = Ledger(layout.db_url)
        try:
            spoken = ((ledger.mentors().get(mentor) or {}).get("languages") or "").split()
        finally:
            ledger.close()
        if spoken and spoken[0] in ("en", "ar"):
            return spoken[0]
    return layout.syllabus.language


def serve(layout: CourseLayout, port: int = DEFAULT_PORT, open_browser: bool = True,
          language: str | None = None, mentor: str | None = None) -> int:
    """Serve the dashboard until Ctrl+C (or SIGTERM), and the marking page beside it (the next free
    port; ``mentor``'s learners first); raises :class:`DashboardError` when the course has no
    gradebook yet. Returns Voila's exit status."""
    from .marking_page import serve_in_thread
    require_gradebook(layout)
    chosen = free_port(port)
    if chosen != port:
        print(f"Port {port} is in use (another dashboard?); using {chosen} instead.", flush=True)
    marking_port = free_port(chosen + 1)
    mentor = known_mentor(layout, mentor)
    serve_in_thread(layout, HOST, marking_port, mentor, page_language(layout, mentor, language))
    print(f"Marking queue, learners' questions and notes: http://{HOST}:{marking_port}/", flush=True)
    cmd, env = voila_command(layout, chosen, open_browser, language=language)
    cmd.append("--Voila.port_retries=0")   # the address printed below is the one served
    print(f"Mentor dashboard of {layout.root} (stop it with Ctrl+C); open this address:", flush=True)
    proc = serving.start_quietly(cmd, env)
    address = f"http://{HOST}:{chosen}/"

    def stop(_signum, _frame):
        proc.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        serving.announce(proc, lambda: address if serving.listening(HOST, chosen) else None)
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        serving.finish_output(proc)
