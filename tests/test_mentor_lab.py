"""The mentors' JupyterLab: nbgrader's formgrader is there (and only there), on the course's gradebook."""
import subprocess
import time
import urllib.request

import pytest

from course.lab import lab_command
from course.scaffold import write_mentor_config

pytestmark = pytest.mark.slow
TOKEN = "mentor-test"


def start(layout, mentor, port):
    cmd, env = lab_command(layout, mentor=mentor, port=port, open_browser=False)
    proc = subprocess.Popen(cmd + [f"--IdentityProvider.token={TOKEN}"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("JupyterLab did not start")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


def test_formgrader_for_mentors_not_for_learners(layout):
    """Does the mentor's lab serve the formgrader with the course's weeks, and the learner's lab not?"""
    write_mentor_config(layout)
    proc, base = start(layout, mentor=True, port=18931)
    try:
        status, _ = get(f"{base}/formgrader?token={TOKEN}")
        assert status == 200
        status, body = get(f"{base}/formgrader/api/assignments?token={TOKEN}")
        assert status == 200 and "week1_facebook" in body and "week4_blogging" in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    from course.scaffold import setup_workspace
    setup_workspace(layout, "learner_x")
    proc, base = start(layout, mentor=False, port=18932)
    try:
        assert get(f"{base}/formgrader?token={TOKEN}")[0] == 404
    finally:
        proc.terminate()
        proc.wait(timeout=20)
