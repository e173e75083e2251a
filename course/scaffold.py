"""``course init``: make a folder a ready course, and set up the solo learner's workspace.

A new root gets a copy of the week folders, the answer keys, the nbgrader
config and the syllabus (so a cohort can edit its own dates); the checkout
itself is used as it is. Then every week is released, and in solo mode the
learner's JupyterLab configuration, home page and week 1 are put in place.
"""
from __future__ import annotations

import getpass
import json
import re
import shutil
import sys
from pathlib import Path

from . import grading, i18n, workspace_language
from .i18n import LANGUAGES, _
from .layout import CHECKOUT, CourseLayout
from .syllabus import PACKAGED_SYLLABUS, load_syllabus

HOME_PAGE = "START_HERE.ipynb"
_LEARNER_ID = re.compile(r"[^A-Za-z0-9_.@-]+")

# nbgrader's instructor tools are hidden from learners and shown to mentors.
_INSTRUCTOR_LAB_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                           "@jupyter/nbgrader:course-list"]
_INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader",
                                 "nbgrader.server_extensions.course_list"]
# Learners find, open and hand in their weeks on the course home (course/home_server.py), which
# shows each week under its title and no Submit for a week already passed; nbgrader's Assignment
# List and its menu (raw week ids, Submit always active) stay for mentors and maintainers.
_LEARNER_HIDDEN_LAB_PLUGINS = ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"]
HOME_SERVER_EXTENSION = "course.home_server"
HOME_URL = "/course/home"
_LEARNER_HIDDEN_MENUS = ["jp-mainmenu-tabs", "jp-mainmenu-settings", "jp-mainmenu-help"]
# JupyterLab's own menus: the locale of the installed language pack (jupyterlab-language-pack-ar-SA).
LAB_LOCALES = {"en": "en", "ar": "ar_SA"}


def default_learner_id() -> str:
    """The solo learner's id: the computer's user name, made safe for nbgrader."""
    try:
        name = getpass.getuser()
    except Exception:  # no user name in some containers
        name = "learner"
    return _LEARNER_ID.sub("_", name).strip("_") or "learner"


def copy_course(root: Path, source: Path = CHECKOUT) -> None:
    """Copy the course material of ``source`` (default: this checkout) into a new root,
    never overwriting what is already there."""
    source_syllabus = source / "syllabus.toml"
    syllabus_file = source_syllabus if source_syllabus.exists() else PACKAGED_SYLLABUS
    syllabus = load_syllabus(syllabus_file)
    root.mkdir(parents=True, exist_ok=True)
    for week in syllabus.weeks:
        dest = root / week.id
        if not dest.exists():
            shutil.copytree(source / week.id, dest,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.answers.json*",
                                                          "mentor_questions.json*"))
    (root / "grading").mkdir(exist_ok=True)
    if not (root / "grading" / "nbgrader_config.py").exists():
        shutil.copy2(source / "grading" / "nbgrader_config.py", root / "grading" / "nbgrader_config.py")
    if not (root / "grading" / "keys").exists():
        shutil.copytree(source / "grading" / "keys", root / "grading" / "keys")
    if (source / "grading" / "assessments").exists() and not (root / "grading" / "assessments").exists():
        shutil.copytree(source / "grading" / "assessments", root / "grading" / "assessments")
    if not (root / "syllabus.toml").exists():
        shutil.copy2(syllabus_file, root / "syllabus.toml")
    home = source / HOME_PAGE if (source / HOME_PAGE).exists() else CHECKOUT / HOME_PAGE
    if not (root / HOME_PAGE).exists():
        shutil.copy2(home, root / HOME_PAGE)


def init_course(root: Path | str | None = None, learner: str | None = None,
                solo: bool = True, language: str | None = None) -> CourseLayout:
    """Create (or refresh) a course at ``root``, release every week and, for solo mode,
    prepare the learner's workspace with week 1 fetched (in ``language``, remembered, if given)."""
    layout = CourseLayout.at(root)
    if layout.root != CHECKOUT.resolve():
        copy_course(layout.root)
    layout.require()
    grading.release_all(layout)
    if solo:
        setup_workspace(layout, learner or default_learner_id(), language)
    write_mentor_config(layout)
    return layout


def setup_workspace(layout: CourseLayout, learner: str, language: str | None = None) -> Path:
    """The solo learner's JupyterLab root: home page, config, and the first week, in the learner's
    language (``language`` is remembered for the workspace when given)."""
    workspace = layout.workspace
    workspace.mkdir(parents=True, exist_ok=True)
    if language:
        workspace_language.remember(workspace, language)
    language = learner_language(layout, learner)
    write_learner_config(layout, learner, language)
    first = layout.syllabus.weeks[0].id
    if not (workspace / first).exists():
        grading.fetch(layout, first, learner, workspace)
    use_language(layout, language)
    return workspace


def learner_language(layout: CourseLayout, learner: str | None = None, requested: str | None = None) -> str:
    """The learner's language: asked for now, else remembered for the workspace, else the roster's,
    else the syllabus default."""
    if requested:
        if requested not in LANGUAGES:
            raise ValueError(f"unsupported language {requested!r}; choose one of {', '.join(LANGUAGES)}")
        return requested
    return (workspace_language.remembered(layout.workspace) or _roster_language(layout, learner)
            or layout.syllabus.language)


def _roster_language(layout: CourseLayout, learner: str | None) -> str | None:
    if not learner:
        return None
    from .storage import Ledger
    try:
        ledger = Ledger(layout.db_url)
        try:
            language = (ledger.roster().get(learner) or {}).get("language")
        finally:
            ledger.close()
    except Exception:   # no gradebook yet: no roster
        return None
    return language if language in LANGUAGES else None


