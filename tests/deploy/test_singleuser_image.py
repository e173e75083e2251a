"""deploy/Dockerfile, read as text (docker cannot build here): what goes into the image, and the
learner's side of the course it makes (deploy/singleuser/learner_root.py), made for real."""
from __future__ import annotations

import fnmatch
import html
import importlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
DOCKERFILE = CHECKOUT / "deploy" / "Dockerfile"
# what must never be in a learner's image: answer keys, assessments' declarations, hand-ins, releases,
# gradebooks, the exchange, the week sources (with their src/ answers)
FORBIDDEN = re.compile(r"(^|/)(keys|assessments|exchange|release|submitted|autograded|feedback|source|logs)(/|$)"
                       r"|\.db$|^week\d|^\.$|^\./?$|^grading/?$")


def copied_sources(text: str) -> list[str]:
    """The source paths of every COPY/ADD of a Dockerfile (continuation lines joined)."""
    sources = []
    for line in text.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0].upper() in ("COPY", "ADD"):
            args = [w for w in words[1:] if not w.startswith("--")]
            sources += [a.rstrip("/") or "/" for a in args[:-1]]
    return sources


def forbidden_copies(text: str) -> list[str]:
    return [s for s in copied_sources(text) if FORBIDDEN.search(s) and s != "grading/nbgrader_config.py"]


def jupyterhub_pins(text: str) -> list[str]:
    return re.findall(r"[\"']?jupyterhub==([0-9][^\"'\s]*)", text)


def pyproject_jupyterhub_major() -> str:
    pyproject = (CHECKOUT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'"jupyterhub>=(\d+)', pyproject).group(1)


def test_the_image_copies_no_keys_nor_grading_data():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert copied_sources(text), "the Dockerfile copies nothing: the check would be empty"
    assert forbidden_copies(text) == []
    assert "grading/nbgrader_config.py" in copied_sources(text)


@pytest.mark.parametrize("line", ["COPY grading/ /srv/course/grading/", "COPY . /tmp/src", "ADD grading/keys /k",
                                  "COPY --chown=course grading/gradebook.db /srv/", "COPY week1_facebook /w/",
                                  "COPY course/ grading/assessments/ /tmp/"])
def test_the_check_finds_a_copy_of_grading_data(line):
    assert forbidden_copies(DOCKERFILE.read_text(encoding="utf-8") + "\n" + line + "\n")


def test_the_build_context_leaves_out_everything_the_image_does_not_copy():
    """deploy/Dockerfile.dockerignore: everything out, then only what the Dockerfile copies back in."""
    patterns = [p for p in (CHECKOUT / "deploy" / "Dockerfile.dockerignore").read_text().splitlines()
                if p.strip() and not p.startswith("#")]
    assert patterns[0] == "**"
    allowed = [p[1:].rstrip("/") for p in patterns if p.startswith("!")]
    for source in copied_sources(DOCKERFILE.read_text(encoding="utf-8")):
        assert any(fnmatch.fnmatch(source, a) for a in allowed), f"{source} is not sent to the build"
    assert not any(fnmatch.fnmatch("grading/keys", a) or fnmatch.fnmatch("grading", a) for a in allowed)


def test_jupyterhub_in_the_image_is_the_major_version_pyproject_asks_for():
    pins = jupyterhub_pins(DOCKERFILE.read_text(encoding="utf-8"))
    assert pins == [f"{pyproject_jupyterhub_major()}.*"]
    assert jupyterhub_pins('RUN pip install "jupyterhub==4.*"') == ["4.*"]   # the check reads a pin


def test_the_image_starts_a_learner_server_in_the_learner_view():
    text = DOCKERFILE.read_text(encoding="utf-8")
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    assert cmd == ["python", "-m", "course.hub.singleuser"]
    assert importlib.util.find_spec("course.hub.singleuser") is not None
    assert re.search(r"^USER jovyan$", text, re.M)
    assert "JUPYTER_CONFIG_PATH=/opt/course/hub/learner_config" in text


def test_the_learner_side_of_the_course_holds_settings_only(tmp_path):
    root = tmp_path / "opt-course"
    done = subprocess.run([sys.executable, str(CHECKOUT / "deploy" / "singleuser" / "learner_root.py"),
                           str(CHECKOUT), str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert not [f for f in files if FORBIDDEN.search(f) and f != "grading/nbgrader_config.py"], files
    assert {"syllabus.toml", "START_HERE.ipynb", "grading/nbgrader_config.py",
            "hub/learner_config/nbgrader_config.py"} <= set(files)
    # nbgrader, as a learner's server loads it from JUPYTER_CONFIG_PATH: the hub's exchange client, the course id
    loaded = subprocess.run([sys.executable, "-c", (
        "import json, os\n"
        "from traitlets.config.loader import PyFileConfigLoader\n"
        "c = PyFileConfigLoader('nbgrader_config.py', path=os.environ['CFG']).load_config()\n"
        "print(json.dumps({'factory': dict(c.ExchangeFactory), 'course': c.CourseDirectory.course_id}))")],
        capture_output=True, text=True, env={"CFG": str(root / "hub" / "learner_config"), "PATH": "/usr/bin:/bin"})
    assert loaded.returncode == 0, loaded.stderr
    settings = json.loads(loaded.stdout)
    assert settings["course"]
    for setting in ("list", "fetch_assignment", "submit", "fetch_feedback"):
        module, _, name = settings["factory"][setting].rpartition(".")
        assert module == "course.hub.exchange_client" and hasattr(importlib.import_module(module), name)
    server = json.loads((root / "hub" / "learner_config" / "jupyter_server_config.json").read_text())
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions["course.home_server"] is True
    assert extensions["nbgrader.server_extensions.formgrader"] is False


def test_the_course_home_opens_from_the_learner_side_alone(tmp_path):
    """A learner's server as the image starts it on Kubernetes: COURSE_ROOT is the learner side (no course
    folder, no keys) and the exchange is only a URL; the course home still opens, with every week."""
    from servers import free_port, start, stop
    root = tmp_path / "opt-course"
    subprocess.run([sys.executable, str(CHECKOUT / "deploy" / "singleuser" / "learner_root.py"), str(CHECKOUT),
                    str(root)], check=True, capture_output=True)
    workspace = tmp_path / "home" / "course"
    workspace.mkdir(parents=True)
    port, token = free_port(), "learner-token"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "JUPYTER"))}
    env.update(HOME=str(tmp_path / "home"), COURSE_ROOT=str(root), COURSE_HUB="1", COURSE_LEARNER="lina",
               JUPYTER_CONFIG_PATH=str(root / "hub" / "learner_config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               COURSE_EXCHANGE_URL=f"http://127.0.0.1:{free_port()}/services/exchange/")   # nothing listens
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={workspace}", f"--ServerApp.port={port}",
           "--ServerApp.ip=127.0.0.1", "--ServerApp.open_browser=False", f"--IdentityProvider.token={token}",
           "--allow-root"]
    server, page = start(cmd, f"http://127.0.0.1:{port}/course/home?token={token}", tmp_path / "lab.log", env=env)
    try:
        assert "Your course home" in page
        from course.syllabus import load_syllabus
        weeks = load_syllabus(root / "syllabus.toml").weeks
        assert len(weeks) == 4
        for week in weeks:
            assert html.escape(week.title, quote=False) in page
    finally:
        stop(server)
