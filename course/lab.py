"""``course lab``: JupyterLab for the solo learner (on ``START_HERE.ipynb``) or for a mentor.

The learner's lab is rooted at the workspace and sees only the Assignment
List; submitting there grades at once (solo mode). The mentor's lab is rooted
at the course folder, with nbgrader's formgrader for written answers.
"""
from __future__ import annotations

import os
import subprocess
import sys

from .layout import CourseLayout
from .scaffold import HOME_PAGE, default_learner_id, init_course, solo_learner, write_mentor_config


def lab_command(layout: CourseLayout, mentor: bool, port: int, open_browser: bool,
                host: str = "127.0.0.1") -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start the right JupyterLab."""
    env = dict(os.environ)
    config_dir = layout.mentor_config if mentor else layout.learner_config
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(config_dir)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p])
    env["COURSE_ROOT"] = str(layout.root)
    env.setdefault("COURSE_LANG", layout.syllabus.language)
    root_dir = layout.root if mentor else layout.workspace
    default_url = "/formgrader" if mentor else f"/lab/tree/{HOME_PAGE}"
    if not mentor:
        env["COURSE_LEARNER"] = solo_learner(layout) or default_learner_id()
    cmd = [sys.executable, "-m", "jupyterlab",
           f"--ServerApp.root_dir={root_dir}",
           f"--ServerApp.ip={host}",
           f"--ServerApp.port={port}",
           f"--ServerApp.open_browser={open_browser}",
           f"--LabApp.default_url={default_url}"]
    if not mentor:
        # learners work in notebooks; a terminal would reach the instructor's files
        cmd.append("--ServerApp.terminals_enabled=False")
        cmd.append(f"--LabApp.workspaces_dir={layout.learner_config / 'lab-workspaces'}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")   # containers and CI machines often run as root
    return cmd, env


def launch(layout: CourseLayout, learner: str | None = None, mentor: bool = False,
           port: int = 8888, open_browser: bool = True) -> int:
    if mentor:
        write_mentor_config(layout)
    elif not (layout.workspace / HOME_PAGE).exists() or (learner and learner != solo_learner(layout)):
        print("Preparing the course (first start takes a few seconds)…")
        init_course(layout.root, learner=learner)
    cmd, env = lab_command(layout, mentor, port, open_browser)
    print("Starting JupyterLab. Stop it with Ctrl+C.")
    return subprocess.call(cmd, env=env)
