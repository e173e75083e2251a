"""Quiet, clear consoles: no kernel warning in normal output, and a command that serves a page ends by
printing its address alone on the last line (course dashboard, course lab --mentor)."""
from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from servers import free_port, stop

from course.check import run_notebook
from course.serving import kept_lines

TCP_WARNING = "without encryption"

# what JupyterLab, Voila and their kernels printed before (abridged from real runs)
SERVER_OUTPUT = """\
[I 2026-12-02 06:30:10.534 ServerApp] Extension package nbgrader.server_extensions.formgrader took 0.7248s to import
[I 2026-12-02 06:30:10.620 ServerApp] jupyter_lsp | extension was successfully linked.
/venv/lib/python3.11/site-packages/traitlets/traitlets.py:1904: DeprecationWarning: ServerApp.token config is deprecated
  return self._get_trait_default_generator(names[0])(self)  # type:ignore[no-any-return]
[I 2026-12-02 06:30:10.782 ServerApp] Jupyter Server 2.21.1 is running at:
[I 2026-12-02 06:30:10.782 ServerApp] http://127.0.0.1:8931/formgrader?token=86d0
[W 2026-12-02 06:30:11.001 ServerApp] 404 GET /files/missing.png (127.0.0.1) 1.20ms
[Voila] Voilà is running at:
http://127.0.0.1:8932/
[Voila] WARNING | Notebook mentor_dashboard.ipynb is not trusted
[Voila] Kernel started: 8f5fe329-f088-4c7a-9876-6ad372e6d7a6
[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication is sent in plain text.
[E 2026-12-02 06:31:00.000 ServerApp] Uncaught exception GET /formgrader
    Traceback (most recent call last):
      File "x.py", line 1, in <module>
    ValueError: the gradebook is locked
[Voila] ERROR | Kernel died
[I 2026-12-02 06:32:00.000 ServerApp] Shutting down 1 kernel
Traceback (most recent call last):
  File "jupyterlab/__main__.py", line 4, in <module>
RuntimeError: the server crashed
""".splitlines(keepends=True)


def test_the_console_filter_drops_the_servers_chatter_and_keeps_what_matters():
    """Are information records, the unencrypted-TCP kernel warning, Voila's trust note and library
    deprecation notices dropped, while warnings, errors with their tracebacks and unknown lines stay?"""
    kept = "".join(kept_lines(SERVER_OUTPUT))
    assert TCP_WARNING not in kept and "not trusted" not in kept
    assert "successfully linked" not in kept and "is running at" not in kept and "Kernel started" not in kept
    assert "DeprecationWarning" not in kept and "_get_trait_default_generator" not in kept
    assert "8932" not in kept   # Voila's own address line belongs to an information record
    assert "404 GET /files/missing.png" in kept
    assert "Uncaught exception" in kept and "ValueError: the gradebook is locked" in kept
    assert "Kernel died" in kept and "Shutting down" not in kept
    assert "Traceback" in kept and "jupyterlab/__main__.py" in kept and "RuntimeError: the server crashed" in kept


def test_course_check_runs_notebooks_without_the_kernel_warning(tmp_path, capfd):
    """Does running a notebook (as `course check` does) print no "without encryption" warning?"""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    nbformat.write(nb, tmp_path / "n.ipynb")
    assert run_notebook(tmp_path / "n.ipynb") is None
    captured = capfd.readouterr()
    assert TCP_WARNING not in captured.out + captured.err


def course(root, *args):
    return [sys.executable, "-m", "course", "--root", str(root), *args]


def test_the_demo_and_course_grade_print_no_kernel_warning(tmp_path, capfd):
    """Do the demo cohort's grading (as `course demo` runs it) and `course grade` print their report and
    no kernel warning?"""
    from course.demo import run_demo
    root = tmp_path / "course"
    run_demo(root, learners=2)
    demo = capfd.readouterr()
    assert "week4_blogging:" in demo.out
    grade = subprocess.run(course(root, "grade", "week1_facebook"), capture_output=True, text=True, timeout=600)
    assert grade.returncode == 0, grade.stderr
    assert "week1_facebook: graded" in grade.stdout
    for out, err in ((demo.out, demo.err), (grade.stdout, grade.stderr)):
        assert TCP_WARNING not in out + err


def _last_line(log: Path) -> str:
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _serve(cmd: list[str], log: Path, env: dict, address: str) -> subprocess.Popen:
    """Start a `course` command that serves a page; return once its console's last line is an address
    starting with ``address``."""
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 180
    while not _last_line(log).startswith(address):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            pytest.fail(f"{' '.join(cmd[2:])} printed no address:\n{log.read_text()}")
        time.sleep(0.3)
    return proc


def _wait_for_output(log: Path, seconds: float = 8) -> None:
    """Give a kernel that was just started time to print what it prints on starting."""
    size, quiet_since = -1, time.monotonic()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, quiet_since = now, time.monotonic()
        elif time.monotonic() - quiet_since > 3:
            return
        time.sleep(0.3)


@pytest.mark.slow
def test_course_dashboard_ends_with_its_address_alone_even_after_a_visit(tmp_path):
    """Does `course dashboard` print its address alone on the last line, and keep it last (no Voila log,
    no kernel warning) after a mentor opens the page, which starts a kernel?"""
    from course.demo import run_demo
    root = tmp_path / "course"
    run_demo(root, learners=2, out=io.StringIO())
    port = free_port()
    log = tmp_path / "dashboard.log"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    proc = _serve(course(root, "dashboard", "--no-browser", "--port", str(port)), log, env,
                  f"http://127.0.0.1:{port}/")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as page:
            assert page.status == 200
        _wait_for_output(log)
        text = log.read_text()
        assert TCP_WARNING not in text and "[Voila]" not in text, text
        assert _last_line(log) == f"http://127.0.0.1:{port}/", text
    finally:
        stop(proc)


@pytest.mark.slow
def test_course_lab_mentor_ends_with_its_address_alone_even_after_a_kernel_starts(tmp_path):
    """Does `course lab --mentor` print the formgrader's address (with its token) alone on the last line,
    keep it last when a kernel starts, and still stop on one Ctrl+C with its own message?"""
    from course.scaffold import init_course
    root = tmp_path / "course"
    init_course(root, solo=False)
    port = free_port()
    log = tmp_path / "lab.log"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    env.pop("JUPYTER_TOKEN", None)
    proc = _serve(course(root, "lab", "--mentor", "--no-browser", "--port", str(port)), log, env,
                  f"http://127.0.0.1:{port}/formgrader?token=")
    try:
        address = _last_line(log)
        token = re.search(r"token=(\w+)$", address)[1]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/kernels", method="POST",
                                         data=json.dumps({"name": "python3"}).encode(),
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=60) as made:
            assert made.status == 201
        _wait_for_output(log)
        text = log.read_text()
        assert TCP_WARNING not in text and "ServerApp]" not in text, text
        assert _last_line(log) == address
        assert len([line for line in text.splitlines() if line.strip()]) == 2, text
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "The course has stopped" in log.read_text()
    finally:
        stop(proc)
