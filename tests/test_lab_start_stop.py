"""Starting and stopping the course: a second `course lab` points at the running one instead of starting
another; one Ctrl+C stops the lab cleanly, with a message about the lab (not about grading)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from servers import free_port, stop

from course.scaffold import init_course

pytestmark = pytest.mark.slow


def course(root, *args, env):
    return [sys.executable, "-m", "course", "--root", str(root), *args]


@pytest.fixture
def running(tmp_path):
    """`course lab` started as a learner would (its own process group, as a terminal runs it)."""
    root = tmp_path / "course"
    init_course(root, learner="rasha")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    port = free_port()
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(course(root, "lab", "--no-browser", "--port", str(port), env=env), env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
            break
        except urllib.error.HTTPError:   # 403 without a token: it answers
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
    yield root, env, port, proc, log
    stop(proc)


def test_second_start_points_at_the_running_lab(running):
    """Does a second `course lab` print the running lab's address (with its token) and start nothing?"""
    root, env, port, _proc, _log = running
    second = subprocess.run(course(root, "lab", "--no-browser", "--port", str(free_port()), env=env), env=env,
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stdout
    assert f"http://127.0.0.1:{port}/course/home?token=" in second.stdout \
        or f"http://localhost:{port}/course/home?token=" in second.stdout
    servers = [f for f in os.listdir(env["JUPYTER_RUNTIME_DIR"]) if f.startswith("jpserver-") and f.endswith(".json")]
    assert len(servers) == 1, servers


def test_one_ctrl_c_stops_the_lab_with_a_lab_message(running):
    """Does one Ctrl+C (SIGINT to the terminal's process group) stop the lab without a question, and say so?"""
    _root, _env, port, proc, log = running
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=60) == 0
    text = log.read_text()
    assert "The course has stopped" in text and "make lab" in text
    assert "(y/[n])" not in text and "nothing graded" not in text
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
