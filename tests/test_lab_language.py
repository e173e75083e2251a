"""The learner chooses a language: `course init/lab --language`, remembered, roster, syllabus default;
JupyterLab's menus, START_HERE and the lessons follow it."""
import json

import nbformat
import pytest

from course.cli import build_parser
from course.lab import lab_command, prepare_language
from course.scaffold import copy_course, init_course, learner_language
from course.workspace_language import remember, remembered

pytestmark = pytest.mark.slow
W1 = "week1_facebook"
LESSON = "01_presence_on_facebook.ipynb"
ARABIC_TITLE = "# حضور منظّمتك على فيسبوك"


def fabricate_arabic_lesson(root):
    """An Arabic twin of lesson 1 (until the built Arabic lessons exist in the tree)."""
    source = root / W1 / LESSON
    twin = source.with_name(LESSON.replace(".ipynb", ".ar.ipynb"))
    if twin.exists():
        return
    nb = nbformat.read(source, as_version=4)
    nb.cells[0].source = f'<div dir="rtl" lang="ar">\n\n{ARABIC_TITLE}\n\nدرس تجريبي.\n\n</div>'
    nbformat.write(nb, twin)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    """A solo course set up with `course init --language ar`, with an Arabic lesson 1."""
    root = tmp_path_factory.mktemp("arabic")
    copy_course(root)
    fabricate_arabic_lesson(root)
    return init_course(root, learner="rania", language="ar")


def test_init_in_arabic_gives_an_arabic_workspace(arabic):
    """After `course init --language ar`, is the choice remembered, START_HERE Arabic and right to left,
    lesson 1 Arabic under its normal name, and no .ar file in the week folder?"""
    ws = arabic.workspace
    assert remembered(ws) == "ar"
    home = (ws / "START_HERE.ipynb").read_text(encoding="utf-8")
    assert 'dir=\\"rtl\\"' in home and "أهلاً بك" in home
    twin = arabic.root / W1 / LESSON.replace(".ipynb", ".ar.ipynb")
    assert (ws / W1 / LESSON).read_bytes() == twin.read_bytes()
    assert not list((ws / W1).glob("*.ar.ipynb"))
    assert "nbgrader" in (ws / W1 / "assessment.ipynb").read_text(encoding="utf-8")


def test_lab_environment_and_menus_speak_arabic(arabic):
    """Does `course lab` give the server and kernels COURSE_LANG=ar and the switch's file, and set
    JupyterLab's locale to ar_SA in the learner's lab settings?"""
    _cmd, env = lab_command(arabic, mentor=False, port=9999, open_browser=False)
    assert env["COURSE_LANG"] == "ar"
    assert env["COURSE_LANG_FILE"] == str(arabic.workspace / ".course" / "language.json")
    overrides = json.loads((arabic.learner_config / "labconfig" / "default_setting_overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "ar_SA"}
    # the way back to the course home, first in the File menu, in Arabic
    home = overrides["@jupyterlab/mainmenu-extension:plugin"]["menus"][0]["items"][0]
    assert home["command"] == "help:open" and home["args"]["url"] == "/course/home"
    assert home["args"]["text"] == "الصفحة الرئيسية للدورة (التقدّم والتسليم)"


def test_switching_back_to_english_with_course_lab(arabic):
    """Does `course lab --language en` remember English and put START_HERE, lesson 1 and the menus back?"""
    try:
        assert prepare_language(arabic, "en") == "en"
        ws = arabic.workspace
        assert remembered(ws) == "en"
        assert "Welcome to Social Media for Advocacy" in (ws / "START_HERE.ipynb").read_text(encoding="utf-8")
        assert nbformat.read(ws / W1 / LESSON, as_version=4).cells[0].source.startswith("# Your organisation")
        overrides = json.loads((arabic.learner_config / "labconfig" / "default_setting_overrides.json").read_text())
        assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "en"
        assert prepare_language(arabic) == "en"     # without --language: the remembered one
    finally:
        prepare_language(arabic, "ar")


def test_language_resolution_order(arabic, monkeypatch):
    """Is the language: asked for now, else remembered, else the roster's, else the syllabus default?"""
    import course.scaffold as scaffold
    ws = arabic.workspace
    try:
        assert learner_language(arabic, "rania", "en") == "en"            # asked for
        remember(ws, "ar")
        assert learner_language(arabic, "rania") == "ar"                  # remembered
        (ws / ".course" / "language.json").unlink()
        monkeypatch.setattr(scaffold, "_roster_language", lambda layout, learner: "ar")
        assert learner_language(arabic, "rania") == "ar"                  # the roster's
        monkeypatch.setattr(scaffold, "_roster_language", lambda layout, learner: None)
        assert learner_language(arabic, "rania") == arabic.syllabus.language == "en"   # the syllabus's
        with pytest.raises(ValueError, match="unsupported language 'fr'"):
            learner_language(arabic, "rania", "fr")
    finally:
        remember(ws, "ar")


def test_roster_language_is_read_from_the_course_tables(tmp_path):
    """For a cohort learner, is the roster's language found in the course's own tables?"""
    from course.roster import import_roster
    from course.scaffold import _roster_language
    from course.storage import Ledger
    layout = init_course(tmp_path / "c", solo=False)
    csv = tmp_path / "learners.csv"
    csv.write_text("id,name,country,language,mentor\nhala,Hala,Jordan,ar,\nomar,Omar,Egypt,en,\n", encoding="utf-8")
    ledger = Ledger(layout.db_url)
    try:
        import_roster(ledger, csv)
    finally:
        ledger.close()
    assert _roster_language(layout, "hala") == "ar" and _roster_language(layout, "omar") == "en"
    assert _roster_language(layout, "nobody") is None
    assert learner_language(layout, "hala") == "ar"


def test_cli_takes_language_for_init_and_lab():
    """Do `course init` and `course lab` accept --language en|ar (and refuse another)?"""
    parser = build_parser()
    assert parser.parse_args(["lab", "--language", "ar"]).language == "ar"
    assert parser.parse_args(["init", "--language", "en"]).language == "en"
    assert parser.parse_args(["lab"]).language is None
    with pytest.raises(SystemExit):
        parser.parse_args(["lab", "--language", "fr"])
