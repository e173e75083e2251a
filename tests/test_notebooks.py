"""Every notebook learners open runs from top to bottom without an error."""
import re
from pathlib import Path

import pytest

from course.check import run_notebook
from course.syllabus import load_syllabus

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "START_HERE.ipynb"] + [
    ROOT / w.id / name for w in load_syllabus().weeks for name in (*w.lessons, w.assessment)]
# Lesson notebooks, in both languages, are executed by nbval (`make test` runs pytest --nbval-lax on them).
RUN_HERE = [ROOT / "START_HERE.ipynb"] + [ROOT / w.id / w.assessment for w in load_syllabus().weeks]


@pytest.mark.slow
@pytest.mark.parametrize("path", RUN_HERE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs(path):
    """Does this notebook execute headless without an error?"""
    assert run_notebook(path) is None


def test_make_test_runs_every_built_lesson_with_nbval():
    """Does `make test` hand every lesson notebook, English and Arabic, to nbval in the same pytest run?"""
    import glob
    import subprocess
    out = subprocess.run(["make", "-n", "-o", ".venv/.installed", "-o", "browser", "-o", "sandbox", "test"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "--nbval-lax" in out
    built = sorted(glob.glob("week*_*/[0-9][0-9]_*.ipynb", root_dir=ROOT))
    assert any(name.endswith(".ar.ipynb") for name in built)
    assert all(name in out.split() for name in built)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean(path):
    """Is the notebook committed without outputs, with the code learners need not read collapsed?"""
    import nbformat
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in code
               if "nbgrader" not in c.metadata or not c.metadata["nbgrader"].get("solution"))


LESSONS = [ROOT / w.id / name for w in load_syllabus().weeks for name in w.lessons]
ASK = re.compile(r'^from course\.widgets import AskMentor(;|\n\n)\s*AskMentor\("(?P<lesson>[^"]+)"\)$')


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_lesson_ends_with_an_ask_your_mentor_box_named_after_it(path):
    """Does the lesson end with a Mentor corner and an Ask-your-mentor box that files questions under its own name?"""
    import nbformat
    cells = nbformat.read(path, as_version=4).cells
    asks = [ASK.match(c.source) for c in cells if c.cell_type == "code" and "AskMentor" in c.source]
    assert len(asks) == 1 and asks[0], "one Ask-your-mentor box, called as AskMentor(\"<lesson name>\")"
    assert asks[0]["lesson"] == path.stem
    assert "AskMentor" in cells[-2].source and "## Mentor corner" in cells[-3].source
    assert "**Next:**" in cells[-1].source
