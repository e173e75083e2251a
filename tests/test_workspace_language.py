"""The learner's language in the workspace: remembered choice, lessons shown in it, nothing of the learner's lost."""
import json

import nbformat
import pytest

from course.workspace_language import chosen, localise, remember, remembered

W = "week1_facebook"


def _notebook(path, text, graded=False):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(text)
    if graded:
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": "q1", "points": 1, "solution": False}
    nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _text(path):
    return nbformat.read(path, as_version=4).cells[0].source


@pytest.fixture
def workspace(tmp_path):
    """A workspace with week 1 as fetched: a lesson in both languages, one in English only, the assessment."""
    week = tmp_path / W
    _notebook(week / "01_presence.ipynb", "Your presence")
    _notebook(week / "01_presence.ar.ipynb", "حضورك")
    _notebook(week / "02_search.ipynb", "Searching")
    _notebook(week / "assessment.ipynb", "Question one", graded=True)
    (week / "assessment.answers.json").write_text('{"answers": {"q1": "page"}}', encoding="utf-8")
    (week / "my_notes.txt").write_text("mine", encoding="utf-8")
    return tmp_path


def _files(workspace):
    return sorted(p.name for p in (workspace / W).iterdir())


def test_arabic_learner_sees_the_arabic_lesson_under_its_normal_name(workspace):
    """Does an Arabic learner get the Arabic lesson as 01_presence.ipynb, with no .ar file left?"""
    localise(workspace, "ar")
    assert _text(workspace / W / "01_presence.ipynb") == "حضورك"
    assert _text(workspace / W / "02_search.ipynb") == "Searching"   # not translated yet: English
    assert not any(".ar." in name for name in _files(workspace))


def test_english_learner_sees_english_and_no_arabic_file(workspace):
    """Does an English learner keep the English lessons and see no .ar duplicate?"""
    localise(workspace, "en")
    assert _text(workspace / W / "01_presence.ipynb") == "Your presence"
    assert _files(workspace) == ["01_presence.ipynb", "02_search.ipynb", "assessment.answers.json",
                                 "assessment.ipynb", "my_notes.txt"]


def test_switching_back_and_forth_uses_the_learners_own_copies(workspace):
    """After a switch to Arabic and back, is the English lesson shown again, from the workspace alone?"""
    localise(workspace, "ar")
    localise(workspace, "en")
    assert _text(workspace / W / "01_presence.ipynb") == "Your presence"
    localise(workspace, "ar")
    assert _text(workspace / W / "01_presence.ipynb") == "حضورك"


def test_assessment_and_learner_files_are_never_touched(workspace):
    """Do the assessment notebook, its answers and the learner's own files stay byte for byte, in both directions?"""
    week = workspace / W
    before = {n: (week / n).read_bytes() for n in ("assessment.ipynb", "assessment.answers.json", "my_notes.txt")}
    for code in ("ar", "en", "ar"):
        localise(workspace, code)
        assert {n: (week / n).read_bytes() for n in before} == before


def test_an_arabic_assessment_copy_is_never_swapped_in(workspace):
    """If a graded notebook came with an .ar twin, is the one graded notebook left as it is?"""
    _notebook(workspace / W / "assessment.ar.ipynb", "السؤال الأول", graded=True)
    before = (workspace / W / "assessment.ipynb").read_bytes()
    localise(workspace, "ar")
    assert (workspace / W / "assessment.ipynb").read_bytes() == before


def test_an_edited_lesson_is_kept_before_it_is_replaced(workspace):
    """When the learner changed a lesson and then switches language, is their edited copy kept?"""
    localise(workspace, "en")
    _notebook(workspace / W / "01_presence.ipynb", "Your presence, with my own note")
    localise(workspace, "ar")
    kept = list((workspace / ".course" / "lessons" / W / "edited").glob("01_presence.*.ipynb"))
    assert [_text(p) for p in kept] == ["Your presence, with my own note"]
    assert _text(workspace / W / "01_presence.ipynb") == "حضورك"


def test_running_twice_changes_nothing(workspace):
    """Is localising into the language already shown a no-op (no rewrite, no backup)?"""
    assert localise(workspace, "ar")
    assert localise(workspace, "ar") == []
    assert not (workspace / ".course" / "lessons" / W / "edited").exists()


def test_choice_is_remembered_per_workspace(tmp_path, monkeypatch):
    """Is the learner's choice remembered, and does it win over COURSE_LANG, which wins over English?"""
    monkeypatch.delenv("COURSE_LANG", raising=False)
    assert remembered(tmp_path) is None and chosen(tmp_path) == "en"
    monkeypatch.setenv("COURSE_LANG", "ar")
    assert chosen(tmp_path) == "ar"
    remember(tmp_path, "en")
    assert remembered(tmp_path) == "en" and chosen(tmp_path) == "en"
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        remember(tmp_path, "fr")
    assert json.loads((tmp_path / ".course" / "language.json").read_text()) == {"language": "en"}


def test_kernels_and_the_solo_gate_follow_the_switch(tmp_path, monkeypatch):
    """After a switch written to the workspace, do running kernels and the solo learner's gate speak it,
    although the lab was started with COURSE_LANG=en?"""
    from course.grading.publish import language_of
    from course.i18n import _, current_language
    from course.layout import CourseLayout
    path = remember(tmp_path, "ar")
    monkeypatch.setenv("COURSE_LANG", "en")
    monkeypatch.setenv("COURSE_LANG_FILE", str(path))
    assert current_language() == "ar" and _("gate.state.locked") == "مقفل"
    assert language_of(CourseLayout.at(), {}, "solo") == "ar"
    assert language_of(CourseLayout.at(), {"cohort1": {"language": "en"}}, "cohort1") == "en"   # roster wins
    remember(tmp_path, "en")
    assert current_language() == "en"