def use_language(layout: CourseLayout, language: str) -> None:
    """Put the solo learner's home page, lessons and JupyterLab's menus in ``language``."""
    from .home import home_notebook_text
    workspace = layout.workspace
    home, source_home = workspace / HOME_PAGE, layout.root / HOME_PAGE
    if not source_home.exists():
        source_home = CHECKOUT / HOME_PAGE
    text = source_home.read_text(encoding="utf-8")
    if text == home_notebook_text("en"):   # the course's own page (not a cohort's): in the learner's language
        text = home_notebook_text(language)
    if not home.exists() or home.read_text(encoding="utf-8") != text:
        home.write_text(text, encoding="utf-8")
    write_lab_locale(layout.learner_config, language)
    workspace_language.localise(workspace, language)


def write_learner_config(layout: CourseLayout, learner: str, language: str | None = None) -> Path:
    """Jupyter config for the solo learner's lab: gated exchange, grading on submit, menus in ``language``."""
    folder = layout.learner_config
    folder.mkdir(parents=True, exist_ok=True)
    log = layout.logs / "solo-grading.log"
    layout.logs.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "course", "--root", str(layout.root), "grade",
               "{assignment_id}", "--learner", "{student_id}", "--deliver-to", str(layout.workspace)]
    (folder / "nbgrader_config.py").write_text(
        "# Written by `course init` for the solo learner's JupyterLab. Do not edit; run init again.\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(layout.nbgrader_config_file)!r})  # noqa: F821\n"
        f"c.CourseDirectory.student_id = {learner!r}\n"
        f"c.Exchange.assignment_dir = {str(layout.workspace)!r}\n"
        f"c.GatedExchangeSubmit.grade_command = {command!r}\n"
        f"c.GatedExchangeSubmit.grade_log = {str(log)!r}\n",
        encoding="utf-8")
    _write_lab_switches(folder, instructor=False)
    write_lab_locale(folder, language or learner_language(layout, learner))
    _write_learner_workspace(folder)
    (folder / "learner.json").write_text(json.dumps({"learner": learner}), encoding="utf-8")
    return folder


def write_mentor_config(layout: CourseLayout) -> Path:
    """Jupyter config for a mentor's lab: the course's nbgrader config with the formgrader on."""
    folder = layout.mentor_config
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        "# Written by `course init` for mentors' JupyterLab. Do not edit; run init again.\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(layout.nbgrader_config_file)!r})  # noqa: F821\n",
        encoding="utf-8")
    _write_lab_switches(folder, instructor=True)
    return folder


def solo_learner(layout: CourseLayout) -> str | None:
    path = layout.learner_config / "learner.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["learner"]
    except (OSError, ValueError, KeyError):
        return None


def _write_learner_workspace(folder: Path) -> None:
    """JupyterLab's first layout for a learner: nothing open but the lesson asked for, the side panels
    folded, so the notebook has the whole width (on a phone too). The folder icon opens the files."""
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, slugify
    workspaces = folder / "lab-workspaces"
    workspaces.mkdir(exist_ok=True)
    layout = {
        "data": {
            "layout-restorer:data": {
                "main": {"dock": None},
                "left": {"collapsed": True, "visible": True, "widgets": ["filebrowser"]},
                "right": {"collapsed": True, "visible": True, "widgets": []},
            },
        },
        "metadata": {"id": "default"},
    }
    path = workspaces / f"{slugify('default')}{WORKSPACE_EXTENSION}"
    if not path.exists():   # never undo the learner's own arrangement
        path.write_text(json.dumps(layout, indent=1), encoding="utf-8")


def write_lab_locale(folder: Path, language: str, base_url: str = "/") -> Path:
    """The learner's JupyterLab settings (defaults the learner can still change): menus in ``language``;
    a "Course home" item first in the File menu (the home opens in a browser tab of its own); no Tabs,
    Settings or Help menu, so the menu bar fits a 390 px phone (the course home has the language switch);
    the notebook saved every 15 seconds, so what is handed in from the home is what was typed; the
    notebook's own kernel started without a question."""
    path = folder / "labconfig" / "default_setting_overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    with i18n.language(language):
        home_label = _("home2.menu_item")
    menus = [{"id": "jp-mainmenu-file", "items": [
                 {"command": "help:open", "rank": 0,
                  "args": {"url": f"{base_url.rstrip('/')}{HOME_URL}", "text": home_label, "newBrowserTab": True}},
                 {"type": "separator", "rank": 0.5}]}]
    menus += [{"id": menu, "disabled": True} for menu in _LEARNER_HIDDEN_MENUS]
    path.write_text(json.dumps({
        "@jupyterlab/translation-extension:plugin": {"locale": LAB_LOCALES.get(language, "en")},
        "@jupyterlab/mainmenu-extension:plugin": {"menus": menus},
        "@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": 15},
        # a lesson opened while the lab is still loading starts its kernel, never asks "Select Kernel"
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
    }, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def _write_lab_switches(folder: Path, instructor: bool) -> None:
    (folder / "labconfig").mkdir(exist_ok=True)
    disabled = {p: not instructor for p in _INSTRUCTOR_LAB_PLUGINS}
    disabled.update({p: not instructor for p in _LEARNER_HIDDEN_LAB_PLUGINS})
    disabled["@jupyterlab/apputils-extension:announcements"] = True   # no news pop-ups
    (folder / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": disabled}, indent=1))
    extensions = {e: instructor for e in _INSTRUCTOR_SERVER_EXTENSIONS}
    extensions[HOME_SERVER_EXTENSION] = not instructor
    (folder / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": extensions}}, indent=1))
