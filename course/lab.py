"""``course lab``: JupyterLab for the solo learner (opening on the course home) or for a mentor.

The learner's lab is rooted at the workspace and opens on the course home
(``/course/home``, see ``course/home_server.py``), where weeks are handed in;
handing in grades at once (solo mode). It speaks the learner's
language (``--language``, remembered for the workspace; else the roster's, else
the syllabus default): ``COURSE_LANG`` for the server and kernels, JupyterLab's
menus, START_HERE and the lessons. The mentor's lab is rooted at the course
folder, with nbgrader's formgrader for written answers.
"""
from __future__ import annotations

import os
import subprocess
import sys

from .layout import CourseLayout
from . import serving, workspace_language
from .scaffold import (HOME_PAGE, HOME_URL, default_learner_id, init_course, learner_language, solo_learner,
                       use_language, write_mentor_config)


def lab_command(layout: CourseLayout, mentor: bool, port: int, open_browser: bool,
                host: str = "127.0.0.1", language: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start the right JupyterLab (the learner's in ``language``,
    default: the learner's own, see :func:`course.scaffold.learner_language`)."""
    env = dict(os.environ)
    config_dir = layout.mentor_config if mentor else layout.learner_config
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(config_dir)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p])
    env["COURSE_ROOT"] = str(layout.root)
    env.setdefault("COURSE_LANG", layout.syllabus.language)
    root_dir = layout.root if mentor else layout.workspace
    default_url = "/formgrader" if mentor else HOME_URL
    if not mentor:
        env["COURSE_LEARNER"] = solo_learner(layout) or default_learner_id()
        env["COURSE_LANG"] = learner_language(layout, env["COURSE_LEARNER"], language)
        # the switch on START_HERE writes this file; kernels and the solo grader follow it
        env["COURSE_LANG_FILE"] = str(layout.workspace / workspace_language.STATE_DIR / "language.json")
    cmd = [sys.executable, "-m", "jupyterlab",
           f"--ServerApp.root_dir={root_dir}",
           f"--ServerApp.ip={host}",
           f"--ServerApp.port={port}",
           f"--ServerApp.open_browser={open_browser}",
           f"--LabApp.default_url={default_url}",
           "--ServerApp.answer_yes=True"]   # one Ctrl+C stops the lab, without "Shut down (y/[n])?"
    if not mentor:
        # learners work in notebooks; a terminal would reach the instructor's files
        cmd.append("--ServerApp.terminals_enabled=False")
        cmd.append(f"--LabApp.workspaces_dir={layout.learner_config / 'lab-workspaces'}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")   # containers and CI machines often run as root
    return cmd, env


def launch(layout: CourseLayout, learner: str | None = None, mentor: bool = False,
           port: int = 8888, open_browser: bool = True, language: str | None = None) -> int:
    if mentor:
        write_mentor_config(layout)
    elif not (layout.workspace / HOME_PAGE).exists() or (learner and learner != solo_learner(layout)):
        print("Preparing the course (first start takes a few seconds)…")
        init_course(layout.root, learner=learner, language=language)
    else:
        prepare_language(layout, language)
    already = running_lab(layout, mentor)
    if already is not None:
        print(f"The course is already running. Open this address in your browser:\n\n    {already}\n\n"
              "(To stop it, press Ctrl+C in the window where it was started.)")
        if open_browser:
            import webbrowser
            webbrowser.open(already)
        return 0
    cmd, env = lab_command(layout, mentor, port, open_browser)
    print("Starting the course in JupyterLab. To stop it, press Ctrl+C once in this window.", flush=True)
    # the server's own log and its kernels' warnings stay out of the console; the address comes last
    server = serving.start_quietly(cmd + serving.quiet_options("ServerApp"), serving.quiet_environment(env))
    try:
        serving.announce(server, lambda: serving.server_address(
            server.pid, "/formgrader" if mentor else HOME_URL))
        return server.wait()
    except KeyboardInterrupt:   # JupyterLab got the same Ctrl+C and shuts down without asking (answer_yes)
        try:
            server.wait(timeout=30)
        except (KeyboardInterrupt, subprocess.TimeoutExpired):
            server.kill()
            server.wait()
        serving.finish_output(server)
        where = layout.root if mentor else layout.workspace
        print(f"\nThe course has stopped. Everything you saved is kept in {where}.\n"
              "Start it again with `make lab` (or `course lab`).")
        return 0


def running_lab(layout: CourseLayout, mentor: bool = False) -> str | None:
    """The address (with its token) of a JupyterLab already serving this learner's workspace (or, for
    ``mentor``, this course folder) on this computer, if one is running."""
    from jupyter_server.serverapp import list_running_servers
    root_dir = os.path.realpath(layout.root if mentor else layout.workspace)
    for info in list_running_servers():
        if os.path.realpath(info.get("root_dir", "")) == root_dir:
            token = info.get("token")
            url = info.get("url", "").rstrip("/")
            default = "/formgrader" if mentor else HOME_URL
            return f"{url}{default}" + (f"?token={token}" if token else "")
    return None


def prepare_language(layout: CourseLayout, language: str | None = None) -> str:
    """Remember ``language`` (if given) for the solo learner's workspace, and put the home page,
    the lessons and JupyterLab's menus in the learner's language; returns it."""
    learner = solo_learner(layout) or default_learner_id()
    chosen = learner_language(layout, learner, language)
    if language:
        workspace_language.remember(layout.workspace, chosen)
    use_language(layout, chosen)
    return chosen
