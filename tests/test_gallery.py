"""gallery.ipynb: every widget in both modes, for maintainers; it must run headless and leave nothing behind."""
from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from course.layout import CHECKOUT

GALLERY = CHECKOUT / "gallery.ipynb"
WIDGETS = ("SingleChoice", "MultipleChoice", "TrueFalse", "Ordering", "Matching", "TextAnswer",
           "NumberAnswer", "Checklist", "ChartExplorer", "StrategyBuilder")
FACTORIES = ("single_choice", "multiple_choice", "true_false", "ordering", "matching", "text", "number",
             "checklist", "chart")


def test_gallery_is_committed_clean():
    """Is the gallery committed without outputs, its setup and clean-up code collapsed?"""
    nb = nbformat.read(GALLERY, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert code[0].metadata.get("jupyter", {}).get("source_hidden") is True
    assert code[-1].metadata.get("jupyter", {}).get("source_hidden") is True


def test_gallery_shows_every_widget_in_both_modes():
    """Does the gallery build each widget in practice mode and through each assessment factory?"""
    source = "\n".join(c.source for c in nbformat.read(GALLERY, as_version=4).cells if c.cell_type == "code")
    for name in WIDGETS:
        assert f"{name}(" in source, name
    for factory in FACTORIES:
        assert f"assessment.{factory}(" in source, factory
    assert "grading/keys" not in source and "COURSE_KEYS_DIR\"]" not in source


@pytest.mark.slow
def test_gallery_runs_headless_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """Does the gallery run without errors, its temporary answers folder gone afterwards?"""
    scratch_tmp = tmp_path / "tmp"
    scratch_tmp.mkdir()
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy2(GALLERY, folder / "gallery.ipynb")
    monkeypatch.setenv("TMPDIR", str(scratch_tmp))       # the kernel makes its scratch folder here
    monkeypatch.delenv("COURSE_LANG", raising=False)
    nb = nbformat.read(folder / "gallery.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert sorted(p.name for p in folder.iterdir()) == ["gallery.ipynb"]
    assert not [p for p in scratch_tmp.iterdir() if p.name.startswith("course-gallery-")]
